// question: a question as data and the vocabulary it is written in. Owns the Question shape (equality
// columns, at most one range column, the wanted order, the returned columns, what makes an answer row
// unique), play field names as column names, the column each play field becomes (with its CQL type) and
// a question with every name in that vocabulary. Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { PLAY_COLUMNS, type PlayColumn } from '../etl/events';
import type { ClusteringOrder, CqlType } from '../model/tables';

/** A question as data. Column names are the tables' snake_case names; play field names (`sessionId`) are accepted too. */
export interface Question {
  /** Short label, e.g. `Q1`. */
  name: string;
  /** The question in words. */
  text: string;
  /** Columns restricted by equality (`= ?`), in order. */
  equals: string[];
  /** At most one column restricted by a range (`>= ? AND <= ?`). */
  range?: string;
  /** The order the answer must come in. */
  orderBy?: { column: string; order: ClusteringOrder };
  /** Columns returned, in order. */
  returns: string[];
  /** Columns that identify one answer row: a table whose key does not determine them loses rows. */
  unique?: string[];
}

/** A play field name (`itemInSession`) as a column name (`item_in_session`); other names are returned unchanged. */
export function columnName(name: string): string {
  return (PLAY_COLUMNS as readonly string[]).includes(name) ? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : name;
}

/** The column each play field becomes, with its CQL type: the vocabulary of proposed tables. */
export const COLUMN_CATALOG: Readonly<Record<string, { type: CqlType; from: PlayColumn }>> = Object.fromEntries(
  PLAY_COLUMNS.map((field) => {
    const type: CqlType =
      field === 'itemInSession' || field === 'sessionId' || field === 'userId' ? 'int' : field === 'length' ? 'double' : 'text';
    return [columnName(field), { type, from: field }];
  }),
);

/** The question with every column name in the snake_case vocabulary. */
export function normalizeQuestion(q: Question): Question {
  const out: Question = { name: q.name, text: q.text, equals: q.equals.map(columnName), returns: q.returns.map(columnName) };
  if (q.range !== undefined) out.range = columnName(q.range);
  if (q.orderBy) out.orderBy = { column: columnName(q.orderBy.column), order: q.orderBy.order };
  if (q.unique) out.unique = q.unique.map(columnName);
  return out;
}

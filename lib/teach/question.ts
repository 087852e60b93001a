// question: the vocabulary questions (lib/model/questions) are written in — play field names as column
// names, the column each play field becomes (with its CQL type) — and a question with every name in it. Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { CqlType } from '../model/tables';
import type { Question } from '../model/questions';
import { PLAY_COLUMNS, type PlayColumn } from '../etl/columns';

/** A play field name (`itemInSession`) as a column name (`item_in_session`); other names are returned unchanged. */
export function columnName(name: string): string {
  return (PLAY_COLUMNS as readonly string[]).includes(name)
    ? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
    : name;
}

/** The column each play field becomes, with its CQL type: the vocabulary of proposed tables. */
export const COLUMN_CATALOG: Readonly<Record<string, { type: CqlType; from: PlayColumn }>> = Object.fromEntries(
  PLAY_COLUMNS.map((field) => {
    const type: CqlType =
      field === 'itemInSession' || field === 'sessionId' || field === 'userId'
        ? 'int'
        : field === 'length'
          ? 'double'
          : 'text';
    return [columnName(field), { type, from: field }];
  }),
);

/** The question with every column name in the snake_case vocabulary. */
export function normalizeQuestion(q: Question): Question {
  const out: Question = {
    name: q.name,
    text: q.text,
    equals: q.equals.map(columnName),
    returns: q.returns.map(columnName),
  };
  if (q.range !== undefined) out.range = columnName(q.range);
  if (q.orderBy) out.orderBy = { column: columnName(q.orderBy.column), order: q.orderBy.order };
  if (q.unique) out.unique = q.unique.map(columnName);
  return out;
}

// question-cql: the SELECT a question becomes on a table. Owns the statement (returned columns, `= ?` per
// equality column, `>= ? AND <= ?` for the range, ORDER BY only where the table can give that order,
// ALLOW FILTERING when asked), what each marker stands for, and whether the order was asked of Cassandra.
// Every name is checked as an identifier; values are bound, never pasted. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { firstFreeClustering } from './checker';
import { normalizeQuestion } from './question';
import { checkIdentifier, type TableSpec } from '../model/tables';
import type { Question } from '../model/questions';

export interface QuestionCql {
  cql: string;
  /** What each `?` stands for, in order (a range column takes two: from, to). */
  markers: string[];
  /** False when the wanted order cannot be asked of Cassandra on this table: sort the rows yourself. */
  ordered: boolean;
}

/**
 * The SELECT a question becomes on a table: returned columns, `= ?` per equality column, `>= ? AND <= ?`
 * for the range, ORDER BY only where the table can give that order, and ALLOW FILTERING when asked.
 * Every name is checked as an identifier; values are bound, never pasted.
 */
export function questionCql(
  question: Question,
  table: TableSpec,
  keyspace: string,
  opts: { allowFiltering?: boolean } = {},
): QuestionCql {
  const q = normalizeQuestion(question);
  const named = [...q.equals, ...(q.range !== undefined ? [q.range] : []), ...q.returns];
  for (const c of named) {
    if (!table.columns.some((x) => x.name === c)) throw new Error(`Table ${table.name} has no column ${c}`);
    checkIdentifier(c, 'column name');
  }
  const where = q.equals.map((c) => `${c} = ?`);
  const markers = [...q.equals];
  if (q.range !== undefined) {
    where.push(`${q.range} >= ?`, `${q.range} <= ?`);
    markers.push(`${q.range} from`, `${q.range} to`);
  }
  let ordered = !q.orderBy;
  let orderBy = '';
  if (q.orderBy) {
    const eq = new Set(q.equals);
    const ck = table.clustering.map((c) => c.column);
    const free = firstFreeClustering(ck, eq);
    if (eq.has(q.orderBy.column))
      ordered = true; // one value: any order is that order
    else if (table.partitionKey.every((p) => eq.has(p)) && ck[free] === q.orderBy.column) {
      ordered = true;
      orderBy = ` ORDER BY ${checkIdentifier(q.orderBy.column, 'column name')} ${q.orderBy.order}`;
    }
  }
  const cql =
    `SELECT ${q.returns.join(', ')} FROM ${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name, 'table name')}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    orderBy +
    (opts.allowFiltering ? ' ALLOW FILTERING' : '');
  return { cql, markers, ordered };
}

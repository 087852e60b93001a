// propose: the minimal table for a question. Owns the options (uniqueness, name, partition key, static
// columns) and deriving the table: partition key from the equality columns, clustering from the range and
// order columns, then enough columns for the key to determine a unique answer row. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { closure } from './dependencies';
import { COLUMN_CATALOG, columnName, normalizeQuestion } from './question';
import { checkIdentifier, validateTable, type ColumnSpec, type TableSpec } from '../model/tables';
import { andList } from '../show/format';
import type { Question, ClusteringOrder } from '../model/questions';

export interface ProposeOptions {
  /** Columns that make a row unique, e.g. `['user_id', 'session_id', 'item_in_session']`. Default: the question's `unique`. */
  uniqueness?: readonly string[];
  /** Table name. Default `<what>_by_<partition key>`, e.g. `songs_by_user`. */
  name?: string;
  /** Only these equality columns form the partition key; the other equality columns become the first clustering columns. */
  partitionKey?: readonly string[];
  /** Returned columns to store once per partition (static). */
  static?: readonly string[];
}

function nounOf(returns: readonly string[]): string {
  if (returns.includes('song')) return 'songs';
  if (returns.includes('first_name') || returns.includes('last_name')) return 'users';
  return 'rows';
}

/**
 * The minimal table for a question: partition key from the equality columns, clustering from the
 * range and order columns, then enough columns for the uniqueness columns to be determined by the key.
 */
export function proposeTable(question: Question, opts: ProposeOptions = {}): TableSpec {
  const q = normalizeQuestion(question);
  if (!q.equals.length) {
    throw new Error(
      `Question ${q.name} restricts no column by equality: no single partition can answer it; add an equality column`,
    );
  }
  const partitionKey = (opts.partitionKey ?? q.equals).map(columnName);
  for (const p of partitionKey) {
    if (!q.equals.includes(p))
      throw new Error(
        `Partition key column ${p} is not one of the question's equality columns (${q.equals.join(', ')})`,
      );
  }
  const clustering: { column: string; order: ClusteringOrder }[] = [];
  const inKey = (c: string) => partitionKey.includes(c) || clustering.some((x) => x.column === c);
  const add = (column: string, order: ClusteringOrder) => {
    if (!inKey(column)) clustering.push({ column, order });
  };
  for (const c of q.equals) add(c, 'ASC');
  if (q.range !== undefined) add(q.range, q.orderBy?.column === q.range ? q.orderBy.order : 'ASC');
  if (q.orderBy) add(q.orderBy.column, q.orderBy.order);
  for (const u of (opts.uniqueness ?? q.unique ?? []).map(columnName)) {
    if (!closure([...partitionKey, ...clustering.map((c) => c.column)]).has(u)) add(u, 'ASC');
  }

  const statics = new Set((opts.static ?? []).map(columnName));
  const names: string[] = [];
  for (const c of [...partitionKey, ...clustering.map((x) => x.column), ...q.returns, ...statics])
    if (!names.includes(c)) names.push(c);
  const columns: ColumnSpec[] = names.map((name) => {
    const known = COLUMN_CATALOG[name];
    if (!known) throw new Error(`Column ${name} is not a play column (${Object.keys(COLUMN_CATALOG).join(', ')})`);
    return statics.has(name)
      ? { name, type: known.type, from: known.from, static: true }
      : { name, type: known.type, from: known.from };
  });

  const noun = nounOf(q.returns);
  const name = checkIdentifier(
    opts.name ?? `${noun}_by_${partitionKey.map((p) => p.replace(/_id$/, '')).join('_')}`,
    'table name',
  );
  const lookup = [...partitionKey, ...clustering.map((c) => c.column).filter((c) => q.equals.includes(c))];
  const order = clustering.length ? `, in ${clustering.map((c) => `${c.column} ${c.order}`).join(', ')} order` : '';
  const spec: TableSpec = {
    name,
    question: q.text,
    lookedUpBy: `${noun} looked up by ${andList(partitionKey)}${order}`,
    columns,
    partitionKey,
    clustering,
    lookup,
    returns: q.returns,
  };
  validateTable(spec);
  return spec;
}

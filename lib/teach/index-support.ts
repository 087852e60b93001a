// index-support: what an index lets a SELECT restrict, as Cassandra 5.0.6 answered it on the local node
// (test/integration/index-operators.test.ts runs every row on a real node and fails when the node answers
// otherwise) — not as the documentation says: the 5.0 docs contradict themselves on IN and OR. One row per
// operator × index kind × column type, with what the node did without and with a partition key restriction:
// it ran the query, asked for ALLOW FILTERING, or refused it with its own message. Pure data and a lookup.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { IndexKind } from '../model/indexes';
import type { CqlType } from '../model/tables';

/** The restrictions measured: `=`, a range (`<`, `>`, `>= … <=`), `IN`, `OR`, `LIKE`, `CONTAINS`. */
export type IndexOperator = '=' | 'range' | 'IN' | 'OR' | 'LIKE' | 'CONTAINS';

/** The column types measured: a number (int), text, a collection (set<text>, for CONTAINS). */
export type ColumnClass = 'numeric' | 'text' | 'collection';

/** What the node did with a query restricting an indexed column. */
export type Outcome =
  { outcome: 'accepted' } | { outcome: 'allow-filtering' } | { outcome: 'refused'; message: string };

export interface IndexSupport {
  kind: IndexKind;
  operator: IndexOperator;
  columns: ColumnClass;
  /** No partition key restriction: the query goes to every token range. */
  alone: Outcome;
  /** With the whole partition key restricted by equality. */
  inPartition: Outcome;
  /** What it means, in a few words. */
  note: string;
}

const ACCEPTED: Outcome = { outcome: 'accepted' };
const FILTERING: Outcome = { outcome: 'allow-filtering' };
const refused = (message: string): Outcome => ({ outcome: 'refused', message });

/** Cassandra's own words when it asks for ALLOW FILTERING (code 8704, Invalid). */
export const ALLOW_FILTERING_MESSAGE =
  'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';
/** The parser's refusal of OR (code 8192, SyntaxError): 5.0 has no OR in WHERE. */
export const OR_MESSAGE = "no viable alternative at input 'OR'";
/** The refusal of LIKE without a SASI index (code 8704), whatever the SAI options. */
export const LIKE_MESSAGE = 'LIKE restriction is only supported on properly indexed columns';
/** The refusal of ORDER BY in a query that uses an index (code 8704). */
export const ORDER_BY_MESSAGE = 'ORDER BY with 2ndary indexes is not supported, except for ANN queries.';
/** Why LIKE has no index here: SASI, the index LIKE needs, is off by default (code 8704 on CREATE CUSTOM INDEX). */
export const SASI_DISABLED_MESSAGE = 'SASI indexes are disabled. Enable in cassandra.yaml to use.';

const row = (
  kind: IndexKind,
  operator: IndexOperator,
  columns: ColumnClass,
  both: Outcome,
  note: string,
): IndexSupport => ({ kind, operator, columns, alone: both, inPartition: both, note });

/** The operator matrix of Cassandra 5.0.6: the same outcome with or without the partition key, every row. */
export const INDEX_SUPPORT: readonly IndexSupport[] = [
  row('sai', '=', 'numeric', ACCEPTED, 'an index lookup'),
  row('sai', '=', 'text', ACCEPTED, 'an index lookup'),
  row('sai', 'range', 'numeric', ACCEPTED, 'SAI keeps numbers ordered: <, >, >= … <= are index lookups'),
  row('sai', 'range', 'text', FILTERING, 'SAI indexes text for equality only: a text range is filtering'),
  row('sai', 'IN', 'numeric', FILTERING, 'IN on an SAI column is filtering in 5.0'),
  row('sai', 'IN', 'text', FILTERING, 'IN on an SAI column is filtering in 5.0'),
  row('sai', 'OR', 'numeric', refused(OR_MESSAGE), 'OR is not CQL in 5.0: a syntax error'),
  row('sai', 'LIKE', 'text', refused(LIKE_MESSAGE), 'LIKE needs a SASI index, disabled by default'),
  row('sai', 'CONTAINS', 'collection', ACCEPTED, 'an index lookup on the collection values'),
  row('legacy', '=', 'numeric', ACCEPTED, 'a read of the index table'),
  row('legacy', '=', 'text', ACCEPTED, 'a read of the index table'),
  row('legacy', 'range', 'numeric', FILTERING, 'a legacy index answers equality only'),
  row('legacy', 'range', 'text', FILTERING, 'a legacy index answers equality only'),
  row('legacy', 'IN', 'numeric', FILTERING, 'a legacy index answers equality only'),
  row('legacy', 'IN', 'text', FILTERING, 'a legacy index answers equality only'),
  row('legacy', 'OR', 'numeric', refused(OR_MESSAGE), 'OR is not CQL in 5.0: a syntax error'),
  row('legacy', 'LIKE', 'text', refused(LIKE_MESSAGE), 'LIKE needs a SASI index, disabled by default'),
  row('legacy', 'CONTAINS', 'collection', ACCEPTED, 'a read of the index table on the collection values'),
];

/** The class of a column type for the matrix; undefined for a type it does not cover (boolean). */
export function columnClass(type: CqlType): ColumnClass | undefined {
  if (type === 'text') return 'text';
  if (type === 'boolean') return undefined;
  return 'numeric';
}

/**
 * What the node does with `operator` on a column of this type under this kind of index, inside one
 * partition or across all of them; undefined when the matrix has no row for it (not measured).
 */
export function indexSupport(
  kind: IndexKind,
  operator: IndexOperator,
  type: CqlType | 'collection',
  inPartition: boolean,
): Outcome | undefined {
  const columns = type === 'collection' ? 'collection' : columnClass(type);
  const r = INDEX_SUPPORT.find((s) => s.kind === kind && s.operator === operator && s.columns === columns);
  return r && (inPartition ? r.inPartition : r.alone);
}

// index-rules: the checker's rules for a question that restricts an indexed column (lib/model/indexes), as
// Cassandra 5.0.6 applies them (each measured on the node: test/integration/index-operators.test.ts). Owns
// when an index is used (a restriction on an indexed column outside the primary key), the route it gives
// (every token range, or one partition filtered by the index), what still needs ALLOW FILTERING or is
// refused (the operator matrix of index-support; a partial partition key; clustering columns without the
// partition key; a second legacy index; an unindexed column; ORDER BY), and the cost in words.
// Pure: no driver, no I/O. TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { indexName, indexOn, INDEX_KIND_WORDS, type TableIndex } from '../model/indexes';
import type { TableSpec } from '../model/tables';
import type { Question } from '../model/questions';
import { indexSupport, ORDER_BY_MESSAGE, type IndexOperator } from './index-support';
import { andList } from '../show/format';

/** The shape of the cluster a query runs on: nodes and tokens per node (the local node: 1 and 1). */
export interface ClusterShape {
  nodes: number;
  numTokens?: number;
}

/** The project's local node: one node, `num_tokens: 1` (lib/dev/localnode). */
export const LOCAL_NODE: ClusterShape = { nodes: 1, numTokens: 1 };

/** The token ranges a query without a partition key is sent to: one per token of the ring. */
export function ringRanges(cluster: ClusterShape = LOCAL_NODE): number {
  return cluster.nodes * (cluster.numTokens ?? 1);
}

/** A restriction of the question on an indexed column outside the primary key. */
export interface IndexedRestriction {
  column: string;
  operator: Extract<IndexOperator, '=' | 'range'>;
  index: TableIndex;
}

/** How an index-served question is read: every token range through the index, or one partition filtered by it. */
export type IndexVia = 'index' | 'partition+index';

export interface IndexRoute {
  via: IndexVia;
  /** The index Cassandra scans with (the first indexed restriction's). */
  index: string;
  /** Token ranges queried (`index` only: a `partition+index` read asks one partition's replicas). */
  ranges?: number;
  reasons: string[];
  needsAllowFiltering: boolean;
  /** Cassandra's own message when it refuses the query outright (ALLOW FILTERING does not help). */
  refusal?: string;
  /** How it is read, after "served — " (when served). */
  how: string;
}

const keyOf = (t: TableSpec) => [...t.partitionKey, ...t.clustering.map((c) => c.column)];

/** The question's restrictions on indexed columns outside the primary key (empty: no index is used). */
export function indexedRestrictions(q: Question, table: TableSpec): IndexedRestriction[] {
  const key = keyOf(table);
  const out: IndexedRestriction[] = [];
  const add = (column: string, operator: IndexedRestriction['operator']) => {
    const index = key.includes(column) ? undefined : indexOn(table, column);
    if (index) out.push({ column, operator, index });
  };
  for (const c of q.equals) add(c, '=');
  if (q.range !== undefined) add(q.range, 'range');
  return out;
}

/** "the SAI index on song", "the SAI indexes on song and artist". */
function indexWords(used: readonly IndexedRestriction[]): string {
  const kind = INDEX_KIND_WORDS[used[0].index.kind];
  return `the ${used.length > 1 ? kind.replace(/index$/, 'indexes') : kind} on ${andList(used.map((u) => u.column))}`;
}

/** The restrictions that only filter: each indexed one the matrix says so of, or refused, with why. */
function operatorReasons(table: TableSpec, used: readonly IndexedRestriction[], inPartition: boolean) {
  const reasons: string[] = [];
  let filtering = false;
  let refusal: string | undefined;
  for (const u of used) {
    const type = table.columns.find((c) => c.name === u.column)!.type;
    const what = `${u.operator === '=' ? 'equality' : 'a range'} on ${u.column} (${type})`;
    const s = indexSupport(u.index.kind, u.operator, type, inPartition);
    if (!s || s.outcome === 'allow-filtering') {
      filtering = true;
      reasons.push(`${what}: the ${INDEX_KIND_WORDS[u.index.kind]} does not answer it, rows are filtered`);
    } else if (s.outcome === 'refused') {
      refusal ??= s.message;
      reasons.push(`${what}: Cassandra refuses it ("${s.message}")`);
    }
  }
  const legacy = used.filter((u) => u.index.kind === 'legacy');
  if (used.length > 1 && legacy.length) {
    filtering = true;
    reasons.push(
      `a query reads one legacy index (on ${used[0].column}); the restriction on ${andList(used.slice(1).map((u) => u.column))} is filtered`,
    );
  }
  return { reasons, filtering, refusal };
}

/** The key restrictions that only filter once an index is used: a partial partition key, clustering columns. */
function keyReasons(q: Question, table: TableSpec, clustering: readonly string[]): string[] {
  const eq = new Set(q.equals);
  const pkMissing = table.partitionKey.filter((p) => !eq.has(p));
  const inPartition = pkMissing.length === 0;
  const reasons: string[] = [];
  if (!inPartition && pkMissing.length < table.partitionKey.length) {
    for (const p of pkMissing)
      reasons.push(`partition key column ${p} is not restricted: the other partition key columns only filter`);
  }
  if (q.range !== undefined && table.partitionKey.includes(q.range))
    reasons.push(`partition key column ${q.range} is restricted by a range: it only filters`);
  const ckRestricted = table.clustering.map((c) => c.column).filter((c) => eq.has(c) || q.range === c);
  if (!inPartition && ckRestricted.length)
    reasons.push(`clustering column ${andList(ckRestricted)} is restricted without the partition key: it only filters`);
  else if (inPartition) reasons.push(...clustering);
  return reasons;
}

/** How a served question is read through the index, with the cost in words. */
function howWords(q: Question, table: TableSpec, used: readonly IndexedRestriction[], ranges: number | undefined) {
  const eq = new Set(q.equals);
  const words = indexWords(used);
  if (ranges === undefined) {
    const slice = table.clustering.filter((c) => eq.has(c.column)).map((c) => `${c.column} = ?`);
    return (
      `reads one partition (${table.partitionKey.map((p) => `${p} = ?`).join(', ')})` +
      (slice.length ? `, then ${slice.join(', ')} inside it,` : '') +
      ` and filters it by ${words}: no other partition is read`
    );
  }
  return (
    `through ${words}: queries every token range (${ranges} on this cluster), then reads the partition of every matching row` +
    (used[0].index.kind === 'legacy' ? ' (each node reads its hidden index table first)' : '') +
    '; the cost grows with the cluster, not with the answer'
  );
}

/**
 * The route a question takes through the table's indexes and what stands in its way. `clustering` are the
 * checker's clustering-prefix reasons (they apply once the whole partition key is given).
 */
export function indexRoute(
  q: Question,
  table: TableSpec,
  used: readonly IndexedRestriction[],
  clustering: readonly string[],
  ranges: number,
): IndexRoute {
  const eq = new Set(q.equals);
  const inPartition = table.partitionKey.every((p) => eq.has(p));
  const reasons = keyReasons(q, table, clustering);
  let filtering = reasons.length > 0;
  const ops = operatorReasons(table, used, inPartition);
  reasons.push(...ops.reasons);
  filtering ||= ops.filtering;
  const key = keyOf(table);
  const indexed = new Set(used.map((u) => u.column));
  for (const c of [...q.equals, ...(q.range !== undefined ? [q.range] : [])]) {
    if (key.includes(c) || indexed.has(c)) continue;
    filtering = true;
    reasons.push(`column ${c} is not in the primary key and has no index: rows can only be filtered on it`);
  }
  let refusal = ops.refusal;
  if (q.orderBy && !eq.has(q.orderBy.column)) {
    refusal ??= ORDER_BY_MESSAGE;
    const across = inPartition ? '' : ' rows come in token order across partitions, and';
    reasons.push(
      `ordering by ${q.orderBy.column}:${across} Cassandra refuses ORDER BY in a query that uses an index ("${ORDER_BY_MESSAGE}")`,
    );
  }
  const needsAllowFiltering = filtering && !refusal;
  if (needsAllowFiltering) {
    const words = indexWords(used);
    reasons.push(
      inPartition
        ? `would need ALLOW FILTERING: reads the partition through ${words} and discards the rows that do not match`
        : `would need ALLOW FILTERING: queries every token range (${ranges} on this cluster) through ${words} and discards the rows that do not match`,
    );
  }
  return {
    via: inPartition ? 'partition+index' : 'index',
    index: indexName(table, used[0].index),
    ...(inPartition ? {} : { ranges }),
    reasons,
    needsAllowFiltering,
    ...(refusal ? { refusal } : {}),
    how: howWords(q, table, used, inPartition ? undefined : ranges),
  };
}

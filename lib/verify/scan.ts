// scan: one table's token range read back from Cassandra, page by page (the driver's stream), at the
// consistency asked: `SELECT <columns> FROM ks.table WHERE token(<partition key>) > ? AND … <= ?`, both
// bounds bound, names checked.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { types, type Client } from 'cassandra-driver';
import { cqlName } from '../cassandra/cql';
import type { TableSpec } from '../model/tables';
import type { TokenRange } from './ranges';

export type ConsistencyName = keyof typeof types.consistencies;

/** The range read of a table (two bound markers: the range's bounds). */
export function rangeSelectCql(keyspace: string, table: TableSpec): string {
  const names = (list: readonly string[]) => list.map((n) => cqlName(n).text).join(', ');
  const token = `token(${names(table.partitionKey)})`;
  return (
    `SELECT ${names(table.columns.map((c) => c.name))} FROM ${cqlName(keyspace).text}.${cqlName(table.name).text} ` +
    `WHERE ${token} > ? AND ${token} <= ?`
  );
}

/** The rows of one range, as plain objects, paged `fetchSize` at a time. */
export async function* scanRange(
  client: Client,
  keyspace: string,
  table: TableSpec,
  range: TokenRange,
  options: { consistency?: ConsistencyName; fetchSize?: number } = {},
): AsyncGenerator<Record<string, unknown>> {
  const params = [types.Long.fromString(range.lo), types.Long.fromString(range.hi)];
  const stream = client.stream(rangeSelectCql(keyspace, table), params, {
    prepare: true,
    fetchSize: options.fetchSize ?? 5000,
    consistency: types.consistencies[options.consistency ?? 'localOne'],
  });
  for await (const row of stream as unknown as AsyncIterable<types.Row>) {
    const out: Record<string, unknown> = {};
    for (const c of table.columns) out[c.name] = row.get(c.name);
    yield out;
  }
}

// schema: a table as Cassandra itself describes it, read back from system_schema — its columns with their
// CQL types, partition key, clustering columns with their order, static columns and comment. The notebook
// checks the tables its literal CREATE TABLE cells made against lib/model with it, the loader learns the
// columns an INSERT fills from it, and a grader can judge a learner's table from it.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { checkIdentifier, type CqlType, type TableShape } from '../model/tables';
import type { ClusteringOrder } from '../model/questions';

const CQL_TYPES: readonly CqlType[] = ['int', 'bigint', 'text', 'double', 'float', 'boolean', 'timestamp'];

interface ColumnRow {
  column_name: string;
  kind: 'partition_key' | 'clustering' | 'regular' | 'static';
  position: number;
  type: string;
  clustering_order: string;
}

/** The table `keyspace.table` as system_schema holds it; an error naming it when it does not exist. */
export async function readTableShape(client: Client, keyspace: string, table: string): Promise<TableShape> {
  const ks = checkIdentifier(keyspace, 'keyspace name');
  const name = checkIdentifier(table, 'table name');
  const tables = await client.execute(
    'SELECT comment FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?',
    [ks, name],
    { prepare: true },
  );
  if (!tables.rowLength) throw new Error(`Table ${ks}.${name} does not exist: run its CREATE TABLE first`);
  const rs = await client.execute(
    'SELECT column_name, kind, position, type, clustering_order FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
    [ks, name],
    { prepare: true },
  );
  return shapeOfColumns(name, String(tables.first().get('comment') ?? ''), rs.rows as unknown as ColumnRow[]);
}

/** A table's shape from its system_schema.columns rows: key columns first in key order, then the others by name. */
export function shapeOfColumns(name: string, comment: string, rows: readonly ColumnRow[]): TableShape {
  const byPosition = (kind: ColumnRow['kind']) =>
    rows.filter((r) => r.kind === kind).sort((a, b) => a.position - b.position);
  const partition = byPosition('partition_key');
  const clustering = byPosition('clustering');
  const others = rows
    .filter((r) => r.kind === 'regular' || r.kind === 'static')
    .sort((a, b) => a.column_name.localeCompare(b.column_name));
  const columns = [...partition, ...clustering, ...others].map((r) => ({
    name: r.column_name,
    type: cqlType(name, r),
    ...(r.kind === 'static' ? { static: true } : {}),
  }));
  return {
    name,
    comment,
    columns,
    partitionKey: partition.map((r) => r.column_name),
    clustering: clustering.map((r) => ({ column: r.column_name, order: orderOf(r.clustering_order) })),
  };
}

function cqlType(table: string, r: ColumnRow): CqlType {
  const type = r.type === 'varchar' ? 'text' : r.type;
  if (!(CQL_TYPES as readonly string[]).includes(type)) {
    throw new Error(
      `Table ${table}, column ${r.column_name}: type ${r.type} is not one this project loads (${CQL_TYPES.join(', ')})`,
    );
  }
  return type as CqlType;
}

const orderOf = (order: string): ClusteringOrder => (order.toLowerCase() === 'desc' ? 'DESC' : 'ASC');

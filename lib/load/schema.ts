// schema: creating the model's tables in a keyspace (before a load).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { createTableCql, TABLES, type TableSpec } from '../model/tables';

export async function createTables(
  client: Client,
  keyspace: string,
  tables: readonly TableSpec[] = TABLES,
): Promise<string[]> {
  const statements = tables.map((t) => createTableCql(t, keyspace));
  for (const cql of statements) await client.execute(cql);
  return statements;
}

// schema: creating the model's tables in a keyspace (before a load), each with the indexes its description
// carries, and waiting until Cassandra reports those indexes built: an SAI index builds asynchronously (a
// query sent before it is queryable fails with INDEX_NOT_AVAILABLE), so callers that query right away wait.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { createTableCql, TABLES, type TableSpec } from '../model/tables';
import { createIndexesCql, indexesOf, indexName } from '../model/indexes';
import { sleep } from '../common/async';

/** CREATE TABLE, then its CREATE INDEX statements, table by table; returns the statements run. */
export async function createTables(
  client: Client,
  keyspace: string,
  tables: readonly TableSpec[] = TABLES,
): Promise<string[]> {
  const statements = tables.flatMap((t) => [createTableCql(t, keyspace), ...createIndexesCql(t, keyspace)]);
  for (const cql of statements) await client.execute(cql);
  return statements;
}

/** Whether Cassandra reports every index of the table built: SAI queryable and not building; legacy in IndexInfo. */
export async function indexesBuilt(
  client: Client,
  keyspace: string,
  table: Pick<TableSpec, 'name' | 'indexes'>,
): Promise<boolean> {
  for (const index of indexesOf(table)) {
    const name = indexName(table, index);
    if (index.kind === 'sai') {
      const rs = await client.execute(
        'SELECT is_queryable, is_building FROM system_views.sai_column_indexes WHERE keyspace_name = ? AND index_name = ?',
        [keyspace, name],
        { prepare: true },
      );
      const r = rs.first();
      if (!r || r.get('is_queryable') !== true || r.get('is_building') === true) return false;
    } else {
      const rs = await client.execute(
        'SELECT index_name FROM system."IndexInfo" WHERE table_name = ? AND index_name = ?',
        [keyspace, name],
        { prepare: true },
      );
      if (!rs.rowLength) return false;
    }
  }
  return true;
}

/** Waits until every index of the tables is built; an error naming them after `ms` (default 60 s). */
export async function waitForIndexes(
  client: Client,
  keyspace: string,
  tables: readonly Pick<TableSpec, 'name' | 'indexes'>[],
  ms = 60_000,
): Promise<void> {
  const until = Date.now() + ms;
  for (const t of tables) {
    while (!(await indexesBuilt(client, keyspace, t))) {
      if (Date.now() > until) throw new Error(`The indexes of ${keyspace}.${t.name} were not built after ${ms} ms`);
      await sleep(200);
    }
  }
}

// ways/prepare: one way's tables made and loaded on the real node, so its load can be timed. Owns dropping
// what an earlier run left (a view before its base table), creating the table(s) with the loader's schema,
// then the index or view — a refusal (views disabled, a guardrail) caught and returned as Cassandra's own
// message, never thrown — waiting until Cassandra says the index or view is built, and the timed load of the
// plays through the project's loader (lib/load). The plain copy of question 2's table is loaded the same way.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { loadTables } from '../../load/load';
import { createTables, indexesBuilt } from '../../load/schema';
import { checkIdentifier, type TableSpec } from '../../model/tables';
import { sleep } from '../../common/async';
import { structureCql, type WaySpec } from './spec';

export interface PrepareOptions {
  file: string;
  /** Requests in flight while loading (the loader's default when unset). */
  concurrency?: number;
  /** How long to wait for an index or view to be built. Default 60 s. */
  buildWaitMs?: number;
  /**
   * Rounds of timed loads (default 3): each round loads the plain table, then every way, each into freshly
   * made tables, so a drift of the machine's speed falls on all alike, after one untimed round; the median is
   * the figure.
   */
  loads?: number;
}

/** Cassandra's refusal of a statement that makes a way (Invalid or Unauthorized); anything else is thrown. */
function refusalMessage(err: unknown): string | undefined {
  const e = err as { code?: number; message?: string };
  return e?.code === 0x2200 || e?.code === 0x2100 || e?.code === 0x2300 ? String(e.message) : undefined;
}

/** Drops a way's view (first: a base table with a view cannot be dropped) and tables, if an earlier run left them. */
async function dropWay(client: Client, keyspace: string, way: WaySpec): Promise<void> {
  const ks = checkIdentifier(keyspace, 'keyspace name');
  if (way.view) await client.execute(`DROP MATERIALIZED VIEW IF EXISTS ${ks}.${checkIdentifier(way.view.view.name)}`);
  for (const t of way.tables) await client.execute(`DROP TABLE IF EXISTS ${ks}.${checkIdentifier(t.name)}`);
}

/** Polls `ready` until it is true or `ms` have passed. */
export async function waitUntilReady(ready: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await ready()) return true;
    if (Date.now() > until) return false;
    await sleep(200);
  }
}

/** Whether Cassandra reports the way's index or view built (SAI: queryable; legacy: IndexInfo; view: built_views). */
async function built(client: Client, keyspace: string, way: WaySpec): Promise<boolean> {
  const one = async (cql: string, params: string[]) => (await client.execute(cql, params, { prepare: true })).first();
  if (way.index) return indexesBuilt(client, keyspace, { name: way.tables[0].name, indexes: [way.index] });
  if (way.view)
    return !!(await one('SELECT view_name FROM system.built_views WHERE keyspace_name = ? AND view_name = ?', [
      keyspace,
      way.view.view.name,
    ]));
  return true;
}

/** Creates a way's tables and its index or view; `{ reason }` when Cassandra refuses the index or view. */
export async function createWay(
  client: Client,
  keyspace: string,
  way: WaySpec,
  buildWaitMs = 60_000,
): Promise<{ schemaCql: string[]; reason?: string }> {
  await dropWay(client, keyspace, way);
  const tables = await createTables(client, keyspace, way.tables);
  const structures = structureCql(way, keyspace);
  const schemaCql = [...tables, ...structures];
  for (const cql of structures) {
    try {
      await client.execute(cql);
    } catch (err) {
      const reason = refusalMessage(err);
      if (reason === undefined) throw err;
      return { schemaCql, reason };
    }
  }
  if (!(await waitUntilReady(() => built(client, keyspace, way), buildWaitMs)))
    return { schemaCql, reason: `Cassandra did not report it built within ${Math.round(buildWaitMs / 1000)} s` };
  return { schemaCql };
}

/** Loads the plays into tables with the project's loader; returns plays read and the load's time. */
export async function timedLoad(
  client: Client,
  keyspace: string,
  tables: readonly TableSpec[],
  opts: PrepareOptions,
): Promise<{ plays: number; ms: number }> {
  const load = await loadTables(client, {
    file: opts.file,
    keyspace,
    tables,
    concurrency: opts.concurrency,
    checkpointFile: false,
  });
  if (load.failedCount)
    throw new Error(
      `${load.failedCount} rows failed loading ${tables.map((t) => t.name).join(', ')}: ${load.failures[0]?.message}`,
    );
  return { plays: load.rowsRead, ms: load.ms };
}

/** The write cost's baseline, once: the plain copy of question 2's table dropped, created and loaded. */
export async function loadBaseline(
  client: Client,
  keyspace: string,
  table: TableSpec,
  opts: PrepareOptions,
): Promise<{ plays: number; ms: number }> {
  await client.execute(
    `DROP TABLE IF EXISTS ${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name)}`,
  );
  await createTables(client, keyspace, [table]);
  return timedLoad(client, keyspace, [table], opts);
}

// load: tables into Cassandra. Owns creating (and dropping) the model's tables and streaming the merged
// file into them with prepared INSERTs at a bounded concurrency: memory stays flat whatever the file's
// size, overload and timeout errors are retried with back-off (inserts are idempotent upserts), and
// every row that still fails is reported with its line. Progress goes to a callback.
import { stat } from 'node:fs/promises';
import type { Client } from 'cassandra-driver';
import { readPlays } from './events';
import { createTableCql, dropTableCql, insertCql, rowValues, TABLES, type TableSpec } from './model';

export async function createTables(client: Client, keyspace: string, tables: readonly TableSpec[] = TABLES): Promise<string[]> {
  const statements = tables.map((t) => createTableCql(t, keyspace));
  for (const cql of statements) await client.execute(cql);
  return statements;
}

export async function dropTables(client: Client, keyspace: string, tables: readonly TableSpec[] = TABLES): Promise<void> {
  for (const t of tables) await client.execute(dropTableCql(t, keyspace));
}

export interface LoadProgress {
  /** Plays read from the file so far. */
  rowsRead: number;
  /** Rows written so far, per table name. */
  loaded: Record<string, number>;
  failed: number;
  retries: number;
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
}

export interface LoadFailure {
  line: number;
  /** Table name, or `(file)` for a row that is not a valid play. */
  table: string;
  message: string;
}

export interface LoadResult {
  file: string;
  rowsRead: number;
  loaded: Record<string, number>;
  failedCount: number;
  /** The first 100 failures, with the line of the merged file. */
  failures: LoadFailure[];
  /** Inserts that failed with a transient error and succeeded on a later try. */
  retries: number;
  ms: number;
}

export interface LoadOptions {
  /** The merged file (`event_datafile_new.csv`). */
  file: string;
  keyspace: string;
  tables?: readonly TableSpec[];
  /** Inserts in flight at once. Default 64. */
  concurrency?: number;
  /** Tries per insert for transient errors (overload, timeouts, no host). Default 6. */
  maxTries?: number;
  onProgress?: (p: LoadProgress) => void;
  /** Least time between two progress calls. Default 200 ms. */
  progressEveryMs?: number;
}

const TRANSIENT = new Set(['OperationTimedOutError', 'NoHostAvailableError', 'BusyConnectionError']);
const TRANSIENT_CODES = new Set([
  0x1001, // Overloaded
  0x1002, // Is bootstrapping
  0x1000, // Unavailable
  0x1100, // Write timeout
  0x1200, // Read timeout
]);

/** True for errors worth retrying: the node is overloaded, slow or (briefly) unreachable. */
export function isTransient(err: unknown): boolean {
  const e = err as { name?: string; code?: number };
  return TRANSIENT.has(e?.name ?? '') || (typeof e?.code === 'number' && TRANSIENT_CODES.has(e.code));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Streams the merged file into the tables: for every play, one prepared INSERT per table, at most
 * `concurrency` in flight. Loading the same file twice leaves the same tables (INSERT is an upsert).
 */
export async function loadTables(client: Client, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const tables = options.tables ?? TABLES;
  const concurrency = options.concurrency ?? 64;
  const maxTries = options.maxTries ?? 6;
  const everyMs = options.progressEveryMs ?? 200;
  const queries = tables.map((t) => ({ table: t, cql: insertCql(t, options.keyspace) }));
  const bytesTotal = (await stat(options.file)).size;

  const loaded: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const failures: LoadFailure[] = [];
  let failedCount = 0;
  let retries = 0;
  let rowsRead = 0;
  let bytesRead = 0;
  let lastProgress = 0;

  const fail = (f: LoadFailure) => {
    failedCount++;
    if (failures.length < 100) failures.push(f);
  };
  const progress = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastProgress < everyMs)) return;
    lastProgress = now;
    options.onProgress({ rowsRead, loaded: { ...loaded }, failed: failedCount, retries, bytesRead, bytesTotal, elapsedMs: now - started });
  };

  const insert = async (table: TableSpec, cql: string, params: unknown[], line: number) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.execute(cql, params, { prepare: true, isIdempotent: true });
        loaded[table.name]++;
        return;
      } catch (err) {
        if (attempt < maxTries && isTransient(err)) {
          retries++;
          await sleep(Math.min(5000, 100 * 2 ** (attempt - 1)) * (0.5 + Math.random()));
          continue;
        }
        fail({ line, table: table.name, message: (err as Error).message });
        return;
      }
    }
  };

  // A bounded pool: at most `concurrency` inserts in flight; the reader waits for a free slot.
  const inFlight = new Set<Promise<void>>();
  const submit = async (task: () => Promise<void>) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const p = task().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  for await (const batch of readPlays(options.file)) {
    for (const bad of batch.bad) fail({ line: bad.line, table: '(file)', message: bad.problem });
    for (const { line, play } of batch.plays) {
      rowsRead++;
      for (const q of queries) await submit(() => insert(q.table, q.cql, rowValues(q.table, play), line));
      progress();
    }
    bytesRead = batch.bytesRead;
  }
  await Promise.all(inFlight);
  bytesRead = bytesTotal;
  progress(true);
  return { file: options.file, rowsRead, loaded, failedCount, failures, retries, ms: Date.now() - started };
}

// Loader variants measured by the bench next to lib/load's loadTables, to decide what to change
// there (lib/load.ts is not edited from bench/). Same file, same tables, same prepared INSERTs.
//
// loadBatchedByPartition: reads `window` plays at a time, and for each table groups the rows of that
// window by partition key; a partition with several rows goes as one UNLOGGED batch (one mutation on
// the replica: a single-partition batch is applied atomically and costs the node about as much as one
// insert), a partition with one row as a plain insert. Requests run in a bounded pool, as loadTables.
import type { Client } from 'cassandra-driver';
import { readPlays, type Play } from '../lib/events';
import { backoffMs, transientKind } from '../lib/load';
import { insertCql, rowValues, TABLES, type TableSpec } from '../lib/model';

export interface BatchedLoadOptions {
  file: string;
  keyspace: string;
  tables?: readonly TableSpec[];
  /** Requests (inserts or batches) in flight at once. */
  concurrency: number;
  /** Plays grouped together (default 5000). */
  window?: number;
  /** Most rows in one batch (default 40: far below the node's 5 KB batch warning for these rows). */
  maxBatchRows?: number;
}

export interface BatchedLoadResult {
  rowsRead: number;
  loaded: Record<string, number>;
  failedCount: number;
  retries: number;
  /** Requests sent: inserts plus batches. */
  requests: number;
  transient: Record<string, number>;
}

export async function loadBatchedByPartition(client: Client, options: BatchedLoadOptions): Promise<BatchedLoadResult> {
  const tables = options.tables ?? TABLES;
  const window = options.window ?? 5000;
  const maxRows = options.maxBatchRows ?? 40;
  const queries = tables.map((t) => ({
    table: t,
    cql: insertCql(t, options.keyspace),
    keyOf: (p: Play) => t.partitionKey.map((k) => String(p[t.columns.find((c) => c.name === k)!.from])).join('\u0000'),
  }));
  const loaded: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const transient: Record<string, number> = {};
  let rowsRead = 0;
  let failedCount = 0;
  let retries = 0;
  let requests = 0;

  const send = async (table: TableSpec, cql: string, rows: Play[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        requests++;
        if (rows.length === 1) await client.execute(cql, rowValues(table, rows[0]), { prepare: true, isIdempotent: true });
        else {
          await client.batch(
            rows.map((p) => ({ query: cql, params: rowValues(table, p) })),
            { prepare: true, logged: false, isIdempotent: true },
          );
        }
        loaded[table.name] += rows.length;
        return;
      } catch (err) {
        const kind = transientKind(err);
        if (!kind || attempt >= 6) {
          failedCount += rows.length;
          return;
        }
        transient[kind] = (transient[kind] ?? 0) + 1;
        retries++;
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      }
    }
  };

  const inFlight = new Set<Promise<void>>();
  const submit = async (task: () => Promise<void>) => {
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const p = task().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const flush = async (plays: Play[]) => {
    for (const q of queries) {
      const groups = new Map<string, Play[]>();
      for (const p of plays) {
        const k = q.keyOf(p);
        const g = groups.get(k);
        if (g) g.push(p);
        else groups.set(k, [p]);
      }
      for (const g of groups.values()) {
        for (let i = 0; i < g.length; i += maxRows) {
          const part = g.slice(i, i + maxRows);
          await submit(() => send(q.table, q.cql, part));
        }
      }
    }
  };

  let pending: Play[] = [];
  for await (const batch of readPlays(options.file)) {
    for (const { play } of batch.plays) {
      rowsRead++;
      pending.push(play);
      if (pending.length >= window) {
        await flush(pending);
        pending = [];
      }
    }
  }
  if (pending.length) await flush(pending);
  await Promise.all(inFlight);
  return { rowsRead, loaded, failedCount, retries, requests, transient };
}

export interface ReplicaBatchOptions {
  file: string;
  keyspace: string;
  tables?: readonly TableSpec[];
  /** Requests (batches) in flight at once. */
  concurrency: number;
  /** Rows per UNLOGGED batch (default 20: cqlsh COPY's MAXBATCHSIZE; keeps batches under the node's 5 KB warning). */
  batchRows?: number;
}

/** The routing key of a row: its partition key serialized as the native protocol does (composite for several columns). */
function routingKey(table: TableSpec, play: Play): Buffer {
  const parts = table.partitionKey.map((name) => {
    const c = table.columns.find((x) => x.name === name)!;
    const v = play[c.from];
    if (c.type === 'int') {
      const b = Buffer.allocUnsafe(4);
      b.writeInt32BE(v as number);
      return b;
    }
    return Buffer.from(String(v), 'utf8');
  });
  if (parts.length === 1) return parts[0];
  const out: Buffer[] = [];
  for (const p of parts) {
    const len = Buffer.allocUnsafe(2);
    len.writeUInt16BE(p.length);
    out.push(len, p, Buffer.from([0]));
  }
  return Buffer.concat(out);
}

/**
 * cqlsh COPY's and dsbulk's way: rows grouped by the replicas that own them (token-aware: the driver's
 * token map), sent as UNLOGGED batches of `batchRows` rows, each to a node that holds every row of it.
 * Fewer, larger requests: the node spends less CPU per row on the native protocol and scheduling.
 */
export async function loadBatchedByReplica(client: Client, options: ReplicaBatchOptions): Promise<BatchedLoadResult> {
  const tables = options.tables ?? TABLES;
  const batchRows = options.batchRows ?? 20;
  await client.metadata.refreshKeyspace(options.keyspace).catch(() => undefined);
  const queries = tables.map((t) => ({ table: t, cql: insertCql(t, options.keyspace) }));
  const loaded: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const transient: Record<string, number> = {};
  let rowsRead = 0;
  let failedCount = 0;
  let retries = 0;
  let requests = 0;

  const send = async (table: TableSpec, cql: string, rows: Play[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        requests++;
        await client.batch(rows.map((p) => ({ query: cql, params: rowValues(table, p) })), { prepare: true, logged: false, isIdempotent: true });
        loaded[table.name] += rows.length;
        return;
      } catch (err) {
        const kind = transientKind(err);
        if (!kind || attempt >= 6) {
          failedCount += rows.length;
          return;
        }
        transient[kind] = (transient[kind] ?? 0) + 1;
        retries++;
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      }
    }
  };
  const inFlight = new Set<Promise<void>>();
  const submit = async (task: () => Promise<void>) => {
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const p = task().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const groups = queries.map(() => new Map<string, Play[]>());
  const replicaKey = (table: TableSpec, play: Play): string => {
    const hosts = client.getReplicas(options.keyspace, routingKey(table, play));
    return hosts && hosts.length ? hosts.map((h) => h.address).sort().join(',') : '';
  };
  for await (const batch of readPlays(options.file)) {
    for (const { play } of batch.plays) {
      rowsRead++;
      for (let i = 0; i < queries.length; i++) {
        const q = queries[i];
        const key = replicaKey(q.table, play);
        const g = groups[i].get(key);
        if (!g) groups[i].set(key, [play]);
        else {
          g.push(play);
          if (g.length >= batchRows) {
            groups[i].delete(key);
            await submit(() => send(q.table, q.cql, g));
          }
        }
      }
    }
  }
  for (let i = 0; i < queries.length; i++) {
    for (const g of groups[i].values()) await submit(() => send(queries[i].table, queries[i].cql, g));
  }
  await Promise.all(inFlight);
  return { rowsRead, loaded, failedCount, retries, requests, transient };
}

export interface PackedBatchOptions extends ReplicaBatchOptions {
  /** Plays read before their rows are grouped (default 5000, cqlsh COPY's CHUNKSIZE). */
  window?: number;
}

/**
 * cqlsh COPY's grouping, done fully: every `window` plays, each table's rows are grouped by replica set
 * (token map) and, inside it, by partition; partitions are packed whole into UNLOGGED batches of up
 * to `batchRows` rows (a bigger partition gets batches of its own). Rows of one partition in one
 * batch become one mutation on the node.
 */
export async function loadPackedBatches(client: Client, options: PackedBatchOptions): Promise<BatchedLoadResult> {
  const tables = options.tables ?? TABLES;
  const batchRows = options.batchRows ?? 20;
  const window = options.window ?? 5000;
  await client.metadata.refreshKeyspace(options.keyspace).catch(() => undefined);
  const queries = tables.map((t) => ({ table: t, cql: insertCql(t, options.keyspace) }));
  const loaded: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const transient: Record<string, number> = {};
  let rowsRead = 0;
  let failedCount = 0;
  let retries = 0;
  let requests = 0;
  const send = async (table: TableSpec, cql: string, rows: Play[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        requests++;
        if (rows.length === 1) await client.execute(cql, rowValues(table, rows[0]), { prepare: true, isIdempotent: true });
        else await client.batch(rows.map((p) => ({ query: cql, params: rowValues(table, p) })), { prepare: true, logged: false, isIdempotent: true });
        loaded[table.name] += rows.length;
        return;
      } catch (err) {
        const kind = transientKind(err);
        if (!kind || attempt >= 6) {
          failedCount += rows.length;
          return;
        }
        transient[kind] = (transient[kind] ?? 0) + 1;
        retries++;
        await new Promise((r) => setTimeout(r, backoffMs(attempt)));
      }
    }
  };
  const inFlight = new Set<Promise<void>>();
  const submit = async (task: () => Promise<void>) => {
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const p = task().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const flush = async (plays: Play[]) => {
    for (const q of queries) {
      // replica set → partition key (routing key bytes) → rows
      const byReplica = new Map<string, Map<string, Play[]>>();
      for (const p of plays) {
        const rk = routingKey(q.table, p);
        const hosts = client.getReplicas(options.keyspace, rk);
        const replica = hosts && hosts.length ? hosts.map((h) => h.address).sort().join(',') : '';
        let parts = byReplica.get(replica);
        if (!parts) byReplica.set(replica, (parts = new Map()));
        const key = rk.toString('latin1');
        const g = parts.get(key);
        if (g) g.push(p);
        else parts.set(key, [p]);
      }
      for (const parts of byReplica.values()) {
        let batch: Play[] = [];
        for (const rows of parts.values()) {
          if (rows.length >= batchRows) {
            for (let i = 0; i < rows.length; i += batchRows) {
              const part = rows.slice(i, i + batchRows);
              await submit(() => send(q.table, q.cql, part));
            }
            continue;
          }
          if (batch.length + rows.length > batchRows) {
            const full = batch;
            await submit(() => send(q.table, q.cql, full));
            batch = [];
          }
          batch.push(...rows);
        }
        if (batch.length) {
          const last = batch;
          await submit(() => send(q.table, q.cql, last));
        }
      }
    }
  };
  let pending: Play[] = [];
  for await (const b of readPlays(options.file)) {
    for (const { play } of b.plays) {
      rowsRead++;
      pending.push(play);
      if (pending.length >= window) {
        await flush(pending);
        pending = [];
      }
    }
  }
  if (pending.length) await flush(pending);
  await Promise.all(inFlight);
  return { rowsRead, loaded, failedCount, retries, requests, transient };
}

// load: tables into Cassandra. Owns creating (and dropping) the model's tables and streaming the merged
// file into them: plays are read `window` at a time (5,000 by default, cqlsh COPY's CHUNKSIZE); for each
// table that window's rows are grouped by the replicas that own them (the driver's token map, routing key
// serialized as the native protocol does) and, within that, by partition; whole partitions are packed
// into UNLOGGED batches of up to `batchRows` rows (20 by default), a partition of `batchRows` rows or
// more gets batches of its own, and a lone row goes as a plain prepared INSERT. Why: one request carries
// up to 20 rows instead of one, so the node spends far less on the native protocol per row, and a batch
// that holds all of a partition's rows becomes one mutation on the replica; every row of a batch lives on
// the replica the driver sends it to. Why 20: batches of 20 of these rows stay well under the node's
// 5 KB batch_size_warn_threshold (cqlsh COPY's MAXBATCHSIZE is 20 for the same reason; a batch over
// batch_size_fail_threshold, 50 KB, is rejected). `batchRows: 1` is the previous loader: one INSERT per
// row and table. Memory stays flat whatever the file's size: one window of plays plus at most
// `concurrency` requests in flight. Overload and timeout errors are retried with back-off (inserts are
// idempotent upserts); a batch the node rejects is retried row by row, so one bad row does not fail the
// others; every row that still fails is reported with its line and table. A later line still replaces an
// earlier one with the same primary key, as one INSERT after the other would: a batch never holds one key
// twice, and a request keeps its timestamp through retries. Progress goes to a callback.
//
// Faults: when the node(s) go away mid-load, every request keeps retrying (capped back-off) and the load
// carries on once a node answers again. If none accepts a write for `unavailableTimeoutMs`, the load
// stops with a LoadInterruptedError that says how many rows landed per table and how to resume.
// A checkpoint next to the file (`<file>.load-checkpoint.json`) records the line below which every
// row is in every table (rows of a window complete in any order; the line only moves past a play once
// all its rows landed); `resume: true` skips those lines. A load in which every row landed removes it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Client, types } from 'cassandra-driver';
import type { Play, PlayColumn } from '../etl/columns';
import { readPlays, type PlayRecord } from '../etl/plays';
import { checkIdentifier, createTableCql, dropTableCql, insertCql, rowValues, TABLES, type CqlType, type TableSpec } from '../model/tables';
import { sleep } from '../common/async';
import { writeJsonAtomic } from '../common/files';
import { formatCount } from '../show/format';
import { describeLoadError, LoadInterruptedError } from '../errors';

export async function createTables(client: Client, keyspace: string, tables: readonly TableSpec[] = TABLES): Promise<string[]> {
  const statements = tables.map((t) => createTableCql(t, keyspace));
  for (const cql of statements) await client.execute(cql);
  return statements;
}

export async function dropTables(client: Client, keyspace: string, tables: readonly TableSpec[] = TABLES): Promise<void> {
  for (const t of tables) await client.execute(dropTableCql(t, keyspace));
}

/** Transient errors seen during a load, by kind (each retried with back-off). */
export interface TransientCounts {
  /** No node reachable, not enough replicas alive (Unavailable), connection closed, node bootstrapping. */
  unavailable: number;
  /** The node said it is overloaded, or the driver's connections were all busy. */
  overloaded: number;
  /** Write/read timeouts reported by the coordinator, or the driver's own request timeout. */
  timedOut: number;
  /**
   * The coordinator reported a failure: replicas answered WriteFailure/ReadFailure, or a server error
   * (as a node that is shutting down does). Retried like the others; a row that keeps failing on a
   * working cluster is reported after `maxTries`.
   */
  failure?: number;
}

// Fields marked optional were added later; loadTables always sets them.
export interface LoadProgress {
  /**
   * Plays read from the file so far (not counting plays skipped by a resume). Reading runs up to one
   * `window` ahead of writing: `loaded` says what landed.
   */
  rowsRead: number;
  /** Rows written so far, per table name. */
  loaded: Record<string, number>;
  failed: number;
  retries: number;
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
  /** Plays skipped because the checkpoint of an earlier, interrupted load covered them. */
  skipped?: number;
  /** Transient errors so far, by kind. */
  transient?: TransientCounts;
  /** While no write succeeds and requests are being retried: for how long (ms). 0 when writes flow. */
  waitingMs?: number;
}

export interface LoadFailure {
  line: number;
  /** Table name, or `(file)` for a row that is not a valid play. */
  table: string;
  message: string;
}

export interface LoadResult {
  file: string;
  /** Plays read and sent to Cassandra by this call (plays skipped by a resume are in `resumed`). */
  rowsRead: number;
  loaded: Record<string, number>;
  failedCount: number;
  /** The first 100 failures, with the line of the merged file. */
  failures: LoadFailure[];
  /** Retries of requests after a transient error (one per retry). */
  retries: number;
  /**
   * Requests sent to Cassandra: UNLOGGED batches plus single INSERTs, retries and the row-by-row retry of a
   * rejected batch included (with `batchRows: 1`, one per row and table).
   */
  requests?: number;
  ms: number;
  /** Transient errors by kind (each was retried with back-off). */
  transient?: TransientCounts;
  /** The first message seen of each kind of transient error, for diagnosis. */
  transientSamples?: Partial<Record<keyof TransientCounts, string>>;
  /** Periods in which no write succeeded (node(s) down or unreachable) that the load waited out. */
  outages?: number;
  /** Total time spent in those periods (ms). */
  waitedMs?: number;
  /** Set when this call resumed an interrupted load. */
  resumed?: { fromLine: number; playsSkipped: number; checkpointFile: string };
  /** The checkpoint file, when one is kept after this call (some rows failed); removed otherwise. */
  checkpointFile?: string;
}

export interface LoadOptions {
  /** The merged file (`event_datafile_new.csv`). */
  file: string;
  keyspace: string;
  tables?: readonly TableSpec[];
  /** Requests (batches or single inserts) in flight at once. Default 64. */
  concurrency?: number;
  /**
   * Most rows in one UNLOGGED batch. Default 20 (cqlsh COPY's MAXBATCHSIZE: batches of these rows stay
   * under the node's 5 KB batch_size_warn_threshold). 1: one INSERT per row and table (the previous loader).
   */
  batchRows?: number;
  /**
   * Plays read before their rows are grouped by replica and partition into batches. Default 5 000 (cqlsh
   * COPY's CHUNKSIZE). Larger windows find more rows of a partition together; memory holds one window
   * (plus the requests in flight), and a checkpoint moves on about a window at a time.
   */
  window?: number;
  /**
   * Tries per request for transient errors while other requests succeed (rows that keep failing on a
   * working cluster are reported, not retried for ever). Default 6. While *no* request succeeds (the
   * node is down), requests keep retrying until `unavailableTimeoutMs`.
   */
  maxTries?: number;
  /** How long the load waits for the node(s) to come back before it stops. Default 60 000 ms. */
  unavailableTimeoutMs?: number;
  /** Longest wait between two tries of one request. Default 2 000 ms. */
  maxBackoffMs?: number;
  onProgress?: (p: LoadProgress) => void;
  /** Least time between two progress calls. Default 200 ms. */
  progressEveryMs?: number;
  /** Skip the lines an earlier, interrupted load of the same file into the same keyspace completed. */
  resume?: boolean;
  /** Where the checkpoint goes (default `<file>.load-checkpoint.json`); `false`: no checkpoint. */
  checkpointFile?: string | false;
  /** Least time between two checkpoint writes. Default 1 000 ms. */
  checkpointEveryMs?: number;
}

/** What `<file>.load-checkpoint.json` holds. */
export interface LoadCheckpoint {
  version: 1;
  /** Absolute path of the merged file, with its size and mtime when the load started. */
  file: string;
  size: number;
  mtimeMs: number;
  keyspace: string;
  tables: string[];
  /** Every play on a line below this one is in every table. */
  doneBelowLine: number;
  /** Plays below `doneBelowLine` (for messages). */
  playsDone: number;
  updatedAt: string;
}

const TRANSIENT_NAMES: Record<string, keyof TransientCounts> = {
  NoHostAvailableError: 'unavailable',
  BusyConnectionError: 'overloaded',
  OperationTimedOutError: 'timedOut',
};
const TRANSIENT_CODES: Record<number, keyof TransientCounts> = {
  // Not retried: syntax, invalid, unauthorized, config, already exists, bad credentials, protocol errors.
  0x1000: 'unavailable', // Unavailable: not enough replicas alive for the consistency level
  0x1001: 'overloaded', // Overloaded
  0x1002: 'unavailable', // Is bootstrapping
  0x1100: 'timedOut', // Write timeout
  0x1200: 'timedOut', // Read timeout
  0x0000: 'failure', // Server error (e.g. a request rejected while the node drains)
  0x1300: 'failure', // Read failure
  0x1500: 'failure', // Write failure
};

/** The kind of a transient error (worth retrying: the node is overloaded, slow or unreachable), else undefined. */
export function transientKind(err: unknown): keyof TransientCounts | undefined {
  const e = err as { name?: string; code?: number; isSocketError?: boolean };
  if (!e) return undefined;
  if (e.name && TRANSIENT_NAMES[e.name]) return TRANSIENT_NAMES[e.name];
  if (e.name === 'ResponseError' && typeof e.code === 'number' && TRANSIENT_CODES[e.code]) return TRANSIENT_CODES[e.code];
  // The driver's "Socket was closed" when a node goes away with requests in flight.
  if (e.isSocketError) return 'unavailable';
  return undefined;
}

/** True for errors worth retrying: the node is overloaded, slow or (briefly) unreachable. */
export function isTransient(err: unknown): boolean {
  return transientKind(err) !== undefined;
}

/** Back-off before try `attempt + 1`: exponential from 100 ms, capped, with ±50 % jitter (`random` in [0, 1)). */
export function backoffMs(attempt: number, maxMs = 2000, random: number = Math.random()): number {
  return Math.round(Math.min(maxMs, 100 * 2 ** Math.max(0, attempt - 1)) * (0.5 + random));
}

/** The default checkpoint file of a merged file. */
export function checkpointPathFor(file: string): string {
  return `${resolve(file)}.load-checkpoint.json`;
}

/** Reads a checkpoint; undefined when there is none. A file that is not a checkpoint is an error naming it. */
export function readLoadCheckpoint(checkpointFile: string): LoadCheckpoint | undefined {
  if (!existsSync(checkpointFile)) return undefined;
  let cp: LoadCheckpoint;
  try {
    cp = JSON.parse(readFileSync(checkpointFile, 'utf8')) as LoadCheckpoint;
  } catch (err) {
    throw new Error(`${checkpointFile} is not a readable load checkpoint (${(err as Error).message}); delete it to load from the start.`);
  }
  if (cp?.version !== 1 || !Number.isInteger(cp.doneBelowLine) || !Array.isArray(cp.tables)) {
    throw new Error(`${checkpointFile} is not a load checkpoint this version understands; delete it to load from the start.`);
  }
  return cp;
}

/** Why a checkpoint cannot be used for this load (undefined: it can). */
export function checkpointMismatch(
  cp: LoadCheckpoint,
  want: Pick<LoadCheckpoint, 'file' | 'size' | 'mtimeMs' | 'keyspace' | 'tables'>,
): string | undefined {
  if (cp.file !== want.file) return `it is for ${cp.file}, not ${want.file}`;
  if (cp.size !== want.size || Math.trunc(cp.mtimeMs) !== Math.trunc(want.mtimeMs)) {
    return `the file changed since (size ${cp.size} → ${want.size} bytes, mtime ${new Date(cp.mtimeMs).toISOString()} → ${new Date(want.mtimeMs).toISOString()})`;
  }
  if (cp.keyspace !== want.keyspace) return `it is for keyspace ${cp.keyspace}, not ${want.keyspace}`;
  if (cp.tables.join(',') !== want.tables.join(',')) return `it is for tables ${cp.tables.join(', ')}, not ${want.tables.join(', ')}`;
  return undefined;
}

/**
 * The checkpoint a `resume: true` load of `file` into `keyspace` would use, if there is one and it still
 * describes the file as it is now (for `run --resume`, which then skips the merge); undefined otherwise.
 */
export async function resumableCheckpoint(
  file: string,
  keyspace: string,
  tables: readonly TableSpec[] = TABLES,
): Promise<LoadCheckpoint | undefined> {
  const cp = readLoadCheckpoint(checkpointPathFor(file));
  if (!cp) return undefined;
  const st = await stat(file).catch(() => undefined);
  if (!st) return undefined;
  const why = checkpointMismatch(cp, { file: resolve(file), size: st.size, mtimeMs: st.mtimeMs, keyspace, tables: tables.map((t) => t.name) });
  return why ? undefined : cp;
}


/**
 * The lowest line not yet done, for the checkpoint. Plays are started in line order (as they are read);
 * each is pending until all its rows (one per table) have settled, in any order: the rows of a window
 * go out grouped by replica and partition, and batches complete as they will. The line only moves past
 * a play once every row of it settled, and never past a row that failed for good. Memory: one entry per
 * play read and not yet settled (at most a window plus the rows in flight), plus the first line with a
 * row that failed for good.
 */
export class LineWatermark {
  /** Plays in flight: line → rows still to settle, and the play's ordinal (plays of this load started before it). */
  private readonly pending = new Map<number, { left: number; ordinal: number }>();
  private started = 0;
  private lastStarted = 0;
  private firstFailed: { line: number; ordinal: number } | undefined;
  constructor(private readonly floor = 0) {}

  /** A play on `line` starts, with `inserts` rows (one per table) to go. */
  start(line: number, inserts: number): void {
    this.pending.set(line, { left: inserts, ordinal: this.started++ });
    this.lastStarted = Math.max(this.lastStarted, line);
  }
  /** One row of the play on `line` landed. */
  succeeded(line: number): void {
    this.settle(line);
  }
  /** One row of the play on `line` failed for good (or was abandoned): the watermark cannot pass it. */
  failed(line: number): void {
    const ordinal = this.pending.get(line)?.ordinal ?? this.started;
    if (!this.firstFailed || line < this.firstFailed.line) this.firstFailed = { line, ordinal };
    this.settle(line);
  }
  private settle(line: number): void {
    const p = this.pending.get(line);
    if (p && --p.left <= 0) this.pending.delete(line);
  }
  /** The first play not known to be done: its line and ordinal. */
  private head(): { line: number; ordinal: number } {
    let head = { line: Math.max(this.floor, this.lastStarted + 1), ordinal: this.started };
    // Map iteration follows insertion order and lines are started in increasing order: the first key is the lowest.
    for (const [line, p] of this.pending) {
      if (line < head.line) head = { line, ordinal: p.ordinal };
      break;
    }
    if (this.firstFailed && this.firstFailed.line < head.line) head = this.firstFailed;
    return head;
  }
  /** Every play on a line below this one is in every table. */
  get line(): number {
    return this.head().line;
  }
  /** Plays of this load on lines below `line` (all of them done). */
  get playsDone(): number {
    return this.head().ordinal;
  }
  get anyFailed(): boolean {
    return this.firstFailed !== undefined;
  }
}


/** A column value serialized as the native protocol sends it; undefined when it does not fit the type. */
function serializeValue(type: CqlType, v: unknown): Buffer | undefined {
  switch (type) {
    case 'text':
      return typeof v === 'string' ? Buffer.from(v, 'utf8') : undefined;
    case 'int': {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) return undefined;
      const b = Buffer.allocUnsafe(4);
      b.writeInt32BE(v);
      return b;
    }
    case 'bigint':
    case 'timestamp': {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return undefined;
      const b = Buffer.allocUnsafe(8);
      b.writeBigInt64BE(BigInt(v));
      return b;
    }
    case 'double': {
      if (typeof v !== 'number') return undefined;
      const b = Buffer.allocUnsafe(8);
      b.writeDoubleBE(v);
      return b;
    }
    case 'float': {
      if (typeof v !== 'number') return undefined;
      const b = Buffer.allocUnsafe(4);
      b.writeFloatBE(v);
      return b;
    }
    case 'boolean':
      return typeof v === 'boolean' ? Buffer.from([v ? 1 : 0]) : undefined;
    default:
      return undefined;
  }
}

/**
 * The routing key of a play's row in `table`: its partition key serialized as the native protocol does
 * (one column: the value's bytes; several: each as a 2-byte length, the bytes and a 0 byte), which is
 * what the driver hashes to find the row's replicas. Undefined when a value does not fit its column's
 * type: such a row is grouped apart, and the node says what is wrong with it.
 */
export function routingKey(table: TableSpec, play: Play): Buffer | undefined {
  const parts: Buffer[] = [];
  for (const name of table.partitionKey) {
    const c = table.columns.find((x) => x.name === name);
    const b = c && serializeValue(c.type, play[c.from]);
    if (!b) return undefined;
    parts.push(b);
  }
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) {
    if (p.length > 0xffff) return undefined;
    total += p.length + 3;
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const p of parts) {
    out.writeUInt16BE(p.length, at);
    at += 2;
    p.copy(out, at);
    at += p.length;
    out[at++] = 0;
  }
  return out;
}

/** Where a row goes: the replica set that owns it (`''` when unknown) and its partition. */
export interface RowPlace {
  replica: string;
  partition: string;
}

/** A row to send, with the earlier rows of the window that had its primary key (it replaces them). */
export interface PackedRow<T> {
  item: T;
  superseded?: T[];
}

/**
 * Packs one table's rows of a window into batches: grouped by replica set, then by partition (both in
 * the order first seen); whole partitions go together into batches of up to `batchRows` rows, and a
 * partition of `batchRows` rows or more gets batches of its own. Inside a partition, a row whose primary
 * key (`keyOf`) comes again later in the window is not sent: the later row, which replaces it anyway,
 * carries it in `superseded`. So no batch holds one key twice: rows of a batch share its timestamp, and
 * Cassandra would then keep the larger value instead of the later line's.
 */
export function packBatches<T>(
  items: readonly T[],
  batchRows: number,
  placeOf: (item: T) => RowPlace,
  keyOf: (item: T) => string,
): PackedRow<T>[][] {
  const byReplica = new Map<string, Map<string, T[]>>();
  for (const item of items) {
    const { replica, partition } = placeOf(item);
    let parts = byReplica.get(replica);
    if (!parts) byReplica.set(replica, (parts = new Map()));
    const rows = parts.get(partition);
    if (rows) rows.push(item);
    else parts.set(partition, [item]);
  }
  const batches: PackedRow<T>[][] = [];
  for (const parts of byReplica.values()) {
    let batch: PackedRow<T>[] = [];
    for (const rows of parts.values()) {
      const packed = rows.length === 1 ? [{ item: rows[0] }] : latestPerKey(rows, keyOf);
      if (packed.length >= batchRows) {
        for (let i = 0; i < packed.length; i += batchRows) batches.push(packed.slice(i, i + batchRows));
        continue;
      }
      if (batch.length + packed.length > batchRows) {
        batches.push(batch);
        batch = [];
      }
      batch.push(...packed);
    }
    if (batch.length) batches.push(batch);
  }
  return batches;
}

/** The rows of one partition, one per primary key: the last one, carrying the earlier ones. */
function latestPerKey<T>(rows: readonly T[], keyOf: (item: T) => string): PackedRow<T>[] {
  const at = new Map<string, number>();
  const out: PackedRow<T>[] = [];
  for (const item of rows) {
    const key = keyOf(item);
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push({ item });
    } else {
      const prev = out[i];
      out[i] = { item, superseded: [...(prev.superseded ?? []), prev.item] };
    }
  }
  return out;
}

function fieldOf(table: TableSpec, column: string): PlayColumn {
  const c = table.columns.find((x) => x.name === column);
  if (!c) throw new Error(`Table ${table.name} has no column ${column}`);
  return c.from;
}

const messageOf = (err: unknown) => String((err as Error)?.message ?? err);

/**
 * How one request ended after its retries: landed (`ok`), abandoned because the load stops (`stopped`),
 * or failed for good with `message` — `rejected` when the node refused it (not a transient error).
 * One flat shape rather than a union: tslab compiles lib/ without strictNullChecks, where `if (o.ok)`
 * does not narrow a union.
 */
interface Outcome {
  ok: boolean;
  stopped?: boolean;
  rejected?: boolean;
  message?: string;
}

/**
 * Streams the merged file into the tables: `window` plays at a time, each table's rows grouped by replica
 * and partition and sent as UNLOGGED batches of up to `batchRows` rows (see the top of this file), at
 * most `concurrency` requests in flight. Loading the same file twice leaves the same tables (INSERT is an
 * upsert), and so does loading it with another `batchRows`: a later line replaces an earlier one with the
 * same primary key, as one INSERT after the other would. Throws LoadInterruptedError when no node accepts
 * a write for `unavailableTimeoutMs`.
 */
export async function loadTables(client: Client, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const tables = options.tables ?? TABLES;
  const positive = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1, got ${v}`);
    return v;
  };
  const concurrency = positive('concurrency', options.concurrency ?? 64);
  const batchRows = positive('batchRows', options.batchRows ?? 20);
  const window = positive('window', options.window ?? 5000);
  const maxTries = options.maxTries ?? 6;
  const everyMs = options.progressEveryMs ?? 200;
  const unavailableTimeoutMs = options.unavailableTimeoutMs ?? 60_000;
  const maxBackoff = options.maxBackoffMs ?? 2000;
  const checkpointEveryMs = options.checkpointEveryMs ?? 1000;
  const queries = tables.map((t) => ({
    table: t,
    cql: insertCql(t, options.keyspace),
    partition: t.partitionKey.map((k) => fieldOf(t, k)),
    clustering: t.clustering.map((c) => fieldOf(t, c.column)),
  }));
  type Query = (typeof queries)[number];
  const keyspace = checkIdentifier(options.keyspace, 'keyspace name');
  const fileStat = await stat(options.file);
  const bytesTotal = fileStat.size;
  const identity = {
    file: resolve(options.file),
    size: fileStat.size,
    mtimeMs: fileStat.mtimeMs,
    keyspace: options.keyspace,
    tables: tables.map((t) => t.name),
  };

  // Checkpoint: resume from it, or start afresh (an old one would describe another load).
  const checkpointFile = options.checkpointFile === false ? undefined : options.checkpointFile ?? checkpointPathFor(options.file);
  let resumeBelow = 0;
  let resumed: LoadResult['resumed'];
  if (checkpointFile) {
    const old = options.resume ? readLoadCheckpoint(checkpointFile) : undefined;
    if (old) {
      const why = checkpointMismatch(old, identity);
      if (why) {
        throw new Error(
          `Cannot resume from ${checkpointFile}: ${why}. Load without resume to start from the first line (inserts are upserts, nothing is duplicated), or delete the checkpoint.`,
        );
      }
      resumeBelow = old.doneBelowLine;
      resumed = { fromLine: resumeBelow, playsSkipped: 0, checkpointFile };
    } else if (!options.resume) {
      rmSync(checkpointFile, { force: true });
    }
  }

  // The token map must know the keyspace (created just now, perhaps) to name a row's replicas. Without it
  // every row is grouped under '' (one replica set): batches are still right, only not replica-aligned.
  if (batchRows > 1) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.resolve().then(() => client.metadata.refreshKeyspace(keyspace)),
      new Promise<void>((r) => { timer = setTimeout(r, 10_000); }),
    ]).catch(() => undefined);
    clearTimeout(timer);
  }
  const replicaOf = (rk: Buffer | undefined): string => {
    if (!rk) return '';
    try {
      const hosts = client.getReplicas(keyspace, rk);
      return hosts && hosts.length ? hosts.map((h) => h.address).sort().join(',') : '';
    } catch {
      return '';
    }
  };
  // The driver's timestamp for a request, taken once: its retries, and the row-by-row retry of a rejected
  // batch, keep it, so a late retry never overwrites a later line with the same primary key.
  const timestamps = (client as { options?: { policies?: { timestampGeneration?: { next(c: Client): number | types.Long } | null } } }).options?.policies?.timestampGeneration;
  const nextTimestamp = (): number | types.Long | undefined => {
    try {
      return timestamps ? timestamps.next(client) : undefined;
    } catch {
      return undefined;
    }
  };

  const loaded: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const transient: Required<TransientCounts> = { unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 };
  const transientSamples: Partial<Record<keyof TransientCounts, string>> = {};
  const failures: LoadFailure[] = [];
  const watermark = new LineWatermark(resumeBelow);
  let failedCount = 0;
  let retries = 0;
  let requests = 0;
  let rowsRead = 0;
  let skipped = 0;
  let bytesRead = 0;
  let lastProgress = 0;
  let successes = 0;
  /** Set while no request succeeds and some fail with a transient error. */
  let troubleSince: number | undefined;
  let outages = 0;
  let waitedMs = 0;
  let lastTransient: unknown;
  let stopReason: string | undefined;

  const fail = (f: LoadFailure) => {
    failedCount++;
    if (failures.length < 100) failures.push(f);
  };
  const progress = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastProgress < everyMs)) return;
    lastProgress = now;
    options.onProgress({
      rowsRead, loaded: { ...loaded }, failed: failedCount, retries, bytesRead, bytesTotal, elapsedMs: now - started,
      skipped, transient: { ...transient }, waitingMs: troubleSince === undefined ? 0 : now - troubleSince,
    });
  };
  let lastCheckpoint = 0;
  const checkpoint = () => {
    if (!checkpointFile) return;
    lastCheckpoint = Date.now();
    const cp: LoadCheckpoint = {
      version: 1, ...identity, doneBelowLine: watermark.line, playsDone: skipped + watermark.playsDone, updatedAt: new Date().toISOString(),
    };
    writeJsonAtomic(checkpointFile, cp);
  };
  const timer = setInterval(() => {
    progress();
    if (Date.now() - lastCheckpoint < checkpointEveryMs) return;
    try {
      checkpoint();
    } catch {
      /* a checkpoint that cannot be written must not break the load; the last one stays */
    }
  }, Math.max(50, Math.min(everyMs, checkpointEveryMs)));
  timer.unref?.();

  /** One request (a plain INSERT for one row, else an UNLOGGED batch), retried while the error is transient. */
  const request = async (q: Query, rows: readonly PlayRecord[], timestamp: number | types.Long | undefined): Promise<Outcome> => {
    let successesAtFirstError = -1;
    const execOptions = timestamp === undefined ? { prepare: true, isIdempotent: true } : { prepare: true, isIdempotent: true, timestamp };
    for (let attempt = 1; ; attempt++) {
      if (stopReason) return { ok: false, stopped: true };
      try {
        requests++;
        if (rows.length === 1) await client.execute(q.cql, rowValues(q.table, rows[0].play), execOptions);
        else await client.batch(rows.map((r) => ({ query: q.cql, params: rowValues(q.table, r.play) })), { ...execOptions, logged: false });
        successes++;
        if (troubleSince !== undefined) {
          outages++;
          waitedMs += Date.now() - troubleSince;
          troubleSince = undefined;
        }
        return { ok: true };
      } catch (err) {
        const kind = transientKind(err);
        if (!kind) return { ok: false, stopped: false, rejected: true, message: messageOf(err) };
        transient[kind]++;
        transientSamples[kind] ??= describeLoadError(err);
        lastTransient = err;
        const now = Date.now();
        if (successesAtFirstError < 0) successesAtFirstError = successes;
        troubleSince ??= now;
        if (now - troubleSince >= unavailableTimeoutMs) {
          stopReason ??= `no Cassandra node accepted a write for ${(unavailableTimeoutMs / 1000).toFixed(1)} s`;
          return { ok: false, stopped: true };
        }
        // The cluster works (other requests succeeded since this one first failed) but this one keeps failing.
        if (attempt >= maxTries && successes > successesAtFirstError) {
          return { ok: false, stopped: false, rejected: false, message: `${messageOf(err)} (after ${attempt} tries)` };
        }
        retries++;
        await sleep(backoffMs(attempt, maxBackoff));
      }
    }
  };

  /** Settles a sent row and the rows it replaced: landed, failed for good, or abandoned (the load stops). */
  const settle = (q: Query, row: PackedRow<PlayRecord>, outcome: Outcome) => {
    const table = q.table.name;
    for (const r of [...(row.superseded ?? []), row.item]) {
      if (outcome.ok) {
        loaded[table]++;
        watermark.succeeded(r.line);
        continue;
      }
      watermark.failed(r.line);
      if (outcome.stopped) continue;
      const message = r === row.item ? outcome.message ?? '' : `${outcome.message ?? ''} (line ${row.item.line}, with the same primary key, replaces this row and failed)`;
      fail({ line: r.line, table, message });
    }
  };

  /** Sends one batch; when the node rejects it (one bad row rejects them all), sends its rows one by one. */
  const write = async (q: Query, batch: PackedRow<PlayRecord>[]) => {
    const timestamp = nextTimestamp();
    const outcome = await request(q, batch.map((b) => b.item), timestamp);
    if (outcome.ok || outcome.stopped || !outcome.rejected || batch.length === 1) {
      for (const b of batch) settle(q, b, outcome);
      return;
    }
    for (const b of batch) settle(q, b, await request(q, [b.item], timestamp));
  };

  // A bounded pool: at most `concurrency` requests in flight; packing waits for a free slot.
  const inFlight = new Set<Promise<void>>();
  const submit = async (task: () => Promise<void>) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const p = task().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const placeOf = (q: Query, p: PlayRecord): RowPlace => {
    const rk = routingKey(q.table, p.play);
    if (rk) return { replica: replicaOf(rk), partition: rk.toString('latin1') };
    // A key that does not fit its column types: grouped apart by its values; the node will say what is wrong.
    return { replica: '(unroutable)', partition: JSON.stringify(q.partition.map((f) => p.play[f])) };
  };

  /** Sends a window's rows, table by table. */
  const flush = async (plays: PlayRecord[]) => {
    for (const q of queries) {
      const batches =
        batchRows === 1
          ? plays.map((p) => [{ item: p }])
          : packBatches(plays, batchRows, (p) => placeOf(q, p), (p) => JSON.stringify(q.clustering.map((f) => p.play[f])));
      for (const batch of batches) {
        if (stopReason) return;
        await submit(() => write(q, batch));
        progress();
      }
    }
  };

  let lastLine = 0;
  try {
    let pending: PlayRecord[] = [];
    reading: for await (const chunk of readPlays(options.file)) {
      for (const bad of chunk.bad) if (bad.line >= resumeBelow) fail({ line: bad.line, table: '(file)', message: bad.problem });
      for (const record of chunk.plays) {
        if (stopReason) break reading;
        if (record.line < resumeBelow) {
          skipped++;
          continue;
        }
        rowsRead++;
        lastLine = record.line;
        watermark.start(record.line, queries.length);
        pending.push(record);
        if (pending.length >= window) {
          const full = pending;
          pending = [];
          await flush(full);
        }
      }
      bytesRead = chunk.bytesRead;
      progress();
    }
    if (pending.length && !stopReason) await flush(pending);
    await Promise.all(inFlight);
  } catch (err) {
    clearInterval(timer);
    await Promise.allSettled(inFlight);
    try {
      checkpoint();
    } catch {
      /* keep the error that stopped the load */
    }
    throw err;
  }
  clearInterval(timer);
  if (resumed) resumed.playsSkipped = skipped;
  let kept = false;
  const result = (): LoadResult => ({
    file: options.file, rowsRead, loaded, failedCount, failures, retries, requests, ms: Date.now() - started,
    transient, transientSamples, outages, waitedMs, resumed, checkpointFile: kept ? checkpointFile : undefined,
  });

  if (stopReason) {
    if (troubleSince !== undefined) waitedMs += Date.now() - troubleSince;
    kept = !!checkpointFile;
    checkpoint();
    progress(true);
    const resumeLine = watermark.line;
    const perTable = Object.entries(loaded).map(([t, n]) => `${t} ${formatCount(n)}`).join(', ');
    const message =
      `Load of ${options.file} stopped: ${stopReason} (last error: ${describeLoadError(lastTransient)}). ` +
      `Rows written by this run before it stopped: ${perTable} (${formatCount(rowsRead)} plays read, up to line ${formatCount(lastLine)}` +
      `${skipped ? `; ${formatCount(skipped)} plays skipped as done by an earlier run` : ''}). ` +
      `Every play below line ${formatCount(resumeLine)} is in all ${tables.length} tables` +
      (checkpointFile
        ? `; that point is saved in ${checkpointFile}. When the node answers again, resume with \`npm run sparkify -- load --file ${options.file} --resume\` ` +
          `(or loadTables({ ..., resume: true })): those lines are skipped, the rest is loaded.`
        : '; no checkpoint was kept (checkpointFile: false): loading again from the start is safe, inserts are upserts.');
    throw new LoadInterruptedError(message, result(), resumeLine, checkpointFile);
  }

  bytesRead = bytesTotal;
  progress(true);
  if (checkpointFile) {
    if (watermark.anyFailed) {
      checkpoint();
      kept = true;
    } else rmSync(checkpointFile, { force: true });
  }
  return result();
}

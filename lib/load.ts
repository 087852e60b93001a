// load: tables into Cassandra. Owns creating (and dropping) the model's tables and streaming the merged
// file into them with prepared INSERTs at a bounded concurrency: memory stays flat whatever the file's
// size, overload and timeout errors are retried with back-off (inserts are idempotent upserts), and
// every row that still fails is reported with its line. Progress goes to a callback.
//
// Faults: when the node(s) go away mid-load, every insert keeps retrying (capped back-off) and the load
// carries on once a node answers again. If none accepts a write for `unavailableTimeoutMs`, the load
// stops with a LoadInterruptedError that says how many rows landed per table and how to resume.
// A checkpoint next to the file (`<file>.load-checkpoint.json`) records the line below which every
// insert succeeded; `resume: true` skips those lines. A load in which every insert succeeded removes it.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
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
  /** Plays read from the file so far (not counting plays skipped by a resume). */
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
  /** While no write succeeds and inserts are being retried: for how long (ms). 0 when writes flow. */
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
  /** Retries of inserts after a transient error (one per retry). */
  retries: number;
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
  /** The checkpoint file, when one is kept after this call (some inserts failed); removed otherwise. */
  checkpointFile?: string;
}

export interface LoadOptions {
  /** The merged file (`event_datafile_new.csv`). */
  file: string;
  keyspace: string;
  tables?: readonly TableSpec[];
  /** Inserts in flight at once. Default 64. */
  concurrency?: number;
  /**
   * Tries per insert for transient errors while other inserts succeed (a row that keeps failing on a
   * working cluster is reported, not retried for ever). Default 6. While *no* insert succeeds (the
   * node is down), inserts keep retrying until `unavailableTimeoutMs`.
   */
  maxTries?: number;
  /** How long the load waits for the node(s) to come back before it stops. Default 60 000 ms. */
  unavailableTimeoutMs?: number;
  /** Longest wait between two tries of one insert. Default 2 000 ms. */
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

function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, file);
}

/**
 * The lowest line not yet done, for the checkpoint. Plays are started in line order; each is pending
 * until all its inserts have settled. Memory: one entry per play still in flight (bounded by the pool),
 * plus the first line with an insert that failed for good, which the watermark never passes.
 */
export class LineWatermark {
  /** Plays in flight: line → inserts still to settle, and the play's ordinal (plays of this load started before it). */
  private readonly pending = new Map<number, { left: number; ordinal: number }>();
  private started = 0;
  private lastStarted = 0;
  private firstFailed: { line: number; ordinal: number } | undefined;
  constructor(private readonly floor = 0) {}

  /** A play on `line` starts, with `inserts` inserts to go. */
  start(line: number, inserts: number): void {
    this.pending.set(line, { left: inserts, ordinal: this.started++ });
    this.lastStarted = Math.max(this.lastStarted, line);
  }
  /** One insert of the play on `line` succeeded. */
  succeeded(line: number): void {
    this.settle(line);
  }
  /** One insert of the play on `line` failed for good (or was abandoned): the watermark cannot pass it. */
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

/** The load stopped because no node accepted a write for too long. Carries what landed and where to resume. */
export class LoadInterruptedError extends Error {
  constructor(
    message: string,
    /** What this call did before it stopped. */
    readonly result: LoadResult,
    /** Every play below this line is in every table. */
    readonly resumeFromLine: number,
    readonly checkpointFile: string | undefined,
  ) {
    super(message);
    this.name = 'LoadInterruptedError';
  }
}

const fmtN = (n: number) => n.toLocaleString('en-US');

/** One line for an error: its message, and for "all hosts tried" errors what each host said. */
export function describeLoadError(err: unknown): string {
  const e = err as { message?: string; innerErrors?: Record<string, unknown> } | undefined;
  let text = String(e?.message ?? err).split('\n')[0];
  const inner = Object.entries(e?.innerErrors ?? {}).map(([host, ie]) => `${host}: ${String((ie as Error)?.message ?? ie).split('\n')[0]}`);
  if (inner.length) text = `${text.replace(/\. First host tried.*$/, '').replace(/\.$/, '')}: ${inner.slice(0, 3).join('; ')}${inner.length > 3 ? `; … (${inner.length} hosts)` : ''}`;
  else if ((err as { name?: string })?.name === 'NoHostAvailableError') text += ' (every node the driver knows is down or unreachable)';
  return text;
}
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Streams the merged file into the tables: for every play, one prepared INSERT per table, at most
 * `concurrency` in flight. Loading the same file twice leaves the same tables (INSERT is an upsert).
 * Throws LoadInterruptedError when no node accepts a write for `unavailableTimeoutMs`.
 */
export async function loadTables(client: Client, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const tables = options.tables ?? TABLES;
  const concurrency = options.concurrency ?? 64;
  const maxTries = options.maxTries ?? 6;
  const everyMs = options.progressEveryMs ?? 200;
  const unavailableTimeoutMs = options.unavailableTimeoutMs ?? 60_000;
  const maxBackoff = options.maxBackoffMs ?? 2000;
  const checkpointEveryMs = options.checkpointEveryMs ?? 1000;
  const queries = tables.map((t) => ({ table: t, cql: insertCql(t, options.keyspace) }));
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

  const loaded: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  const transient: Required<TransientCounts> = { unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 };
  const transientSamples: Partial<Record<keyof TransientCounts, string>> = {};
  const failures: LoadFailure[] = [];
  const watermark = new LineWatermark(resumeBelow);
  let failedCount = 0;
  let retries = 0;
  let rowsRead = 0;
  let skipped = 0;
  let bytesRead = 0;
  let lastProgress = 0;
  let successes = 0;
  /** Set while no insert succeeds and some fail with a transient error. */
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

  const insert = async (table: TableSpec, cql: string, params: unknown[], line: number) => {
    let successesAtFirstError = -1;
    for (let attempt = 1; ; attempt++) {
      if (stopReason) return watermark.failed(line);
      try {
        await client.execute(cql, params, { prepare: true, isIdempotent: true });
        loaded[table.name]++;
        successes++;
        if (troubleSince !== undefined) {
          outages++;
          waitedMs += Date.now() - troubleSince;
          troubleSince = undefined;
        }
        watermark.succeeded(line);
        return;
      } catch (err) {
        const kind = transientKind(err);
        if (!kind) {
          fail({ line, table: table.name, message: (err as Error).message });
          return watermark.failed(line);
        }
        transient[kind]++;
        transientSamples[kind] ??= describeLoadError(err);
        lastTransient = err;
        const now = Date.now();
        if (successesAtFirstError < 0) successesAtFirstError = successes;
        troubleSince ??= now;
        if (now - troubleSince >= unavailableTimeoutMs) {
          stopReason ??= `no Cassandra node accepted a write for ${(unavailableTimeoutMs / 1000).toFixed(1)} s`;
          return watermark.failed(line);
        }
        // The cluster works (other inserts succeeded since this one first failed) but this one keeps failing.
        if (attempt >= maxTries && successes > successesAtFirstError) {
          fail({ line, table: table.name, message: `${(err as Error).message} (after ${attempt} tries)` });
          return watermark.failed(line);
        }
        retries++;
        await sleep(backoffMs(attempt, maxBackoff));
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

  let lastLine = 0;
  try {
    reading: for await (const batch of readPlays(options.file)) {
      for (const bad of batch.bad) if (bad.line >= resumeBelow) fail({ line: bad.line, table: '(file)', message: bad.problem });
      for (const { line, play } of batch.plays) {
        if (stopReason) break reading;
        if (line < resumeBelow) {
          skipped++;
          continue;
        }
        rowsRead++;
        lastLine = line;
        watermark.start(line, queries.length);
        for (const q of queries) await submit(() => insert(q.table, q.cql, rowValues(q.table, play), line));
        progress();
      }
      bytesRead = batch.bytesRead;
    }
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
    file: options.file, rowsRead, loaded, failedCount, failures, retries, ms: Date.now() - started,
    transient, transientSamples, outages, waitedMs, resumed, checkpointFile: kept ? checkpointFile : undefined,
  });

  if (stopReason) {
    if (troubleSince !== undefined) waitedMs += Date.now() - troubleSince;
    kept = !!checkpointFile;
    checkpoint();
    progress(true);
    const resumeLine = watermark.line;
    const perTable = Object.entries(loaded).map(([t, n]) => `${t} ${fmtN(n)}`).join(', ');
    const message =
      `Load of ${options.file} stopped: ${stopReason} (last error: ${describeLoadError(lastTransient)}). ` +
      `Rows written by this run before it stopped: ${perTable} (${fmtN(rowsRead)} plays read, up to line ${fmtN(lastLine)}` +
      `${skipped ? `; ${fmtN(skipped)} plays skipped as done by an earlier run` : ''}). ` +
      `Every play below line ${fmtN(resumeLine)} is in all ${tables.length} tables` +
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

// progress: what a load counts and tells. Owns the progress a load reports (LoadProgress), its result
// (LoadResult, LoadFailure), the tally both are made of (rows read and landed per table, failures, retries,
// requests, transient errors by kind), and the progress callback, called at most every `progressEveryMs`.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TableSpec } from '../model/tables';
import { describeLoadError } from '../errors';
import { formatCount } from '../show/format';
import type { ClusterHealth, TransientCounts } from './retry';
import type { SSTableLoadFigures } from './sstables/sstables';

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
  /** Set by a load via SSTables: its phases and the way the SSTables were handed over. */
  sstables?: SSTableLoadFigures;
}

/** The counts of one load, from which its progress and its result are made. */
export class LoadTally {
  readonly loaded: Record<string, number>;
  readonly transient: Required<TransientCounts> = { unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 };
  readonly transientSamples: Partial<Record<keyof TransientCounts, string>> = {};
  readonly failures: LoadFailure[] = [];
  failedCount = 0;
  retries = 0;
  requests = 0;
  rowsRead = 0;
  skipped = 0;
  bytesRead = 0;
  /** The last line read and sent (for messages). */
  lastLine = 0;

  constructor(tables: readonly TableSpec[]) {
    this.loaded = Object.fromEntries(tables.map((t) => [t.name, 0]));
  }

  /** Keeps the first 100 failures; counts them all. */
  fail(f: LoadFailure): void {
    this.failedCount++;
    if (this.failures.length < 100) this.failures.push(f);
  }

  transientError(kind: keyof TransientCounts, err: unknown): void {
    this.transient[kind]++;
    this.transientSamples[kind] ??= describeLoadError(err);
  }

  progress(health: ClusterHealth, bytesTotal: number, elapsedMs: number, now: number): LoadProgress {
    return {
      rowsRead: this.rowsRead,
      loaded: { ...this.loaded },
      failed: this.failedCount,
      retries: this.retries,
      bytesRead: this.bytesRead,
      bytesTotal,
      elapsedMs,
      skipped: this.skipped,
      transient: { ...this.transient },
      waitingMs: health.waitingMs(now),
    };
  }

  result(
    file: string,
    health: ClusterHealth,
    ms: number,
    extra: Pick<LoadResult, 'resumed' | 'checkpointFile'>,
  ): LoadResult {
    return {
      file,
      rowsRead: this.rowsRead,
      loaded: this.loaded,
      failedCount: this.failedCount,
      failures: this.failures,
      retries: this.retries,
      requests: this.requests,
      ms,
      transient: this.transient,
      transientSamples: this.transientSamples,
      outages: health.outages,
      waitedMs: health.waitedMs,
      resumed: extra.resumed,
      checkpointFile: extra.checkpointFile,
    };
  }
}

/** Calls `onProgress` with `snapshot()`, at most every `everyMs` unless forced. */
export class ProgressReporter {
  private last = 0;
  constructor(
    private readonly onProgress: ((p: LoadProgress) => void) | undefined,
    private readonly everyMs: number,
    private readonly snapshot: (now: number) => LoadProgress,
  ) {}

  report(force = false): void {
    const now = Date.now();
    if (!this.onProgress || (!force && now - this.last < this.everyMs)) return;
    this.last = now;
    this.onProgress(this.snapshot(now));
  }
}

/** What stopped a load, and what it had done: for the message of its LoadInterruptedError. */
export interface Interruption {
  file: string;
  stopReason: string;
  /** describeLoadError of the last transient error. */
  lastError: string;
  loaded: Record<string, number>;
  rowsRead: number;
  lastLine: number;
  skipped: number;
  resumeLine: number;
  tables: number;
  checkpointFile: string | undefined;
}

/** The message of a load that stopped: what happened, what landed per table, and how to resume. */
export function interruptedMessage(s: Interruption): string {
  const perTable = Object.entries(s.loaded)
    .map(([t, n]) => `${t} ${formatCount(n)}`)
    .join(', ');
  return (
    `Load of ${s.file} stopped: ${s.stopReason} (last error: ${s.lastError}). ` +
    `Rows written by this run before it stopped: ${perTable} (${formatCount(s.rowsRead)} plays read, up to line ${formatCount(s.lastLine)}` +
    `${s.skipped ? `; ${formatCount(s.skipped)} plays skipped as done by an earlier run` : ''}). ` +
    `Every play below line ${formatCount(s.resumeLine)} is in all ${s.tables} tables` +
    (s.checkpointFile
      ? `; that point is saved in ${s.checkpointFile}. When the node answers again, resume with \`npm run sparkify -- load --file ${s.file} --resume\` ` +
        `(or loadTables({ ..., resume: true })): those lines are skipped, the rest is loaded.`
      : '; no checkpoint was kept (checkpointFile: false): loading again from the start is safe, inserts are upserts.')
  );
}

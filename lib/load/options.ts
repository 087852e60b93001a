// options: what a caller can ask of a load (LoadOptions), and the settings a load runs with: the defaults
// filled in and the counts checked (concurrency, batchRows and window are whole numbers of at least 1).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { TABLES, type TableSpec } from '../model/tables';
import type { LoadProgress } from './progress';
import { checkpointPathFor } from './checkpoint';
import type { SSTableOptions } from './sstables/sstables';

export interface LoadOptions {
  /** The merged file (`event_datafile_new.csv`). */
  file: string;
  keyspace: string;
  tables?: readonly TableSpec[];
  /**
   * How rows reach Cassandra: `cql` (default) through the CQL write path in batches, as below; `sstables`
   * written as SSTables by Cassandra's own CQLSSTableWriter and handed over by nodetool import (one local
   * node) or sstableloader (a cluster) — see lib/load/sstables. Needs `sstables.tools`.
   */
  via?: 'cql' | 'sstables';
  sstables?: SSTableOptions;
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

/** LoadOptions with the defaults filled in. */
export interface LoadSettings {
  tables: readonly TableSpec[];
  concurrency: number;
  batchRows: number;
  window: number;
  maxTries: number;
  progressEveryMs: number;
  unavailableTimeoutMs: number;
  maxBackoffMs: number;
  checkpointEveryMs: number;
  /** Undefined: no checkpoint. */
  checkpointFile: string | undefined;
}

function positive(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a whole number of at least 1, got ${v}`);
  return v;
}

export function loadSettings(options: LoadOptions): LoadSettings {
  return {
    tables: options.tables ?? TABLES,
    concurrency: positive('concurrency', options.concurrency ?? 64),
    batchRows: positive('batchRows', options.batchRows ?? 20),
    window: positive('window', options.window ?? 5000),
    maxTries: options.maxTries ?? 6,
    progressEveryMs: options.progressEveryMs ?? 200,
    unavailableTimeoutMs: options.unavailableTimeoutMs ?? 60_000,
    maxBackoffMs: options.maxBackoffMs ?? 2000,
    checkpointEveryMs: options.checkpointEveryMs ?? 1000,
    checkpointFile:
      options.checkpointFile === false ? undefined : (options.checkpointFile ?? checkpointPathFor(options.file)),
  };
}

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
//
// This file is the orchestrator: it reads the file a window at a time and hands each window's rows, table
// by table, to its parts: routing.ts (replicas), batches.ts (packing), executor.ts (requests in flight),
// writer.ts (a request and its retries, by retry.ts's policy), watermark.ts and checkpoint.ts (where a
// resume starts), progress.ts (counts, progress, result). options.ts has the options, schema.ts the tables.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { checkIdentifier } from '../model/tables';
import { describeLoadError, LoadInterruptedError } from '../errors';
import { packBatches } from './batches';
import { loadIdentity, LoadCheckpointFile } from './checkpoint';
import { RequestPool } from './executor';
import { loadSettings, type LoadOptions, type LoadSettings } from './options';
import { interruptedMessage, LoadTally, ProgressReporter, type LoadResult } from './progress';
import { ClusterHealth } from './retry';
import { clusteringKeyOf, refreshTokenMap, RowRouter, tableInsert, type TableInsert } from './routing';
import { LineWatermark } from './watermark';
import { BatchWriter } from './writer';
import { readPlays, type PlayRecord } from '../etl/plays';
import { loadViaSSTables } from './sstables/sstables';

/**
 * Streams the merged file into the tables: `window` plays at a time, each table's rows grouped by replica
 * and partition and sent as UNLOGGED batches of up to `batchRows` rows (see the top of this file), at
 * most `concurrency` requests in flight. Loading the same file twice leaves the same tables (INSERT is an
 * upsert), and so does loading it with another `batchRows`: a later line replaces an earlier one with the
 * same primary key, as one INSERT after the other would. Throws LoadInterruptedError when no node accepts
 * a write for `unavailableTimeoutMs`. With `via: 'sstables'` the rows go as SSTables instead (lib/load/sstables).
 */
export async function loadTables(client: Client, options: LoadOptions): Promise<LoadResult> {
  if (options.via === 'sstables') return loadViaSSTables(client, options);
  const started = Date.now();
  const settings = loadSettings(options);
  const queries = settings.tables.map((t) => tableInsert(t, options.keyspace));
  const keyspace = checkIdentifier(options.keyspace, 'keyspace name');
  const identity = await loadIdentity(options.file, options.keyspace, settings.tables);
  const checkpoint = new LoadCheckpointFile(settings.checkpointFile, identity, settings.checkpointEveryMs);
  const resumeBelow = checkpoint.begin(options.resume);
  if (settings.batchRows > 1) await refreshTokenMap(client, keyspace);
  const run = new LoadRun(client, options, settings, queries, checkpoint, resumeBelow ?? 0, identity.size, started);
  const timer = setInterval(
    () => run.tick(),
    Math.max(50, Math.min(settings.progressEveryMs, settings.checkpointEveryMs)),
  );
  timer.unref?.();
  try {
    await run.readAndSend();
  } catch (err) {
    clearInterval(timer);
    await run.abandon();
    throw err;
  }
  clearInterval(timer);
  const resumed =
    resumeBelow === undefined
      ? undefined
      : { fromLine: resumeBelow, playsSkipped: run.tally.skipped, checkpointFile: checkpoint.path! };
  if (run.health.stopReason) run.stop(resumed);
  return run.finish(resumed);
}

type Resumed = LoadResult['resumed'];

/** One load's parts and the steps that drive them: read windows, send them, and end (finished or stopped). */
class LoadRun {
  readonly tally: LoadTally;
  readonly health = new ClusterHealth();
  private readonly watermark: LineWatermark;
  private readonly progress: ProgressReporter;
  private readonly pool: RequestPool;
  private readonly writer: BatchWriter;
  private readonly router: RowRouter;

  constructor(
    client: Client,
    private readonly options: LoadOptions,
    private readonly settings: LoadSettings,
    private readonly queries: readonly TableInsert[],
    private readonly checkpoint: LoadCheckpointFile,
    private readonly resumeBelow: number,
    private readonly bytesTotal: number,
    private readonly started: number,
  ) {
    this.tally = new LoadTally(settings.tables);
    this.watermark = new LineWatermark(resumeBelow);
    this.progress = new ProgressReporter(options.onProgress, settings.progressEveryMs, (now) =>
      this.tally.progress(this.health, bytesTotal, now - started, now),
    );
    this.pool = new RequestPool(settings.concurrency);
    this.writer = new BatchWriter(client, settings, this.tally, this.health, this.watermark);
    this.router = new RowRouter(client, checkIdentifier(options.keyspace, 'keyspace name'));
  }

  /** Called on a timer: progress, and the checkpoint when it is due. */
  tick(): void {
    this.progress.report();
    this.checkpoint.writeIfDue(this.watermark, this.tally.skipped);
  }

  /** Reads the file a window at a time and sends each window; skips the lines a resumed checkpoint covers. */
  async readAndSend(): Promise<void> {
    const { tally, resumeBelow } = this;
    let pending: PlayRecord[] = [];
    reading: for await (const chunk of readPlays(this.options.file)) {
      for (const bad of chunk.bad)
        if (bad.line >= resumeBelow) tally.fail({ line: bad.line, table: '(file)', message: bad.problem });
      for (const record of chunk.plays) {
        if (this.health.stopReason) break reading;
        if (record.line < resumeBelow) {
          tally.skipped++;
          continue;
        }
        tally.rowsRead++;
        tally.lastLine = record.line;
        this.watermark.start(record.line, this.queries.length);
        pending.push(record);
        if (pending.length >= this.settings.window) {
          const full = pending;
          pending = [];
          await this.sendWindow(full);
        }
      }
      tally.bytesRead = chunk.bytesRead;
      this.progress.report();
    }
    if (pending.length && !this.health.stopReason) await this.sendWindow(pending);
    await this.pool.drain();
  }

  /** Sends a window's rows, table by table. */
  private async sendWindow(plays: PlayRecord[]): Promise<void> {
    const { batchRows } = this.settings;
    for (const q of this.queries) {
      const batches =
        batchRows === 1
          ? plays.map((p) => [{ item: p }])
          : packBatches(
              plays,
              batchRows,
              (p) => this.router.placeOf(q, p),
              (p) => clusteringKeyOf(q, p),
            );
      for (const batch of batches) {
        if (this.health.stopReason) return;
        await this.pool.submit(() => this.writer.write(q, batch));
        this.progress.report();
      }
    }
  }

  /** An error stopped the load: let the requests in flight end and keep the checkpoint (the error wins). */
  async abandon(): Promise<void> {
    await this.pool.settle();
    try {
      this.checkpoint.write(this.watermark, this.tally.skipped);
    } catch {
      /* keep the error that stopped the load */
    }
  }

  /** No node accepted a write for too long: keep the checkpoint and throw LoadInterruptedError. */
  stop(resumed: Resumed): never {
    const { tally, health, checkpoint } = this;
    health.endWait(Date.now());
    checkpoint.write(this.watermark, tally.skipped);
    this.progress.report(true);
    const resumeLine = this.watermark.line;
    const message = interruptedMessage({
      file: this.options.file,
      stopReason: health.stopReason!,
      lastError: describeLoadError(health.lastError),
      loaded: tally.loaded,
      rowsRead: tally.rowsRead,
      lastLine: tally.lastLine,
      skipped: tally.skipped,
      resumeLine,
      tables: this.settings.tables.length,
      checkpointFile: checkpoint.path,
    });
    throw new LoadInterruptedError(message, this.result(resumed, checkpoint.path), resumeLine, checkpoint.path);
  }

  /** Every row was sent: keep the checkpoint when some failed (a resume retries them), else remove it. */
  finish(resumed: Resumed): LoadResult {
    this.tally.bytesRead = this.bytesTotal;
    this.progress.report(true);
    const keep = !!this.checkpoint.path && this.watermark.anyFailed;
    if (keep) this.checkpoint.write(this.watermark, this.tally.skipped);
    else this.checkpoint.remove();
    return this.result(resumed, keep ? this.checkpoint.path : undefined);
  }

  private result(resumed: Resumed, checkpointFile: string | undefined): LoadResult {
    return this.tally.result(this.options.file, this.health, Date.now() - this.started, { resumed, checkpointFile });
  }
}

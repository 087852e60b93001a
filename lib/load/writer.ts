// writer: sending one table's batch to Cassandra and settling its rows. Owns one request (a plain prepared
// INSERT for a lone row, else an UNLOGGED batch) retried while its error is transient (the retry policy
// says for how long), the row-by-row resend of a batch the node rejects (one bad row rejects them all),
// the client timestamp a request keeps through its retries, and settling each row as landed, failed for
// good or abandoned.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client, types } from 'cassandra-driver';
import { rowValues } from '../model/tables';
import { sleep } from '../common/async';
import type { PackedRow } from './batches';
import type { LoadTally } from './progress';
import { backoffMs, retryStep, transientKind, type ClusterHealth } from './retry';
import type { TableInsert } from './routing';
import type { LineWatermark } from './watermark';
import type { PlayRecord } from '../etl/plays';

/**
 * How one request ended after its retries: landed (`ok`), abandoned because the load stops (`stopped`),
 * or failed for good with `message` — `rejected` when the node refused it (not a transient error).
 * One flat shape rather than a union: tslab compiles lib/ without strictNullChecks, where `if (o.ok)`
 * does not narrow a union.
 */
export interface Outcome {
  ok: boolean;
  stopped?: boolean;
  rejected?: boolean;
  message?: string;
}

/** How one row of a sent row ends: landed, or not (with the failure to report; none when the load stops). */
export interface Settlement {
  line: number;
  landed: boolean;
  message?: string;
}

/** The settlements of a sent row and of the earlier rows with its primary key that it replaced. */
export function settlements(row: PackedRow<PlayRecord>, outcome: Outcome): Settlement[] {
  return [...(row.superseded ?? []), row.item].map((r): Settlement => {
    if (outcome.ok) return { line: r.line, landed: true };
    if (outcome.stopped) return { line: r.line, landed: false };
    const message =
      r === row.item
        ? (outcome.message ?? '')
        : `${outcome.message ?? ''} (line ${row.item.line}, with the same primary key, replaces this row and failed)`;
    return { line: r.line, landed: false, message };
  });
}

const messageOf = (err: unknown) => String((err as Error)?.message ?? err);

type Timestamp = number | types.Long | undefined;

export interface WriterSettings {
  maxTries: number;
  unavailableTimeoutMs: number;
  maxBackoffMs: number;
}

/** Writes batches of one load: requests with retries, counted in `tally`, their rows settled on `watermark`. */
export class BatchWriter {
  constructor(
    private readonly client: Client,
    private readonly settings: WriterSettings,
    private readonly tally: LoadTally,
    private readonly health: ClusterHealth,
    private readonly watermark: LineWatermark,
  ) {}

  /** Sends one batch; when the node rejects it (one bad row rejects them all), sends its rows one by one. */
  async write(q: TableInsert, batch: PackedRow<PlayRecord>[]): Promise<void> {
    const timestamp = this.nextTimestamp();
    const outcome = await this.request(
      q,
      batch.map((b) => b.item),
      timestamp,
    );
    if (outcome.ok || outcome.stopped || !outcome.rejected || batch.length === 1) {
      for (const b of batch) this.settle(q, b, outcome);
      return;
    }
    for (const b of batch) this.settle(q, b, await this.request(q, [b.item], timestamp));
  }

  /**
   * The driver's timestamp for a request, taken once: its retries, and the row-by-row retry of a rejected
   * batch, keep it, so a late retry never overwrites a later line with the same primary key.
   */
  private nextTimestamp(): Timestamp {
    const client = this.client as {
      options?: { policies?: { timestampGeneration?: { next(c: Client): number | types.Long } | null } };
    };
    const timestamps = client.options?.policies?.timestampGeneration;
    try {
      return timestamps ? timestamps.next(this.client) : undefined;
    } catch {
      return undefined;
    }
  }

  /** One request (a plain INSERT for one row, else an UNLOGGED batch), retried while the error is transient. */
  private async request(q: TableInsert, rows: readonly PlayRecord[], timestamp: Timestamp): Promise<Outcome> {
    let successesAtFirstError = -1;
    const execOptions =
      timestamp === undefined
        ? { prepare: true, isIdempotent: true }
        : { prepare: true, isIdempotent: true, timestamp };
    for (let attempt = 1; ; attempt++) {
      if (this.health.stopReason) return { ok: false, stopped: true };
      try {
        this.tally.requests++;
        if (rows.length === 1) await this.client.execute(q.cql, rowValues(q.table, rows[0].play), execOptions);
        else
          await this.client.batch(
            rows.map((r) => ({ query: q.cql, params: rowValues(q.table, r.play) })),
            { ...execOptions, logged: false },
          );
        this.health.succeeded(Date.now());
        return { ok: true };
      } catch (err) {
        const kind = transientKind(err);
        if (!kind) return { ok: false, stopped: false, rejected: true, message: messageOf(err) };
        this.tally.transientError(kind, err);
        if (successesAtFirstError < 0) successesAtFirstError = this.health.successes;
        const troubleMs = this.health.troubled(err, Date.now());
        const { maxTries, unavailableTimeoutMs } = this.settings;
        const step = retryStep({
          attempt,
          maxTries,
          troubleMs,
          unavailableTimeoutMs,
          othersSucceeded: this.health.successes > successesAtFirstError,
        });
        if (step === 'stop') {
          this.health.stop(unavailableTimeoutMs);
          return { ok: false, stopped: true };
        }
        // The cluster works (other requests succeeded since this one first failed) but this one keeps failing.
        if (step === 'give-up')
          return { ok: false, stopped: false, rejected: false, message: `${messageOf(err)} (after ${attempt} tries)` };
        this.tally.retries++;
        await sleep(backoffMs(attempt, this.settings.maxBackoffMs));
      }
    }
  }

  /** Settles a sent row and the rows it replaced: landed, failed for good, or abandoned (the load stops). */
  private settle(q: TableInsert, row: PackedRow<PlayRecord>, outcome: Outcome): void {
    const table = q.table.name;
    for (const s of settlements(row, outcome)) {
      if (s.landed) {
        this.tally.loaded[table]++;
        this.watermark.succeeded(s.line);
        continue;
      }
      this.watermark.failed(s.line);
      if (s.message !== undefined) this.tally.fail({ line: s.line, table, message: s.message });
    }
  }
}

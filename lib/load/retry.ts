import { formatSeconds } from '../show/format';
// retry: which errors are worth retrying and for how long. Owns the transient error kinds (by driver error
// name or native protocol code), the back-off between two tries, the retry policy (retry, give up on a
// request that keeps failing while others succeed, or stop the load when none succeeds for too long), and
// the cluster's health as the load sees it (outages waited out, the reason the load stops).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

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
  if (e.name === 'ResponseError' && typeof e.code === 'number' && TRANSIENT_CODES[e.code])
    return TRANSIENT_CODES[e.code];
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

/** What to do after a transient error: try again, report the request as failed, or stop the load. */
export type RetryStep = 'retry' | 'give-up' | 'stop';

export interface RetryState {
  /** Tries of this request so far (1 after the first). */
  attempt: number;
  maxTries: number;
  /** For how long no request has succeeded (ms). */
  troubleMs: number;
  unavailableTimeoutMs: number;
  /** Whether other requests succeeded since this one first failed (the cluster works). */
  othersSucceeded: boolean;
}

/**
 * The retry policy. While no request succeeds (the node is down), requests keep retrying until
 * `unavailableTimeoutMs`, then the load stops. While others succeed, a request that still fails after
 * `maxTries` is reported, not retried for ever.
 */
export function retryStep(s: RetryState): RetryStep {
  if (s.troubleMs >= s.unavailableTimeoutMs) return 'stop';
  if (s.attempt >= s.maxTries && s.othersSucceeded) return 'give-up';
  return 'retry';
}

/** The cluster as the load sees it: successes, the periods in which none succeeded, and why the load stops. */
export class ClusterHealth {
  successes = 0;
  outages = 0;
  waitedMs = 0;
  /** Set while no request succeeds and some fail with a transient error. */
  troubleSince: number | undefined;
  lastError: unknown;
  /** Set once the load must stop; every request then gives up. */
  stopReason: string | undefined;

  succeeded(now: number): void {
    this.successes++;
    if (this.troubleSince !== undefined) {
      this.outages++;
      this.waitedMs += now - this.troubleSince;
      this.troubleSince = undefined;
    }
  }
  /** A transient error at `now`: returns for how long no request has succeeded (ms). */
  troubled(err: unknown, now: number): number {
    this.lastError = err;
    this.troubleSince ??= now;
    return now - this.troubleSince;
  }
  stop(unavailableTimeoutMs: number): void {
    this.stopReason ??= `no Cassandra node accepted a write for ${formatSeconds(unavailableTimeoutMs)}`;
  }
  waitingMs(now: number): number {
    return this.troubleSince === undefined ? 0 : now - this.troubleSince;
  }
  /** The load ends while waiting: that wait counts too. */
  endWait(now: number): void {
    if (this.troubleSince !== undefined) this.waitedMs += now - this.troubleSince;
  }
}

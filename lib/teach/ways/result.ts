// ways/result: what each way of answering question 3 gives, as data — measured, or not available with
// Cassandra's own reason — and the pure steps that assemble it: the trace's shape (single-partition read or
// token ranges queried, replicas, rows read, the index Cassandra chose), the answer as listeners (one per
// user: a base-table row is a play, so a user who played the song twice comes back twice through an index
// or the view and is counted once here), the answer held against the own table's, and the write cost as
// the load time with the index or view against the plain table's. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TraceSummary } from '../trace-summary';
import type { DiskFigure } from './disk';
import type { Latency } from './latency';
import type { WayName } from './spec';

/** What the trace of one question says, the part the comparison shows. */
export interface WayTrace {
  kind: TraceSummary['kind'];
  /** "Executing single-partition query" events (on the table, the index table or the view). */
  singlePartitionReads: number;
  /** Token ranges the coordinator asked for ("Submitting range requests on N ranges"); null: none. */
  rangesQueried: number | null;
  /** Nodes that wrote trace events: the coordinator and the replicas it asked. */
  replicas: number;
  /** Live rows the replicas read. */
  rowsRead: number;
  rowsReturned: number;
  /** The tables the single-partition reads were on. */
  tables: string[];
  /** The index Cassandra scanned with ("Scanning with <index>"), when it used one. */
  index: string | null;
}

export interface WayListener {
  userId: number;
  firstName: string;
  lastName: string;
}

export interface WriteCost {
  /** Plays loaded. */
  plays: number;
  /** Load time of this way's table(s), index or view included (the project's loader, lib/load): the median. */
  loadMs: number;
  /** Each timed load of this way. */
  loadsMs: number[];
  /** Load time of the plain copy of question 2's table (no index, no view): the median. */
  baselineMs: number;
  /** What this way adds: for its own table the whole load (question 2's table is written anyway), else loadMs − baselineMs. */
  extraMs: number;
}

interface WayHead {
  way: WayName;
  label: string;
  /** The statements that make the way: CREATE TABLE, CREATE INDEX or CREATE MATERIALIZED VIEW. */
  schemaCql: string[];
}

export interface UnavailableWay extends WayHead {
  available: false;
  /** Cassandra's own message, as it refused the statement. */
  reason: string;
}

export interface MeasuredWay extends WayHead {
  available: true;
  /** The question as run (one marker) and as read (the asked song pasted, quoted). */
  select: { cql: string; values: string[]; bound: string };
  trace: WayTrace;
  latency: Latency;
  disk: DiskFigure;
  write: WriteCost;
  /** The asked song's listeners, one per user, by user id. */
  answer: WayListener[];
  /** Songs whose answer was held against the own table's; `same` for each. */
  checked: { song: string; listeners: number; same: boolean }[];
  /** True when every checked answer equals the own table's (null for the own table itself). */
  sameAsTable: boolean | null;
}

export type WayResult = MeasuredWay | UnavailableWay;

/** The part of a trace summary the comparison shows; the index named by its "Scanning with" event. */
export function wayTraceOf(s: TraceSummary): WayTrace {
  const scanning = s.events.map((e) => /Scanning with (\S+?)\.?$/.exec(e.activity)).find((m) => m);
  return {
    kind: s.kind,
    singlePartitionReads: s.singlePartitionReads,
    rangesQueried: s.rangeRequests,
    replicas: s.nodes.length,
    rowsRead: s.liveRowsRead,
    rowsReturned: s.rowsReturned,
    tables: [...s.tables],
    index: scanning ? scanning[1] : null,
  };
}

/** Rows (user_id, first_name, last_name) as listeners: one per user (the last row of each wins), by user id. */
export function listenersFromRows(rows: readonly Record<string, unknown>[]): WayListener[] {
  const byUser = new Map<number, WayListener>();
  for (const r of rows) {
    const userId = Number(r.user_id);
    byUser.set(userId, { userId, firstName: String(r.first_name), lastName: String(r.last_name) });
  }
  return [...byUser.values()].sort((a, b) => a.userId - b.userId);
}

/** Two answers are the same when they hold the same users with the same names. */
export function sameListeners(a: readonly WayListener[], b: readonly WayListener[]): boolean {
  return a.length === b.length && a.every((x, i) => JSON.stringify(x) === JSON.stringify(b[i]));
}

/** The median of some times (the lower middle one for an even count). */
export function medianMs(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : 0;
}

/** The write cost of a way from its load times and the plain table's (medians). */
export function writeCostOf(
  way: WayName,
  plays: number,
  loadsMs: readonly number[],
  baselineLoadsMs: readonly number[],
): WriteCost {
  const loadMs = medianMs(loadsMs);
  const baselineMs = medianMs(baselineLoadsMs);
  return { plays, loadMs, loadsMs: [...loadsMs], baselineMs, extraMs: way === 'table' ? loadMs : loadMs - baselineMs };
}

/** Each song's answer held against the own table's answer for it. */
export function checkAnswers(
  answers: ReadonlyMap<string, WayListener[]>,
  reference: ReadonlyMap<string, WayListener[]> | undefined,
): { checked: MeasuredWay['checked']; sameAsTable: boolean | null } {
  if (!reference) {
    const checked = [...answers].map(([song, l]) => ({ song, listeners: l.length, same: true }));
    return { checked, sameAsTable: null };
  }
  const checked = [...answers].map(([song, l]) => ({
    song,
    listeners: l.length,
    same: sameListeners(l, reference.get(song) ?? []),
  }));
  return { checked, sameAsTable: checked.every((c) => c.same) };
}

/** True when a result is measured (narrows the type). */
export function isMeasured(w: WayResult): w is MeasuredWay {
  return w.available;
}

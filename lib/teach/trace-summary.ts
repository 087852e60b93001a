// trace-summary: what Cassandra 5.0's trace events say about a read. Owns the shapes of a trace (as the
// driver returns it, and its events) and summarizing trace sessions (one per page): coordinator, duration,
// single-partition reads versus range scans, SSTables and memtables read (and skipped), live rows and
// tombstones. Pure: no driver call, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** One trace event, as Cassandra wrote it to system_traces.events. */
export interface TraceEvent {
  /** Microseconds since the request started on that node. */
  elapsedMicros: number;
  source: string;
  thread: string;
  activity: string;
}

/** A trace session as the driver returns it (the part we read). */
export interface RawTrace {
  requestType: string;
  coordinator: { toString(): string } | string;
  duration: number;
  parameters?: Record<string, string>;
  events: { activity: string; source: { toString(): string } | string; elapsed: number; thread: string }[];
}

export interface TraceSummary {
  requestType: string;
  coordinator: string;
  /** Sum over the traced pages, as Cassandra measured it on the coordinator (µs). */
  durationMicros: number;
  /** `single-partition`: only "Executing single-partition query" reads; `range scan`: token ranges were scanned. */
  kind: 'single-partition' | 'range scan' | 'other';
  /** "Executing single-partition query on <table>" events: one per partition read per replica. */
  singlePartitionReads: number;
  /** The tables those reads were on. */
  tables: string[];
  /** "Submitting range requests on N ranges": token ranges the coordinator asked for (null: no range read). */
  rangeRequests: number | null;
  /** "Executing seq scan across N sstables for <range>": one per token range scanned on a replica. */
  seqScans: { sstables: number; range: string }[];
  /** True when a scanned range is the whole token ring (every partition of the table). */
  wholeRing: boolean;
  /** SSTables read: "Merged data from memtables and N sstables", sstables found by index lookups, and seq scans. */
  sstablesRead: number;
  /** SSTables skipped: bloom filter, partition index, or slice not intersecting. */
  sstablesSkipped: number;
  /** Whether memtables were read ("Merging memtable contents" / "Merged data from memtables …" / seq scans). */
  memtablesRead: boolean;
  /** "Read N live rows and M tombstone cells", summed. */
  liveRowsRead: number;
  tombstonesRead: number;
  /** Nodes that wrote events. */
  nodes: string[];
  /** Rows the client received. */
  rowsReturned: number;
  /** Pages fetched (each page is traced on its own and summed here). */
  pages: number;
  events: TraceEvent[];
}

const num = (s: string) => Number(s.replace(/,/g, ''));

/** What one trace session's events have seen so far, beyond the summary itself. */
interface SessionState {
  /** A "Merged data from memtables and N sstables" line was traced. */
  merged: boolean;
  /** `node/sstable` found by index lookups. */
  indexed: Set<string>;
}

/** One kind of trace event: the activity it matches and what it adds to the summary. */
interface EventRule {
  activity: RegExp;
  apply(s: TraceSummary, m: RegExpExecArray, ev: TraceEvent, session: SessionState): void;
}

/** The events that count, in the order they are tried (the first that matches applies). */
const EVENT_RULES: readonly EventRule[] = [
  {
    activity: /^Executing single-partition query on (\S+)/,
    apply(s, m) {
      s.singlePartitionReads++;
      if (!s.tables.includes(m[1])) s.tables.push(m[1]);
    },
  },
  {
    activity: /^Submitting range requests on ([\d,]+) ranges/,
    apply(s, m) {
      s.rangeRequests = (s.rangeRequests ?? 0) + num(m[1]);
    },
  },
  {
    activity: /^Executing seq scan across ([\d,]+) sstables for (.+)$/,
    apply(s, m) {
      s.seqScans.push({ sstables: num(m[1]), range: m[2] });
      s.sstablesRead += num(m[1]);
      s.memtablesRead = true;
      const ring = /^\(min\((-?\d+)\), min\((-?\d+)\)[\])]$/.exec(m[2].trim());
      if (ring && ring[1] === ring[2]) s.wholeRing = true;
    },
  },
  {
    activity: /^Merged data from memtables and ([\d,]+) sstables/,
    apply(s, m, _ev, session) {
      session.merged = true;
      s.memtablesRead = true;
      s.sstablesRead += num(m[1]);
    },
  },
  {
    activity: /^Merging memtable contents/,
    apply(s) {
      s.memtablesRead = true;
    },
  },
  {
    activity:
      /^(?:Partition index found|Key cache hit|Partition index lookup complete)[^]*? for sstable (\S+?),?(?:\s|$)/,
    apply(_s, m, ev, session) {
      session.indexed.add(`${ev.source}/${m[1]}`);
    },
  },
  {
    activity: /allows skipping sstable/,
    apply(s) {
      s.sstablesSkipped++;
    },
  },
  {
    activity: /^Skipped ([\d,]+)\/[\d,]+ non-slice-intersecting sstables/,
    apply(s, m) {
      s.sstablesSkipped += num(m[1]);
    },
  },
  {
    activity: /^Read ([\d,]+) live rows and ([\d,]+) tombstone cells/,
    apply(s, m) {
      s.liveRowsRead += num(m[1]);
      s.tombstonesRead += num(m[2]);
    },
  },
];

/** The summary before any event is read: the first session's request type and coordinator, zero counts. */
function emptySummary(traces: readonly RawTrace[], rowsReturned: number): TraceSummary {
  return {
    requestType: traces[0]?.requestType ?? '',
    coordinator: String(traces[0]?.coordinator ?? ''),
    durationMicros: 0,
    kind: 'other',
    singlePartitionReads: 0,
    tables: [],
    rangeRequests: null,
    seqScans: [],
    wholeRing: false,
    sstablesRead: 0,
    sstablesSkipped: 0,
    memtablesRead: false,
    liveRowsRead: 0,
    tombstonesRead: 0,
    nodes: [],
    rowsReturned,
    pages: traces.length,
    events: [],
  };
}

/** Adds one trace session (one page) to the summary: its duration, its events and what they count. */
function readSession(s: TraceSummary, t: RawTrace): void {
  s.durationMicros += t.duration;
  const session: SessionState = { merged: false, indexed: new Set<string>() };
  for (const e of t.events) {
    const ev: TraceEvent = {
      elapsedMicros: e.elapsed,
      source: String(e.source),
      thread: e.thread,
      activity: e.activity,
    };
    s.events.push(ev);
    if (!s.nodes.includes(ev.source)) s.nodes.push(ev.source);
    for (const rule of EVENT_RULES) {
      const m = rule.activity.exec(ev.activity);
      if (!m) continue;
      rule.apply(s, m, ev, session);
      break;
    }
  }
  // The names-query path ("Merging memtable contents") traces no "Merged data …" line: count the
  // SSTables its index lookups found instead.
  if (!session.merged) s.sstablesRead += session.indexed.size;
}

/** A range scan when token ranges were scanned or requested; else single-partition when such reads were traced. */
function readKindOf(s: TraceSummary): TraceSummary['kind'] {
  if (s.seqScans.length || s.rangeRequests !== null) return 'range scan';
  if (s.singlePartitionReads > 0) return 'single-partition';
  return 'other';
}

/** Summarizes trace sessions (one per page) from the events Cassandra 5.0 writes. */
export function summarizeTrace(traces: readonly RawTrace[], rowsReturned = 0): TraceSummary {
  const s = emptySummary(traces, rowsReturned);
  for (const t of traces) readSession(s, t);
  s.kind = readKindOf(s);
  return s;
}

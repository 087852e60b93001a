// trace: proof from the database itself. Owns running a question with query tracing on and reading
// the trace back (`client.metadata.getTrace`), summarizing Cassandra 5.0's trace events (coordinator,
// duration, single-partition reads versus range scans, SSTables and memtables read, live rows and
// tombstones), the ALLOW FILTERING demonstration (Cassandra's own refusal caught and explained, then
// the same query with ALLOW FILTERING traced), and the cost of a wrong key (question 3's data keyed by
// song alone: the listeners that silently disappear). Values are always bound; names are checked.
import type { Client, types } from 'cassandra-driver';
import { checkQuestion, listenersBySongOnly, QUESTION_3, questionCql, type Question, type Verdict } from './checker';
import { createTables } from '../load/schema';
import { loadTables } from '../load/load';
import { checkIdentifier, listenersBySong, type TableSpec } from '../model/tables';
import { CLASSIC_PARAMETERS } from '../cassandra/queries';
import { formatCount, plural } from '../show/format';
import { sleep } from '../common/async';

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

/** Summarizes trace sessions (one per page) from the events Cassandra 5.0 writes. */
export function summarizeTrace(traces: readonly RawTrace[], rowsReturned = 0): TraceSummary {
  const s: TraceSummary = {
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
  for (const t of traces) {
    s.durationMicros += t.duration;
    let merged = false;
    const indexed = new Set<string>();
    for (const e of t.events) {
      const ev: TraceEvent = { elapsedMicros: e.elapsed, source: String(e.source), thread: e.thread, activity: e.activity };
      s.events.push(ev);
      if (!s.nodes.includes(ev.source)) s.nodes.push(ev.source);
      const a = ev.activity;
      let m: RegExpExecArray | null;
      if ((m = /^Executing single-partition query on (\S+)/.exec(a))) {
        s.singlePartitionReads++;
        if (!s.tables.includes(m[1])) s.tables.push(m[1]);
      } else if ((m = /^Submitting range requests on ([\d,]+) ranges/.exec(a))) {
        s.rangeRequests = (s.rangeRequests ?? 0) + num(m[1]);
      } else if ((m = /^Executing seq scan across ([\d,]+) sstables for (.+)$/.exec(a))) {
        s.seqScans.push({ sstables: num(m[1]), range: m[2] });
        s.sstablesRead += num(m[1]);
        s.memtablesRead = true;
        const ring = /^\(min\((-?\d+)\), min\((-?\d+)\)[\])]$/.exec(m[2].trim());
        if (ring && ring[1] === ring[2]) s.wholeRing = true;
      } else if ((m = /^Merged data from memtables and ([\d,]+) sstables/.exec(a))) {
        merged = true;
        s.memtablesRead = true;
        s.sstablesRead += num(m[1]);
      } else if (/^Merging memtable contents/.test(a)) {
        s.memtablesRead = true;
      } else if ((m = /^(?:Partition index found|Key cache hit|Partition index lookup complete)[^]*? for sstable (\S+?),?(?:\s|$)/.exec(a))) {
        indexed.add(`${ev.source}/${m[1]}`);
      } else if (/allows skipping sstable/.test(a)) {
        s.sstablesSkipped++;
      } else if ((m = /^Skipped ([\d,]+)\/[\d,]+ non-slice-intersecting sstables/.exec(a))) {
        s.sstablesSkipped += num(m[1]);
      } else if ((m = /^Read ([\d,]+) live rows and ([\d,]+) tombstone cells/.exec(a))) {
        s.liveRowsRead += num(m[1]);
        s.tombstonesRead += num(m[2]);
      }
    }
    // The names-query path ("Merging memtable contents") traces no "Merged data …" line: count the
    // SSTables its index lookups found instead.
    if (!merged) s.sstablesRead += indexed.size;
  }
  if (s.seqScans.length || s.rangeRequests !== null) s.kind = 'range scan';
  else if (s.singlePartitionReads > 0) s.kind = 'single-partition';
  return s;
}


/** The summary in a few lines for people. */
export function describeTrace(s: TraceSummary): string[] {
  const lines: string[] = [];
  if (s.kind === 'single-partition') {
    lines.push(
      s.singlePartitionReads === 1
        ? `single-partition read: 1 partition of ${s.tables.join(', ')}, found by hashing its key`
        : `single-partition reads: ${formatCount(s.singlePartitionReads)} on ${s.tables.join(', ')} (one per replica asked, or per partition named)`,
    );
  } else if (s.kind === 'range scan') {
    lines.push(
      `range scan: ${plural(s.rangeRequests ?? s.seqScans.length, 'token range')} requested, ${plural(s.seqScans.length, 'seq scan')}` +
        (s.wholeRing ? ' covering the whole token ring — every partition of the table is read' : ''),
    );
  } else {
    lines.push('no partition read traced');
  }
  const storage = [s.memtablesRead ? 'memtables' : '', plural(s.sstablesRead, 'SSTable')].filter(Boolean).join(' + ');
  lines.push(`read from ${storage}${s.sstablesSkipped ? ` (${plural(s.sstablesSkipped, 'SSTable')} skipped)` : ''}`);
  lines.push(
    `${plural(s.liveRowsRead, 'live row')} and ${plural(s.tombstonesRead, 'tombstone cell')} read on the replica, ${plural(s.rowsReturned, 'row')} returned`,
  );
  lines.push(`coordinator ${s.coordinator}, ${formatCount(s.durationMicros)} µs${s.pages > 1 ? ` over ${s.pages} pages` : ''}`);
  return lines;
}


/**
 * Reads a trace back. The driver waits for the session row; events are written asynchronously, so
 * this reads again until two reads 150 ms apart see the same events (at most ~3 s).
 */
export async function fetchTrace(client: Client, traceId: types.Uuid): Promise<RawTrace> {
  let trace = (await client.metadata.getTrace(traceId)) as unknown as RawTrace;
  for (let i = 0; i < 20; i++) {
    await sleep(150);
    const again = (await client.metadata.getTrace(traceId)) as unknown as RawTrace;
    if (again.events.length === trace.events.length) return again;
    trace = again;
  }
  return trace;
}

export interface TracedResult {
  rows: Record<string, unknown>[];
  summary: TraceSummary;
}

/** Runs a SELECT with tracing on for every page (prepared, values bound) and sums the traces. */
export async function tracedExecute(
  client: Client,
  cql: string,
  params: readonly unknown[],
  opts: { fetchSize?: number; maxPages?: number } = {},
): Promise<TracedResult> {
  const rows: Record<string, unknown>[] = [];
  const traces: RawTrace[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < (opts.maxPages ?? 1000); page++) {
    const rs = await client.execute(cql, params as unknown[], {
      prepare: true,
      traceQuery: true,
      fetchSize: opts.fetchSize ?? 5000,
      pageState,
    });
    for (const r of rs.rows) {
      const o: Record<string, unknown> = {};
      for (const k of r.keys()) o[k] = r.get(k);
      rows.push(o);
    }
    if (rs.info.traceId) traces.push(await fetchTrace(client, rs.info.traceId));
    pageState = rs.pageState ?? undefined;
    if (!pageState) break;
  }
  return { rows, summary: summarizeTrace(traces, rows.length) };
}

export interface QuestionRun {
  question: string;
  table: string;
  cql: string;
  values: readonly unknown[];
  rows: Record<string, unknown>[];
  /** True when Cassandra could not give the wanted order and the rows were sorted here. */
  sortedHere: boolean;
  summary: TraceSummary;
}

function sortRows(rows: Record<string, unknown>[], column: string, order: 'ASC' | 'DESC'): void {
  const sign = order === 'ASC' ? 1 : -1;
  rows.sort((a, b) => {
    const x = a[column] as number | string;
    const y = b[column] as number | string;
    return x < y ? -sign : x > y ? sign : 0;
  });
}

/** Runs a question on a table with tracing on; the values bind the question's markers in order. */
export async function traceQuestion(
  client: Client,
  keyspace: string,
  question: Question,
  table: TableSpec,
  values: readonly unknown[],
  opts: { allowFiltering?: boolean } = {},
): Promise<QuestionRun> {
  const q = questionCql(question, table, keyspace, opts);
  if (values.length !== q.markers.length) {
    throw new Error(`${question.name} on ${table.name} takes ${q.markers.length} values (${q.markers.join(', ')}), got ${values.length}`);
  }
  const { rows, summary } = await tracedExecute(client, q.cql, values);
  const sortedHere = !q.ordered && !!question.orderBy;
  if (sortedHere) sortRows(rows, question.orderBy!.column, question.orderBy!.order);
  return { question: question.name, table: table.name, cql: q.cql, values, rows, sortedHere, summary };
}

/** True for Cassandra's refusal to run a query that would filter (an InvalidRequest naming ALLOW FILTERING). */
export function isAllowFilteringRefusal(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === 0x2200 && /ALLOW FILTERING/.test(e?.message ?? '');
}

/** Pages through the distinct partition keys of a table and counts them. */
export async function countPartitions(client: Client, keyspace: string, table: TableSpec): Promise<number> {
  const cols = table.partitionKey.map((c) => checkIdentifier(c, 'column name')).join(', ');
  const cql = `SELECT DISTINCT ${cols} FROM ${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name, 'table name')}`;
  let count = 0;
  for await (const _row of await client.execute(cql, [], { prepare: true, fetchSize: 5000 })) count++;
  return count;
}

/** Pages through a table's primary keys and counts its rows (no `count(*)` timeout on big tables). */
export async function countTableRows(client: Client, keyspace: string, table: TableSpec): Promise<number> {
  const cols = table.partitionKey.map((c) => checkIdentifier(c, 'column name')).join(', ');
  const cql = `SELECT ${cols} FROM ${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name, 'table name')}`;
  let count = 0;
  for await (const _row of await client.execute(cql, [], { prepare: true, fetchSize: 5000 })) count++;
  return count;
}

export interface AllowFilteringDemo {
  question: string;
  table: string;
  verdict: Verdict;
  /** The plain query, as the learner would write it. */
  cql: string;
  /** Cassandra's refusal (null if it ran the plain query). */
  refusal: { code: number; message: string } | null;
  /** The same query WITH ALLOW FILTERING, traced. */
  filtered: QuestionRun;
  /** Partitions the table holds (counted with SELECT DISTINCT): what a whole-ring scan reads. */
  partitionsInTable: number;
  /** What happened, in words. */
  explanation: string[];
}

/**
 * Runs a question against a table that does not serve it: Cassandra refuses (caught, explained); then
 * the same query WITH ALLOW FILTERING, traced, shows the range scan it takes.
 */
export async function askWithAllowFilteringDemo(
  client: Client,
  keyspace: string,
  question: Question,
  table: TableSpec,
  values: readonly unknown[],
): Promise<AllowFilteringDemo> {
  const verdict = checkQuestion(question, table);
  const plain = questionCql(question, table, keyspace);
  let refusal: AllowFilteringDemo['refusal'] = null;
  try {
    await client.execute(plain.cql, values as unknown[], { prepare: true });
  } catch (err) {
    if (!isAllowFilteringRefusal(err)) throw err;
    const e = err as { code: number; message: string };
    refusal = { code: e.code, message: e.message };
  }
  const filtered = await traceQuestion(client, keyspace, question, table, values, { allowFiltering: true });
  const partitionsInTable = await countPartitions(client, keyspace, table);
  const s = filtered.summary;
  const explanation: string[] = [];
  if (refusal) {
    explanation.push(
      `Cassandra refused the query (error 0x${refusal.code.toString(16)}, Invalid): "${refusal.message}"`,
      `Why: ${verdict.reasons.filter((r) => !r.startsWith('would need') && !r.startsWith('ordering by')).join('; ')}. ` +
        `Without the whole partition key by equality, Cassandra cannot hash the WHERE clause to one partition: ` +
        `it would have to read partitions and throw away the rows that do not match, and it will not do that unless told to.`,
    );
  } else {
    explanation.push('Cassandra ran the plain query without ALLOW FILTERING.');
  }
  explanation.push(
    `WITH ALLOW FILTERING it runs as a ${s.kind}: ` +
      (s.kind === 'range scan'
        ? `${plural(s.rangeRequests ?? s.seqScans.length, 'token range')}${s.wholeRing ? ' covering the whole ring' : ''}, i.e. all ${plural(partitionsInTable, 'partition')} of ${table.name}; `
        : '') +
      `${plural(s.liveRowsRead, 'live row')} read on the replica to return ${plural(s.rowsReturned, 'row')}, ${formatCount(s.durationMicros)} µs.`,
  );
  if (filtered.sortedHere) {
    explanation.push(`Cassandra cannot order across partitions (ORDER BY needs the partition key by equality): the rows were sorted by ${question.orderBy!.column} ${question.orderBy!.order} here.`);
  }
  return { question: question.name, table: table.name, verdict, cql: plain.cql, refusal, filtered, partitionsInTable, explanation };
}

export interface WrongKeyLoss {
  right: string;
  wrong: string;
  /** Plays read from the file (each written to both tables). */
  plays: number;
  rightRows: number;
  wrongRows: number;
  /** Rows that silently disappeared: rightRows − wrongRows. No error was raised. */
  lost: number;
  song: string;
  rightListeners: string[];
  wrongListeners: string[];
  explanation: string[];
}

/**
 * Loads question 3's data both into the right table (PRIMARY KEY (song, user_id)) and into one keyed
 * by song alone (`listeners_by_song_only`), then counts what the wrong key silently lost: in total and
 * for one song's listeners. The load is idempotent, so the right table may already hold the data.
 */
export async function wrongKeyLoss(
  client: Client,
  keyspace: string,
  opts: { file: string; song?: string; right?: TableSpec; wrong?: TableSpec; concurrency?: number },
): Promise<WrongKeyLoss> {
  const right = opts.right ?? listenersBySong;
  const wrong = opts.wrong ?? listenersBySongOnly;
  const song = opts.song ?? CLASSIC_PARAMETERS.listenersOf.song;
  await createTables(client, keyspace, [right, wrong]);
  const load = await loadTables(client, { file: opts.file, keyspace, tables: [right, wrong], concurrency: opts.concurrency });
  if (load.failedCount) throw new Error(`${load.failedCount} inserts failed while loading ${right.name} and ${wrong.name}: ${load.failures[0]?.message}`);
  const rightRows = await countTableRows(client, keyspace, right);
  const wrongRows = await countTableRows(client, keyspace, wrong);
  const names = async (t: TableSpec) => {
    const q = questionCql(QUESTION_3, t, keyspace);
    const rs = await client.execute(q.cql, [song], { prepare: true, fetchSize: 5000 });
    const out: string[] = [];
    for await (const r of rs) out.push(`${r.get('first_name')} ${r.get('last_name')}`);
    return out;
  };
  const rightListeners = await names(right);
  const wrongListeners = await names(wrong);
  const lost = rightRows - wrongRows;
  const explanation = [
    `${formatCount(load.rowsRead)} plays written to both tables; no insert failed and no error was raised.`,
    `${right.name} (PRIMARY KEY (${[...right.partitionKey, ...right.clustering.map((c) => c.column)].join(', ')})) holds ${plural(rightRows, 'row')}: one per song and listener (replays of the same song by the same user are the same row).`,
    `${wrong.name} (PRIMARY KEY (${wrong.partitionKey.join(', ')})) holds ${plural(wrongRows, 'row')}: one per song — every INSERT for a song replaced the previous listener.`,
    `${plural(lost, 'listener row')} silently disappeared (${((100 * lost) / Math.max(1, rightRows)).toFixed(1)} %).`,
    `"${song}": ${plural(rightListeners.length, 'listener')} in ${right.name} (${rightListeners.join(', ')}), ${wrongListeners.length} in ${wrong.name} (${wrongListeners.join(', ')}): the last one written.`,
  ];
  return { right: right.name, wrong: wrong.name, plays: load.rowsRead, rightRows, wrongRows, lost, song, rightListeners, wrongListeners, explanation };
}

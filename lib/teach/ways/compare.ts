// ways/compare: question 3 answered four ways on the same plays, measured on the real node — the
// orchestrator. Loads the plain copy of question 2's table (the write cost's baseline), then each way's
// table(s) with its index or view made first (a way Cassandra refuses is kept as not available, with its
// reason), flushes once when a nodetool is given, and for each way traces the asked song, holds the answers
// for several songs against the own table's, times the latency loop and reads the extra disk.
// It drops and re-creates its tables (listeners_by_song and songs_by_user_session_{plain,sai,legacy,view}):
// run it in a keyspace of its own.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { tracedExecute } from '../trace';
import { QUESTION_3 } from '../../model/questions';
import { createTableCql } from '../../model/tables';
import { extraDisk, flushAndStat, type NodetoolRunner, type TablestatsEntry } from './disk';
import {
  drawSongs,
  LATENCY_DEFAULTS,
  latencyMethod,
  measureLatency,
  songsOfFile,
  type LatencyOptions,
} from './latency';
import { createWay, loadBaseline, timedLoad, type PrepareOptions } from './prepare';
import {
  checkAnswers,
  listenersFromRows,
  medianMs,
  wayTraceOf,
  writeCostOf,
  type WayListener,
  type MeasuredWay,
  type WayResult,
} from './result';
import { boundForReading, PLAIN_BASE, waySelectCql, waySpecs, type WayName, type WaySpec } from './spec';

export interface WaysOptions extends PrepareOptions, LatencyOptions {
  /** The song traced and shown (default: question 3's own). */
  song?: string;
  /** More songs, drawn from the file, whose answers are held against the own table's. Default 4. */
  answerSongs?: number;
  /** Flush and tablestats (the local node: lib/dev's localNodetool()); without it, CQL figures only. */
  nodetool?: NodetoolRunner;
  /** Which ways, in order (default all four). */
  ways?: readonly WayName[];
}

export interface WaysComparison {
  keyspace: string;
  file: string;
  plays: number;
  /** Distinct songs in the file (what the latency loop draws from). */
  songsInFile: number;
  song: string;
  baseline: { table: string; cql: string; loadMs: number; loadsMs: number[] };
  ways: WayResult[];
  latencyMethod: string;
  writeMethod: string;
  diskMethod: string;
}

interface Prepared {
  spec: WaySpec;
  schemaCql: string[];
  loadsMs: number[];
}

/** Every page of a question's answer, as listeners. */
async function answerOf(client: Client, cql: string, song: string): Promise<WayListener[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const r of await client.execute(cql, [song], { prepare: true, fetchSize: 5000 }))
    rows.push({ user_id: r.get('user_id'), first_name: r.get('first_name'), last_name: r.get('last_name') });
  return listenersFromRows(rows);
}

/** One prepared way measured: trace, answers, latency, disk. */
async function measureWay(
  client: Client,
  keyspace: string,
  p: Prepared,
  ctx: {
    songs: string[];
    checkSongs: string[];
    song: string;
    stats?: TablestatsEntry[];
    baseline: { plays: number; loadsMs: number[] };
  },
  reference: Map<string, WayListener[]> | undefined,
  opts: WaysOptions,
): Promise<{ result: MeasuredWay; answers: Map<string, WayListener[]> }> {
  const cql = waySelectCql(p.spec, keyspace);
  const traced = await tracedExecute(client, cql, [ctx.song]);
  const answers = new Map<string, WayListener[]>();
  for (const s of ctx.checkSongs) answers.set(s, await answerOf(client, cql, s));
  const { checked, sameAsTable } = checkAnswers(answers, p.spec.name === 'table' ? undefined : reference);
  const result: MeasuredWay = {
    way: p.spec.name,
    label: p.spec.label,
    schemaCql: p.schemaCql,
    available: true,
    select: { cql, values: [ctx.song], bound: boundForReading(cql, [ctx.song]) },
    trace: wayTraceOf(traced.summary),
    latency: await measureLatency(client, cql, ctx.songs, opts),
    disk: await extraDisk(client, keyspace, p.spec, ctx.stats),
    write: writeCostOf(p.spec.name, ctx.baseline.plays, p.loadsMs, ctx.baseline.loadsMs),
    answer: listenersFromRows(traced.rows),
    checked,
    sameAsTable,
  };
  return { result, answers };
}

/** One way's state across the rounds of loads. */
interface Loading {
  spec: WaySpec;
  made: { schemaCql: string[]; reason?: string };
  loadsMs: number[];
}

/**
 * Creates and loads the plain table and every way in rounds (see PrepareOptions.loads), after an untimed
 * round: each new table's first load also pays for preparing its INSERT and a cold code path (measured: the
 * first load of every way took about twice its later ones). A way Cassandra refuses comes back with its
 * reason and is not tried again.
 */
async function prepareAll(
  client: Client,
  keyspace: string,
  specs: WaySpec[],
  opts: WaysOptions,
): Promise<{ baseline: { plays: number; loadsMs: number[] }; ways: (Prepared | WayResult)[] }> {
  const baseline = { plays: 0, loadsMs: [] as number[] };
  const state: Loading[] = specs.map((spec) => ({ spec, made: { schemaCql: [] }, loadsMs: [] }));
  for (let round = 0; round <= (opts.loads ?? 3); round++) {
    const plain = await loadBaseline(client, keyspace, PLAIN_BASE, opts);
    baseline.plays = plain.plays;
    if (round > 0) baseline.loadsMs.push(plain.ms);
    for (const s of state) {
      if (s.made.reason !== undefined) continue;
      s.made = await createWay(client, keyspace, s.spec, opts.buildWaitMs);
      if (s.made.reason !== undefined) continue;
      const load = await timedLoad(client, keyspace, s.spec.tables, opts);
      if (round > 0) s.loadsMs.push(load.ms);
    }
  }
  const ways = state.map(({ spec, made, loadsMs }): Prepared | WayResult =>
    made.reason !== undefined
      ? { way: spec.name, label: spec.label, schemaCql: made.schemaCql, available: false, reason: made.reason }
      : { spec, schemaCql: made.schemaCql, loadsMs },
  );
  return { baseline, ways };
}

const WRITE_METHOD =
  "each way's tables loaded from the merged file by the project's loader (lib/load: UNLOGGED batches of up to 20 rows " +
  'grouped by partition, 64 requests in flight), into freshly created tables with the index or view made first, ' +
  'against the same load into a plain copy of songs_by_user_session, in rounds (plain, then each way) after one ' +
  'untimed round; the median of each';

/** Question 3 answered each way on the same plays: trace, answer, latency, extra disk and write cost. */
export async function compareWays(client: Client, keyspace: string, opts: WaysOptions): Promise<WaysComparison> {
  const song = opts.song ?? QUESTION_3.asked.song;
  const songs = await songsOfFile(opts.file);
  const specs = waySpecs().filter((w) => !opts.ways || opts.ways.includes(w.name));
  const { baseline, ways: prepared } = await prepareAll(client, keyspace, specs, opts);
  const flushed = await flushAndStat(keyspace, opts.nodetool);
  const extra = drawSongs(songs, opts.answerSongs ?? 4, (opts.seed ?? LATENCY_DEFAULTS.seed) + 1);
  const ctx = { songs, checkSongs: [...new Set([song, ...extra])], song, stats: flushed.stats, baseline };
  let reference: Map<string, WayListener[]> | undefined;
  const ways: WayResult[] = [];
  for (const p of prepared) {
    if (!('spec' in p)) {
      ways.push(p);
      continue;
    }
    const measured = await measureWay(client, keyspace, p, ctx, reference, opts);
    if (p.spec.name === 'table') reference = measured.answers;
    ways.push(measured.result);
  }
  const count = opts.questions ?? LATENCY_DEFAULTS.questions;
  return {
    keyspace,
    file: opts.file,
    plays: baseline.plays,
    songsInFile: songs.length,
    song,
    baseline: {
      table: PLAIN_BASE.name,
      cql: createTableCql(PLAIN_BASE, keyspace),
      loadMs: medianMs(baseline.loadsMs),
      loadsMs: baseline.loadsMs,
    },
    ways,
    latencyMethod: latencyMethod(count, opts.warmup ?? Math.min(LATENCY_DEFAULTS.warmup, count), songs.length),
    writeMethod: WRITE_METHOD,
    diskMethod: flushed.method,
  };
}

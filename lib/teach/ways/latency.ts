// ways/latency: how long question 3 takes each way, measured from the client. Owns the songs it is asked
// with (the distinct songs of the merged file, drawn by a seeded generator: the same file and seed give the
// same songs), the loop (a warm-up, then one prepared, bound execute after the other, each timed from send
// to its last page, so the figure is one question's latency and not a throughput), the nearest-rank
// percentiles and the method in words. The percentiles are pure; the loop talks to Cassandra.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { readPlays } from '../../etl/plays';
import { seededRandom } from '../../common/random';

export interface LatencyOptions {
  /** Questions timed per way. Default 1,000. */
  questions?: number;
  /** Questions asked first and not timed (prepares the statement, warms caches). Default 100. */
  warmup?: number;
  /** Seed of the song draw. Default 3. */
  seed?: number;
}

export interface Latency {
  /** Questions timed. */
  count: number;
  warmup: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
  maxMs: number;
  /** Rows the timed questions returned in all (for the shape, not the time). */
  rows: number;
  /** The method in one sentence. */
  method: string;
}

export const LATENCY_DEFAULTS = { questions: 1000, warmup: 100, seed: 3 } as const;

/** The nearest-rank p-th percentile (0 < p ≤ 100): the smallest value that p % of the values do not exceed. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The method in words, the same for every way. */
export function latencyMethod(count: number, warmup: number, songs: number): string {
  return (
    `${count.toLocaleString('en-US')} questions after ${warmup.toLocaleString('en-US')} untimed, one at a time ` +
    `(sequential prepared executes, song bound), songs drawn with a fixed seed from the ${songs.toLocaleString('en-US')} ` +
    'songs of the merged file; each timed on the client from send to last row; nearest-rank percentiles'
  );
}

/** p50/p99/min/max of the timings (ms) with the count and method. */
export function latencyOf(samplesMs: readonly number[], warmup: number, rows: number, method: string): Latency {
  const s = [...samplesMs].sort((a, b) => a - b);
  return {
    count: s.length,
    warmup,
    p50Ms: nearestRank(s, 50),
    p99Ms: nearestRank(s, 99),
    minMs: s.length ? s[0] : 0,
    maxMs: s.length ? s[s.length - 1] : 0,
    rows,
    method,
  };
}

/** `count` songs drawn (with repeats) from `songs` by a seeded generator. */
export function drawSongs(songs: readonly string[], count: number, seed: number = LATENCY_DEFAULTS.seed): string[] {
  if (!songs.length) throw new Error('No songs to draw from: the merged file holds no plays');
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => songs[Math.floor(next() * songs.length)]);
}

/** The distinct songs of the merged file, in the order they first appear. */
export async function songsOfFile(file: string): Promise<string[]> {
  const seen = new Set<string>();
  for await (const chunk of readPlays(file)) for (const r of chunk.plays) seen.add(r.play.song);
  return [...seen];
}

/** One question: the execute and every further page; returns the rows it brought. */
async function askOnce(client: Client, cql: string, song: string): Promise<number> {
  let rows = 0;
  let pageState: string | undefined;
  do {
    const rs = await client.execute(cql, [song], { prepare: true, fetchSize: 5000, pageState });
    rows += rs.rows.length;
    pageState = rs.pageState ?? undefined;
  } while (pageState);
  return rows;
}

/** Asks `cql` (one marker: the song) for the warm-up songs, then times each of the drawn songs in turn. */
export async function measureLatency(
  client: Client,
  cql: string,
  songs: readonly string[],
  opts: LatencyOptions = {},
): Promise<Latency> {
  const count = opts.questions ?? LATENCY_DEFAULTS.questions;
  const warmup = opts.warmup ?? Math.min(LATENCY_DEFAULTS.warmup, count);
  const drawn = drawSongs(songs, warmup + count, opts.seed);
  for (const song of drawn.slice(0, warmup)) await askOnce(client, cql, song);
  const samples: number[] = [];
  let rows = 0;
  for (const song of drawn.slice(warmup)) {
    const t0 = process.hrtime.bigint();
    rows += await askOnce(client, cql, song);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return latencyOf(samples, warmup, rows, latencyMethod(count, warmup, songs.length));
}

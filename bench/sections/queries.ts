// queries: the question-latency section: the three questions, one at a time from one client, with
// parameters from plays drawn evenly (seeded) from the load file, a third each, after 300 warm-up
// questions; p50 and p99 per question and overall, and the rows per answer. Runs on the keyspace
// our loader has just loaded (sections/load.ts).
import type { Client } from 'cassandra-driver';
import { listenersOf, sessionPlaylist, songInSession } from '../../lib/cassandra/queries';
import type { Loading } from '../context';
import { fmtNum, log, record } from '../figures';
import { readPlays } from '../../lib/etl/plays';
import type { Play } from '../../lib/etl/columns';

export type Question = { q: 1; play: Play } | { q: 2; play: Play } | { q: 3; play: Play };

/** `count` questions with parameters from plays drawn evenly from the load file (seeded), mixed 1/3 each. */
export async function queryParameters(file: string, count: number): Promise<Question[]> {
  const plays: Play[] = [];
  let seen = 0;
  let s = 12345;
  const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for await (const b of readPlays(file)) {
    for (const { play } of b.plays) {
      seen++;
      if (plays.length < count) plays.push(play);
      else {
        const j = Math.floor(rnd() * seen);
        if (j < count) plays[j] = play;
      }
    }
  }
  return plays.map((play, i) => ({ q: ((i % 3) + 1) as 1 | 2 | 3, play }));
}

function ask(client: Client, keyspace: string, x: Question): Promise<unknown[]> {
  if (x.q === 1)
    return songInSession(client, keyspace, { sessionId: x.play.sessionId, itemInSession: x.play.itemInSession });
  if (x.q === 2) return sessionPlaylist(client, keyspace, { userId: x.play.userId, sessionId: x.play.sessionId });
  return listenersOf(client, keyspace, { song: x.play.song });
}

/** The p-th percentile (nearest rank, from below) of some values. */
export function percentile(v: number[], p: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export async function measureQueries(
  client: Client,
  keyspace: string,
  questions: Question[],
): Promise<Record<string, number>> {
  const lat: Record<string, number[]> = { q1: [], q2: [], q3: [], all: [] };
  const rows: Record<string, number> = { q1: 0, q2: 0, q3: 0 };
  for (let pass = 0; pass < 2; pass++) {
    // Pass 0 warms up (prepares the statements, fills caches) on the first 300 questions only.
    const list = pass === 0 ? questions.slice(0, 300) : questions;
    for (const x of list) {
      const t0 = process.hrtime.bigint();
      const got = await ask(client, keyspace, x);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (pass === 1) {
        lat[`q${x.q}`].push(ms);
        lat.all.push(ms);
        rows[`q${x.q}`] += got.length;
      }
    }
  }
  const out: Record<string, number> = {};
  for (const k of Object.keys(lat)) {
    out[`${k} p50`] = percentile(lat[k], 50);
    out[`${k} p99`] = percentile(lat[k], 99);
  }
  for (const k of Object.keys(rows)) out[`${k} rows`] = rows[k] / Math.max(1, lat[k].length);
  return out;
}

/** The section, on `keyspace` as loaded in repetition r. */
export async function runQueries(l: Loading, keyspace: string, r: number): Promise<void> {
  log(`queries ${r}/${l.o.reps}: ${fmtNum(l.questions.length)} mixed questions, one at a time …`);
  const lat = await measureQueries(l.client, keyspace, l.questions);
  for (const [k, v] of Object.entries(lat)) record(`q ${k}`, v);
  log(`  p50 ${lat['all p50'].toFixed(2)} ms, p99 ${lat['all p99'].toFixed(2)} ms`);
}

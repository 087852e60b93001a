// `sparkify teach check` as a user types it: the index-aware verdicts (question 3 through the SAI index on
// song of songs_by_user_session, at the cost of every token range of the cluster; question 5 in one
// partition filtered by the SAI index on artist), the cluster described by --nodes, and --json. Then the
// cost it prints is held against the real node: the same table and indexes made from the description,
// question 3 traced — the node asks as many token ranges as the command said — and question 5 traced: no
// range request, single-partition reads only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTables,
  insertCql,
  QUESTION_3,
  QUESTION_5,
  songsByUserSessionIndexed,
  traceQuestion,
  waitForIndexes,
  type Verdict,
} from '../../lib/index';
import { defaultsEnv, projectLikeFolder, sparkify } from '../support/cli';
import { closeSuite, openSuite, type Suite } from './support';

let work: string;
let suite: Suite;
const check = (args: string[] = []) => sparkify(['teach', 'check', ...args], { cwd: work, env: defaultsEnv() });
const block = (out: string, q: string) => out.split(/\n(?=Q\d: )/).find((b) => b.startsWith(`${q}: `)) ?? '';
const INDEXED = 'songs_by_user_session with SAI indexes on song and artist';

beforeAll(async () => {
  work = await projectLikeFolder('teach-check');
  suite = await openSuite('teachcheck');
});
afterAll(async () => {
  await closeSuite(suite);
});

describe('sparkify teach check', () => {
  it('question 3 through the SAI index on song, at every token range of the local node; question 5 in one partition', () => {
    const r = check();
    expect(r.code, r.err).toBe(0);
    expect(block(r.out, 'Q3')).toContain(
      `  SERVED     by ${INDEXED}\n      through the SAI index on song: queries every token range (1 on this cluster), then reads the partition of every matching row; the cost grows with the cluster, not with the answer\n`,
    );
    expect(block(r.out, 'Q3')).toMatch(
      /not served by songs_by_user_session \(Cassandra would ask for ALLOW FILTERING\)/,
    );
    expect(block(r.out, 'Q5')).toContain(
      `  SERVED     by ${INDEXED}\n      reads one partition (user_id = ?, session_id = ?) and filters it by the SAI index on artist: no other partition is read\n`,
    );
    expect(block(r.out, 'Q2')).toMatch(new RegExp(`^ {2}SERVED {5}by ${INDEXED}$`, 'm'));
  });

  it('--nodes 3: the fan-out of that cluster', () => {
    const r = check(['--nodes', '3']);
    expect(r.code, r.err).toBe(0);
    expect(block(r.out, 'Q3')).toContain(
      'through the SAI index on song: queries every token range (3 on this cluster)',
    );
  });

  it('--json: the verdicts with their route, index and ranges', () => {
    const r = check(['--json', '--nodes', '3', '--num-tokens', '4']);
    expect(r.code, r.err).toBe(0);
    const verdicts = JSON.parse(r.out) as Verdict[];
    expect(verdicts.filter((v) => v.index)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ question: 'Q3', via: 'index', index: 'songs_by_user_session_song_sai', ranges: 12 }),
        expect.objectContaining({ question: 'Q5', via: 'partition+index', index: 'songs_by_user_session_artist_sai' }),
      ]),
    );
  });

  it('the cost it prints is what the node does: the ranges of question 3, one partition for question 5', async () => {
    const table = songsByUserSessionIndexed;
    await createTables(suite.client, suite.keyspace, [table]);
    await waitForIndexes(suite.client, suite.keyspace, [table]);
    const song = QUESTION_3.asked.song;
    for (const [user, session, item, artist] of [
      [10, 182, 0, 'A'],
      [10, 182, 1, 'B'],
      [11, 5, 0, 'A'],
    ] as const)
      await suite.client.execute(insertCql(table, suite.keyspace), [user, session, item, artist, song, 'F', 'L'], {
        prepare: true,
      });
    const printed = /queries every token range \((\d+) on this cluster\)/.exec(block(check().out, 'Q3'));
    const q3 = await traceQuestion(suite.client, suite.keyspace, QUESTION_3, table, [song]);
    expect(q3.rows).toHaveLength(3);
    expect(q3.summary.rangeRequests).toBe(Number(printed?.[1]));
    const q5 = await traceQuestion(suite.client, suite.keyspace, QUESTION_5, table, [10, 182, 'A']);
    expect(q5.rows).toEqual([{ item_in_session: 0, song }]);
    expect(q5.summary.rangeRequests).toBeNull();
    expect(q5.summary.singlePartitionReads).toBeGreaterThan(0);
  });
});

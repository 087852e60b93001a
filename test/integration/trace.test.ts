// Proof from the database itself, against the real node on the original November-2018 files (else the
// sample month in event_data/; figures from test/support/expected.py; the trace summaries of recorded
// events are unit-tested in test/unit/teach/trace-summary.test.ts): traced
// single-partition reads for the three questions, Cassandra's ALLOW FILTERING refusal for a question
// the table does not serve and the range scan it takes when forced, and the rows a wrong key loses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askWithAllowFilteringDemo,
  createTables,
  describeTrace,
  listenersBySong,
  loadTables,
  mergeEventFiles,
  proposeTable,
  songsBySession,
  songsByUserSession,
  traceQuestion,
  wrongKeyLoss,
} from '../../lib/index';
import { primaryDataset } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';
import { QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4, QUESTION_VALUES } from '../../lib/model/questions';

const DATA = primaryDataset();
const E = DATA.expected;

describe(`traces, ALLOW FILTERING and a wrong key on ${DATA.label}`, () => {
  let suite: Suite;
  let tmp: string;
  let merged: string;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-trace-'));
    suite = await openSuite('trace');
    merged = (await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') })).output;
    await createTables(suite.client, suite.keyspace);
    const load = await loadTables(suite.client, { file: merged, keyspace: suite.keyspace, concurrency: 32 });
    expect(load.failedCount).toBe(0);
  });
  afterAll(async () => {
    await closeSuite(suite);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it.each([
    [QUESTION_1, songsBySession, 1],
    [QUESTION_2, songsByUserSession, E.q2.length],
    [QUESTION_3, listenersBySong, E.q3.length],
  ] as const)('%#: the trace shows a single-partition read', async (question, table, rows) => {
    const run = await traceQuestion(suite.client, suite.keyspace, question, table, QUESTION_VALUES[question.name]);
    const s = run.summary;
    expect(run.rows).toHaveLength(rows);
    // One replica read per partition with replication factor 1; a quorum of replicas otherwise.
    const rf = suite.config.replication.class === 'SimpleStrategy' ? suite.config.replication.replicationFactor : 0;
    expect(s.kind).toBe('single-partition');
    if (rf === 1) expect(s.singlePartitionReads).toBe(1);
    else expect(s.singlePartitionReads).toBeGreaterThanOrEqual(1);
    expect(s.tables).toEqual([table.name]);
    expect(s.rangeRequests).toBeNull();
    expect(s.seqScans).toEqual([]);
    expect(s.memtablesRead).toBe(true);
    // A fresh keyspace: nothing flushed yet, every row is in the memtable.
    expect(s.sstablesRead).toBe(0);
    expect(s.liveRowsRead).toBe(rows * s.singlePartitionReads);
    expect(s.tombstonesRead).toBe(0);
    expect(s.rowsReturned).toBe(rows);
    expect(s.coordinator).not.toBe('');
    expect(s.nodes).toContain(s.coordinator);
    expect(s.durationMicros).toBeGreaterThan(0);
    if (rf === 1)
      expect(describeTrace(s)[0]).toBe(`single-partition read: 1 partition of ${table.name}, found by hashing its key`);
    console.log(`${question.name}: ${run.cql}\n  ${describeTrace(s).join('\n  ')}`);
  });

  it('question 4 on songs_by_user_session: refused for ALLOW FILTERING, then a whole-ring range scan', async () => {
    const demo = await askWithAllowFilteringDemo(suite.client, suite.keyspace, QUESTION_4, songsByUserSession, [10]);
    expect(demo.cql).toBe(
      `SELECT session_id, item_in_session, artist, song FROM ${suite.keyspace}.songs_by_user_session WHERE user_id = ?`,
    );
    expect(demo.refusal?.code).toBe(0x2200);
    expect(demo.refusal?.message).toMatch(
      /Cannot execute this query as it might involve data filtering.*use ALLOW FILTERING/,
    );
    expect(demo.verdict.needsAllowFiltering).toBe(true);
    expect(demo.filtered.cql).toMatch(/WHERE user_id = \? ALLOW FILTERING$/);
    const s = demo.filtered.summary;
    expect(s.kind).toBe('range scan');
    expect(s.singlePartitionReads).toBe(0);
    expect(s.rangeRequests).toBeGreaterThanOrEqual(1);
    expect(s.seqScans.length).toBeGreaterThanOrEqual(1);
    expect(s.wholeRing || s.seqScans.length > 1).toBe(true);
    // User 10's plays in their sessions, out of every (user, session) partition of the table.
    expect(demo.filtered.rows).toHaveLength(E.q4.rows);
    expect(new Set(demo.filtered.rows.map((r) => r.session_id)).size).toBe(E.q4.sessions);
    expect(demo.partitionsInTable).toBe(E.partitions.songs_by_user_session.partitions);
    // The replica reads rows of partitions that do not match as well: far more than it returns.
    expect(s.liveRowsRead).toBeGreaterThan(E.q4.rows);
    // Cassandra cannot order across partitions: sorted here, newest session first.
    expect(demo.filtered.sortedHere).toBe(true);
    const sessions = demo.filtered.rows.map((r) => r.session_id as number);
    expect(sessions).toEqual([...sessions].sort((a, b) => b - a));
    console.log(`${demo.explanation.join('\n')}\n  ${describeTrace(s).join('\n  ')}`);
  });

  it('the proposed table answers question 4 with a single-partition read, newest session first', async () => {
    const table = proposeTable(QUESTION_4);
    await createTables(suite.client, suite.keyspace, [table]);
    const load = await loadTables(suite.client, {
      file: merged,
      keyspace: suite.keyspace,
      tables: [table],
      concurrency: 32,
    });
    expect(load.failedCount).toBe(0);
    const run = await traceQuestion(suite.client, suite.keyspace, QUESTION_4, table, [10]);
    expect(run.cql).toBe(
      `SELECT session_id, item_in_session, artist, song FROM ${suite.keyspace}.songs_by_user WHERE user_id = ? ORDER BY session_id DESC`,
    );
    expect(run.summary).toMatchObject({
      kind: 'single-partition',
      singlePartitionReads: 1,
      liveRowsRead: E.q4.rows,
      rowsReturned: E.q4.rows,
    });
    expect(run.sortedHere).toBe(false);
    const sessions = run.rows.map((r) => r.session_id as number);
    expect(sessions).toEqual([...sessions].sort((a, b) => b - a));
    const [session_id, item_in_session, artist, song] = E.q4.first;
    expect(run.rows[0]).toEqual({ session_id, item_in_session, artist, song });
  });

  it('a key of song alone silently loses listener rows, with no error', async () => {
    const loss = await wrongKeyLoss(suite.client, suite.keyspace, { file: merged, concurrency: 32 });
    // One row per (song, user) in the right table, one per song in the wrong one.
    const right = E.tableRows.listeners_by_song;
    const wrong = E.tableRows.listeners_by_song_only;
    expect(loss).toMatchObject({
      plays: E.merge.plays,
      rightRows: right,
      wrongRows: wrong,
      lost: right - wrong,
      song: 'All Hands Against His Own',
    });
    expect(loss.rightListeners).toEqual(E.wrongKey.listeners);
    // The last of its plays in the file is the one left.
    expect(loss.wrongListeners).toEqual([E.wrongKey.lastWritten]);
    console.log(loss.explanation.join('\n'));
  });
});

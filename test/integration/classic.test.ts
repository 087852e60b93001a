// The original November-2018 files (SPARKIFY_EVENT_DATA) through merge, load and the three questions,
// against the real node, with the exercise's exact answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askClassicQuestions, createTables, listenersOf, loadTables, mergeEventFiles, type MergeReport } from '../../lib/index';
import { closeSuite, countRows, openSuite, type Suite } from './support';

const DATA = process.env.SPARKIFY_EVENT_DATA;
const title = DATA
  ? 'classic answers on the original data'
  : 'classic answers on the original data — SKIPPED: set SPARKIFY_EVENT_DATA to the folder of the 2018-11 files (.ci/run does)';

describe.skipIf(!DATA)(title, () => {
  let suite: Suite;
  let tmp: string;
  let merge: MergeReport;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-classic-'));
    suite = await openSuite('classic');
    merge = await mergeEventFiles({ dir: DATA!, out: join(tmp, 'event_datafile_new.csv') });
    await createTables(suite.client, suite.keyspace);
  });
  afterAll(async () => {
    await closeSuite(suite);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('merges 30 files: 8,056 rows read, 1,236 page views, 6,820 written', () => {
    expect(merge).toMatchObject({ rowsRead: 8056, pageViews: 1236, kept: 6820, written: 6820, skippedTotal: 0 });
    expect(merge.files).toHaveLength(30);
  });

  it('loads 6,820 plays into each table with no failure; the tables hold 6,820 / 6,820 / 6,618 rows', async () => {
    const r = await loadTables(suite.client, { file: merge.output, keyspace: suite.keyspace, concurrency: 32 });
    expect(r).toMatchObject({ rowsRead: 6820, failedCount: 0 });
    expect(r.loaded).toEqual({ songs_by_session: 6820, songs_by_user_session: 6820, listeners_by_song: 6820 });
    expect(await countRows(suite, 'songs_by_session')).toBe(6820);
    expect(await countRows(suite, 'songs_by_user_session')).toBe(6820);
    expect(await countRows(suite, 'listeners_by_song')).toBe(6618);
  });

  it('answers the three questions exactly', async () => {
    const a = await askClassicQuestions(suite.client, suite.keyspace);
    expect(a.songInSession).toEqual([{ artist: 'Faithless', song: 'Music Matters (Mark Knight Dub)', length: 495.3073 }]);
    expect(a.sessionPlaylist.map((r) => [r.itemInSession, r.artist, r.song, r.firstName, r.lastName])).toEqual([
      [0, 'Down To The Bone', "Keep On Keepin' On", 'Sylvie', 'Cruz'],
      [1, 'Three Drives', 'Greece 2000', 'Sylvie', 'Cruz'],
      [2, 'Sebastien Tellier', 'Kilometer', 'Sylvie', 'Cruz'],
      [3, 'Lonnie Gordon', 'Catch You Baby (Steve Pitron & Max Sanna Radio Edit)', 'Sylvie', 'Cruz'],
    ]);
    expect(a.listenersOf.map((r) => `${r.firstName} ${r.lastName}`)).toEqual(['Jacqueline Lynch', 'Tegan Levine', 'Sara Johnson']);
  });

  it("round-trips a title with an apostrophe through question 3", async () => {
    const rows = await listenersOf(suite.client, suite.keyspace, { song: "Keep On Keepin' On" });
    expect(rows.map((r) => `${r.firstName} ${r.lastName}`)).toContain('Sylvie Cruz');
  });

  it('keeps double-encoded text byte for byte', async () => {
    const rows = await listenersOf(suite.client, suite.keyspace, { song: 'Repr\u00c3\u0083\u00c2\u00a9sente' });
    expect(rows.length).toBeGreaterThan(0);
  });

  it('loading twice leaves the same tables (upserts)', async () => {
    const r = await loadTables(suite.client, { file: merge.output, keyspace: suite.keyspace });
    expect(r.failedCount).toBe(0);
    expect(await countRows(suite, 'songs_by_session')).toBe(6820);
    expect(await countRows(suite, 'listeners_by_song')).toBe(6618);
  });
});

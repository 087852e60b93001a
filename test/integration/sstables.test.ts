// load via SSTables against the real node, on the sample month (or the originals when SPARKIFY_EVENT_DATA
// names them): Cassandra's CQLSSTableWriter writes the three tables, nodetool import hands them to the
// node; then verify finds every row the file implies and nothing else, the three questions answer what
// Python computes from the files, a second load leaves the same rows, and `sparkify load --via sstables`
// does the same the way a user types it.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassandraTools } from '../../lib/dev/index';
import {
  askClassicQuestions,
  createTables,
  loadTables,
  mergeEventFiles,
  TABLES,
  verifyTables,
  type LoadResult,
} from '../../lib/index';
import { sparkify } from '../support/cli';
import { primaryDataset } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';

const DATA = primaryDataset();
const rows = DATA.expected.tableRows;

describe(`load --via sstables on ${DATA.label}`, () => {
  let suite: Suite;
  let tmp: string;
  let merged: string;
  const tools = cassandraTools();
  const load = () =>
    loadTables(suite.client, { file: merged, keyspace: suite.keyspace, via: 'sstables', sstables: { tools } });
  const verify = () => verifyTables(suite.client, { file: merged, keyspace: suite.keyspace, tables: TABLES });
  const present = async () => Object.fromEntries((await verify()).tables.map((t) => [t.table, t.present]));

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-sstables-'));
    suite = await openSuite('sstables');
    merged = (await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') })).output;
    await createTables(suite.client, suite.keyspace);
  });
  afterAll(async () => {
    await closeSuite(suite);
    await rm(tmp, { recursive: true, force: true });
  });

  let first: LoadResult;
  it('writes the SSTables and hands them to the one local node with nodetool import; every play counted', async () => {
    first = await load();
    expect(first.sstables?.handover).toBe('nodetool import');
    expect(first.sstables?.tried).toEqual([]);
    expect(first.sstables!.bytes).toBeGreaterThan(0);
    expect(first.rowsRead).toBe(DATA.expected.merge.plays);
    expect(first.loaded).toEqual({
      songs_by_session: DATA.expected.merge.plays,
      songs_by_user_session: DATA.expected.merge.plays,
      listeners_by_song: DATA.expected.merge.plays,
    });
    expect(first.failedCount).toBe(0);
    // the work folder next to the merged file is gone
    expect(readdirSync(dirname(merged)).filter((f) => f.includes('.sstables-'))).toEqual([]);
  });

  it('verify finds every row the file implies, as Python counts them per table, and nothing else', async () => {
    const report = await verify();
    expect(report.tables.map((t) => [t.table, t.present, t.missing, t.unexpected, t.different])).toEqual([
      ['songs_by_session', rows.songs_by_session, 0, 0, 0],
      ['songs_by_user_session', rows.songs_by_user_session, 0, 0, 0],
      ['listeners_by_song', rows.listeners_by_song, 0, 0, 0],
    ]);
    expect(report.ok).toBe(true);
  });

  it('answers the three questions as Python does from the files (question 2 in itemInSession order)', async () => {
    const a = await askClassicQuestions(suite.client, suite.keyspace);
    expect(a.songInSession.map((r) => [r.artist, r.song, r.length])).toEqual(DATA.expected.q1);
    expect(a.sessionPlaylist.map((r) => [r.itemInSession, r.artist, r.song, r.firstName, r.lastName])).toEqual(
      DATA.expected.q2,
    );
    expect(a.listenersOf.map((r) => [r.userId, r.firstName, r.lastName])).toEqual(DATA.expected.q3);
  });

  it('a second load over the loaded tables leaves the same rows', async () => {
    const again = await load();
    expect(again.failedCount).toBe(0);
    expect(await present()).toEqual({
      songs_by_session: rows.songs_by_session,
      songs_by_user_session: rows.songs_by_user_session,
      listeners_by_song: rows.listeners_by_song,
    });
    expect((await verify()).ok).toBe(true);
  });

  it('sparkify load --via sstables, as a user types it, loads and says how', async () => {
    const ks = `${suite.keyspace}_cli`;
    const cli = sparkify(['load', '--no-start', '-f', merged, '--via', 'sstables'], {
      cwd: tmp,
      env: { ...process.env, SPARKIFY_KEYSPACE: ks },
    });
    try {
      expect(cli.code, cli.err).toBe(0);
      expect(cli.out).toMatch(new RegExp(`Loaded ${DATA.expected.merge.plays.toLocaleString('en-US')} plays in`));
      expect(cli.out).toMatch(/via SSTables: .* written in .*, handed over by nodetool import in /);
      const report = await verifyTables(suite.client, { file: merged, keyspace: ks, tables: TABLES });
      expect(report.ok).toBe(true);
      expect(report.tables.map((t) => t.present)).toEqual([
        rows.songs_by_session,
        rows.songs_by_user_session,
        rows.listeners_by_song,
      ]);
    } finally {
      await suite.client.execute(`DROP KEYSPACE IF EXISTS ${ks}`);
    }
    expect(existsSync(join(tmp, `event_datafile_new.csv.sstables-${process.pid}`))).toBe(false);
  });
});

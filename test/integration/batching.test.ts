// The batched loader against the real node: UNLOGGED batches packed by replica and partition leave
// exactly the tables one INSERT per request leaves; a row Cassandra rejects (though it passes the file
// check) is reported with its line and table while the good rows of its batches land; and a load cut off
// mid-way resumes from its checkpoint, skipping what landed, to the same tables.
// Uses the original 2018-11 files when SPARKIFY_EVENT_DATA names them, else the project's event_data/.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, type Client } from 'cassandra-driver';
import {
  askClassicQuestions,
  checkpointPathFor,
  createKeyspace,
  createTables,
  dropKeyspaceCql,
  LoadInterruptedError,
  loadTables,
  mergeEventFiles,
  PLAY_COLUMNS,
  quoteAllCsv,
  readLoadCheckpoint,
  TABLES,
  type LoadOptions,
} from '../../lib/index';
import { closeSuite, openSuite, type Suite } from './support';

const DATA = process.env.SPARKIFY_EVENT_DATA ?? join(__dirname, '..', '..', 'event_data');

describe(`the batched loader on a real node (${process.env.SPARKIFY_EVENT_DATA ? 'the original 2018-11 files' : 'event_data/'})`, () => {
  let suite: Suite;
  let tmp: string;
  let merged: string;
  let plays: number;
  const keyspaces: string[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-batching-'));
    suite = await openSuite('batching');
    const merge = await mergeEventFiles({ dir: DATA, out: join(tmp, 'event_datafile_new.csv') });
    merged = merge.output;
    plays = merge.written;
  });
  afterAll(async () => {
    for (const ks of keyspaces) await suite?.client.execute(dropKeyspaceCql(ks)).catch(() => undefined);
    await closeSuite(suite);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A fresh keyspace with the three tables (dropped after the suite). */
  async function keyspace(name: string): Promise<string> {
    const ks = `${suite.keyspace}_${name}`;
    keyspaces.push(ks);
    await createKeyspace(suite.client, { ...suite.config, keyspace: ks });
    await createTables(suite.client, ks);
    return ks;
  }

  /** Every row of every table, as sorted JSON lines: the tables' whole contents. */
  async function contents(ks: string): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const t of TABLES) {
      const cols = t.columns.map((c) => c.name);
      const rs = await suite.client.execute(`SELECT ${cols.join(', ')} FROM ${ks}.${t.name}`, [], {
        prepare: true,
        fetchSize: 100_000,
      });
      expect(rs.pageState).toBeFalsy(); // one page holds the table
      out[t.name] = rs.rows.map((row) => JSON.stringify(cols.map((c) => row.get(c)))).sort();
    }
    return out;
  }

  it('batches of 20 (and of 7, by windows of 300 plays) leave the same tables as one INSERT per request, in far fewer requests', async () => {
    const one = await keyspace('b1');
    const r1 = await loadTables(suite.client, { file: merged, keyspace: one, batchRows: 1, checkpointFile: false });
    expect(r1).toMatchObject({ rowsRead: plays, failedCount: 0, requests: 3 * plays });
    const want = await contents(one);
    const wantAnswers = await askClassicQuestions(suite.client, one);
    expect(wantAnswers.songInSession.length).toBe(1);
    expect(wantAnswers.sessionPlaylist.length).toBeGreaterThanOrEqual(4);
    expect(wantAnswers.listenersOf.length).toBeGreaterThanOrEqual(3);

    for (const [batchRows, window] of [
      [20, undefined],
      [7, 300],
    ] as const) {
      const ks = await keyspace(`b${batchRows}`);
      const r = await loadTables(suite.client, {
        file: merged,
        keyspace: ks,
        batchRows,
        window,
        checkpointFile: false,
      });
      expect(r).toMatchObject({ rowsRead: plays, failedCount: 0, loaded: r1.loaded });
      expect(r.requests!).toBeLessThan((3 * plays) / (batchRows / 2));
      const got = await contents(ks);
      for (const t of TABLES) {
        expect(got[t.name].length, `${t.name}, batchRows ${batchRows}`).toBe(want[t.name].length);
        expect(got[t.name], `${t.name}, batchRows ${batchRows}`).toEqual(want[t.name]);
      }
      expect(await askClassicQuestions(suite.client, ks)).toEqual(wantAnswers);
    }
  });

  it('a row Cassandra rejects (empty or 70,000-byte partition key) is reported with its line and table; every other row lands', async () => {
    // 120 plays; line 32 has an empty song title and line 82 a 70,000-character one: both pass the file
    // check, but listeners_by_song is partitioned by song and Cassandra refuses an empty key or one over
    // 65,535 bytes. The long title also pushes its songs_by_session and songs_by_user_session batches past
    // batch_size_fail_threshold (50 KB), so those batches are rejected whole and sent again row by row.
    const rows: string[][] = [[...PLAY_COLUMNS]];
    for (let i = 0; i < 120; i++) {
      const song = i === 30 ? '' : i === 80 ? 'x'.repeat(70_000) : `Song ${i % 40}`;
      rows.push([
        `Artist ${i}`,
        'Ann',
        'F',
        String(i % 7),
        'Lee',
        '100.5',
        'free',
        'T',
        String(1 + Math.floor(i / 7)),
        song,
        String(10 + (i % 13)),
      ]);
    }
    const file = join(tmp, 'bad-for-cassandra.csv');
    writeFileSync(file, quoteAllCsv(rows));
    for (const batchRows of [20, 1]) {
      const ks = await keyspace(`bad${batchRows}`);
      const r = await loadTables(suite.client, { file, keyspace: ks, batchRows });
      expect(r).toMatchObject({ rowsRead: 120, failedCount: 2, retries: 0 });
      expect(r.loaded).toEqual({ songs_by_session: 120, songs_by_user_session: 120, listeners_by_song: 118 });
      const failures = [...r.failures].sort((a, b) => a.line - b.line);
      expect(failures).toEqual([
        { line: 32, table: 'listeners_by_song', message: expect.stringMatching(/Key may not be empty/) },
        {
          line: 82,
          table: 'listeners_by_song',
          message: expect.stringMatching(/Key length of 70000 is longer than maximum of 65535/),
        },
      ]);
      const count = async (table: string) =>
        Number((await suite.client.execute(`SELECT count(*) AS n FROM ${ks}.${table}`)).first().get('n'));
      expect(await count('songs_by_session')).toBe(120);
      expect(await count('songs_by_user_session')).toBe(120);
      const long = await suite.client.execute(
        `SELECT song FROM ${ks}.songs_by_session WHERE session_id = 12 AND item_in_session = 3`,
      );
      expect(long.first().get('song')).toHaveLength(70_000);
      // The checkpoint stays at the first failed line: a resumed load retries from there.
      expect(r.checkpointFile).toBe(checkpointPathFor(file));
      expect(readLoadCheckpoint(r.checkpointFile!)!.doneBelowLine).toBe(32);
    }
  });

  it('a load cut off mid-way stops with LoadInterruptedError; resuming skips the lines it finished and leaves the same tables', async () => {
    const full = await keyspace('full');
    await loadTables(suite.client, { file: merged, keyspace: full, checkpointFile: false });
    const want = await contents(full);

    // The same client, except that once 4,500 rows were sent (windows of 1,000 plays, 3 rows each: in
    // the second window) no write is accepted any more, as when the node goes away.
    const ks = await keyspace('cut');
    let rowsSent = 0;
    const cut = new Proxy(suite.client, {
      get(target, prop) {
        if (prop === 'execute' || prop === 'batch') {
          return (...args: unknown[]) => {
            rowsSent += prop === 'batch' ? (args[0] as unknown[]).length : 1;
            if (rowsSent > 4500) return Promise.reject(new errors.NoHostAvailableError({}));
            return (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        }
        const v = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as Client;
    const options: LoadOptions = {
      file: merged,
      keyspace: ks,
      window: 1000,
      unavailableTimeoutMs: 300,
      maxBackoffMs: 20,
    };
    const err = await loadTables(cut, options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LoadInterruptedError);
    const e = err as LoadInterruptedError;
    const cp = readLoadCheckpoint(checkpointPathFor(merged))!;
    expect(cp.doneBelowLine).toBe(e.resumeFromLine);
    expect(cp.playsDone).toBeGreaterThanOrEqual(1000); // at least the first window is in every table
    expect(cp.playsDone).toBeLessThan(plays);

    const r = await loadTables(suite.client, { ...options, resume: true });
    expect(r.resumed).toMatchObject({ fromLine: cp.doneBelowLine, playsSkipped: cp.playsDone });
    expect(r.rowsRead + r.resumed!.playsSkipped).toBe(plays);
    expect(r.failedCount).toBe(0);
    expect(existsSync(checkpointPathFor(merged))).toBe(false);
    expect(await contents(ks)).toEqual(want);
  });
});

// verify against the real node, on the sample month (or the originals when SPARKIFY_EVENT_DATA names them):
// the three tables loaded by the project's loader hold exactly what the merged file holds; then, each case
// done by hand in CQL, a deleted row is missing, a changed value is different and a row in no line of the
// file is unexpected — each counted on its table only, with its example; a table with a static column is
// verified by its partition's later line; and `sparkify verify` says the same the way a user types it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTables,
  listenersBySong,
  loadTables,
  mergeEventFiles,
  songsBySession,
  songsByUserSession,
  TABLES,
  verifyTables,
  type TableSpec,
} from '../../lib/index';
import { sparkify } from '../support/cli';
import { primaryDataset } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';

const DATA = primaryDataset();
/** A user's plays with their level static: a user's level changes during the month (free → paid), so a
 * row keeps the level of its partition's later line, not its own. */
const levelsByUser: TableSpec = {
  name: 'levels_by_user',
  question: 'test',
  lookedUpBy: 'levels looked up by user_id',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'level', type: 'text', from: 'level', static: true },
  ],
  partitionKey: ['user_id'],
  clustering: [
    { column: 'session_id', order: 'ASC' },
    { column: 'item_in_session', order: 'ASC' },
  ],
  lookup: ['user_id'],
  returns: ['level'],
};

/** The first play of question 2's session (user 10, session 182), as Python counts it. */
const ITEM = DATA.expected.q2[0][0];

describe(`verify on ${DATA.label}`, () => {
  let suite: Suite;
  let tmp: string;
  let merged: string;
  const verify = (tables = TABLES) => verifyTables(suite.client, { file: merged, keyspace: suite.keyspace, tables });

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-verify-'));
    suite = await openSuite('verify');
    merged = (await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') })).output;
    await createTables(suite.client, suite.keyspace, [...TABLES, levelsByUser]);
    await loadTables(suite.client, {
      file: merged,
      keyspace: suite.keyspace,
      tables: [...TABLES, levelsByUser],
      checkpointFile: false,
    });
  });
  afterAll(async () => {
    await closeSuite(suite);
    await rm(tmp, { recursive: true, force: true });
  });

  it('finds the loaded tables exactly as the file says, every play of the file counted', async () => {
    const r = await verify();
    expect(r.ok).toBe(true);
    expect(r.plays).toBe(DATA.expected.merge.plays);
    expect(r.tables.map((t) => [t.table, t.expected, t.present, t.missing, t.unexpected, t.different])).toEqual([
      [
        songsBySession.name,
        DATA.expected.tableRows.songs_by_session,
        DATA.expected.tableRows.songs_by_session,
        0,
        0,
        0,
      ],
      [
        songsByUserSession.name,
        DATA.expected.tableRows.songs_by_user_session,
        DATA.expected.tableRows.songs_by_user_session,
        0,
        0,
        0,
      ],
      [
        listenersBySong.name,
        DATA.expected.tableRows.listeners_by_song,
        DATA.expected.tableRows.listeners_by_song,
        0,
        0,
        0,
      ],
    ]);
  });

  it('verifies a static column by the later line of its partition', async () => {
    const r = await verify([levelsByUser]);
    expect(r.tables[0]).toMatchObject({ table: 'levels_by_user', missing: 0, unexpected: 0, different: 0, ok: true });
  });

  it('counts a deleted row missing, a changed value different, an extra row unexpected, each with its example', async () => {
    const ks = suite.keyspace;
    await suite.client.execute(`DELETE FROM ${ks}.songs_by_session WHERE session_id = 338 AND item_in_session = 4`);
    await suite.client.execute(
      `UPDATE ${ks}.songs_by_user_session SET song = 'Not This One' WHERE user_id = 10 AND session_id = 182 AND item_in_session = ${ITEM}`,
    );
    await suite.client.execute(
      `INSERT INTO ${ks}.listeners_by_song (song, user_id, first_name, last_name) VALUES ('No Such Song', 99999, 'A', 'B')`,
    );
    const r = await verify();
    expect(r.ok).toBe(false);
    const [q1, q2, q3] = r.tables;
    expect([q1.missing, q1.unexpected, q1.different, q1.ok]).toEqual([1, 0, 0, false]);
    expect(q1.examples.missing).toEqual([{ key: { session_id: 338, item_in_session: 4 }, line: expect.any(Number) }]);
    expect([q2.missing, q2.unexpected, q2.different]).toEqual([0, 0, 1]);
    expect(q2.examples.different[0]).toMatchObject({
      key: { user_id: 10, session_id: 182, item_in_session: ITEM },
      column: 'song',
      found: 'Not This One',
    });
    expect([q3.missing, q3.unexpected, q3.different]).toEqual([0, 1, 0]);
    expect(q3.examples.unexpected).toEqual([{ key: { song: 'No Such Song', user_id: 99999 } }]);

    const cli = sparkify(['verify', '-f', merged, '--no-start'], {
      cwd: tmp,
      env: { ...process.env, SPARKIFY_KEYSPACE: ks },
    });
    expect(cli.code, cli.err).toBe(1);
    expect(cli.out).toContain('songs_by_session, songs_by_user_session, listeners_by_song differ from');
    expect(cli.out).toMatch(/songs_by_session: missing \{"session_id":338,"item_in_session":4\} \(line \d+\)/);
    expect(cli.out).toContain(
      `songs_by_user_session: different {"user_id":10,"session_id":182,"item_in_session":${ITEM}}`,
    );
    expect(cli.out).toContain('listeners_by_song: unexpected {"song":"No Such Song","user_id":99999}');
    expect(cli.err).toContain('songs_by_session, songs_by_user_session, listeners_by_song: not what');
  });
});

// The lesson's CQL against the real node: every rule of lib/cassandra/explain that a statement can provoke,
// provoked, so the rules are proved to match Cassandra's own words (not only the words the unit tests
// copy); the model's tables read back from system_schema; a load driven by an INSERT with named markers;
// and a Lesson's CREATE TABLE cells on a recording screen.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createTableCql,
  cql,
  cqlName,
  Lesson,
  listenersBySong,
  loadWithInsert,
  readTableShape,
  runCql,
  songsBySession,
  songsByUserSession,
  tableShape,
  type CqlStatement,
  type Screen,
} from '../../lib/index';
import { QUESTION_2, QUESTION_3 } from '../../lib/model/questions';
import { closeSuite, openSuite, type Suite } from './support';

const KEY_GIVEN = 'a row is found by its whole primary key, so an INSERT must give every key column';

describe('lesson CQL on the real node', () => {
  let suite: Suite;
  let ks: ReturnType<typeof cqlName>;
  let tmp: string;

  beforeAll(async () => {
    suite = await openSuite('lesson');
    ks = cqlName(suite.keyspace);
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-lesson-'));
    await suite.client.execute(
      cql`CREATE TABLE ${ks}.t (user_id int, session_id int, item_in_session int, artist text,
            PRIMARY KEY (user_id, session_id, item_in_session))`.query,
    );
  });
  afterAll(async () => {
    await closeSuite(suite);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  describe("explain: each rule matches Cassandra's refusal", () => {
    // [what, statement, the rule's explanation]. The statements are built in the test: the keyspace is the suite's.
    const cases: [string, () => CqlStatement, string][] = [
      [
        'a WHERE on a regular column',
        () => cql`SELECT * FROM ${ks}.t WHERE artist = ${'Muse'}`,
        "this WHERE does not name one partition (the table's whole partition key by equality), so Cassandra " +
          'would have to scan every partition; it refuses unless told ALLOW FILTERING — the fix is a table keyed for this question',
      ],
      [
        'a clustering column restricted past the one before it',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = ${1} AND item_in_session = ${1}`,
        'clustering columns are restricted in key order: item_in_session can only be restricted once session_id is (by equality)',
      ],
      [
        'ORDER BY a later clustering column alone',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = ${1} ORDER BY item_in_session DESC`,
        'rows come back in the clustering order (or its exact reverse) only: ORDER BY can name clustering columns, in key order, nothing else',
      ],
      [
        'ORDER BY a regular column',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = ${1} ORDER BY artist`,
        'rows are stored sorted by the clustering columns only: artist is not one, so it cannot order them',
      ],
      [
        'ORDER BY two clustering columns in opposite directions',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = ${1} ORDER BY session_id ASC, item_in_session DESC`,
        'ORDER BY reads the clustering order forwards or backwards: every column in it goes the same way as stored, or every one the other way',
      ],
      [
        'an equality after a range on the clustering columns',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = ${1} AND session_id > ${1} AND item_in_session = ${1}`,
        'after a range on session_id no later clustering column can be restricted: a slice of the partition ends at its range (item_in_session)',
      ],
      [
        'a PRIMARY KEY naming an undeclared column',
        () => cql`CREATE TABLE ${ks}.w (a int, b int, PRIMARY KEY (a, c))`,
        'every column of the PRIMARY KEY must be declared in the table first: c is not',
      ],
      [
        'an unknown column',
        () => cql`SELECT foo FROM ${ks}.t`,
        'the table has no column foo: check the names in its CREATE TABLE',
      ],
      [
        'an unknown table',
        () => cql`SELECT * FROM ${ks}.nope`,
        'there is no table nope in this keyspace: run the cell with its CREATE TABLE first',
      ],
      [
        'an unknown keyspace',
        () => cql`SELECT * FROM ${cqlName('nope_ks')}.t`,
        'there is no keyspace nope_ks: create it first (CREATE KEYSPACE)',
      ],
      [
        'an INSERT without a clustering column',
        () => cql`INSERT INTO ${ks}.t (user_id, session_id, artist) VALUES (${1}, ${1}, ${'a'})`,
        `${KEY_GIVEN}: item_in_session missing`,
      ],
      [
        'an INSERT without two clustering columns',
        () => cql`INSERT INTO ${ks}.t (user_id, artist) VALUES (1, 'a')`,
        `${KEY_GIVEN}: session_id, item_in_session missing`,
      ],
      [
        'a CREATE TABLE of an existing table',
        () => cql`CREATE TABLE ${ks}.t (a int PRIMARY KEY)`,
        'table t exists already: add IF NOT EXISTS, or DROP TABLE it first to change its key (a key cannot be altered)',
      ],
      [
        'CLUSTERING ORDER BY a regular column',
        () => cql`CREATE TABLE ${ks}.u (a int, b int, c text, PRIMARY KEY (a, b)) WITH CLUSTERING ORDER BY (c ASC)`,
        'CLUSTERING ORDER BY can only name the clustering columns of the PRIMARY KEY; c is not one',
      ],
      [
        'a static column without a clustering column',
        () => cql`CREATE TABLE ${ks}.v (a int PRIMARY KEY, s text static)`,
        'a static column is one value per partition shared by its rows: it needs a clustering column',
      ],
      [
        'ORDER BY with IN on the partition key',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id IN (1, 2) ORDER BY session_id DESC`,
        'ORDER BY orders rows inside one partition; with IN over several partitions, sort in the client',
      ],
      [
        'a misspelt keyword',
        () => cql`SELECT * FORM ${ks}.t`,
        "CQL syntax error at line 1, column 10: mismatched input 'FORM' expecting K_FROM (SELECT * [FORM]...)",
      ],
      [
        'a text literal for an int column',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = 'abc'`,
        "a value's type does not match its column's CQL type (e.g. text given for an int column)",
      ],
      [
        'a bound text value for an int column (the driver refuses it)',
        () => cql`SELECT * FROM ${ks}.t WHERE user_id = ${'abc'}`,
        "a value's type does not match its column's CQL type (e.g. text given for an int column)",
      ],
    ];
    it.each(cases)('%s', async (_, statement, explanation) => {
      const outcome = await runCql(suite.client, statement());
      expect(outcome.kind).toBe('refused');
      if (outcome.kind !== 'refused') return;
      expect(outcome.explanation, `Cassandra said: ${outcome.error}`).toBe(explanation);
    });

    it('an INSERT without its partition key column', async () => {
      const outcome = await runCql(
        suite.client,
        cql`INSERT INTO ${ks}.t (session_id, item_in_session) VALUES (${1}, ${1})`,
      );
      expect(outcome).toMatchObject({ kind: 'refused', explanation: `${KEY_GIVEN}: user_id missing` });
    });
    // Not provoked: "Missing mandatory PRIMARY KEY part" is an older Cassandra's wording (5.0 says "Some …
    // missing"; see the unit tests).
  });

  describe('readTableShape', () => {
    it.each([songsBySession, songsByUserSession, listenersBySong])(
      'the model table $name, created from its CREATE TABLE, reads back as tableShape(spec)',
      async (spec) => {
        await suite.client.execute(createTableCql(spec, suite.keyspace));
        expect(await readTableShape(suite.client, suite.keyspace, spec.name)).toEqual(tableShape(spec));
      },
    );

    it('a table that does not exist is an error naming it', async () => {
      await expect(readTableShape(suite.client, suite.keyspace, 'nope')).rejects.toThrow(
        `Table ${suite.keyspace}.nope does not exist: run its CREATE TABLE first`,
      );
    });
  });

  describe('loadWithInsert', () => {
    const HEADER = 'artist,firstName,gender,itemInSession,lastName,length,level,location,sessionId,song,userId';
    const PLAYS = [
      `"Des'ree","Kaylee","F","1","Summers","246.30812","free","Phoenix-Mesa-Scottsdale, AZ","139","You Gotta Be","8"`,
      '"Mr Oizo","Kaylee","F","0","Summers","144.03873","free","Phoenix-Mesa-Scottsdale, AZ","139","Flat 55","8"',
      '"Tamba Trio","Kaylee","F","0","Summers","177.18812","free","Phoenix-Mesa-Scottsdale, AZ","140","Quem Quiser Encontrar O Amor","8"',
      '"The Mars Volta","Jacob","M","0","Klein","380.42077","paid","Tampa-St. Petersburg-Clearwater, FL","9","Eriatarka","73"',
    ];
    let file: string;

    beforeAll(async () => {
      file = join(tmp, 'event_datafile_new.csv');
      await writeFile(file, `${HEADER}\n${PLAYS.join('\n')}\n`);
      await suite.client.execute(
        cql`CREATE TABLE ${ks}.songs_by_user (user_id int, session_id int, item_in_session int, song text,
              first_name text static, PRIMARY KEY (user_id, session_id, item_in_session))
            WITH CLUSTERING ORDER BY (session_id DESC, item_in_session ASC)`.query,
      );
    });

    it('loads the fields its named markers name into its columns; a SELECT reads them back', async () => {
      const insert = cql`INSERT INTO ${ks}.songs_by_user (song, first_name, user_id, session_id, item_in_session)
                         VALUES (:song, :firstName, :userId, :sessionId, :itemInSession)`;
      const { table, result } = await loadWithInsert(suite.client, insert, {
        file,
        keyspace: suite.keyspace,
        checkpointFile: false,
      });
      expect(table.columns).toEqual([
        { name: 'song', type: 'text', from: 'song' },
        { name: 'first_name', type: 'text', from: 'firstName', static: true },
        { name: 'user_id', type: 'int', from: 'userId' },
        { name: 'session_id', type: 'int', from: 'sessionId' },
        { name: 'item_in_session', type: 'int', from: 'itemInSession' },
      ]);
      expect(result).toMatchObject({ rowsRead: 4, loaded: { songs_by_user: 4 }, failedCount: 0 });

      const outcome = await runCql(
        suite.client,
        cql`SELECT session_id, item_in_session, song, first_name FROM ${ks}.songs_by_user WHERE user_id = ${8}`,
      );
      expect(outcome).toMatchObject({
        kind: 'rows',
        more: false,
        rows: [
          { session_id: 140, item_in_session: 0, song: 'Quem Quiser Encontrar O Amor', first_name: 'Kaylee' },
          { session_id: 139, item_in_session: 0, song: 'Flat 55', first_name: 'Kaylee' },
          { session_id: 139, item_in_session: 1, song: 'You Gotta Be', first_name: 'Kaylee' },
        ],
      });
      const other = await runCql(suite.client, cql`SELECT song FROM ${ks}.songs_by_user WHERE user_id = ${73}`);
      expect(other).toMatchObject({ kind: 'rows', rows: [{ song: 'Eriatarka' }] });
    });

    it('an INSERT into another keyspace than the load is refused before anything is read', async () => {
      await expect(
        loadWithInsert(suite.client, 'INSERT INTO other_ks.songs_by_user (user_id) VALUES (:userId)', {
          file,
          keyspace: suite.keyspace,
          checkpointFile: false,
        }),
      ).rejects.toThrow(`The INSERT names keyspace other_ks, but the load is into ${suite.keyspace}`);
    });
  });

  describe('Lesson', () => {
    /** A screen that keeps what it is shown. */
    const recorder = () => {
      const shown = { html: [] as string[], svg: [] as string[], markdown: [] as string[] };
      const screen: Screen = {
        html: (h) => shown.html.push(h),
        svg: (s) => shown.svg.push(s),
        markdown: (m) => shown.markdown.push(m),
      };
      return { shown, screen };
    };
    const lessonOn = (screen: Screen) =>
      new Lesson(suite.client, {
        keyspace: suite.keyspace,
        mergedFile: join(tmp, 'unused.csv'),
        screen,
        line: () => recorder().screen,
      });

    it('createTable runs it, returns the table Cassandra holds, shows its diagram and the verdict', async () => {
      const { shown, screen } = recorder();
      const spec = await lessonOn(screen).createTable(
        cql`CREATE TABLE ${ks}.listeners (song text, user_id int, first_name text, last_name text,
              PRIMARY KEY (song, user_id)) WITH comment = 'listeners by song'`,
        QUESTION_3,
      );
      expect(spec).toEqual({
        name: 'listeners',
        question: QUESTION_3.text,
        lookedUpBy: 'listeners by song',
        columns: [
          { name: 'song', type: 'text', from: 'song' },
          { name: 'user_id', type: 'int', from: 'userId' },
          { name: 'first_name', type: 'text', from: 'firstName' },
          { name: 'last_name', type: 'text', from: 'lastName' },
        ],
        partitionKey: ['song'],
        clustering: [{ column: 'user_id', order: 'ASC' }],
        lookup: ['song'],
        returns: ['user_id', 'first_name', 'last_name'],
      });
      expect(shown.html[0]).toBe(
        `<span style="color: #047857">✔</span> <code>CREATE TABLE ${suite.keyspace}.listeners</code>: done.`,
      );
      expect(shown.svg).toHaveLength(1);
      expect(shown.svg[0]).toContain('data-table="listeners"');
      expect(shown.html[1]).toContain('data-question="Q3" data-table="listeners" data-served="true"');
      expect(shown.html[1]).toContain('✔ served');
      expect(shown.html[2]).toContain('<caption>listeners for Q3: the mapping rule behind each column</caption>');
      expect(shown.html[2]).toContain('uniqueness → clustering column');
      expect(shown.html).toHaveLength(3);
      expect(shown.markdown).toEqual([]);
    });

    it('createTable of a refused statement returns undefined and shows the explanation, no diagram', async () => {
      const { shown, screen } = recorder();
      const spec = await lessonOn(screen).createTable(
        cql`CREATE TABLE ${ks}.static_alone (song text PRIMARY KEY, first_name text static)`,
        QUESTION_3,
      );
      expect(spec).toBeUndefined();
      expect(shown.svg).toEqual([]);
      expect(shown.html).toHaveLength(1);
      expect(shown.html[0]).toContain('✘ <b>Cassandra refused it</b>');
      expect(shown.html[0]).toContain(
        '<b>What it means:</b> a static column is one value per partition shared by its rows: it needs a clustering column.',
      );
    });

    it('tryTable replaces an existing table with a different key', async () => {
      const lesson = lessonOn(recorder().screen);
      const first = await lesson.tryTable(
        cql`CREATE TABLE ${ks}.draft (user_id int, session_id int, item_in_session int, artist text, song text,
              first_name text, last_name text, PRIMARY KEY (user_id, session_id, item_in_session))`,
        QUESTION_2,
      );
      expect(first).toMatchObject({
        partitionKey: ['user_id'],
        clustering: [
          { column: 'session_id', order: 'ASC' },
          { column: 'item_in_session', order: 'ASC' },
        ],
      });
      const { shown, screen } = recorder();
      const second = await lessonOn(screen).tryTable(
        cql`CREATE TABLE ${ks}.draft (user_id int, session_id int, item_in_session int, artist text, song text,
              first_name text, last_name text, PRIMARY KEY ((user_id, session_id), item_in_session))`,
        QUESTION_2,
      );
      expect(second).toMatchObject({
        partitionKey: ['user_id', 'session_id'],
        clustering: [{ column: 'item_in_session', order: 'ASC' }],
      });
      expect(await readTableShape(suite.client, suite.keyspace, 'draft')).toMatchObject({
        partitionKey: ['user_id', 'session_id'],
        clustering: [{ column: 'item_in_session', order: 'ASC' }],
      });
      expect(shown.html[0]).toContain(': done.');
      expect(shown.html[1]).toContain('data-question="Q2" data-table="draft" data-served="true"');
    });

    it('grade on a connection already closed says so in one line and what to do, no cell error', async () => {
      const closed = await connect(suite.config, { waitMs: 30_000 });
      await closed.shutdown();
      const line = recorder();
      const lesson = new Lesson(closed, {
        keyspace: suite.keyspace,
        mergedFile: join(tmp, 'unused.csv'),
        screen: recorder().screen,
        line: () => line.screen,
      });
      const text = 'CREATE TABLE t (a int PRIMARY KEY); INSERT INTO t (a) VALUES (:userId); SELECT a FROM t';
      expect(await lesson.grade(QUESTION_3, text, 'q3')).toBeUndefined();
      expect(line.shown.html.at(-1)).toBe(
        '<p class="sparkify-grade-failed">✗ not graded: Connecting after shutdown is not supported — ' +
          'the connection to Cassandra was closed: run the connection cell again, then this one</p>',
      );
    });
  });
});

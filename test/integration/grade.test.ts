// The grader against the real node, on the sample month (or the originals when SPARKIFY_EVENT_DATA names
// them): the reference solutions pass every rule; each typical wrong submission, written for the case,
// fails exactly the required rule it should (style rules may add their own), with the reason a reviewer gives.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSubmission, mergeEventFiles, type Grade } from '../../lib/index';
import { QUESTION_1, QUESTION_2, QUESTION_3, type AskedQuestion } from '../../lib/model/questions';
import { primaryDataset } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';

const DATA = primaryDataset();
/** Question 1's length in this folder's file (Python's figure), which a float column changes. */
const LENGTH = DATA.expected.q1[0][2];

const Q1_TABLE = `CREATE TABLE songs_by_session (session_id int, item_in_session int, artist text, song text,
  length double, PRIMARY KEY (session_id, item_in_session));`;
const Q1_INSERT = `INSERT INTO songs_by_session (session_id, item_in_session, artist, song, length)
  VALUES (:sessionId, :itemInSession, :artist, :song, :length);`;
const Q1_SELECT = 'SELECT artist, song, length FROM songs_by_session WHERE session_id = 338 AND item_in_session = 4;';

/** The reference solutions (test/fixtures/grade), as a learner would submit them. */
const REFERENCE: [AskedQuestion, string][] = [QUESTION_1, QUESTION_2, QUESTION_3].map((q, i) => [
  q,
  readFileSync(join(__dirname, '..', 'fixtures', 'grade', `reference-q${i + 1}.cql`), 'utf8'),
]);

/**
 * Typical mistakes, at least one per required rule: [what, question, submission, the required rules that fail
 * (the first is the mistake, the others what it costs), words of the first one's reason].
 */
const WRONG: [string, AskedQuestion, string, string[], string][] = [
  [
    'a CREATE TABLE with no primary key',
    QUESTION_1,
    `CREATE TABLE songs_by_session (session_id int, item_in_session int, artist text);\n${Q1_INSERT}\n${Q1_SELECT}`,
    ['creates'],
    'Cassandra refused the CREATE TABLE',
  ],
  [
    'a key of item_in_session alone: plays at one position of every session overwrite each other',
    QUESTION_1,
    `CREATE TABLE songs_by_item (session_id int, item_in_session int, artist text, song text, length double,
       PRIMARY KEY (item_in_session));\n${Q1_INSERT.replace('songs_by_session', 'songs_by_item')}\nSELECT artist, song, length FROM songs_by_item WHERE item_in_session = 4;`,
    ['unique-rows', 'answer'],
    'rows are overwritten',
  ],
  [
    'a SELECT with ALLOW FILTERING on a non-key column',
    QUESTION_1,
    `${Q1_TABLE}\n${Q1_INSERT}\nSELECT artist, song, length FROM songs_by_session WHERE item_in_session = 4 AND session_id > 337 AND session_id < 339 ALLOW FILTERING;`,
    ['no-allow-filtering', 'partition-key'],
    'uses ALLOW FILTERING',
  ],
  [
    'an IN on the partition key: two partitions read',
    QUESTION_1,
    `${Q1_TABLE}\n${Q1_INSERT}\nSELECT artist, song, length FROM songs_by_session WHERE session_id IN (338, 338000) AND item_in_session = 4;`,
    ['partition-key'],
    'reads 2 partitions',
  ],
  [
    'SELECT *',
    QUESTION_1,
    `${Q1_TABLE}\n${Q1_INSERT}\nSELECT * FROM songs_by_session WHERE session_id = 338 AND item_in_session = 4;`,
    ['select-columns'],
    'SELECT * returns every column',
  ],
  [
    'the wrong values in the WHERE',
    QUESTION_1,
    `${Q1_TABLE}\n${Q1_INSERT}\nSELECT artist, song, length FROM songs_by_session WHERE session_id = 338 AND item_in_session = 5;`,
    ['answer'],
    'expected',
  ],
  [
    'length as float',
    QUESTION_1,
    `CREATE TABLE songs_by_session (session_id int, item_in_session int, artist text, song text, length float,
       PRIMARY KEY (session_id, item_in_session));\n${Q1_INSERT}\n${Q1_SELECT}`,
    ['types', 'answer'],
    `length is float, length needs double (${LENGTH} comes back as ${Math.fround(LENGTH)})`,
  ],
  [
    "question 2's plays clustered against the order asked",
    QUESTION_2,
    `CREATE TABLE songs_by_user_session (user_id int, session_id int, item_in_session int, artist text, song text,
       first_name text, last_name text, PRIMARY KEY ((user_id, session_id), item_in_session))
       WITH CLUSTERING ORDER BY (item_in_session DESC);
     INSERT INTO songs_by_user_session (user_id, session_id, item_in_session, artist, song, first_name, last_name)
       VALUES (:userId, :sessionId, :itemInSession, :artist, :song, :firstName, :lastName);
     SELECT artist, song, first_name, last_name FROM songs_by_user_session WHERE user_id = 10 AND session_id = 182;`,
    ['order'],
    'not in item_in_session ASC order',
  ],
  [
    'question 3 keyed by the title alone',
    QUESTION_3,
    `CREATE TABLE listeners (song text, user_id int, first_name text, last_name text, PRIMARY KEY (song));
     INSERT INTO listeners (song, user_id, first_name, last_name) VALUES (:song, :userId, :firstName, :lastName);
     SELECT first_name, last_name FROM listeners WHERE song = 'All Hands Against His Own';`,
    ['unique-rows', 'answer'],
    'rows are overwritten',
  ],
  [
    'quoted names that keep their case',
    QUESTION_1,
    `CREATE TABLE "SongsBySession" ("sessionId" int, item_in_session int, artist text, song text, length double,
       PRIMARY KEY ("sessionId", item_in_session));
     INSERT INTO "SongsBySession" ("sessionId", item_in_session, artist, song, length)
       VALUES (:sessionId, :itemInSession, :artist, :song, :length);
     SELECT artist, song, length FROM "SongsBySession" WHERE "sessionId" = 338 AND item_in_session = 4;`,
    ['creates'],
    'quoted names keep their case: "SongsBySession", "sessionId"',
  ],
  [
    'a SELECT that Cassandra refuses (a range on a regular column, no ALLOW FILTERING)',
    QUESTION_1,
    `${Q1_TABLE}\n${Q1_INSERT}\nSELECT artist, song, length FROM songs_by_session WHERE session_id = 338 AND length > 0;`,
    ['partition-key', 'no-allow-filtering', 'answer', 'select-columns'],
    'Cassandra refused the SELECT',
  ],
];

/** Right answers written another way: each passes every required rule. */
const RIGHT: [string, AskedQuestion, string][] = [
  ['after a USE of a keyspace of the learner', QUESTION_1, `USE sparkify;\n${Q1_TABLE}\n${Q1_INSERT}\n${Q1_SELECT}`],
  [
    'with quotes that change nothing',
    QUESTION_1,
    `CREATE TABLE "songs_by_session" ("session_id" int, item_in_session int, artist text, song text,
       length double, PRIMARY KEY ("session_id", item_in_session));
     ${Q1_INSERT.replace('(session_id', '("session_id"')}
     ${Q1_SELECT.replace('session_id =', '"session_id" =')}`,
  ],
  [
    'with ids as bigint',
    QUESTION_1,
    `${Q1_TABLE.replace('session_id int', 'session_id bigint')}\n${Q1_INSERT}\n${Q1_SELECT}`,
  ],
];

describe(`the grader on ${DATA.label}`, () => {
  let suite: Suite;
  let tmp: string;
  let merged: string;
  const grade = (q: AskedQuestion, text: string, name: string): Promise<Grade> =>
    gradeSubmission(suite.client, q, text, { mergedFile: merged, name });

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-grade-'));
    suite = await openSuite('grade');
    merged = (await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') })).output;
  });
  afterAll(async () => {
    await closeSuite(suite);
    await rm(tmp, { recursive: true, force: true });
  });

  it.each(REFERENCE.map(([q, text]) => [q.name, q, text] as const))(
    'passes the reference solution for %s on every rule, style included',
    async (name, q, text) => {
      const g = await grade(q, text, `reference-${name}`);
      expect(g.rules.filter((r) => !r.ok)).toEqual([]);
      expect(g.rules.map((r) => r.rule)).toEqual([
        'creates',
        'unique-rows',
        'partition-key',
        'no-allow-filtering',
        'answer',
        'order',
        'select-columns',
        'types',
        'column-order',
        'table-name',
        'partition-size',
      ]);
      expect(g.passed).toBe(true);
    },
  );

  it.each(WRONG)('fails %s on the rules it should', async (what, q, text, rules, reason) => {
    const g = await grade(q, text, what);
    const required = g.rules.filter((r) => !r.ok && r.level === 'required');
    expect(required.map((r) => r.rule).sort(), JSON.stringify(g.rules, null, 1)).toEqual([...rules].sort());
    expect(required.find((r) => r.rule === rules[0])!.detail).toContain(reason);
    for (const r of required) expect(r.fix ?? '', r.rule).not.toBe('');
    expect(g.passed).toBe(false);
  });

  it.each(RIGHT)('passes a right answer written %s', async (what, q, text) => {
    const g = await grade(q, text, what);
    expect(
      g.rules.filter((r) => !r.ok && r.level === 'required'),
      JSON.stringify(g.rules, null, 1),
    ).toEqual([]);
    expect(g.passed).toBe(true);
    if (what.includes('bigint')) {
      expect(g.rules.find((r) => r.rule === 'types')!.detail).toContain(
        'session_id is bigint: it holds every value too',
      );
    }
  });

  it('drops its scratch keyspaces', async () => {
    const rs = await suite.client.execute('SELECT keyspace_name FROM system_schema.keyspaces');
    expect(rs.rows.map((r) => r.get('keyspace_name') as string).filter((k) => k.startsWith('grade_'))).toEqual([]);
  });
});

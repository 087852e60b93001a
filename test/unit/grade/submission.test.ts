// Unit tests of lib/grade/submission.ts: a CQL text split into statements (quotes, doubled quotes and the
// three comment styles), and a submission told into its CREATE TABLE, INSERT and SELECT, with the exact
// message of each malformed submission.
import { describe, expect, it } from 'vitest';
import { cqlStatements, parseSubmission, SubmissionError } from '../../../lib/grade/submission';

describe('cqlStatements', () => {
  it.each([
    ['one statement with its ;', 'SELECT a FROM t;', ['SELECT a FROM t']],
    ['a trailing statement without ;', 'SELECT a FROM t; SELECT b FROM u', ['SELECT a FROM t', 'SELECT b FROM u']],
    ['empty statements dropped', ';;  SELECT a FROM t ;\n ; ;', ['SELECT a FROM t']],
    ['only blanks', '  \n\t ', []],
    ['a ; inside single quotes', "SELECT a FROM t WHERE s = 'x;y'; b", ["SELECT a FROM t WHERE s = 'x;y'", 'b']],
    ['a ; inside double quotes', 'SELECT "a;b" FROM t; c', ['SELECT "a;b" FROM t', 'c']],
    ['a doubled single quote', "WHERE s = 'It''s; fine'; b", ["WHERE s = 'It''s; fine'", 'b']],
    ['a doubled double quote', 'SELECT "x;""y" FROM t; b', ['SELECT "x;""y" FROM t', 'b']],
    ['a double quote inside single quotes', `WHERE s = 'say "hi;"'; b`, [`WHERE s = 'say "hi;"'`, 'b']],
    ['a -- comment to the end of the line', 'a -- note; not a split\nb; c', ['a \nb', 'c']],
    ['a // comment to the end of the line', 'a // x;y\n;;b', ['a', 'b']],
    ['a -- comment on the last line', 'a; -- the end;', ['a']],
    ['a /* */ comment, across lines', 'a /* one;\ntwo; */ b; c', ['a  b', 'c']],
    ['an unterminated /* drops the rest', 'a; /* open ; b', ['a']],
    ['comment markers inside quotes are text', "a = '--x'; b = '/*y*/'", ["a = '--x'", "b = '/*y*/'"]],
    ['an unterminated quote keeps the rest', "a 'open; b", ["a 'open; b"]],
    ['only comments', '-- nothing\n/* at all */ // here', []],
  ])('%s', (_, text, expected) => {
    expect(cqlStatements(text)).toEqual(expected);
  });
});

const CREATE = 'CREATE TABLE songs_by_session (session_id int, item_in_session int, PRIMARY KEY (session_id))';
const INSERT = 'INSERT INTO songs_by_session (session_id, item_in_session) VALUES (:sessionId, :itemInSession)';
const SELECT = 'SELECT item_in_session FROM songs_by_session WHERE session_id = 338';

describe('parseSubmission', () => {
  it.each([
    ['in the usual order', `${CREATE};\n${INSERT};\n${SELECT};`],
    ['in any order, the last ; left out', `${SELECT};\n${CREATE};\n${INSERT}`],
    ['with comments around', `-- Q1\n${INSERT}; /* the table */ ${CREATE}; // read\n${SELECT};`],
  ])('splits the three statements %s', (_, text) => {
    expect(parseSubmission(text, 'q1.cql')).toEqual({ name: 'q1.cql', create: CREATE, insert: INSERT, select: SELECT });
  });

  it('tells the statements by their first words whatever their case and spacing', () => {
    const text = 'create  table t (a int primary key);\ninsert\ninto t (a) values (:a);\nselect a from t';
    expect(parseSubmission(text)).toEqual({
      name: 'the submission',
      create: 'create  table t (a int primary key)',
      insert: 'insert\ninto t (a) values (:a)',
      select: 'select a from t',
    });
  });

  it.each([
    ['a USE first', `USE sparkify;\n${CREATE};\n${INSERT};\n${SELECT}`, 'sparkify'],
    ['a quoted USE between', `${CREATE};\nuse  "sparkify";\n${INSERT};\n${SELECT}`, 'sparkify'],
  ])('drops %s: the grader uses a keyspace of its own', (_, text, used) => {
    expect(parseSubmission(text)).toEqual({
      name: 'the submission',
      create: CREATE,
      insert: INSERT,
      select: SELECT,
      used,
    });
  });

  it('unquotes the names Cassandra stores the same, lists the ones whose quotes matter', () => {
    const text = `CREATE TABLE "songs_by_session" ("session_id" int, "Item" int, PRIMARY KEY ("session_id"));
      INSERT INTO songs_by_session ("session_id", "Item") VALUES (:sessionId, :itemInSession);
      SELECT "Item" FROM "Songs" WHERE session_id = 338 AND song = 'say "Item"'`;
    expect(parseSubmission(text)).toEqual({
      name: 'the submission',
      create: 'CREATE TABLE songs_by_session (session_id int, "Item" int, PRIMARY KEY (session_id))',
      insert: 'INSERT INTO songs_by_session (session_id, "Item") VALUES (:sessionId, :itemInSession)',
      select: `SELECT "Item" FROM "Songs" WHERE session_id = 338 AND song = 'say "Item"'`,
      caseSensitive: ['"Item"', '"Songs"'],
    });
  });

  const LONG = `UPDATE songs_by_session SET artist = 'a very long value here' WHERE session_id = 338 AND item_in_session = 4`;
  it.each([
    ['an empty text', '', 'the submission: not written yet: no CQL statement in it'],
    ['comments only', '-- TODO\n/* later */', 'the submission: not written yet: no CQL statement in it'],
    [
      'an unknown statement, named by its number and first characters',
      `${CREATE};\nTRUNCATE   songs_by_session;\n${INSERT};\n${SELECT}`,
      'the submission: statement 2 ("TRUNCATE songs_by_session") is not a CREATE TABLE, an INSERT or a SELECT',
    ],
    [
      'an unknown statement, cut at 60 characters, its blanks collapsed',
      `${CREATE};\n${INSERT};\n${SELECT};\n${LONG.replace(' SET', '\n   SET')}`,
      'the submission: statement 4 ("UPDATE songs_by_session SET artist = \'a very long value here") ' +
        'is not a CREATE TABLE, an INSERT or a SELECT',
    ],
    [
      'CREATE without TABLE',
      'CREATE KEYSPACE k WITH replication = {};',
      'the submission: statement 1 ("CREATE KEYSPACE k WITH replication = {}") is not a CREATE TABLE, an INSERT or a SELECT',
    ],
    [
      'a second SELECT',
      `${CREATE};\n${INSERT};\n${SELECT};\nSELECT * FROM songs_by_session;`,
      'the submission: statement 4 ("SELECT * FROM songs_by_session"): a second SELECT, one of each is expected',
    ],
    [
      'a second CREATE TABLE',
      `${CREATE};\n${CREATE}`,
      'the submission: statement 2 ("CREATE TABLE songs_by_session (session_id int, item_in_sessi"): ' +
        'a second CREATE, one of each is expected',
    ],
    [
      'the CREATE TABLE missing',
      `${INSERT};${SELECT}`,
      'the submission: a CREATE TABLE is missing (found 2 statement(s))',
    ],
    [
      'the INSERT missing',
      `${CREATE};${SELECT}`,
      'the submission: an INSERT with named markers is missing (found 2 statement(s))',
    ],
    ['the SELECT missing', `${CREATE};${INSERT}`, 'the submission: a SELECT is missing (found 2 statement(s))'],
    ['two missing: the first named', SELECT, 'the submission: a CREATE TABLE is missing (found 1 statement(s))'],
  ])('refuses %s', (_, text, message) => {
    let thrown: unknown;
    try {
      parseSubmission(text);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SubmissionError);
    expect(thrown).toMatchObject({ name: 'SubmissionError', submission: 'the submission', message });
  });

  it('names the submission it was given in the message', () => {
    expect(() => parseSubmission('', 'the cell')).toThrow('the cell: not written yet: no CQL statement in it');
  });
});

// Unit tests of the pure helpers of lib/grade/grade.ts: a statement's table put in the scratch keyspace
// (with and without the learner's own keyspace, across lines, the column list of a SELECT left alone), and
// the column names a CREATE TABLE declares, in its order.
import { describe, expect, it } from 'vitest';
import { declaredColumns, inKeyspace } from '../../../lib/grade/grade';

describe('inKeyspace', () => {
  it.each([
    ['CREATE TABLE', 'CREATE TABLE t (a int PRIMARY KEY)', 'CREATE TABLE g.t (a int PRIMARY KEY)'],
    [
      'CREATE TABLE IF NOT EXISTS',
      'CREATE TABLE IF NOT EXISTS t (a int PRIMARY KEY)',
      'CREATE TABLE IF NOT EXISTS g.t (a int PRIMARY KEY)',
    ],
    [
      'CREATE TABLE in the learner keyspace',
      'CREATE TABLE IF NOT EXISTS sparkify.t (a int PRIMARY KEY)',
      'CREATE TABLE IF NOT EXISTS g.t (a int PRIMARY KEY)',
    ],
    ['lower case, no blank before (', 'create table t(a int primary key)', 'create table g.t(a int primary key)'],
    ['INSERT INTO', 'INSERT INTO songs (a) VALUES (:a)', 'INSERT INTO g.songs (a) VALUES (:a)'],
    [
      'INSERT INTO the learner keyspace, blanks around the dot',
      'INSERT INTO sparkify . songs (a) VALUES (:a)',
      'INSERT INTO g.songs (a) VALUES (:a)',
    ],
    ['SELECT … FROM', 'SELECT artist, song FROM songs WHERE a = 1', 'SELECT artist, song FROM g.songs WHERE a = 1'],
    ['SELECT … FROM keyspace.table', 'SELECT song FROM sparkify.songs', 'SELECT song FROM g.songs'],
    [
      'a multi-line SELECT',
      'SELECT\n  artist,\n  song\nFROM\n  sparkify.songs\nWHERE a = 1',
      'SELECT\n  artist,\n  song\nFROM\n  g.songs\nWHERE a = 1',
    ],
    [
      'a multi-line CREATE TABLE',
      'CREATE TABLE\n  IF NOT EXISTS\n  songs (\n  a int PRIMARY KEY)',
      'CREATE TABLE\n  IF NOT EXISTS\n  g.songs (\n  a int PRIMARY KEY)',
    ],
    [
      'a column from_x first',
      'SELECT from_x, song FROM songs WHERE a = 1',
      'SELECT from_x, song FROM g.songs WHERE a = 1',
    ],
    ['a column from_x last', 'SELECT song, from_x FROM songs', 'SELECT song, from_x FROM g.songs'],
    ['a column x_from', 'SELECT x_from FROM songs', 'SELECT x_from FROM g.songs'],
    ['a quoted column "from"', 'SELECT "from", song FROM songs', 'SELECT "from", song FROM g.songs'],
    ['a function call', 'SELECT count(*) FROM songs', 'SELECT count(*) FROM g.songs'],
    ['leading blanks kept', '  SELECT a FROM t', '  SELECT a FROM g.t'],
    ['a statement of another kind, unchanged', 'UPDATE songs SET a = 1', 'UPDATE songs SET a = 1'],
  ])('%s', (_, statement, expected) => {
    expect(inKeyspace(statement, 'g')).toBe(expected);
  });

  // Quoted names are not moved, and a quoted column whose name holds " from " is taken for the FROM: never
  // reached by a submission, whose quotes are removed where they change nothing and refused where they keep
  // a name's case before inKeyspace runs (lib/grade/names, the "quoted names" case of the integration test).
  it.each([
    ['a quoted table name is left where it is', 'SELECT * FROM "Songs"', 'SELECT * FROM "Songs"'],
    ['a quoted keyspace is left where it is', 'SELECT a FROM "sparkify".songs', 'SELECT a FROM "sparkify".songs'],
    [
      'a quoted column holding " from " is taken for the FROM',
      'SELECT "x from y" FROM t',
      'SELECT "x from g.y" FROM t',
    ],
  ])('limit: %s', (_, statement, expected) => {
    expect(inKeyspace(statement, 'g')).toBe(expected);
  });
});

describe('declaredColumns', () => {
  it.each([
    ['PRIMARY KEY inline after the first column', 'CREATE TABLE t (a int PRIMARY KEY, b text)', ['a', 'b']],
    ['PRIMARY KEY inline after a later column', 'CREATE TABLE t (b text, a int PRIMARY KEY)', ['b', 'a']],
    ['a simple key clause', 'CREATE TABLE t (a int, b int, PRIMARY KEY (a, b))', ['a', 'b']],
    ['a composite partition key', 'CREATE TABLE t (a int, b int, c text, PRIMARY KEY ((a, b), c))', ['a', 'b', 'c']],
    [
      'a composite key, loosely spaced',
      'CREATE TABLE t ( a int , b int , c text , PRIMARY KEY ( ( a , b ) , c ) )',
      ['a', 'b', 'c'],
    ],
    [
      'a static column',
      'CREATE TABLE t (a int, b int, s text static, c text, PRIMARY KEY (a, b))',
      ['a', 'b', 's', 'c'],
    ],
    [
      'collection types with commas inside',
      'CREATE TABLE t (a int, l frozen<list<text>>, m map<text, int>, u tuple<int, text, int>, z int, PRIMARY KEY (a))',
      ['a', 'l', 'm', 'u', 'z'],
    ],
    ['a map with no blank', 'CREATE TABLE t (a int, m map<text,int>, PRIMARY KEY (a))', ['a', 'm']],
    ['names lower-cased', 'CREATE TABLE t (Session_Id int PRIMARY KEY, Artist text)', ['session_id', 'artist']],
    [
      'multi-line, IF NOT EXISTS, a keyspace and one clustering order',
      'CREATE TABLE IF NOT EXISTS ks.t (\n  session_id int,\n  item_in_session int,\n  artist text,\n' +
        '  PRIMARY KEY (session_id, item_in_session)\n) WITH CLUSTERING ORDER BY (item_in_session ASC)',
      ['session_id', 'item_in_session', 'artist'],
    ],
    [
      'WITH options holding commas (fixed: the list ends at ") WITH")',
      "CREATE TABLE t (a int, b int, PRIMARY KEY (a, b)) WITH comment = 'x, y z'",
      ['a', 'b'],
    ],
    [
      'a clustering order of two columns (fixed: the list ends at ") WITH")',
      'CREATE TABLE t (a int, b int, c int, PRIMARY KEY (a, b, c)) WITH CLUSTERING ORDER BY (b DESC, c ASC)',
      ['a', 'b', 'c'],
    ],
  ])('%s', (_, create, expected) => {
    expect(declaredColumns(create)).toEqual(expected);
  });

  // A quoted name is not read as a column: a submission's quoted names are unquoted or refused before.
  it('limit: a quoted column name is left out', () => {
    expect(declaredColumns('CREATE TABLE t ("Quoted" int, b int, PRIMARY KEY ("Quoted"))')).toEqual(['b']);
  });
});

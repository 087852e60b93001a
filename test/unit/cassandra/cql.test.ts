// Unit tests of lib/cassandra/cql.ts: the `cql` tag binds every value and pastes only checked names;
// cqlTypeName names the driver's type codes; runCql itself is tested on the real node (test/integration/lesson.test.ts).
import { describe, expect, it } from 'vitest';
import { cql, cqlName, CqlName, cqlTypeName, createdTableName } from '../../../lib/cassandra/cql';

describe('the cql tag', () => {
  it('turns each value into a ? marker and binds the values in order', () => {
    const session = 338;
    const item = 4;
    expect(cql`SELECT artist FROM t WHERE session_id = ${session} AND item_in_session = ${item}`).toEqual({
      query: 'SELECT artist FROM t WHERE session_id = ? AND item_in_session = ?',
      params: [338, 4],
    });
  });

  it.each([
    ["O'Brien", "O'Brien"],
    ["'); DROP TABLE users; --", "'); DROP TABLE users; --"],
    ['', ''],
  ])('binds the string %j, never pastes it into the text', (value, bound) => {
    const s = cql`SELECT * FROM t WHERE last_name = ${value}`;
    expect(s.query).toBe('SELECT * FROM t WHERE last_name = ?');
    expect(s.params).toEqual([bound]);
    if (value) expect(s.query).not.toContain(value);
  });

  it('binds values of every kind as they are, in order', () => {
    const when = new Date('2018-11-01T00:00:00Z');
    const s = cql`INSERT INTO t (a, b, c, d, e) VALUES (${1}, ${'x'}, ${null}, ${when}, ${[1, 2]})`;
    expect(s.query).toBe('INSERT INTO t (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)');
    expect(s.params).toEqual([1, 'x', null, when, [1, 2]]);
    expect(s.params[3]).toBe(when);
  });

  it('pastes a cqlName (lower-cased, as Cassandra reads it) and binds the values around it', () => {
    const s = cql`SELECT * FROM ${cqlName('Sparkify')}.${cqlName('songs_by_session')} WHERE session_id = ${338}`;
    expect(s).toEqual({ query: 'SELECT * FROM sparkify.songs_by_session WHERE session_id = ?', params: [338] });
  });

  it('a statement with no values has no params', () => {
    expect(cql`SELECT release_version FROM system.local`).toEqual({
      query: 'SELECT release_version FROM system.local',
      params: [],
    });
  });

  it('trims the whitespace around the statement, not inside it', () => {
    const s = cql`
      SELECT artist
      FROM t   WHERE song = ${'x'}
    `;
    expect(s.query).toBe('SELECT artist\n      FROM t   WHERE song = ?');
  });

  it.each(["x'; DROP TABLE t; --", 'has space', '1abc', '', 'ks.tbl', '"quoted"', 'a'.repeat(49)])(
    'cqlName(%j) breaks the identifier rule: throws before any statement is made',
    (name) => {
      expect(() => cqlName(name)).toThrow(/Invalid name/);
      expect(() => new CqlName(name)).toThrow(`Invalid name ${JSON.stringify(name)}`);
    },
  );

  it('a CqlName keeps the checked text', () => {
    expect(cqlName('Listeners_By_Song').text).toBe('listeners_by_song');
  });
});

describe('cqlTypeName', () => {
  it.each([
    [9, 'int'],
    [7, 'double'],
    [8, 'float'],
    [13, 'text'],
    [2, 'bigint'],
    [34, 'set'],
    [99, 'type 99'],
  ])('type code %i is %s', (code, name) => {
    expect(cqlTypeName({ code })).toBe(name);
  });
});

describe('createdTableName', () => {
  it.each([
    ['CREATE TABLE songs_by_session (a int PRIMARY KEY)', 'songs_by_session'],
    ['  create table if not exists ks.Songs (a int PRIMARY KEY)', 'songs'],
    ['CREATE TABLE IF NOT EXISTS sparkify . listeners (a int PRIMARY KEY)', 'listeners'],
    ['SELECT * FROM songs', undefined],
    ['CREATE KEYSPACE ks WITH replication = {}', undefined],
  ])('%s → %s', (query, name) => {
    expect(createdTableName(query)).toBe(name);
  });
});

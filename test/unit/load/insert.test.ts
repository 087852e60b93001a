// Unit tests of lib/load/insert.ts: an INSERT with named markers read as the fields that feed its columns,
// and the table the loader fills from it and the table's shape.
import { describe, expect, it } from 'vitest';
import { parseInsert, tableForInsert, type InsertMapping } from '../../../lib/load/insert';
import type { TableShape } from '../../../lib/model/tables';

describe('parseInsert: good statements', () => {
  it.each([
    [
      'INSERT INTO listeners_by_song (song, user_id, first_name, last_name) VALUES (:song, :userId, :firstName, :lastName)',
      {
        table: 'listeners_by_song',
        columns: [
          { column: 'song', field: 'song' },
          { column: 'user_id', field: 'userId' },
          { column: 'first_name', field: 'firstName' },
          { column: 'last_name', field: 'lastName' },
        ],
      },
    ],
    [
      'INSERT INTO sparkify.songs_by_session (session_id, item_in_session, length) VALUES (:sessionId, :itemInSession, :length);',
      {
        keyspace: 'sparkify',
        table: 'songs_by_session',
        columns: [
          { column: 'session_id', field: 'sessionId' },
          { column: 'item_in_session', field: 'itemInSession' },
          { column: 'length', field: 'length' },
        ],
      },
    ],
    [
      '\n  insert into Sparkify . Plays\n    ( user_id ,level )\n  values\n    ( :userId , :level ) ;  \n',
      {
        keyspace: 'sparkify',
        table: 'plays',
        columns: [
          { column: 'user_id', field: 'userId' },
          { column: 'level', field: 'level' },
        ],
      },
    ],
    [
      'INSERT INTO t (a_gender, where_from, artist_name) VALUES (:gender, :location, :artist)',
      {
        table: 't',
        columns: [
          { column: 'a_gender', field: 'gender' },
          { column: 'where_from', field: 'location' },
          { column: 'artist_name', field: 'artist' },
        ],
      },
    ],
  ])('%j', (text, mapping) => {
    expect(parseInsert(text)).toEqual(mapping);
  });

  it('no keyspace named: the mapping has no keyspace key at all', () => {
    expect(Object.keys(parseInsert('INSERT INTO t (a) VALUES (:song)'))).toEqual(['table', 'columns']);
  });
});

describe('parseInsert: errors say what is wrong', () => {
  const MARKERS =
    ':artist, :firstName, :gender, :itemInSession, :lastName, :length, :level, :location, :sessionId, :song, :userId';
  const FIELDS = 'artist, firstName, gender, itemInSession, lastName, length, level, location, sessionId, song, userId';
  it.each([
    [
      'INSERT INTO t (session_id, item_in_session) VALUES (?, ?)',
      `Column session_id gets "?": write a named marker, the merged file's field that feeds it (${MARKERS})`,
    ],
    [
      "INSERT INTO t (session_id, song) VALUES (:sessionId, 'Yellow')",
      `Column song gets "'Yellow'": write a named marker, the merged file's field that feeds it (${MARKERS})`,
    ],
    ['INSERT INTO t (session_id, song) VALUES (:sessionId)', 'The INSERT names 2 columns but gives 1 values'],
    ['INSERT INTO t (session_id) VALUES (:sessionId, :song, :artist)', 'The INSERT names 1 columns but gives 3 values'],
    [
      'INSERT INTO t (session_id, ts) VALUES (:sessionId, :ts)',
      `Column ts gets :ts, which is not a field of the merged file (${FIELDS})`,
    ],
    [
      'INSERT INTO t (user_id) VALUES (:user_id)',
      `Column user_id gets :user_id, which is not a field of the merged file (${FIELDS})`,
    ],
    [
      'INSERT INTO t (song) VALUES (:song) IF NOT EXISTS',
      'The loader runs a plain INSERT: remove "IF NOT EXISTS" after VALUES (…)',
    ],
    [
      'INSERT INTO t (song) VALUES (:song) USING TTL 86400;',
      'The loader runs a plain INSERT: remove "USING TTL 86400" after VALUES (…)',
    ],
    [
      'SELECT song FROM t WHERE song = :song',
      'Not an INSERT this loader reads: expected INSERT INTO table (columns) VALUES (:field, …)',
    ],
    [
      'UPDATE t SET song = :song WHERE user_id = :userId',
      'Not an INSERT this loader reads: expected INSERT INTO table (columns) VALUES (:field, …)',
    ],
    [
      'INSERT INTO t JSON \'{"song": "x"}\'',
      'Not an INSERT this loader reads: expected INSERT INTO table (columns) VALUES (:field, …)',
    ],
    [
      'INSERT INTO t ("Song") VALUES (:song)',
      'Invalid column name "\\"Song\\"": use a letter followed by letters, digits or underscores (at most 48 characters).',
    ],
    [
      'INSERT INTO t (song,) VALUES (:song, :artist)',
      'Invalid column name "": use a letter followed by letters, digits or underscores (at most 48 characters).',
    ],
  ])('%j', (text, message) => {
    expect(() => parseInsert(text)).toThrow(message);
  });
});

describe('tableForInsert', () => {
  /** A table as Cassandra holds it: user_id, then session_id DESC; first_name static. */
  const shape: TableShape = {
    name: 'songs_by_user',
    comment: 'songs looked up by user_id',
    columns: [
      { name: 'user_id', type: 'int' },
      { name: 'session_id', type: 'int' },
      { name: 'artist', type: 'text' },
      { name: 'first_name', type: 'text', static: true },
      { name: 'song', type: 'text' },
    ],
    partitionKey: ['user_id'],
    clustering: [{ column: 'session_id', order: 'DESC' }],
  };
  const mapping = (columns: [string, InsertMapping['columns'][number]['field']][], table = 'songs_by_user') => ({
    table,
    columns: columns.map(([column, field]) => ({ column, field })),
  });

  it("the INSERT's columns in its order, typed by the shape, fed by its markers; the key from the shape", () => {
    const insert = mapping([
      ['song', 'song'],
      ['session_id', 'sessionId'],
      ['user_id', 'userId'],
      ['first_name', 'firstName'],
    ]);
    expect(tableForInsert(shape, insert)).toEqual({
      name: 'songs_by_user',
      question: 'songs looked up by user_id',
      lookedUpBy: 'songs looked up by user_id',
      columns: [
        { name: 'song', type: 'text', from: 'song' },
        { name: 'session_id', type: 'int', from: 'sessionId' },
        { name: 'user_id', type: 'int', from: 'userId' },
        { name: 'first_name', type: 'text', from: 'firstName', static: true },
      ],
      partitionKey: ['user_id'],
      clustering: [{ column: 'session_id', order: 'DESC' }],
      lookup: ['user_id'],
      returns: ['song', 'first_name'],
    });
  });

  it('a column may be fed by any field, even one of another name', () => {
    const spec = tableForInsert(
      shape,
      mapping([
        ['user_id', 'userId'],
        ['session_id', 'itemInSession'],
        ['artist', 'song'],
      ]),
    );
    expect(spec.columns.map((c) => `${c.name} ← ${c.from}`)).toEqual([
      'user_id ← userId',
      'session_id ← itemInSession',
      'artist ← song',
    ]);
  });

  it.each([
    [mapping([['user_id', 'userId']], 'listeners_by_song'), 'The INSERT is into listeners_by_song, not songs_by_user'],
    [
      mapping([
        ['user_id', 'userId'],
        ['session_id', 'sessionId'],
        ['length', 'length'],
      ]),
      'Table songs_by_user has no column length: check the INSERT against its CREATE TABLE',
    ],
    [
      mapping([
        ['user_id', 'userId'],
        ['song', 'song'],
      ]),
      'The INSERT into songs_by_user must give every key column: session_id missing',
    ],
    [
      mapping([['artist', 'artist']]),
      'The INSERT into songs_by_user must give every key column: user_id, session_id missing',
    ],
  ])('%# refuses: %s', (insert, message) => {
    expect(() => tableForInsert(shape, insert)).toThrow(message);
  });

  it('takes copies of the key: changing the table leaves the shape alone', () => {
    const spec = tableForInsert(
      shape,
      mapping([
        ['user_id', 'userId'],
        ['session_id', 'sessionId'],
      ]),
    );
    spec.partitionKey.push('x');
    spec.clustering[0].order = 'ASC';
    expect(shape.partitionKey).toEqual(['user_id']);
    expect(shape.clustering).toEqual([{ column: 'session_id', order: 'DESC' }]);
  });
});

// Tests for lib/model/tables: each table's description and the CQL and bound values derived from it.
import { describe, expect, it } from 'vitest';
import {
  checkIdentifier,
  createTableCql,
  insertCql,
  listenersBySong,
  rowValues,
  selectCql,
  songsBySession,
  songsByUserSession,
  TABLES,
  tableShape,
  validateTable,
  type TableSpec,
} from '../../../lib/index';
import { play as aPlay, songsByUser } from '../../support/fixtures';

const play = aPlay();

describe('the three tables', () => {
  it('are named <what>_by_<key> and all valid', () => {
    expect(TABLES.map((t) => t.name)).toEqual(['songs_by_session', 'songs_by_user_session', 'listeners_by_song']);
    for (const t of TABLES) expect(() => validateTable(t)).not.toThrow();
  });
  it('question 2 derives a composite partition key with explicit clustering order and its comment', () => {
    expect(createTableCql(songsByUserSession, 'sparkify')).toBe(
      [
        'CREATE TABLE IF NOT EXISTS sparkify.songs_by_user_session (',
        '  user_id         int,',
        '  session_id      int,',
        '  item_in_session int,',
        '  artist          text,',
        '  song            text,',
        '  first_name      text,',
        '  last_name       text,',
        '  PRIMARY KEY ((user_id, session_id), item_in_session)',
        ') WITH CLUSTERING ORDER BY (item_in_session ASC)',
        "  AND comment = 'songs looked up by user_id and session_id, in item_in_session order';",
      ].join('\n'),
    );
  });
  it.each([
    [songsBySession, 'PRIMARY KEY (session_id, item_in_session)', 'length          double'],
    [listenersBySong, 'PRIMARY KEY (song, user_id)', 'CLUSTERING ORDER BY (user_id ASC)'],
  ])('%#: CREATE TABLE has the key and types', (table, key, other) => {
    const cql = createTableCql(table, 'ks');
    expect(cql).toContain(key);
    expect(cql).toContain(other);
  });
  it.each([
    [
      songsBySession,
      'INSERT INTO ks.songs_by_session (session_id, item_in_session, artist, song, length) VALUES (?, ?, ?, ?, ?)',
      'SELECT artist, song, length FROM ks.songs_by_session WHERE session_id = ? AND item_in_session = ?',
      [139, 1, "Des'ree", 'You Gotta Be', 246.30812],
    ],
    [
      songsByUserSession,
      'INSERT INTO ks.songs_by_user_session (user_id, session_id, item_in_session, artist, song, first_name, last_name) VALUES (?, ?, ?, ?, ?, ?, ?)',
      'SELECT item_in_session, artist, song, first_name, last_name FROM ks.songs_by_user_session WHERE user_id = ? AND session_id = ?',
      [8, 139, 1, "Des'ree", 'You Gotta Be', 'Kaylee', 'Summers'],
    ],
    [
      listenersBySong,
      'INSERT INTO ks.listeners_by_song (song, user_id, first_name, last_name) VALUES (?, ?, ?, ?)',
      'SELECT user_id, first_name, last_name FROM ks.listeners_by_song WHERE song = ?',
      ['You Gotta Be', 8, 'Kaylee', 'Summers'],
    ],
  ])('%#: INSERT, SELECT and bound values are derived from the description', (table, insert, select, values) => {
    expect(insertCql(table, 'ks')).toBe(insert);
    expect(selectCql(table, 'ks')).toBe(select);
    expect(rowValues(table, play)).toEqual(values);
  });
});

describe('checks', () => {
  it.each(["x'); DROP TABLE users; --", 'has space', '1abc', '', 'a'.repeat(49), 'ks.tbl', '"quoted"'])(
    'rejects identifier %j',
    (name) => {
      expect(() => checkIdentifier(name, 'keyspace name')).toThrow(/Invalid keyspace name/);
      expect(() => insertCql(songsBySession, name)).toThrow(/Invalid keyspace name/);
    },
  );
  it('lower-cases a valid identifier as Cassandra does', () => {
    expect(checkIdentifier('Sparkify_2')).toBe('sparkify_2');
  });
  const broken = (over: Partial<TableSpec>): TableSpec => ({ ...songsByUserSession, ...over });
  it.each([
    [{ partitionKey: [] }, /has no partition key/],
    [{ lookup: ['session_id'] }, /must restrict every partition key column in order/],
    [{ returns: ['nope'] }, /has no column nope/],
    [{ lookup: ['user_id', 'session_id', 'artist'] }, /lookup column artist is not the next primary key column/],
  ])('rejects an incoherent table %#', (over, message) => {
    expect(() => validateTable(broken(over))).toThrow(message);
  });
});

describe('tableShape: the shape Cassandra reports for the table createTableCql makes', () => {
  it.each([
    [
      songsBySession,
      {
        name: 'songs_by_session',
        comment: 'songs looked up by session_id and item_in_session',
        columns: [
          { name: 'session_id', type: 'int' },
          { name: 'item_in_session', type: 'int' },
          { name: 'artist', type: 'text' },
          { name: 'length', type: 'double' },
          { name: 'song', type: 'text' },
        ],
        partitionKey: ['session_id'],
        clustering: [{ column: 'item_in_session', order: 'ASC' }],
      },
    ],
    [
      songsByUserSession,
      {
        name: 'songs_by_user_session',
        comment: 'songs looked up by user_id and session_id, in item_in_session order',
        columns: [
          { name: 'user_id', type: 'int' },
          { name: 'session_id', type: 'int' },
          { name: 'item_in_session', type: 'int' },
          { name: 'artist', type: 'text' },
          { name: 'first_name', type: 'text' },
          { name: 'last_name', type: 'text' },
          { name: 'song', type: 'text' },
        ],
        partitionKey: ['user_id', 'session_id'],
        clustering: [{ column: 'item_in_session', order: 'ASC' }],
      },
    ],
    [
      listenersBySong,
      {
        name: 'listeners_by_song',
        comment: 'listeners looked up by song; one row per user who played it',
        columns: [
          { name: 'song', type: 'text' },
          { name: 'user_id', type: 'int' },
          { name: 'first_name', type: 'text' },
          { name: 'last_name', type: 'text' },
        ],
        partitionKey: ['song'],
        clustering: [{ column: 'user_id', order: 'ASC' }],
      },
    ],
    [
      songsByUser,
      {
        name: 'songs_by_user',
        comment: 'songs looked up by user_id',
        columns: [
          { name: 'user_id', type: 'int' },
          { name: 'session_id', type: 'int' },
          { name: 'item_in_session', type: 'int' },
          { name: 'artist', type: 'text' },
          { name: 'first_name', type: 'text', static: true },
          { name: 'song', type: 'text' },
        ],
        partitionKey: ['user_id'],
        clustering: [
          { column: 'session_id', order: 'DESC' },
          { column: 'item_in_session', order: 'ASC' },
        ],
      },
    ],
  ] as const)('%#: key columns in key order, then the others by name, static marked', (table, shape) => {
    expect(tableShape(table)).toEqual(shape);
  });

  it('is a copy: changing the shape leaves the description alone', () => {
    const shape = tableShape(songsByUserSession);
    shape.partitionKey.push('x');
    shape.clustering[0].order = 'DESC';
    expect(songsByUserSession.partitionKey).toEqual(['user_id', 'session_id']);
    expect(songsByUserSession.clustering).toEqual([{ column: 'item_in_session', order: 'ASC' }]);
  });
});

// Unit tests of lib/model/indexes.ts: index names, the CREATE INDEX derived from a table's description,
// and the checks on what a table may list.
import { describe, expect, it } from 'vitest';
import {
  createIndexCql,
  createIndexesCql,
  createTableCql,
  indexName,
  indexOn,
  songsByUserSession,
  validateIndexes,
  withIndexes,
  type TableIndex,
} from '../../../lib/index';

describe('CREATE INDEX from the description', () => {
  it.each([
    [
      { column: 'song', kind: 'sai' },
      "CREATE INDEX IF NOT EXISTS songs_by_user_session_song_sai ON ks.songs_by_user_session (song) USING 'sai'",
    ],
    [
      { column: 'song', kind: 'legacy' },
      'CREATE INDEX IF NOT EXISTS songs_by_user_session_song_idx ON ks.songs_by_user_session (song)',
    ],
    [
      { column: 'artist', kind: 'sai', caseSensitive: false },
      "CREATE INDEX IF NOT EXISTS songs_by_user_session_artist_sai ON ks.songs_by_user_session (artist) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}",
    ],
  ] as [TableIndex, string][])('%j', (index, cql) => {
    expect(createIndexCql(songsByUserSession, index, 'ks')).toBe(cql);
  });

  it('every index of a table, in its order; none for a table without', () => {
    const t = withIndexes(songsByUserSession, [
      { column: 'song', kind: 'sai' },
      { column: 'artist', kind: 'legacy' },
    ]);
    expect(createIndexesCql(t, 'ks').map((c) => c.split(' ')[5])).toEqual([
      'songs_by_user_session_song_sai',
      'songs_by_user_session_artist_idx',
    ]);
    expect(createIndexesCql(songsByUserSession, 'ks')).toEqual([]);
    expect(songsByUserSession.indexes).toBeUndefined();
    expect(createTableCql(t, 'ks')).toBe(createTableCql(songsByUserSession, 'ks'));
    expect(indexOn(t, 'artist')?.kind).toBe('legacy');
    expect(indexOn(t, 'user_id')).toBeUndefined();
  });

  it.each([
    [[{ column: 'nope', kind: 'sai' }], 'index on column nope that the table does not have'],
    [
      [
        { column: 'song', kind: 'sai' },
        { column: 'song', kind: 'legacy' },
      ],
      'two indexes on column song',
    ],
    [[{ column: 'song', kind: 'legacy', caseSensitive: false }], 'case_sensitive is an SAI option'],
  ] as [TableIndex[], string][])('refuses %j', (indexes, message) => {
    expect(() => validateIndexes({ ...songsByUserSession, indexes })).toThrow(message);
    expect(() => withIndexes(songsByUserSession, indexes)).toThrow(message);
  });

  it('a name longer than an identifier allows is refused, and the keyspace is checked', () => {
    const long = { ...songsByUserSession, name: 'a'.repeat(40) };
    expect(() => indexName(long, { column: 'song', kind: 'sai' })).toThrow(/Invalid index name/);
    expect(() => createIndexCql(songsByUserSession, { column: 'song', kind: 'sai' }, 'bad-ks')).toThrow(/keyspace/);
  });
});

// Unit tests of lib/teach/partition-size.ts: the partition-size formula, checked by hand.
import { describe, expect, it } from 'vitest';
import { estimatePartitionSize, listenersBySong, songsBySession, valueSize, type TableSpec } from '../../../lib/index';
import { listenersBySongOnly } from '../../../lib/teach/wrong-key';
import { play } from '../../support/fixtures';

const withStatic: TableSpec = {
  name: 'songs_by_user',
  question: 'Every song a user played.',
  lookedUpBy: 'songs looked up by user_id',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'first_name', type: 'text', from: 'firstName', static: true },
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'length', type: 'double', from: 'length' },
  ],
  partitionKey: ['user_id'],
  clustering: [
    { column: 'session_id', order: 'DESC' },
    { column: 'item_in_session', order: 'ASC' },
  ],
  lookup: ['user_id'],
  returns: ['artist'],
};

describe('the sizing formula, by hand', () => {
  it('value sizes: fixed types and real UTF-8 byte lengths', () => {
    expect([valueSize('int', 7), valueSize('double', 1.5), valueSize('bigint', 1), valueSize('boolean', true)]).toEqual(
      [4, 8, 8, 1],
    );
    expect(valueSize('text', 'Yellow')).toBe(6);
    expect(valueSize('text', 'Déjà vu')).toBe(9); // é and à take 2 bytes each
    expect(valueSize('text', 'Franz\u00c3\u00c2\u00b6sisch')).toBe(16); // double-encoded text as stored: 10 ASCII + 3 two-byte characters
  });

  it('songs_by_session, session 139 with two plays', () => {
    // Nc 5, Npk 2 (session_id, item_in_session), Ns 0: Nv = 2 × (5 − 2 − 0) + 0 = 6 cells.
    // pk: int 4. Rows: 4 + "Des'ree" 7 + "You Gotta Be" 12 + 8 = 31; 4 + "Mr Oizo" 7 + "Flat 55" 7 + 8 = 26.
    // Ps = 4 + 0 + (31 + 26) + 6 × 8 = 109.
    const est = estimatePartitionSize(songsBySession, [
      play({}),
      play({ itemInSession: 3, artist: 'Mr Oizo', song: 'Flat 55', length: 144.03873 }),
    ]);
    expect(est).toEqual({
      rows: 2,
      values: 6,
      partitionKeyBytes: 4,
      staticBytes: 0,
      rowBytes: 57,
      timestampBytes: 48,
      bytes: 109,
    });
  });

  it('listeners_by_song, "Déjà vu" played by two users, one of them twice (an upsert)', () => {
    // Nc 4, Npk 2 (song, user_id), Ns 0: Nr = 2 (user 8's replay is the same row), Nv = 2 × 2 = 4.
    // pk: 9 bytes. Rows: 4 + "Kaylee" 6 + "Summers" 7 = 17 (the replay replaces the first), 4 + "Al" 2 + "Bo" 2 = 8.
    // Ps = 9 + 0 + 25 + 4 × 8 = 66.
    const est = estimatePartitionSize(listenersBySong, [
      play({ song: 'Déjà vu', userId: 8, firstName: 'Kay', lastName: 'S' }),
      play({ song: 'Déjà vu', userId: 9, firstName: 'Al', lastName: 'Bo' }),
      play({ song: 'Déjà vu', userId: 8 }),
    ]);
    expect(est).toEqual({
      rows: 2,
      values: 4,
      partitionKeyBytes: 9,
      staticBytes: 0,
      rowBytes: 25,
      timestampBytes: 32,
      bytes: 66,
    });
  });

  it('a static column counts once per partition: Nv = Nr × (Nc − Npk − Ns) + Ns', () => {
    // Nc 6, Npk 3, Ns 1: Nv = 2 × (6 − 3 − 1) + 1 = 5 cells → 40 bytes of timestamps.
    // pk 4; static "Kaylee" 6 (the last write); rows: 4 + 4 + "Des'ree" 7 + 8 = 23, 4 + 4 + "Mr Oizo" 7 + 8 = 23.
    // Ps = 4 + 6 + 46 + 40 = 96.
    const est = estimatePartitionSize(withStatic, [
      play({ firstName: 'Kay' }),
      play({ itemInSession: 3, artist: 'Mr Oizo' }),
    ]);
    expect(est).toEqual({
      rows: 2,
      values: 5,
      partitionKeyBytes: 4,
      staticBytes: 6,
      rowBytes: 46,
      timestampBytes: 40,
      bytes: 96,
    });
  });

  it('the wrong key keeps one row per song: Nr = 1 whatever the plays', () => {
    const est = estimatePartitionSize(listenersBySongOnly, [
      play({ userId: 1 }),
      play({ userId: 2, firstName: 'Al', lastName: 'Bo' }),
    ]);
    // Nc 4, Npk 1: Nv = 1 × 3 = 3. pk 12; row: 4 + 2 + 2 = 8 (the last listener). Ps = 12 + 8 + 24 = 44.
    expect(est).toEqual({
      rows: 1,
      values: 3,
      partitionKeyBytes: 12,
      staticBytes: 0,
      rowBytes: 8,
      timestampBytes: 24,
      bytes: 44,
    });
  });

  it('refuses plays of different partitions', () => {
    expect(() => estimatePartitionSize(songsBySession, [play({}), play({ sessionId: 140 })])).toThrow(
      /another partition/,
    );
  });
});

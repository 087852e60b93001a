// Unit tests of lib/teach/duplication.ts: the copies a keyspace keeps, and what one table per question
// costs a play in INSERTs, rows held and replica writes.
import { describe, expect, it } from 'vitest';
import { duplicationOf, replicationFactorOf } from '../../../lib/teach/duplication';
import type { Replication } from '../../../lib/cassandra/config';

describe('replicationFactorOf', () => {
  it.each([
    [{ class: 'SimpleStrategy', replicationFactor: 1 }, 1],
    [{ class: 'SimpleStrategy', replicationFactor: 3 }, 3],
    [{ class: 'NetworkTopologyStrategy', datacenters: { datacenter1: 3 } }, 3],
    [{ class: 'NetworkTopologyStrategy', datacenters: { eu: 3, us: 2 } }, 5],
    [{ class: 'NetworkTopologyStrategy', datacenters: { a: 1, b: 1, c: 1 } }, 3],
    [{ class: 'NetworkTopologyStrategy', datacenters: {} }, 0],
  ] as [Replication, number][])('%j keeps %i copies', (replication, factor) => {
    expect(replicationFactorOf(replication)).toBe(factor);
  });
});

describe('duplicationOf', () => {
  it('per play: one INSERT per table, the rows each table holds (overwrites make fewer), replica writes', () => {
    const loads = [
      { table: 'songs_by_session', inserts: 200, rows: 200 },
      { table: 'songs_by_user_session', inserts: 200, rows: 200 },
      { table: 'listeners_by_song', inserts: 200, rows: 150 },
    ];
    expect(duplicationOf(200, loads, 3)).toEqual({
      plays: 200,
      tables: [
        { table: 'songs_by_session', inserts: 200, rows: 200, rowsPerPlay: 1 },
        { table: 'songs_by_user_session', inserts: 200, rows: 200, rowsPerPlay: 1 },
        { table: 'listeners_by_song', inserts: 200, rows: 150, rowsPerPlay: 0.75 },
      ],
      insertsPerPlay: 3,
      rowsPerPlay: 2.75,
      replicationFactor: 3,
      replicaWritesPerPlay: 9,
    });
  });

  it.each([
    // plays, loads (inserts, rows), rf → inserts per play, rows per play, replica writes per play
    [4, [[4, 4]], 1, 1, 1, 1],
    [4, [[4, 2]], 2, 1, 0.5, 2],
    [
      10,
      [
        [10, 10],
        [10, 5],
      ],
      3,
      2,
      1.5,
      6,
    ],
    [
      8,
      [
        [8, 8],
        [8, 8],
        [8, 2],
        [8, 4],
      ],
      5,
      4,
      2.75,
      20,
    ],
  ] as [number, [number, number][], number, number, number, number][])(
    '%i plays into %j with rf %i: %d INSERTs, %d rows, %d replica writes per play',
    (plays, loads, rf, inserts, rows, writes) => {
      const d = duplicationOf(
        plays,
        loads.map(([i, r], k) => ({ table: `t${k}`, inserts: i, rows: r })),
        rf,
      );
      expect([d.insertsPerPlay, d.rowsPerPlay, d.replicaWritesPerPlay]).toEqual([inserts, rows, writes]);
    },
  );

  it('no plays: nothing per play (never a division by zero)', () => {
    expect(duplicationOf(0, [{ table: 't', inserts: 0, rows: 0 }], 3)).toEqual({
      plays: 0,
      tables: [{ table: 't', inserts: 0, rows: 0, rowsPerPlay: 0 }],
      insertsPerPlay: 0,
      rowsPerPlay: 0,
      replicationFactor: 3,
      replicaWritesPerPlay: 0,
    });
  });

  it('no tables: nothing per play', () => {
    expect(duplicationOf(5, [], 1)).toMatchObject({ tables: [], insertsPerPlay: 0, rowsPerPlay: 0 });
  });
});

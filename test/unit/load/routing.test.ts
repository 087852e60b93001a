// routing: a row's routing key is its partition key as the driver encodes it (one column, or composite),
// undefined for a value that does not fit its column; a table's INSERT and its rows' clustering keys.
import { describe, expect, it } from 'vitest';
import * as driver from 'cassandra-driver';
import { listenersBySong, songsBySession, songsByUserSession, type TableSpec } from '../../../lib/index';
import { clusteringKeyOf, routingKey, tableInsert } from '../../../lib/load/routing';

describe('routingKey', () => {
  const { Encoder, types } = driver as unknown as {
    Encoder: new (v: number, o: object) => { encode(v: unknown, t: number): Buffer };
    types: { dataTypes: Record<string, number> };
  };
  const encoder = new Encoder(4, {});
  const enc = (v: unknown, t: string) => encoder.encode(v, types.dataTypes[t]);
  const composite = (...parts: Buffer[]) =>
    Buffer.concat(parts.flatMap((p) => [Buffer.from([p.length >> 8, p.length & 0xff]), p, Buffer.from([0])]));
  const play = {
    artist: 'A',
    firstName: 'Ann',
    gender: 'F',
    itemInSession: 4,
    lastName: 'Lee',
    length: 495.3073,
    level: 'free',
    location: 'T',
    sessionId: 338,
    song: "Keep On Keepin' On",
    userId: 10,
  };

  it('is the partition key as the driver encodes it: one column, or composite (2-byte length, bytes, 0 per part)', () => {
    expect(routingKey(songsBySession, play)).toEqual(enc(338, 'int'));
    expect(routingKey(songsByUserSession, play)).toEqual(composite(enc(10, 'int'), enc(338, 'int')));
    expect(routingKey(listenersBySong, play)).toEqual(enc("Keep On Keepin' On", 'text'));
  });

  it.each([
    ['bigint', 'userId', 10],
    ['timestamp', 'userId', 1_700_000_000_000],
    ['double', 'length', 495.3073],
    ['float', 'length', 1.5],
    ['text', 'song', 'Représente'],
  ] as const)('a %s key', (type, from, value) => {
    const table: TableSpec = {
      ...songsBySession,
      columns: [
        { name: 'k', type, from },
        { name: 'item_in_session', type: 'int', from: 'itemInSession' },
      ],
      partitionKey: ['k'],
    };
    expect(routingKey(table, { ...play, [from]: value })).toEqual(enc(value, type));
    const two: TableSpec = { ...table, partitionKey: ['k', 'item_in_session'], clustering: [] };
    expect(routingKey(two, { ...play, [from]: value })).toEqual(composite(enc(value, type), enc(4, 'int')));
  });

  it.each([
    [
      'text in an int column',
      { ...songsBySession, columns: [{ name: 'session_id', type: 'int' as const, from: 'song' as const }] },
    ],
    [
      'a fraction in an int column',
      { ...songsBySession, columns: [{ name: 'session_id', type: 'int' as const, from: 'length' as const }] },
    ],
    [
      'a number in a text column',
      { ...listenersBySong, columns: [{ name: 'song', type: 'text' as const, from: 'userId' as const }] },
    ],
    ['a missing column', { ...songsBySession, partitionKey: ['nope'] }],
  ])('is undefined for %s', (_what, table) => {
    expect(routingKey(table as TableSpec, play)).toBeUndefined();
  });
});

describe('tableInsert and clusteringKeyOf', () => {
  const play = {
    artist: 'A',
    firstName: 'Ann',
    gender: 'F',
    itemInSession: 4,
    lastName: 'Lee',
    length: 1.5,
    level: 'free',
    location: 'T',
    sessionId: 338,
    song: 'S',
    userId: 10,
  };
  it.each<[string, TableSpec, string[], string[], string]>([
    ['songs_by_session', songsBySession, ['sessionId'], ['itemInSession'], '[4]'],
    ['songs_by_user_session', songsByUserSession, ['userId', 'sessionId'], ['itemInSession'], '[4]'],
    ['listeners_by_song', listenersBySong, ['song'], ['userId'], '[10]'],
  ])('%s', (_name, table, partition, clustering, key) => {
    const q = tableInsert(table, 'ks');
    expect(q.cql).toMatch(new RegExp(`^INSERT INTO ks\\.${table.name} `));
    expect(q.partition).toEqual(partition);
    expect(q.clustering).toEqual(clustering);
    expect(clusteringKeyOf(q, { line: 2, play })).toBe(key);
  });

  it('names a key column the table does not have', () => {
    expect(() => tableInsert({ ...songsBySession, partitionKey: ['nope'] }, 'ks')).toThrow(
      /Table songs_by_session has no column nope/,
    );
  });
});

// Unit tests of lib/cassandra/schema.ts: a table's shape from its system_schema.columns rows (the rows in
// the order Cassandra may return them, not in key order).
import { describe, expect, it } from 'vitest';
import { shapeOfColumns } from '../../../lib/cassandra/schema';

type Row = Parameters<typeof shapeOfColumns>[2][number];
const row = (column_name: string, kind: Row['kind'], position: number, type: string, clustering_order = 'none') => ({
  column_name,
  kind,
  position,
  type,
  clustering_order,
});

describe('shapeOfColumns', () => {
  it('partition key by position, clustering by position with its order, then the other columns by name', () => {
    const rows = [
      row('song', 'regular', -1, 'text'),
      row('session_id', 'partition_key', 1, 'int'),
      row('item_in_session', 'clustering', 1, 'int', 'asc'),
      row('first_name', 'static', -1, 'varchar'),
      row('user_id', 'partition_key', 0, 'int'),
      row('ts', 'clustering', 0, 'bigint', 'desc'),
      row('artist', 'regular', -1, 'text'),
      row('length', 'regular', -1, 'double'),
    ];
    expect(shapeOfColumns('plays_by_user_session', 'plays by user and session', rows)).toEqual({
      name: 'plays_by_user_session',
      comment: 'plays by user and session',
      columns: [
        { name: 'user_id', type: 'int' },
        { name: 'session_id', type: 'int' },
        { name: 'ts', type: 'bigint' },
        { name: 'item_in_session', type: 'int' },
        { name: 'artist', type: 'text' },
        { name: 'first_name', type: 'text', static: true },
        { name: 'length', type: 'double' },
        { name: 'song', type: 'text' },
      ],
      partitionKey: ['user_id', 'session_id'],
      clustering: [
        { column: 'ts', order: 'DESC' },
        { column: 'item_in_session', order: 'ASC' },
      ],
    });
  });

  it('a table with no clustering column', () => {
    const rows = [row('length', 'regular', -1, 'float'), row('song', 'partition_key', 0, 'text')];
    expect(shapeOfColumns('t', '', rows)).toEqual({
      name: 't',
      comment: '',
      columns: [
        { name: 'song', type: 'text' },
        { name: 'length', type: 'float' },
      ],
      partitionKey: ['song'],
      clustering: [],
    });
  });

  it.each([
    ['asc', 'ASC'],
    ['ASC', 'ASC'],
    ['desc', 'DESC'],
    ['DESC', 'DESC'],
  ])('clustering_order %j reads as %s', (order, expected) => {
    const rows = [row('a', 'partition_key', 0, 'int'), row('b', 'clustering', 0, 'int', order)];
    expect(shapeOfColumns('t', '', rows).clustering).toEqual([{ column: 'b', order: expected }]);
  });

  it.each([
    ['int', 'int'],
    ['bigint', 'bigint'],
    ['text', 'text'],
    ['varchar', 'text'],
    ['double', 'double'],
    ['float', 'float'],
    ['boolean', 'boolean'],
    ['timestamp', 'timestamp'],
  ])('type %s reads as %s', (type, expected) => {
    const rows = [row('k', 'partition_key', 0, 'int'), row('v', 'regular', -1, type)];
    expect(shapeOfColumns('t', '', rows).columns[1]).toEqual({ name: 'v', type: expected });
  });

  it.each(['uuid', 'list<text>', 'frozen<map<text, int>>', 'decimal'])(
    'a type this project does not load (%s) is an error naming the table, column and type',
    (type) => {
      const rows = [row('k', 'partition_key', 0, 'int'), row('tags', 'regular', -1, type)];
      expect(() => shapeOfColumns('songs', '', rows)).toThrow(
        `Table songs, column tags: type ${type} is not one this project loads (int, bigint, text, double, float, boolean, timestamp)`,
      );
    },
  );
});

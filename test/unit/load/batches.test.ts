// batches: packing a window's rows by replica set and partition into batches of up to batchRows rows,
// a repeated primary key sent once (the later row carrying the earlier ones).
import { describe, expect, it } from 'vitest';
import { packBatches } from '../../../lib/load/batches';

describe('packBatches', () => {
  type R = { id: string; replica: string; partition: string; key: string };
  const r = (id: string, replica: string, partition: string, key = id): R => ({ id, replica, partition, key });
  const pack = (rows: R[], size: number) =>
    packBatches(
      rows,
      size,
      (x) => x,
      (x) => x.key,
    ).map((b) => b.map((p) => (p.superseded ? `${p.item.id}>${p.superseded.map((s) => s.id).join('+')}` : p.item.id)));

  it.each<[string, R[], number, string[][]]>([
    [
      'one replica, small partitions packed whole',
      [r('a1', 'x', 'a'), r('b1', 'x', 'b'), r('a2', 'x', 'a'), r('c1', 'x', 'c')],
      3,
      [['a1', 'a2', 'b1'], ['c1']],
    ],
    ['replica sets never mix', [r('a1', 'x', 'a'), r('b1', 'y', 'b'), r('a2', 'x', 'a')], 20, [['a1', 'a2'], ['b1']]],
    [
      'a partition of batchRows rows or more gets batches of its own',
      [r('b1', 'x', 'b'), ...['1', '2', '3', '4', '5'].map((i) => r(`a${i}`, 'x', 'a'))],
      2,
      [['a1', 'a2'], ['a3', 'a4'], ['a5'], ['b1']],
    ],
    [
      'a partition that does not fit starts the next batch',
      [r('a1', 'x', 'a'), r('a2', 'x', 'a'), r('b1', 'x', 'b'), r('b2', 'x', 'b')],
      3,
      [
        ['a1', 'a2'],
        ['b1', 'b2'],
      ],
    ],
    [
      'a repeated key: the later row carries the earlier',
      [r('a1', 'x', 'a', 'k'), r('a2', 'x', 'a', 'j'), r('a3', 'x', 'a', 'k'), r('a4', 'x', 'a', 'k')],
      20,
      [['a4>a1+a3', 'a2']],
    ],
    [
      'the same key in two partitions is two rows',
      [r('a1', 'x', 'a', 'k'), r('b1', 'x', 'b', 'k')],
      20,
      [['a1', 'b1']],
    ],
    [
      'batchRows 1: one row each',
      [r('a1', 'x', 'a'), r('a2', 'x', 'a'), r('b1', 'x', 'b')],
      1,
      [['a1'], ['a2'], ['b1']],
    ],
  ])('%s', (_what, rows, size, want) => {
    expect(pack(rows, size)).toEqual(want);
  });
});

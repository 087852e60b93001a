// order: the text sort key that puts rows in Cassandra's partition order (token, then key bytes), and a
// range file sorted by it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sortedRange, sortKey } from '../../../../lib/load/sstables/order';

const MIN = -(BigInt(1) << BigInt(63)) + BigInt(1);
const MAX = (BigInt(1) << BigInt(63)) - BigInt(1);
const b = (hex: string) => Buffer.from(hex, 'hex');

describe('sortKey', () => {
  it.each([
    ['a negative token before a positive one', [BigInt(-5), b('01')], [BigInt(3), b('00')]],
    ['the smallest token before the largest', [MIN, b('ff')], [MAX, b('00')]],
    ['-10 before -9 (not as text: "-10" > "-9")', [BigInt(-10), b('00')], [BigInt(-9), b('00')]],
    ['9 before 10', [BigInt(9), b('00')], [BigInt(10), b('00')]],
    ['equal tokens: key bytes decide, unsigned', [BigInt(1), b('7f')], [BigInt(1), b('80')]],
    ['equal tokens: a key before a longer one it begins', [BigInt(1), b('0102')], [BigInt(1), b('010203')]],
  ] as [string, [bigint, Buffer], [bigint, Buffer]][])('%s', (_, [t1, k1], [t2, k2]) => {
    expect(sortKey(t1, k1) < sortKey(t2, k2)).toBe(true);
  });

  it('is 20 digits of token, then the key in hex', () => {
    expect(sortKey(BigInt(0), b('00000152'))).toBe('0922337203685477580800000152');
  });
});

describe('sortedRange', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-order-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("puts a range file's lines in sort-key order and strips the key; a missing file is empty", () => {
    const file = path.join(dir, '0.jsonl');
    const k = (t: number) => sortKey(BigInt(t), b('00'));
    fs.writeFileSync(file, `${k(5)}\t0\t3\t[c]\n${k(-7)}\t0\t1\t[a]\n${k(2)}\t0\t2\t[b]\n`);
    expect(sortedRange(file)).toBe('0\t1\t[a]\n0\t2\t[b]\n0\t3\t[c]\n');
    expect(sortedRange(path.join(dir, 'none.jsonl'))).toBe('');
  });
});

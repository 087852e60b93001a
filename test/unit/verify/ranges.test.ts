// Unit tests of lib/verify/ranges.ts: the ring cut into ranges that touch end to end and cover it, and each
// token in the range that holds it — the edges (a range's upper bound is its own, the next starts after it).
import { describe, expect, it } from 'vitest';
import { rangeOf, tokenRanges } from '../../../lib/verify/ranges';

const MIN = '-9223372036854775808';
const MAX = '9223372036854775807';

describe('tokenRanges', () => {
  it.each([
    [1, [[MIN, MAX]]],
    [
      2,
      [
        [MIN, '0'],
        ['0', MAX],
      ],
    ],
    [
      4,
      [
        [MIN, '-4611686018427387904'],
        ['-4611686018427387904', '0'],
        ['0', '4611686018427387904'],
        ['4611686018427387904', MAX],
      ],
    ],
  ])('%i ranges', (n, bounds) => {
    expect(tokenRanges(n).map((r) => [r.lo, r.hi])).toEqual(bounds);
  });
  it('ranges touch end to end for an uneven count', () => {
    const r = tokenRanges(7);
    for (let i = 1; i < r.length; i++) expect(r[i].lo).toBe(r[i - 1].hi);
    expect([r[0].lo, r[6].hi]).toEqual([MIN, MAX]);
  });
  it.each([0, -1, 1.5])('refuses %s', (n) => {
    expect(() => tokenRanges(n)).toThrow(`token ranges: ${n} is not a positive whole number`);
  });
});

describe('rangeOf', () => {
  it.each([
    ['the smallest token Murmur3 gives', '-9223372036854775807', 4, 0],
    ['the first upper bound, inclusive', '-4611686018427387904', 4, 0],
    ['just after it', '-4611686018427387903', 4, 1],
    ['zero, an upper bound', '0', 4, 1],
    ['one', '1', 4, 2],
    ['the largest token', MAX, 4, 3],
    ['one range holds all', '12345', 1, 0],
  ])('%s', (_, token, n, at) => {
    expect(rangeOf(BigInt(token), n)).toBe(at);
  });
  it('agrees with the bounds of 7 ranges at and around each edge', () => {
    const ranges = tokenRanges(7);
    ranges.forEach((r, i) => {
      expect(rangeOf(BigInt(r.hi), 7)).toBe(i);
      if (i < 6) expect(rangeOf(BigInt(r.hi) + BigInt(1), 7)).toBe(i + 1);
    });
  });
});

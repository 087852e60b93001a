// Unit tests of lib/show/format.ts: counts, durations, bytes.
import { describe, expect, it } from 'vitest';
import { andList, formatBytes, formatCount, formatDuration } from '../../../lib/show/format';

describe('formatting', () => {
  it('counts with en-US thousands separators', () => {
    expect(formatCount(6820)).toBe('6,820');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
  it('durations in ms, s, then minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3400)).toBe('3.4 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
  it('bytes in B, KB, MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
});

describe('andList', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ] as const)('%j → %s', (names, text) => {
    expect(andList(names)).toBe(text);
  });
});

// Unit tests of lib/show/format.ts: counts, durations, bytes, text from files made safe for a message.
import { describe, expect, it } from 'vitest';
import { andList, escapeControls, formatBytes, formatCount, formatDuration, quoteText } from '../../../lib/show/format';

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

describe('quoteText and escapeControls: text from a file, safe for a one-line message', () => {
  it.each([
    ['artist', '"artist"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ['\u001b[2Jclear', '"\\u001b[2Jclear"'],
    ['a\nb\u0000\u0085\u202e\ufeff', '"a\\nb\\u0000\\u0085\\u202e\\ufeff"'],
    ['x'.repeat(70), `"${'x'.repeat(60)}…"`],
  ])('%j → %s', (text, quoted) => {
    expect(quoteText(text)).toBe(quoted);
  });
  it('escapeControls leaves plain text as it is', () => {
    expect(escapeControls('Beyoncé, "Halo"')).toBe('Beyoncé, "Halo"');
    expect(escapeControls('Howlin\u0019 For You')).toBe('Howlin\\u0019 For You');
  });
});

import { describe, expect, it } from 'vitest';
import { countsText, fmtNum, median, ratio, record, show, showOr, stat, unavailable } from '../../../bench/figures';

describe('bench figures', () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %d', (values, want) => {
    expect(median(values)).toBe(want);
  });

  it('shows one value plainly and repetitions as median (min–max)', () => {
    record('t once', 1234.5);
    record('t thrice', 10);
    record('t thrice', 30);
    record('t thrice', 20);
    expect(show('t once')).toBe('1,235');
    expect(show('t once', 1, 's')).toBe('1,234.5 s');
    expect(show('t thrice', 0, 'MB')).toBe('20 MB (10–30)');
    expect(stat('t thrice')).toEqual({ median: 20, min: 10, max: 30, n: 3 });
  });

  it('ignores values that are undefined or not finite', () => {
    record('t none', undefined);
    record('t none', NaN);
    expect(stat('t none')).toBeUndefined();
    expect(show('t none')).toBe('—');
  });

  it('says "not run" for a peer that could not run', () => {
    unavailable.set('t peer', 'not installed');
    unavailable.set('t peer rows/s', 'not installed');
    expect(showOr('t peer', 't peer rows/s')).toBe('not run: not installed');
    expect(show('t peer rows/s')).toBe('not run');
  });

  it('gives ratios of medians, and — when either is missing', () => {
    record('t a', 300);
    record('t b', 100);
    expect(ratio('t a', 't b')).toBe('3.0×');
    expect(ratio('t a', 't b', 2)).toBe('3.00×');
    expect(ratio('t a', 't missing')).toBe('—');
  });

  it('formats numbers and row counts the same on every machine', () => {
    expect(fmtNum(1234567.891, 2)).toBe('1,234,567.89');
    expect(countsText({ songs_by_session: 20000, listeners_by_song: 19232 })).toBe(
      'songs_by_session 20,000, listeners_by_song 19,232',
    );
  });
});

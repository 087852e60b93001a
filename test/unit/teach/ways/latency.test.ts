// Unit tests of lib/teach/ways/latency.ts's pure parts: nearest-rank percentiles, the latency summary and
// its method, and the seeded song draw (same seed, same songs).
import { describe, expect, it } from 'vitest';
import { drawSongs, latencyMethod, latencyOf, nearestRank } from '../../../../lib/teach/ways/latency';

describe('nearestRank', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [[], 50, 0],
    [[7], 50, 7],
    [[7], 99, 7],
    [[1, 2], 50, 1],
    [[1, 2, 3], 50, 2],
    [hundred, 50, 50],
    [hundred, 99, 99],
    [hundred, 100, 100],
    [[...hundred, 1000], 99, 100],
  ])('%j at p%i is %i', (sorted, p, want) => {
    expect(nearestRank(sorted, p)).toBe(want);
  });
});

describe('latencyOf', () => {
  it('sorts the samples and keeps the count, warm-up, rows and method', () => {
    const l = latencyOf([5, 1, 3, 2, 4], 10, 12, 'm');
    expect(l).toEqual({ count: 5, warmup: 10, p50Ms: 3, p99Ms: 5, minMs: 1, maxMs: 5, rows: 12, method: 'm' });
  });
  it('no samples: zeros, not NaN', () => {
    expect(latencyOf([], 0, 0, 'm')).toMatchObject({ count: 0, p50Ms: 0, p99Ms: 0, minMs: 0, maxMs: 0 });
  });
  it('the method says sequential, prepared, the counts and the song pool', () => {
    expect(latencyMethod(1000, 100, 3912)).toBe(
      '1,000 questions after 100 untimed, one at a time (sequential prepared executes, song bound), songs drawn ' +
        'with a fixed seed from the 3,912 songs of the merged file; each timed on the client from send to last row; ' +
        'nearest-rank percentiles',
    );
  });
});

describe('drawSongs', () => {
  const songs = ['a', 'b', 'c', 'd', 'e'];
  it('the same seed draws the same songs; another seed others', () => {
    expect(drawSongs(songs, 50, 3)).toEqual(drawSongs(songs, 50, 3));
    expect(drawSongs(songs, 50, 4)).not.toEqual(drawSongs(songs, 50, 3));
  });
  it('draws only songs of the list, as many as asked, and reaches most of them', () => {
    const d = drawSongs(songs, 200);
    expect(d).toHaveLength(200);
    expect(d.every((s) => songs.includes(s))).toBe(true);
    expect(new Set(d).size).toBe(songs.length);
  });
  it('an empty list is an error that says why', () => {
    expect(() => drawSongs([], 1)).toThrow(/no songs to draw from/i);
  });
});

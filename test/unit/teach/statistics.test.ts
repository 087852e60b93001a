// Unit tests of lib/teach/statistics.ts: distributions and histogram bins.
import { describe, expect, it } from 'vitest';
import { distribution, histogramBins } from '../../../lib/index';

describe('distribution', () => {
  it.each([
    [[3, 1, 4, 2], { min: 1, median: 2.5, p99: 4, max: 4, mean: 2.5 }],
    [[5], { min: 5, median: 5, p99: 5, max: 5, mean: 5 }],
    [Array.from({ length: 100 }, (_, i) => 100 - i), { min: 1, median: 50.5, p99: 99, max: 100, mean: 50.5 }],
    [
      Array.from({ length: 201 }, (_, i) => (i === 200 ? 120_000 : 10)),
      { min: 10, median: 10, p99: 10, max: 120_000, mean: (200 * 10 + 120_000) / 201 },
    ],
    [[], { min: 0, median: 0, p99: 0, max: 0, mean: 0 }],
  ])('%#', (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });

  it('histogram bins: round steps from 0, every value counted once', () => {
    expect(histogramBins([1, 1, 2, 5])).toEqual(
      [0, 1, 2, 3, 4, 5].map((from) => ({ from, to: from + 1, partitions: [0, 2, 1, 0, 0, 1][from] })),
    );
    const bins = histogramBins([10, 10, 120_000]);
    expect(bins[0]).toEqual({ from: 0, to: 5000, partitions: 2 });
    expect(bins[bins.length - 1]).toEqual({ from: 120_000, to: 125_000, partitions: 1 });
    expect(bins.reduce((s, b) => s + b.partitions, 0)).toBe(3);
  });
});

// statistics: the numbers the partition analysis reports and charts. Owns a distribution (min / median /
// nearest-rank p99 / max / mean) and equal-width histogram bins with a round step. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

export interface Distribution {
  min: number;
  /** The middle value (the mean of the two middle values for an even count). */
  median: number;
  /** Nearest-rank 99th percentile: the value 99 % of partitions do not exceed. */
  p99: number;
  max: number;
  mean: number;
}

/** min / median / p99 / max / mean of a list of numbers (sorted or not). */
export function distribution(values: readonly number[]): Distribution {
  if (!values.length) return { min: 0, median: 0, p99: 0, max: 0, mean: 0 };
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return {
    min: v[0],
    median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2,
    p99: v[Math.max(0, Math.ceil(0.99 * v.length) - 1)],
    max: v[v.length - 1],
    mean: v.reduce((s, x) => s + x, 0) / v.length,
  };
}

export interface HistogramBin {
  from: number;
  to: number;
  partitions: number;
}

function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** Equal-width bins over [0, max] with a round step (whole numbers), about `maxBins` of them. */
export function histogramBins(values: readonly number[], maxBins = 30): HistogramBin[] {
  if (!values.length) return [];
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const step = Math.max(1, Math.ceil(niceStep(Math.max(1, max + 1) / maxBins)));
  const count = Math.floor(max / step) + 1;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({
    from: i * step,
    to: (i + 1) * step,
    partitions: 0,
  }));
  for (const v of values) bins[Math.floor(v / step)].partitions++;
  return bins;
}

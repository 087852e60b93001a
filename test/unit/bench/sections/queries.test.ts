import { describe, expect, it } from 'vitest';
import { percentile } from '../../../../bench/sections/queries';

describe('bench percentile (nearest rank, from below)', () => {
  const v = Array.from({ length: 100 }, (_, i) => 100 - i);
  it.each([
    [50, 51],
    [99, 100],
    [0, 1],
    [100, 100],
  ])('p%i of 1..100 is %i', (p, want) => {
    expect(percentile(v, p)).toBe(want);
  });
});

// rng: the seeded xoshiro128** PRNG (lib/dev/generate/rng): the same seed and stream give the same
// numbers, streams and seeds differ, every draw stays in its range, and bad seeds are refused.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../lib/dev/generate/rng';

const draw = (r: Rng, n: number): number[] => Array.from({ length: n }, () => r.next());

describe('Rng', () => {
  it('repeats itself for one seed and stream, and differs across streams and seeds', () => {
    expect(draw(new Rng(42, 2), 50)).toEqual(draw(new Rng(42, 2), 50));
    expect(draw(new Rng(42, 1), 50)).not.toEqual(draw(new Rng(42, 2), 50));
    expect(draw(new Rng(42), 50)).not.toEqual(draw(new Rng(43), 50));
  });

  it('keeps the first draws of seed 42, stream 2 (the committed sample depends on them)', () => {
    expect(draw(new Rng(42, 2), 3)).toEqual([0.80905228597112, 0.838614997221157, 0.4154024664312601]);
    expect(draw(new Rng(42), 3)).toEqual(draw(new Rng(42, 0), 3));
    for (const x of draw(new Rng(5), 20)) expect(Number.isInteger(x * 4294967296)).toBe(true);
  });

  it('draws next in [0, 1), int in [0, n), exp and pick in range', () => {
    const r = new Rng(7);
    for (let i = 0; i < 5000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = r.int(6);
      expect(Number.isInteger(k) && k >= 0 && k < 6).toBe(true);
      expect(r.exp(10)).toBeGreaterThanOrEqual(0);
      expect(['a', 'b', 'c']).toContain(r.pick(['a', 'b', 'c']));
      expect(Number.isFinite(r.normal())).toBe(true);
    }
  });

  it('accepts seeds beyond 32 bits and refuses non-integers', () => {
    expect(draw(new Rng(2 ** 40 + 1), 5)).not.toEqual(draw(new Rng(1), 5));
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

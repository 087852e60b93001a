import { describe, expect, it } from 'vitest';
import { tenths } from '../../../bench/sustain';

describe('bench sustain tenths', () => {
  it('gives the rate and RSS of each tenth from samples along the load', () => {
    const samples = Array.from({ length: 10 }, (_, i) => ({
      ms: (i + 1) * 1000,
      plays: (i + 1) * 100,
      rssMB: 100 + i,
    }));
    const got = tenths(samples, 1000);
    expect(got).toHaveLength(10);
    expect(got[0]).toEqual({ tenth: 1, playsPerSecond: 100, rssMB: 100 });
    expect(got[9]).toEqual({ tenth: 10, playsPerSecond: 100, rssMB: 109 });
  });

  it('skips a tenth no sample ends in', () => {
    const got = tenths(
      [
        { ms: 1000, plays: 300, rssMB: 1 },
        { ms: 2000, plays: 1000, rssMB: 2 },
      ],
      1000,
    );
    expect(got.map((t) => t.tenth)).toEqual([1, 4]);
  });
});

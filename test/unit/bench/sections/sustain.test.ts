import { describe, expect, it } from 'vitest';
import { tenthRows } from '../../../../bench/sections/sustain';

describe('bench sustain table', () => {
  it('prints one row per tenth: plays loaded, plays/s, RSS', () => {
    const rows = tenthRows([
      { tenth: 1, playsPerSecond: 8734.2, rssMB: 147.4 },
      { tenth: 3, playsPerSecond: 10530, rssMB: 160 },
    ]);
    expect(rows).toBe('| 10 % | 8,734 | 147 MB |\n| 30 % | 10,530 | 160 MB |');
  });
});

// users: the simulated population (lib/dev/generate/users): the ids (user 10 added for the classic
// facts, a few big ids), deterministic users with their row fragments, and session starts that never
// come before a registration or go back in time.
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../../lib/dev/generate/options';
import { Rng } from '../../../../lib/dev/generate/rng';
import { buildUsers, nextSessionStart, userIds } from '../../../../lib/dev/generate/users';

describe('userIds', () => {
  it.each<[number, boolean, number[]]>([
    [3, true, [1, 2, 3, 10, 100001]],
    [3, false, [1, 2, 3, 100001]],
    [12, true, [...Array.from({ length: 12 }, (_, i) => i + 1), 100001]],
    [200, true, [...Array.from({ length: 200 }, (_, i) => i + 1), 100001, 200001, 300001, 100002, 200002]],
  ])('%i users (classic %s)', (n, classic, ids) => {
    expect(userIds(n, classic)).toEqual(ids);
  });

  it('moves the big ids past the regular ones', () => {
    expect(userIds(150000, false).slice(150000)).toEqual([1000001, 2000001, 3000001, 1000002, 2000002, 3000002]);
  });
});

describe('buildUsers', () => {
  const s = resolveOptions({ days: 3, users: 40, seed: 9, out: 'x' });

  it('draws the same users for the same seed, with fragments matching their fields', () => {
    const a = buildUsers(s, new Rng(9, 2));
    expect(buildUsers(s, new Rng(9, 2))).toEqual(a);
    for (const u of a) {
      expect(u.pTail).toBe(`,${u.id}\n`);
      expect(u.pReg).toBe(`${u.reg},`);
      expect(u.gapMean).toBeGreaterThan(0);
      expect(u.inSession).toBe(false);
    }
    const u10 = a.find((u) => u.id === 10)!;
    expect(u10.reg).toBeLessThan(s.startMs);
  });

  it('starts sessions after both the given time and the registration', () => {
    const rng = new Rng(1);
    for (const u of buildUsers(s, new Rng(9, 2))) {
      const t = s.startMs + rng.int(s.span);
      const x = nextSessionStart(u, t, rng, s.endMs);
      expect(x).toBeGreaterThan(Math.max(t, u.reg));
    }
  });
});

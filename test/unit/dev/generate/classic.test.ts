// classic: the planting of the exercise's facts (lib/dev/generate/classic): the session-id counter
// reserves 182 and 338, passing 182 arms user 10's session, the first appointment is on the queue's
// clock, and a run that planted nothing says so instead of reporting facts.
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../../lib/dev/generate/catalogue';
import { CLASSIC_SESSION_Q1, CLASSIC_SESSION_Q2, CLASSIC_USER_Q2, Planter } from '../../../../lib/dev/generate/classic';
import { resolveOptions, type GenerateOptions } from '../../../../lib/dev/generate/options';
import { P_NEXT } from '../../../../lib/dev/generate/pages';
import { Rng } from '../../../../lib/dev/generate/rng';
import { queueFirstSessions } from '../../../../lib/dev/generate/session';
import { buildUsers } from '../../../../lib/dev/generate/users';

function setUp(extra: Partial<GenerateOptions> = {}) {
  const s = resolveOptions({ days: 4, users: 30, seed: 3, out: 'x', ...extra });
  const rng = new Rng(s.seed, 2);
  const users = buildUsers(s, rng);
  const queue = queueFirstSessions(users, s, rng);
  const planter = new Planter(s, users, queue, rng, buildCatalogue(s.seed));
  return { s, users, queue, planter };
}

describe('session ids', () => {
  it.each([
    [true, [CLASSIC_SESSION_Q2, CLASSIC_SESSION_Q1]],
    [false, []],
  ])('classic %s: the counter skips %j', (classic, skipped) => {
    const { planter } = setUp({ classic });
    const ids = Array.from({ length: 400 - skipped.length }, () => planter.allocSid(0));
    expect(ids).toEqual(Array.from({ length: 400 }, (_, i) => i + 1).filter((i) => !skipped.includes(i)));
  });
});

describe('Planter', () => {
  it('books the first appointment (a planted song at 12% of the run) on the clock', () => {
    const { s, queue } = setUp();
    expect(queue.key[queue.clock]).toBe(s.startMs + Math.floor(s.span * 0.12));
  });

  it('gives user 10 session 182 once the counter has passed 182', () => {
    const { s, users, planter } = setUp();
    const u10i = users.findIndex((u) => u.id === CLASSIC_USER_Q2);
    expect(planter.claimSession(u10i)).toBeNull();
    for (let i = 0; i < 190; i++) planter.allocSid(s.startMs);
    expect(planter.needsSoon(u10i)).toBe(true);
    const forced = planter.claimSession(u10i)!;
    expect(planter.claimedSid).toBe(CLASSIC_SESSION_Q2);
    expect(forced.length).toBeGreaterThanOrEqual(4);
    expect(forced.every((p) => p === P_NEXT)).toBe(true);
    expect(planter.claimSession(u10i)).toBeNull();
    expect(planter.claimedSid).toBe(0);
  });

  it('refuses to report facts it could not plant', () => {
    expect(() => setUp().planter.facts()).toThrow(/session 338 \(item 4\) could not be planted/);
  });

  it('plants nothing and reports null with classic: false', () => {
    const { planter, queue } = setUp({ classic: false });
    expect(queue.key[queue.clock]).toBe(Infinity);
    expect(planter.claimSession(0)).toBeNull();
    expect(planter.needsSoon(0)).toBe(false);
    expect(planter.facts()).toBeNull();
  });
});

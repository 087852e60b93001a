// session: one simulated event (lib/dev/generate/session): session lengths, and `Simulation.event`
// starting a session, writing exactly one well-formed row and putting the user back in the queue later.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../../../lib/dev/generate/catalogue';
import { Planter } from '../../../../lib/dev/generate/classic';
import { resolveOptions } from '../../../../lib/dev/generate/options';
import { Rng } from '../../../../lib/dev/generate/rng';
import { queueFirstSessions, sessionLength, Simulation } from '../../../../lib/dev/generate/session';
import { buildUsers } from '../../../../lib/dev/generate/users';
import type { DayWriter } from '../../../../lib/dev/generate/writer';

describe('sessionLength', () => {
  it('is a whole number of events, at least 1, averaging a few', () => {
    const rng = new Rng(4);
    const lens = Array.from({ length: 5000 }, () => sessionLength(rng));
    for (const n of lens) expect(Number.isInteger(n) && n >= 1).toBe(true);
    const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
    expect(mean).toBeGreaterThan(4);
    expect(mean).toBeLessThan(14);
  });
});

describe('Simulation.event', () => {
  it('writes one row per event, numbers items from 0 and moves the user later', () => {
    const s = resolveOptions({ days: 2, users: 20, seed: 6, out: 'x', classic: false });
    const rng = new Rng(s.seed, 2);
    const users = buildUsers(s, rng);
    const queue = queueFirstSessions(users, s, rng);
    const cat = buildCatalogue(s.seed);
    const planter = new Planter(s, users, queue, rng, cat);
    const rows: string[] = [];
    const out = { play: (r: string) => rows.push(r), page: (r: string) => rows.push(r) } as unknown as DayWriter;
    const sim = new Simulation(s, users, queue, planter, rng, cat, out);
    const ui = queue.top();
    const t = queue.key[ui];
    sim.event(ui, t);
    expect(sim.sessions).toBe(1);
    expect(rows).toHaveLength(1);
    const [fields] = Papa.parse<string[]>(rows[0]).data;
    expect(fields).toHaveLength(17);
    expect([fields[4], fields[12], fields[15]]).toEqual(['0', '1', String(t)]);
    expect(users[ui].item).toBe(1);
    expect(queue.key[ui]).toBeGreaterThan(t);
  });
});

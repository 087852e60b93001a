// options: validating and deriving a run's settings (lib/dev/generate/options): every refusal is a
// RangeError naming the option, and the defaults are the committed sample's.
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  EVENTS_PER_USER_PER_DAY,
  GENERATE_DEFAULTS,
  isoDay,
  parseStart,
  resolveOptions,
  type GenerateOptions,
} from '../../../../lib/dev/generate/options';

const base: GenerateOptions = { days: 2, users: 50, seed: 1, out: 'x' };

describe('resolveOptions', () => {
  it('derives the settings with the defaults', () => {
    const s = resolveOptions(base);
    expect(s.startStr).toBe(GENERATE_DEFAULTS.start);
    expect(s.startMs).toBe(Date.UTC(2019, 10, 1));
    expect(s.span).toBe(2 * DAY_MS);
    expect(s.endMs).toBe(s.startMs + s.span);
    expect(s.eventsPerDay).toBe(Math.round(50 * EVENTS_PER_USER_PER_DAY));
    expect(s.totalEstimate).toBe(2 * s.eventsPerDay);
    expect([s.classic, s.eol]).toEqual([true, '\n']);
    expect(s.outDir.endsWith('/x')).toBe(true);
    expect(resolveOptions({ ...base, crlf: true, classic: false }).eol).toBe('\r\n');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['days 0', { days: 0 }, /days must be an integer between 1 and 3660/],
    ['days 1.5', { days: 1.5 }, /days must be an integer/],
    ['users 0', { users: 0 }, /users must be an integer between 1/],
    ['seed 1.5', { seed: 1.5 }, /seed must be an integer/],
    ['seed as text', { seed: '3' }, /seed must be an integer/],
    ['empty out', { out: '' }, /out must be a directory path/],
    ['2 users with classic', { users: 2 }, /at least 3 users/],
    ['start not a date', { start: '2019/11/01' }, /YYYY-MM-DD/],
    ['start 2018-02-30', { start: '2018-02-30' }, /calendar date/],
    ['start 1970', { start: '1970-01-01' }, /between 1980 and 2200/],
    ['eventsPerDay 0', { eventsPerDay: 0 }, /eventsPerDay must be a positive number/],
    ['eventsPerDay NaN', { eventsPerDay: Number.NaN }, /eventsPerDay must be a positive number/],
  ])('refuses %s', (_, bad, message) => {
    expect(() => resolveOptions({ ...base, ...bad } as unknown as GenerateOptions)).toThrow(RangeError);
    expect(() => resolveOptions({ ...base, ...bad } as unknown as GenerateOptions)).toThrow(message);
  });

  it('allows 2 users without the classic facts', () => {
    expect(resolveOptions({ ...base, users: 2, classic: false }).nUsers).toBe(2);
  });
});

describe('calendar', () => {
  it('reads a start day and writes a day back', () => {
    expect(parseStart('2018-11-01')).toBe(Date.UTC(2018, 10, 1));
    expect(isoDay(parseStart('2024-02-29') + DAY_MS)).toBe('2024-03-01');
  });
});

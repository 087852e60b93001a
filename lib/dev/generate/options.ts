// options: what a caller may ask of the generator and what it defaults to — GenerateOptions and
// GenerateProgress, the defaults that reproduce the committed `event_data/`, the calendar (UTC days
// from a start date), and `resolveOptions`, which validates every option (RangeError with the
// reason) and derives the settings a run uses.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { resolve } from 'node:path';

/** Events per user per day when `eventsPerDay` is not given (the original month: ~8,056 rows / 97 users / 30 days). */
export const EVENTS_PER_USER_PER_DAY = 2.8;

/** Defaults that reproduce the committed sample in `event_data/`. */
export const GENERATE_DEFAULTS = {
  days: 30,
  users: 96,
  seed: 42,
  out: 'event_data',
  start: '2019-11-01',
} as const;

export interface GenerateProgress {
  /** Events written so far (all files). */
  events: number;
  /** Expected total (days × eventsPerDay); the real total differs by a few percent. */
  totalEstimate: number;
  /** Name of the file being written. */
  file: string;
}

export interface GenerateOptions {
  /** Number of daily files (≥ 1). */
  days: number;
  /** Regular users, ids 1..users (a few "big" ids such as 100001 are added). */
  users: number;
  /** Seed of the PRNG: same options ⇒ same bytes. */
  seed: number;
  /** Output directory (created if missing). */
  out: string;
  /** First day, 'YYYY-MM-DD' (UTC), default '2019-11-01' (a month apart from the original 2018-11 files, so the two are never mistaken for each other). */
  start?: string;
  /** Target events per day; default users × EVENTS_PER_USER_PER_DAY. */
  eventsPerDay?: number;
  /** Plant the three classic facts (default true). */
  classic?: boolean;
  /** Write CRLF line ends instead of LF. */
  crlf?: boolean;
  /** Called every ~20,000 events and when a file is opened. */
  onProgress?: (p: GenerateProgress) => void;
}

export const DAY_MS = 86400000;
export const HOUR_MS = 3600000;

/** The settings of one run, validated and derived from GenerateOptions. */
export interface Settings {
  days: number;
  /** Regular users asked for (ids 1..nUsers). */
  nUsers: number;
  seed: number;
  classic: boolean;
  /** First day as given ('YYYY-MM-DD') and as epoch ms (UTC midnight). */
  startStr: string;
  startMs: number;
  /** Time covered: days × one day, and its end (exclusive). */
  span: number;
  endMs: number;
  eventsPerDay: number;
  totalEstimate: number;
  /** Line end of every row. */
  eol: string;
  /** Absolute output folder. */
  outDir: string;
  onProgress?: (p: GenerateProgress) => void;
}

/** 'YYYY-MM-DD' of a UTC epoch-ms time. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function parseStart(start: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) throw new RangeError(`start must be a date written YYYY-MM-DD, got "${start}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || isoDay(ms) !== start)
    throw new RangeError(`start "${start}" is not a valid calendar date`);
  const year = Number(m[1]);
  if (year < 1980 || year > 2200) throw new RangeError(`start must be between 1980 and 2200, got "${start}"`);
  return ms;
}

function checkInt(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${String(v)}`);
  }
  return v;
}

/** Check every option (in the order the messages have always come) and derive the run's settings. */
export function resolveOptions(opts: GenerateOptions): Settings {
  const days = checkInt('days', opts.days, 1, 3660);
  const nUsers = checkInt('users', opts.users, 1, 10000000);
  const seed = opts.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed))
    throw new RangeError(`seed must be an integer, got ${String(seed)}`);
  if (typeof opts.out !== 'string' || opts.out === '') throw new RangeError('out must be a directory path');
  const classic = opts.classic !== false;
  if (classic && nUsers < 3)
    throw new RangeError('the classic facts need at least 3 users (use --no-classic for fewer)');
  const startStr = opts.start ?? GENERATE_DEFAULTS.start;
  const startMs = parseStart(startStr);
  const eventsPerDay = opts.eventsPerDay ?? Math.max(1, Math.round(nUsers * EVENTS_PER_USER_PER_DAY));
  if (typeof eventsPerDay !== 'number' || !Number.isFinite(eventsPerDay) || eventsPerDay <= 0 || eventsPerDay > 1e9) {
    throw new RangeError(`eventsPerDay must be a positive number, got ${String(eventsPerDay)}`);
  }
  const span = days * DAY_MS;
  return {
    days,
    nUsers,
    seed,
    classic,
    startStr,
    startMs,
    span,
    endMs: startMs + span,
    eventsPerDay,
    totalEstimate: Math.round(days * eventsPerDay),
    eol: opts.crlf ? '\r\n' : '\n',
    outDir: resolve(opts.out),
    onProgress: opts.onProgress,
  };
}

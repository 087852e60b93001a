// users: the simulated population — the user ids (1..users, user 10 when the classic facts need
// it, a few "big" ids such as 100001), each user's name, gender, location, level, registration time
// and pre-quoted row fragments, the per-user session rates, and `nextSessionStart`, when a user comes
// back (a Poisson process thinned by a diurnal curve peaking in the US evening).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { CLASSIC_USER_Q2 } from './classic';
import { DAY_MS, HOUR_MS, type Settings } from './options';
import { P_HOME, type PageState } from './pages';
import type { Rng } from './rng';
import { rowFragments, type RowUser } from './rows';
import { FEMALE_NAMES, LAST_NAMES, LOCATIONS, MALE_NAMES } from './words';

/** Average events per session of the model (measured), to turn events/day into sessions/day. */
const EVENTS_PER_SESSION = 8;
/** Average time between two events of a session (84% songs of ~235 s, page views of ~15 s), ms. */
const EVENT_SPACING_MS = 200000;
/** Diurnal activity (UTC hour → relative rate, peak in the US evening). */
const DIURNAL = Array.from({ length: 24 }, (_, h) => 0.3 + 0.7 * (0.5 + 0.5 * Math.cos((2 * Math.PI * (h - 2)) / 24)));
const DIURNAL_MEAN = DIURNAL.reduce((a, b) => a + b, 0) / 24;

/** One user: who they are, their row fragments, and the state of their current session. */
export interface User extends RowUser, PageState {
  id: number;
  first: string;
  last: string;
  reg: number;
  /** Mean gap between sessions, ms (before diurnal thinning). */
  gapMean: number;
  // session state
  inSession: boolean;
  sid: number;
  remaining: number;
}

/** The ids of the population: 1..nUsers, user 10 if the classic facts need it, then the big ids. */
export function userIds(nUsers: number, classic: boolean): number[] {
  const ids: number[] = [];
  for (let i = 1; i <= nUsers; i++) ids.push(i);
  if (classic && nUsers < CLASSIC_USER_Q2) ids.push(CLASSIC_USER_Q2);
  let bigBase = 100000;
  while (bigBase <= nUsers) bigBase *= 10;
  const bigCount = bigBase * 3 + 100 < 2147483647 ? Math.min(6, Math.max(1, Math.round(nUsers / 40))) : 0;
  for (let k = 0; k < bigCount; k++) ids.push(bigBase * (1 + (k % 3)) + 1 + Math.floor(k / 3));
  return ids;
}

/** Draw one user (a tenth register during the run, never user 10 of the classic facts); `weight` is its activity. */
function drawUser(id: number, s: Settings, rng: Rng): { user: User; weight: number } {
  const female = rng.next() < 0.5;
  const first = female ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
  const last = rng.pick(LAST_NAMES);
  const gender = female ? 'F' : 'M';
  const loc = LOCATIONS[Math.floor(Math.pow(rng.next(), 1.7) * LOCATIONS.length)];
  const level = rng.next() < 0.5 ? 1 : 0;
  let reg: number;
  if (rng.next() < 0.1 && !(s.classic && id === CLASSIC_USER_Q2))
    reg = s.startMs + Math.floor(rng.next() * s.span * 0.8);
  else reg = s.startMs - HOUR_MS - Math.floor(rng.exp(60 * DAY_MS));
  const weight = Math.exp(1.1 * rng.normal()) * (level === 1 ? 2.5 : 1);
  const f = rowFragments(id, first, last, gender, loc, reg, s.eol);
  const user: User = {
    id,
    first,
    last,
    pLI: f.pLI,
    pLast: f.pLast,
    pMid: f.pMid,
    pReg: f.pReg,
    pTail: f.pTail,
    reg,
    level,
    gapMean: 0,
    inSession: false,
    sid: 0,
    sidStr: '',
    item: 0,
    remaining: 0,
    loggedIn: true,
    lastPage: P_HOME,
    forced: null,
    forcedPos: 0,
  };
  return { user, weight };
}

/**
 * Session rate per user ∝ weight, normalised over the time each user is registered; the gap after
 * a session is 1/rate minus the session's own length, scaled for the diurnal thinning.
 */
function setGapMeans(users: User[], weights: number[], s: Settings): void {
  const sessionsPerDay = s.eventsPerDay / EVENTS_PER_SESSION;
  const sessionMs = (EVENTS_PER_SESSION - 1) * EVENT_SPACING_MS;
  let activeWeight = 0;
  for (let i = 0; i < users.length; i++) {
    const active = users[i].reg <= s.startMs ? 1 : (s.endMs - users[i].reg) / s.span;
    activeWeight += weights[i] * active;
  }
  for (let i = 0; i < users.length; i++) {
    const ratePerMs = (sessionsPerDay * weights[i]) / activeWeight / DAY_MS;
    const cycle = 1 / ratePerMs;
    users[i].gapMean = DIURNAL_MEAN * Math.max(cycle - sessionMs, cycle * 0.1);
  }
}

/** The population of a run, drawn from the simulation's PRNG in id order, with session rates set. */
export function buildUsers(s: Settings, rng: Rng): User[] {
  const users: User[] = [];
  const weights: number[] = [];
  for (const id of userIds(s.nUsers, s.classic)) {
    const { user, weight } = drawUser(id, s, rng);
    users.push(user);
    weights.push(weight);
  }
  setGapMeans(users, weights, s);
  return users;
}

/** Next session start after `t` (non-homogeneous Poisson process by thinning); `endMs` ends the run. */
export function nextSessionStart(u: User, t: number, rng: Rng, endMs: number): number {
  let x = t < u.reg ? u.reg : t;
  for (let guard = 0; guard < 10000; guard++) {
    x += Math.floor(rng.exp(u.gapMean)) + 1000;
    if (x >= endMs) return x;
    const h = Math.floor((x % DAY_MS) / HOUR_MS);
    if (rng.next() < DIURNAL[h]) return x;
  }
  return x;
}

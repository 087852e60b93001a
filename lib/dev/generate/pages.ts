// pages: the pages a visit can show and how the next one is chosen — the 13 page names with their
// method and status, the weighted choice tables of free, paid and logged-out users, and `choosePage`,
// the per-event decision (forced pages of a planting first, then the follow-ups of the last page,
// then a weighted draw).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Rng } from './rng';

export const P_NEXT = 0,
  P_HOME = 1,
  P_LOGIN = 2,
  P_LOGOUT = 3,
  P_SETTINGS = 4,
  P_SAVE = 5,
  P_HELP = 6,
  P_ABOUT = 7;
export const P_UPGRADE = 8,
  P_SUB_UP = 9,
  P_DOWNGRADE = 10,
  P_SUB_DOWN = 11,
  P_ERROR = 12;

const PAGE_NAME = [
  'NextSong',
  'Home',
  'Login',
  'Logout',
  'Settings',
  'Save Settings',
  'Help',
  'About',
  'Upgrade',
  'Submit Upgrade',
  'Downgrade',
  'Submit Downgrade',
  'Error',
];
const PAGE_METHOD = ['PUT', 'GET', 'PUT', 'PUT', 'GET', 'PUT', 'GET', 'GET', 'GET', 'PUT', 'GET', 'PUT', 'GET'];
export const PAGE_STATUS = ['200', '200', '307', '307', '200', '307', '200', '200', '200', '307', '200', '307', '404'];
/** "method,page," */
export const PAGE_TOK = PAGE_NAME.map((p, i) => `${PAGE_METHOD[i]},${p},`);
/** ",status," */
export const STATUS_TOK = PAGE_STATUS.map((s) => `,${s},`);
export const LEVEL_NAME = ['free', 'paid'];

/** Logged-in page choice when nothing forces a page: [page, weight] for free and paid users. */
const LI_FREE: Array<[number, number]> = [
  [P_NEXT, 0.892],
  [P_HOME, 0.034],
  [P_UPGRADE, 0.016],
  [P_LOGOUT, 0.0125],
  [P_SETTINGS, 0.0075],
  [P_HELP, 0.0055],
  [P_ABOUT, 0.0035],
  [P_ERROR, 0.0013],
];
const LI_PAID: Array<[number, number]> = [
  [P_NEXT, 0.898],
  [P_HOME, 0.034],
  [P_DOWNGRADE, 0.0095],
  [P_LOGOUT, 0.0125],
  [P_SETTINGS, 0.0075],
  [P_HELP, 0.0055],
  [P_ABOUT, 0.0035],
  [P_ERROR, 0.0013],
];
/** Logged-out page choice (after Logout or in a guest session). */
const LO_TABLE: Array<[number, number]> = [
  [P_LOGIN, 0.56],
  [P_HOME, 0.26],
  [P_ABOUT, 0.11],
  [P_HELP, 0.07],
];

function cumulative(t: Array<[number, number]>): { pages: Int32Array; cum: Float64Array } {
  const total = t.reduce((s, [, w]) => s + w, 0);
  const pages = new Int32Array(t.length);
  const cum = new Float64Array(t.length);
  let acc = 0;
  t.forEach(([p, w], i) => {
    acc += w / total;
    pages[i] = p;
    cum[i] = acc;
  });
  cum[t.length - 1] = 1;
  return { pages, cum };
}

const CUM_FREE = cumulative(LI_FREE);
const CUM_PAID = cumulative(LI_PAID);
const CUM_LO = cumulative(LO_TABLE);

function pickFrom(tab: { pages: Int32Array; cum: Float64Array }, r: number): number {
  const cum = tab.cum;
  for (let i = 0; i < cum.length; i++) if (r < cum[i]) return tab.pages[i];
  return tab.pages[cum.length - 1];
}

/** Probability that a logged-in session opens on Home (else straight to NextSong). */
const START_HOME = 0.4;

/** The page state of a visit that `choosePage` reads (and whose forced-page cursor it advances). */
export interface PageState {
  /** Pages a planting forces at the start of this session, or null. */
  forced: number[] | null;
  forcedPos: number;
  loggedIn: boolean;
  /** Page of the previous event of the session, -1 at its start. */
  lastPage: number;
  /** 0 free, 1 paid. */
  level: number;
}

/** The next page of a visit: forced pages first, then logged-out or logged-in choice. */
export function choosePage(u: PageState, rng: Rng): number {
  if (u.forced !== null && u.forcedPos < u.forced.length) return u.forced[u.forcedPos++];
  if (!u.loggedIn) return u.lastPage === P_LOGOUT ? P_HOME : pickFrom(CUM_LO, rng.next());
  const lp = u.lastPage;
  if (lp === P_LOGIN || lp === P_SUB_UP || lp === P_SUB_DOWN || lp === P_SAVE) return P_HOME;
  if (lp === -1) return rng.next() < START_HOME ? P_HOME : P_NEXT;
  const r = rng.next();
  if (lp === P_UPGRADE && r < 0.35) return P_SUB_UP;
  if (lp === P_DOWNGRADE && r < 0.03) return P_SUB_DOWN;
  if (lp === P_SETTINGS && r < 0.2) return P_SAVE;
  return pickFrom(u.level === 1 ? CUM_PAID : CUM_FREE, rng.next());
}

// session: one simulated event at a time — `Simulation.event(user, t)` starts the user's session if
// needed (its id, guest or logged in, forced pages of a planting, its length), chooses the page, writes
// the row, then moves the user on (login state, level, end of session) and puts them back in the
// queue at their next event. The state lives in the users, the queue and the planter it is given.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as catalogue from './catalogue';
import type { Catalogue } from './catalogue';
import type { Planter } from './classic';
import { HOUR_MS, type Settings } from './options';
import * as pages from './pages';
import { EventQueue } from './queue';
import type { Rng } from './rng';
import * as rows from './rows';
import * as population from './users';
import type { User } from './users';
import type { DayWriter } from './writer';

// The per-event imports, bound once: tsx's CommonJS output reads every named import through a
// getter, which cost ~4% of the generator's speed in the hot loop.
const { sampleSong } = catalogue;
const { choosePage, P_LOGIN, P_LOGOUT, P_NEXT, P_SUB_DOWN, P_SUB_UP, PAGE_STATUS } = pages;
const { loggedOutRow, pageRow, playRow } = rows;
const { nextSessionStart } = population;

/** Probability that a session starts logged out (a guest visit that may log in). */
const GUEST_START = 0.08;

/** Number of events a new session aims for (a mix of short, medium and long visits). */
export function sessionLength(rng: Rng): number {
  const r = rng.next();
  const mean = r < 0.45 ? 0.9 : r < 0.75 ? 5 : 26;
  return 1 + Math.floor(rng.exp(mean));
}

/** The per-event step of the simulation over the run's users, queue, planter, PRNG, catalogue and writer. */
export class Simulation {
  /** Sessions started so far. */
  sessions = 0;
  private readonly endMs: number;
  private readonly eol: string;

  constructor(
    s: Settings,
    private readonly users: User[],
    private readonly queue: EventQueue,
    private readonly planter: Planter,
    private readonly rng: Rng,
    private readonly cat: Catalogue,
    private readonly out: DayWriter,
  ) {
    this.endMs = s.endMs;
    this.eol = s.eol;
  }

  /** The event of user `ui`, due at `t`: one row written, the user rescheduled. */
  event(ui: number, t: number): void {
    const u = this.users[ui];
    if (!u.inSession) this.startSession(u, ui, t);
    const page = choosePage(u, this.rng);
    const dur = page === P_NEXT ? this.play(u, ui, t) : this.view(u, page, t);
    this.afterPage(u, ui, page, t + Math.round(dur));
  }

  private startSession(u: User, ui: number, t: number): void {
    const rng = this.rng;
    let loggedIn = rng.next() >= GUEST_START;
    const forced = this.planter.claimSession(ui);
    if (forced !== null) loggedIn = true;
    const sid = this.planter.claimedSid !== 0 ? this.planter.claimedSid : this.planter.allocSid(t);
    this.sessions++;
    u.inSession = true;
    u.sid = sid;
    u.sidStr = String(sid);
    u.item = 0;
    u.loggedIn = loggedIn;
    u.lastPage = -1;
    u.forced = forced;
    u.forcedPos = 0;
    let len = sessionLength(rng);
    if (forced && len < forced.length + 1) len = forced.length + 1 + rng.int(4);
    u.remaining = len;
  }

  /** Write a play (the planted song if any, else a draw by popularity); returns its duration (the song's length), ms. */
  private play(u: User, ui: number, t: number): number {
    const planted = this.planter.takePlanted(ui);
    const s = planted >= 0 ? planted : sampleSong(this.cat.cdf, this.rng.next());
    this.out.play(playRow(u, this.cat, s, t));
    this.planter.notePlay(u, ui, s);
    return this.cat.lengthMs[s];
  }

  /** Write a page view; returns the time until the next event, ms. */
  private view(u: User, page: number, t: number): number {
    this.out.page(u.loggedIn ? pageRow(u, page, t) : loggedOutRow(u, page, t, this.eol));
    return PAGE_STATUS[page] === '307' ? 150 + this.rng.int(1200) : 1000 + Math.floor(this.rng.exp(18000));
  }

  /** State after the page; the session ends when its length is used up (or a guest leaves). */
  private afterPage(u: User, ui: number, page: number, tn: number): void {
    u.item++;
    u.lastPage = page;
    if (page === P_LOGOUT) u.loggedIn = false;
    else if (page === P_LOGIN) u.loggedIn = true;
    else if (page === P_SUB_UP) u.level = 1;
    else if (page === P_SUB_DOWN) u.level = 0;
    u.remaining--;
    let end = false;
    if (u.forced === null || u.forcedPos >= u.forced.length) {
      if (u.remaining <= 0) end = true;
      else if (!u.loggedIn && page !== P_LOGOUT && page !== P_LOGIN && this.rng.next() < 0.3) end = true;
    }
    if (!end) {
      this.queue.moveLater(ui, tn);
      return;
    }
    u.inSession = false;
    let next = nextSessionStart(u, tn, this.rng, this.endMs);
    if (this.planter.needsSoon(ui)) next = Math.min(next, tn + 60000 + Math.floor(this.rng.exp(30 * 60000)));
    this.queue.moveLater(ui, next);
  }
}

/** The queue of a run, holding every user's first session (drawn in user order) and no appointment yet. */
export function queueFirstSessions(users: User[], s: Settings, rng: Rng): EventQueue {
  const queue = new EventQueue(users.length);
  for (let i = 0; i < users.length; i++) {
    queue.key[i] = nextSessionStart(users[i], s.startMs - Math.floor(rng.next() * 2 * HOUR_MS), rng, s.endMs);
  }
  queue.heapify();
  return queue;
}

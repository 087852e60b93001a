// classic: the three facts of the exercise and their planting — the exported CLASSIC_* ids and song,
// the ClassicFacts a run reports, and the Planter: the session-id counter that reserves 182 and 338,
// the appointments that bring chosen users back in time, the forced pages and planted songs, the
// record of what the files really hold for each fact, and the check that every fact was planted.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { QUESTION_1, QUESTION_2, QUESTION_3 } from '../../model/questions';
import type { Catalogue } from './catalogue';
import type { Settings } from './options';
import { P_HOME, P_NEXT } from './pages';
import type { EventQueue } from './queue';
import type { Rng } from './rng';
import type { User } from './users';

// The exercise's values come from the questions (lib/model/questions); only the planted song's artist is
// the generator's own choice.
/** The song of the third classic question. */
export const CLASSIC_SONG = { artist: 'The Black Keys', song: QUESTION_3.asked.song } as const;
/** Session ids reserved for the first two classic questions. */
export const CLASSIC_SESSION_Q1 = QUESTION_1.asked.sessionId;
export const CLASSIC_ITEM_Q1 = QUESTION_1.asked.itemInSession;
export const CLASSIC_USER_Q2 = QUESTION_2.asked.userId;
export const CLASSIC_SESSION_Q2 = QUESTION_2.asked.sessionId;

export interface ClassicPlay {
  artist: string;
  song: string;
  itemInSession: number;
  firstName: string;
  lastName: string;
}

export interface ClassicListener {
  firstName: string;
  lastName: string;
  userId: number;
}

export interface ClassicFacts {
  /** The play with sessionId 338, itemInSession 4. */
  q1: { artist: string; song: string; length: number };
  /** Every play of user 10 in session 182, in itemInSession order. */
  q2: ClassicPlay[];
  /** Every distinct user who played "All Hands Against His Own", by userId. */
  q3: ClassicListener[];
  /** Other songs with several planted listeners (one title with an apostrophe, one accented). */
  extra: Array<{ artist: string; song: string; listeners: ClassicListener[] }>;
}

const APPT_Q1 = 0,
  APPT_Q2 = 1,
  APPT_SONG = 2;

/** A planting appointment: at `time`, arm fact 1 or 2, or give `song` to a user as their next play. */
interface Appointment {
  time: number;
  kind: number;
  song: number;
}

/**
 * Session ids come from a counter that skips 182 and 338. Session 338 is the session that would
 * have received 338 from the counter, or else the first one to start after half the run; session 182 is
 * user 10's first session after the counter passes 182, or after 35% of the run. Planted songs go to
 * chosen users as their next play, at fixed fractions of the run. An appointment brings an idle
 * user's next session forward (by ~30 min), so even tiny runs hold every fact.
 * With `classic: false` it only numbers sessions (it still draws its forced pages, as it always has).
 */
export class Planter {
  /** Session id reserved by the last `claimSession`, 0 when the counter gives it. */
  claimedSid = 0;
  private nextSid = 1;
  private q1Armed = false;
  private q1Done: boolean;
  private q2Armed = false;
  private q2Done: boolean;
  private readonly q1Forced: number[];
  private readonly q2Forced: number[] = [];
  private readonly plantFirst = [P_NEXT];
  private q1: ClassicFacts['q1'] | null = null;
  private readonly q2: ClassicPlay[] = [];
  /** 1 for the songs whose listeners are recorded. */
  private readonly watched: Uint8Array;
  private readonly listeners = new Map<number, Map<number, ClassicListener>>();
  private readonly appts: Appointment[] = [];
  private apptPos = 0;
  /** Song planted as each user's next play, -1 for none. */
  private readonly plantSong: Int32Array;
  /** Index of user 10 in `users`, -1 without the classic facts. */
  private readonly u10i: number;
  private readonly classic: boolean;

  /** Call once the queue holds every user's first session (it draws from `rng` after them). */
  constructor(
    s: Settings,
    private readonly users: User[],
    private readonly queue: EventQueue,
    private readonly rng: Rng,
    private readonly cat: Catalogue,
  ) {
    this.classic = s.classic;
    this.q1Done = !s.classic;
    this.q2Done = !s.classic;
    this.u10i = s.classic ? users.findIndex((u) => u.id === CLASSIC_USER_Q2) : -1;
    this.q1Forced = [rng.next() < 0.5 ? P_HOME : P_NEXT, P_NEXT, P_NEXT, P_NEXT, P_NEXT];
    for (let i = 0, m = 4 + rng.int(3); i < m; i++) this.q2Forced.push(P_NEXT);
    this.watched = new Uint8Array(cat.artist.length);
    if (s.classic) this.schedule(s);
    this.plantSong = new Int32Array(users.length).fill(-1);
  }

  /** Watch the three planted songs and book the appointments at fixed fractions of the run. */
  private schedule(s: Settings): void {
    const cat = this.cat;
    for (const song of [cat.classicIndex, cat.apostropheIndex, cat.accentIndex]) {
      this.watched[song] = 1;
      this.listeners.set(song, new Map());
    }
    const at = (f: number) => s.startMs + Math.floor(s.span * f);
    const appts = this.appts;
    appts.push({ time: at(0.35), kind: APPT_Q2, song: -1 }, { time: at(0.5), kind: APPT_Q1, song: -1 });
    for (const f of [0.12, 0.27, 0.42]) appts.push({ time: at(f), kind: APPT_SONG, song: cat.classicIndex });
    for (const f of [0.18, 0.38, 0.58]) appts.push({ time: at(f), kind: APPT_SONG, song: cat.apostropheIndex });
    for (const f of [0.22, 0.52]) appts.push({ time: at(f), kind: APPT_SONG, song: cat.accentIndex });
    appts.sort((a, b) => a.time - b.time || a.kind - b.kind);
    this.queue.moveEarlier(this.queue.clock, appts[0].time);
  }

  /** Run the appointment due at `t` (the queue's clock) and set the clock to the next one. */
  runNextAppointment(t: number): void {
    this.runAppointment(this.appts[this.apptPos++], t);
    const next = this.apptPos < this.appts.length ? this.appts[this.apptPos].time : Infinity;
    this.queue.moveLater(this.queue.clock, next);
  }

  private runAppointment(a: Appointment, t: number): void {
    if (a.kind === APPT_Q2) this.armQ2(t);
    else if (a.kind === APPT_Q1) {
      if (this.q1Done) return;
      this.q1Armed = true;
      const ui = this.pickUser(t, (i) => !this.users[i].inSession);
      if (ui >= 0) this.pull(ui, t);
    } else {
      const heard = this.listeners.get(a.song)!;
      const ui = this.pickUser(t, (i) => this.plantSong[i] < 0 && !heard.has(this.users[i].id));
      if (ui < 0) return;
      this.plantSong[ui] = a.song;
      this.pull(ui, t);
    }
  }

  /** Bring an idle user's next session forward to shortly after `t`. */
  private pull(ui: number, t: number): void {
    if (this.users[ui].inSession) return;
    const soon = t + 60000 + Math.floor(this.rng.exp(30 * 60000));
    if (soon < this.queue.key[ui]) this.queue.moveEarlier(ui, soon);
  }

  private armQ2(t: number): void {
    if (this.q2Armed || this.q2Done || this.u10i < 0) return;
    this.q2Armed = true;
    this.pull(this.u10i, t);
  }

  /** A registered user, other than user 10, accepted by `ok`, starting from a random index. */
  private pickUser(t: number, ok: (ui: number) => boolean): number {
    const nu = this.users.length;
    const s0 = this.rng.int(nu);
    for (let k = 0; k < nu; k++) {
      const ui = (s0 + k) % nu;
      if (ui !== this.u10i && this.users[ui].reg <= t && ok(ui)) return ui;
    }
    return -1;
  }

  /** Whether user `ui` must start its next session soon (a planting waits on it). */
  needsSoon(ui: number): boolean {
    return (
      this.plantSong[ui] >= 0 || (this.q1Armed && !this.q1Done) || (ui === this.u10i && this.q2Armed && !this.q2Done)
    );
  }

  /**
   * The forced pages of the session user `ui` starts now, or null; sets `claimedSid` to 182 or 338
   * when this session is one of the classic ones (else 0: take `allocSid`).
   */
  claimSession(ui: number): number[] | null {
    this.claimedSid = 0;
    if (!this.q2Done && ui === this.u10i && this.q2Armed) {
      this.claimedSid = CLASSIC_SESSION_Q2;
      this.q2Done = true;
      return this.q2Forced;
    }
    if (!this.q1Done && (this.q1Armed || this.nextSid === CLASSIC_SESSION_Q1)) {
      this.claimedSid = CLASSIC_SESSION_Q1;
      this.q1Done = true;
      return this.q1Forced;
    }
    return this.plantSong[ui] >= 0 ? this.plantFirst : null;
  }

  /** The next session id of the counter, skipping the reserved ones (passing 182 arms fact 2). */
  allocSid(t: number): number {
    for (;;) {
      const s = this.nextSid++;
      if (this.classic && s === CLASSIC_SESSION_Q2) {
        this.armQ2(t);
        continue;
      }
      if (this.classic && s === CLASSIC_SESSION_Q1) continue;
      return s;
    }
  }

  /** The song planted as user `ui`'s next play (used up), or -1 for none. */
  takePlanted(ui: number): number {
    const planted = this.plantSong[ui];
    if (planted >= 0) this.plantSong[ui] = -1;
    return planted;
  }

  /** Record a play of song `s` by user `u` (index `ui`) where a fact is watching. */
  notePlay(u: User, ui: number, s: number): void {
    if (this.watched[s] === 1) {
      const m = this.listeners.get(s)!;
      if (!m.has(u.id)) m.set(u.id, { firstName: u.first, lastName: u.last, userId: u.id });
    }
    if (!this.classic) return;
    const cat = this.cat;
    if (u.sid === CLASSIC_SESSION_Q1 && u.item === CLASSIC_ITEM_Q1) {
      this.q1 = { artist: cat.artist[s], song: cat.title[s], length: Number(cat.lengthText[s]) };
    } else if (u.sid === CLASSIC_SESSION_Q2 && ui === this.u10i) {
      this.q2.push({
        artist: cat.artist[s],
        song: cat.title[s],
        itemInSession: u.item,
        firstName: u.first,
        lastName: u.last,
      });
    }
  }

  /** The planted facts as the files hold them (null with `classic: false`); throws if one is missing. */
  facts(): ClassicFacts | null {
    if (!this.classic) return null;
    const cat = this.cat;
    const listOf = (s: number): ClassicListener[] =>
      [...(this.listeners.get(s) ?? new Map<number, ClassicListener>()).values()].sort((a, b) => a.userId - b.userId);
    if (!this.q1) throw new Error('the classic session 338 (item 4) could not be planted in this run');
    if (this.q2.length < 4) throw new Error('the classic session 182 of user 10 could not be planted in this run');
    return {
      q1: this.q1,
      q2: this.q2,
      q3: listOf(cat.classicIndex),
      extra: [cat.apostropheIndex, cat.accentIndex].map((s) => ({
        artist: cat.artist[s],
        song: cat.title[s],
        listeners: listOf(s),
      })),
    };
  }
}

// generate: the seeded Sparkify event-file generator (eventsim-class), as a short orchestrator:
// validate the options, build the catalogue and the population, queue everyone's first session, run
// the simulation day by day into the daily `YYYY-MM-DD-events.csv` files, and report what was written
// with the planted "classic" facts (session 338 item 4; user 10 session 182; listeners of "All Hands
// Against His Own").
//
// Format: the 17 columns of the original Sparkify files, fields quoted only when they hold a comma, a
// double quote, a line break or edge spaces (papaparse/Excel style), UTF-8 without BOM, LF line ends
// (CRLF on request), `registration` and `ts` as integer epoch milliseconds (rows.ts).
//
// Determinism: the output depends only on the options (seed, days, users, start, eventsPerDay,
// classic, crlf). No wall clock, no Math.random, no third-party data lists: the same options give the
// same bytes.
//
// Speed: the simulation is a priority queue of users keyed by the time of their next event (queue.ts),
// so every file is written in time order. Rows are built from per-user and per-song pre-escaped
// fragments, batched into ~64 KB chunks and written through a write stream that is awaited on
// backpressure (writer.ts). Memory is bounded by the number of users and the catalogue, not by the
// number of events.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { readdir } from 'node:fs/promises';
import { buildCatalogue } from './catalogue';
import { Planter, type ClassicFacts } from './classic';
import { DAY_MS, resolveOptions, type GenerateOptions, type Settings } from './options';
import type { EventQueue } from './queue';
import { Rng } from './rng';
import { queueFirstSessions, Simulation } from './session';
import { buildUsers } from './users';
import { DayWriter, ensureDir, type GeneratedFile } from './writer';

export interface GenerateReport {
  out: string;
  seed: number;
  start: string;
  days: number;
  /** Users in the population (regular ids + big ids). */
  users: number;
  eventsPerDay: number;
  files: GeneratedFile[];
  events: number;
  plays: number;
  sessions: number;
  bytes: number;
  /** Songs in the catalogue. */
  songs: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** Planted facts, or null with `classic: false`. */
  classic: ClassicFacts | null;
  /** Other `YYYY-MM-DD-events.csv` files found in `out` (left by an earlier run; not touched, but readers will see them). */
  otherEventFiles: string[];
}

/**
 * Write `days` daily event files into `opts.out` and return what was written.
 * Same options ⇒ same bytes.
 */
export async function generateEventFiles(opts: GenerateOptions): Promise<GenerateReport> {
  const t0 = Date.now();
  const s = resolveOptions(opts);
  const cat = buildCatalogue(s.seed);
  const rng = new Rng(s.seed, 2);
  const users = buildUsers(s, rng);
  const queue = queueFirstSessions(users, s, rng);
  const planter = new Planter(s, users, queue, rng, cat);
  await ensureDir(s.outDir);
  const out = new DayWriter(s);
  const sim = new Simulation(s, users, queue, planter, rng, cat, out);
  await runDays(s, queue, planter, sim, out);
  const classic = planter.facts();
  const otherEventFiles = await otherEventFilesIn(s.outDir, out.files);
  const elapsedMs = Date.now() - t0;
  return {
    out: s.outDir,
    seed: s.seed,
    start: s.startStr,
    days: s.days,
    users: users.length,
    eventsPerDay: s.eventsPerDay,
    files: out.files,
    events: out.events,
    plays: out.files.reduce((a, f) => a + f.plays, 0),
    sessions: sim.sessions,
    bytes: out.files.reduce((a, f) => a + f.bytes, 0),
    songs: cat.artist.length,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? Math.round((out.events * 1000) / elapsedMs) : out.events,
    classic,
    otherEventFiles,
  };
}

/** The main loop: take whatever is due first — the end of the day, an appointment or a user's event. */
async function runDays(
  s: Settings,
  queue: EventQueue,
  planter: Planter,
  sim: Simulation,
  out: DayWriter,
): Promise<void> {
  let day = 0;
  let dayEnd = s.startMs + DAY_MS;
  out.open(0);
  try {
    for (;;) {
      const ui = queue.top();
      const t = queue.key[ui];
      if (t >= dayEnd) {
        await out.close();
        day++;
        if (day >= s.days) break;
        out.open(day);
        dayEnd += DAY_MS;
      } else if (ui === queue.clock) {
        planter.runNextAppointment(t);
      } else {
        sim.event(ui, t);
        if (out.full()) await out.flush();
      }
    }
  } catch (err) {
    out.destroy();
    throw err;
  }
}

/** Other `YYYY-MM-DD-events.csv` files in `dir` than the ones this run wrote, sorted. */
async function otherEventFilesIn(dir: string, files: GeneratedFile[]): Promise<string[]> {
  const written = new Set(files.map((f) => f.file));
  return (await readdir(dir)).filter((f) => /^\d{4}-\d{2}-\d{2}-events\.csv$/.test(f) && !written.has(f)).sort();
}

// gen: the generator section: generates the daily event files (--reps times when `gen` is asked for,
// else once when they are missing), timing each run and checking that the same seed gives the same
// bytes. Every later section reads these files.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from '../context';
import { sha256Of } from '../files';
import { facts, fmtNum, log, notes, record } from '../figures';
import { failed, lastJson, runTsx } from '../measure';

/**
 * The generator's per-day target is an average it lands a few percent under (sessions end early at
 * midnight); aim 8 % higher so that the files hold at least the requested number of events.
 */
export function eventsPerDay(b: Bench): number {
  return Math.ceil((b.o.events / b.o.days) * 1.08);
}

function eventFilesOf(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('-events.csv'))
    .sort();
}

/** One generation into the data folder, recorded; returns the sha256 of the files. */
async function generateOnce(b: Bench, r: number, reps: number): Promise<string> {
  const { o } = b;
  const dataDir = b.paths.dataDir;
  log(`generate ${r}/${reps}: ${fmtNum(o.events)} events into ${dataDir} …`);
  rmSync(dataDir, { recursive: true, force: true });
  const t = await runTsx('child.ts', [
    'generate',
    dataDir,
    String(eventsPerDay(b)),
    String(o.days),
    String(o.users),
    String(o.seed),
  ]);
  if (t.code !== 0) throw failed('generate', t);
  const g = lastJson(t.stdout);
  record('gen events/s', g.eventsPerSecond);
  record('gen s', g.elapsedMs / 1000);
  record('gen rss MB', t.rssKB !== undefined ? t.rssKB / 1024 : undefined);
  facts.set('events', fmtNum(g.events));
  facts.set('plays', fmtNum(g.plays));
  facts.set('eventBytes', `${fmtNum(g.bytes / 1e6, 0)} MB in ${g.files} daily files`);
  log(
    `  ${fmtNum(g.events)} events in ${(g.elapsedMs / 1000).toFixed(1)} s (${fmtNum(g.eventsPerSecond)} events/s), peak RSS ${t.rssKB ? fmtNum(t.rssKB / 1024) : '?'} MB`,
  );
  return sha256Of(
    readdirSync(dataDir)
      .sort()
      .map((f) => join(dataDir, f)),
  );
}

/** Generates as needed; returns the daily event files (names, in date order). */
export async function runGen(b: Bench): Promise<string[]> {
  const { o, paths } = b;
  const needData = !existsSync(paths.dataDir) || eventFilesOf(paths.dataDir).length !== o.days;
  const reps = b.has('gen') ? o.reps : needData ? 1 : 0;
  let dataHash: string | undefined;
  for (let r = 1; r <= reps; r++) {
    const h = await generateOnce(b, r, reps);
    if (dataHash && h !== dataHash)
      notes.push(
        `The generator gave different bytes for the same seed in repetition ${r} (sha256 ${h} vs ${dataHash}).`,
      );
    dataHash = h;
  }
  if (dataHash && o.reps > 1 && b.has('gen'))
    facts.set(
      'sameBytes',
      `all ${o.reps} generations with seed ${o.seed} gave the same bytes (sha256 ${dataHash.slice(0, 16)}…)`,
    );
  const eventFiles = eventFilesOf(paths.dataDir);
  const eventBytes = eventFiles.reduce((s, f) => s + statSync(join(paths.dataDir, f)).size, 0);
  facts.set('eventBytes', `${fmtNum(eventBytes / 1e6, 0)} MB in ${eventFiles.length} daily files`);
  return eventFiles;
}

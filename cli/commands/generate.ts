// generate command: `sparkify generate` writes seeded, eventsim-like daily event files
// (`YYYY-MM-DD-events.csv`) with lib/generate. Owns the option parsing, the progress display (a bar
// on a terminal, periodic lines otherwise) and the summary. With no options it rewrites the committed
// sample: 30 days from 2019-11-01, seed 42, into ./event_data, about 8,000 events like the original month.
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  CLASSIC_ITEM_Q1,
  CLASSIC_SESSION_Q1,
  CLASSIC_SESSION_Q2,
  CLASSIC_SONG,
  CLASSIC_USER_Q2,
} from '../../lib/dev/generate/classic';
import { generateEventFiles, type GenerateReport } from '../../lib/dev/generate/generate';
import { EVENTS_PER_USER_PER_DAY, GENERATE_DEFAULTS, type GenerateProgress } from '../../lib/dev/generate/options';
import { fail, progress } from '../ui';
import { formatCount, formatSeconds } from '../../lib/show/format';

const wholeNumber =
  (name: string, min: number, max: number) =>
  (v: string): number => {
    if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} must be a whole number.`);
    const n = Number(v.trim());
    if (n < min || n > max)
      throw new InvalidArgumentError(`${name} must be between ${formatCount(min)} and ${formatCount(max)}.`);
    return n;
  };

const seedNumber = (v: string): number => {
  if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(Number(v.trim()))) {
    throw new InvalidArgumentError('the seed must be an integer.');
  }
  return Number(v.trim());
};

const dateOption = (v: string): string => {
  const s = v.trim();
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(s) ||
    Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ||
    new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s
  ) {
    throw new InvalidArgumentError('the start must be a calendar date written YYYY-MM-DD.');
  }
  return s;
};

interface GenerateCliOptions {
  days: number;
  users: number;
  seed: number;
  out: string;
  start: string;
  eventsPerDay?: number;
  classic: boolean;
  crlf?: boolean;
  json?: boolean;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

function printSummary(r: GenerateReport): void {
  const first = r.files[0]?.date ?? '';
  const last = r.files[r.files.length - 1]?.date ?? '';
  const pct = r.events ? ((100 * r.plays) / r.events).toFixed(1) : '0.0';
  console.log(`\nGenerated ${r.files.length} event files (${first} … ${last}) in ${r.out}`);
  console.log(
    `  events ${formatCount(r.events)} = plays ${formatCount(r.plays)} (${pct}%) + page views ${formatCount(r.events - r.plays)}`,
  );
  console.log(
    `  sessions ${formatCount(r.sessions)}, users ${formatCount(r.users)}, songs in the catalogue ${formatCount(r.songs)}, seed ${r.seed}`,
  );
  console.log(`  ${formatSeconds(r.elapsedMs)}, ${formatCount(r.eventsPerSecond)} events/s, ${mb(r.bytes)} written`);
  if (r.otherEventFiles.length) {
    console.log(
      `  note: ${r.otherEventFiles.length} other event file(s) from an earlier run are in this folder and will be read with these (${r.otherEventFiles.slice(0, 3).join(', ')}${r.otherEventFiles.length > 3 ? ', …' : ''}); delete them or choose another --out`,
    );
  }
  const c = r.classic;
  if (c) {
    console.log('  classic facts planted:');
    console.log(
      `    1. session ${CLASSIC_SESSION_Q1}, item ${CLASSIC_ITEM_Q1}: ${c.q1.artist} — ${c.q1.song} (${c.q1.length} s)`,
    );
    console.log(
      `    2. user ${CLASSIC_USER_Q2}, session ${CLASSIC_SESSION_Q2}: ${c.q2.length} plays by ${c.q2[0]?.firstName ?? '?'} ${c.q2[0]?.lastName ?? '?'}`,
    );
    console.log(
      `    3. "${CLASSIC_SONG.song}": ${c.q3.length} listeners (${c.q3
        .slice(0, 5)
        .map((l) => `${l.firstName} ${l.lastName}`)
        .join(', ')}${c.q3.length > 5 ? ', …' : ''})`,
    );
  }
}

/** Adds `generate` to the program. */
export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'Write seeded, eventsim-like Sparkify event files, one YYYY-MM-DD-events.csv per day (17 columns, ts and ' +
        'registration in epoch milliseconds). The same options always give the same bytes. Without options it ' +
        'rewrites the committed sample: 30 days from 2019-11-01, seed 42, into ./event_data.',
    )
    .option('--days <n>', 'number of daily files', wholeNumber('--days', 1, 3660), GENERATE_DEFAULTS.days)
    .option(
      '--users <n>',
      'users (ids 1..n, plus a few big ids)',
      wholeNumber('--users', 1, 10_000_000),
      GENERATE_DEFAULTS.users,
    )
    .option('--seed <n>', 'seed of the generator', seedNumber, GENERATE_DEFAULTS.seed)
    .option('--out <dir>', 'output folder (created if missing)', GENERATE_DEFAULTS.out)
    .option('--start <date>', 'first day, YYYY-MM-DD (UTC)', dateOption, GENERATE_DEFAULTS.start)
    .option(
      '--events-per-day <n>',
      `target events per day (default: users × ${EVENTS_PER_USER_PER_DAY})`,
      wholeNumber('--events-per-day', 1, 1_000_000_000),
    )
    .option(
      '--no-classic',
      'do not plant the three classic facts (session 338, user 10 / session 182, "All Hands Against His Own")',
    )
    .option('--crlf', 'write CRLF line ends instead of LF')
    .option('--json', 'print the full report as JSON instead of the summary')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  sparkify generate                                  # the committed sample (about 8,000 events)\n' +
        '  sparkify generate --days 7 --users 500 --out /tmp/week\n' +
        '  sparkify generate --users 10000 --events-per-day 340000 --out /tmp/big   # ~10 million events',
    )
    .action(runGenerate);
}

/** Generates with a progress bar, then prints the summary (or the report as JSON). */
async function runGenerate(o: GenerateCliOptions): Promise<void> {
  const bar = progress('generate');
  const started = Date.now();
  const onProgress = (p: GenerateProgress) => {
    const ms = Date.now() - started;
    const rate = ms > 0 ? Math.round((p.events * 1000) / ms) : 0;
    const text = `${formatCount(p.events)} / ~${formatCount(p.totalEstimate)} events, ${p.file}, ${formatCount(rate)} events/s`;
    bar.update(Math.min(p.events, p.totalEstimate), p.totalEstimate, text);
  };
  try {
    const report = await generateEventFiles({
      days: o.days,
      users: o.users,
      seed: o.seed,
      out: resolve(o.out),
      start: o.start,
      eventsPerDay: o.eventsPerDay,
      classic: o.classic,
      crlf: o.crlf === true,
      onProgress,
    });
    bar.update(
      report.events,
      Math.max(report.events, 1),
      `${formatCount(report.events)} events, ${report.files.length} files`,
    );
    bar.stop();
    if (o.json) console.log(JSON.stringify(report, null, 2));
    else printSummary(report);
  } catch (err) {
    bar.stop();
    const message = err instanceof Error ? err.message : String(err);
    // RangeError: options the generator refuses; anything else: the files could not be written.
    if (err instanceof RangeError) fail(new Error(`generate: ${message}.`));
    fail(new Error(`generate: could not write the event files to ${resolve(o.out)}: ${message}`));
  }
}

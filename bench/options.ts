// options: the bench's command line (`npm run bench -- …`): the sections it knows, the full and smoke
// defaults, and where it works and writes its results.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');
export const SECTIONS = [
  'gen',
  'etl',
  'load',
  'python',
  'cqlsh',
  'dsbulk',
  'stress',
  'variants',
  'queries',
  'sustain',
  'fanout',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface Options {
  smoke: boolean;
  events: number;
  days: number;
  users: number;
  seed: number;
  loadPlays: number;
  pythonSample: number;
  reps: number;
  concurrency: number;
  batchRows: number;
  queries: number;
  stressThreads: number;
  only: Set<Section>;
  work: string;
  results: string;
  keepNode: boolean;
}

/** The value after `name` in argv, if any. */
function valueOf(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
}

/** A positive number option (underscores allowed: 10_000_000), floored; the default when absent. */
function numberOf(argv: string[], name: string, dflt: number): number {
  const v = valueOf(argv, name);
  if (v === undefined) return dflt;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
  return Math.floor(n);
}

function sectionsOf(argv: string[]): Set<Section> {
  const only = new Set<Section>(
    (valueOf(argv, '--only') ?? SECTIONS.join(',')).split(',').map((s) => s.trim() as Section),
  );
  for (const s of only)
    if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (sections: ${SECTIONS.join(', ')})`);
  return only;
}

/** The usage: the header comment of bench/run.ts. */
function printUsage(): void {
  const lines = readFileSync(join(__dirname, 'run.ts'), 'utf8').split('\n');
  console.log(
    lines
      .slice(
        0,
        lines.findIndex((l) => !l.startsWith('//')),
      )
      .join('\n'),
  );
}

export function parseArgs(argv: string[]): Options {
  if (argv.includes('--help') || argv.includes('-h')) {
    printUsage();
    process.exit(0);
  }
  const smoke = argv.includes('--smoke');
  const num = (name: string, dflt: number) => numberOf(argv, name, dflt);
  const only = sectionsOf(argv);
  const work = resolve(valueOf(argv, '--work') ?? join(ROOT, 'build', 'bench', smoke ? 'smoke' : 'full'));
  const results =
    valueOf(argv, '--results') ??
    (smoke ? join(ROOT, 'build', 'bench', 'RESULTS-smoke.md') : join(ROOT, 'bench', 'RESULTS.md'));
  return {
    smoke,
    events: num('--events', smoke ? 60_000 : 10_000_000),
    days: num('--days', smoke ? 3 : 30),
    users: num('--users', smoke ? 300 : 10_000),
    seed: num('--seed', 42),
    loadPlays: num('--load-plays', smoke ? 20_000 : 1_000_000),
    pythonSample: num('--python-sample', smoke ? 300 : 10_000),
    reps: num('--reps', smoke ? 1 : 3),
    concurrency: num('--concurrency', 64),
    batchRows: num('--batch-rows', 20),
    queries: num('--queries', smoke ? 1_000 : 10_000),
    stressThreads: num('--stress-threads', 128),
    only,
    work,
    results: resolve(results),
    keepNode: argv.includes('--keep-node'),
  };
}

// etl: the ETL section: the equivalence check of the fast merge with the papaparse version, then per
// repetition the merge three ways: ours (lib/events), the papaparse version before the speed work
// (lib/ at bench/reference.ts's commit) and the original notebook's Python method, each timed in its
// own process, with their merged files compared byte for byte in the first repetition.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from '../context';
import { checkEquivalence } from '../equivalence';
import { availableMemory, sha256Of } from '../files';
import { facts, fmtNum, log, notes, record, unavailable } from '../figures';
import { failed, lastJson, run, runTsx } from '../measure';
import { ROOT } from '../options';
import { loadReference, REFERENCE_COMMIT } from '../reference';
import { PY } from '../venv';

/** Equivalence of the fast ETL with the papaparse version (cheap, so always when `etl` runs). */
export async function runEquivalence(b: Bench): Promise<void> {
  const eq = await checkEquivalence(b.o.smoke ? 150 : 600, 1, () => undefined);
  facts.set(
    'equivalence',
    'skipped' in eq
      ? `skipped: ${eq.skipped}`
      : `${fmtNum(eq.cases)} seeded mangled folders, ${fmtNum(eq.comparisons)} comparisons (read sizes 1 B to 1 MiB): merged bytes, reports and errors identical to the papaparse version`,
  );
  log(`equivalence: ${facts.get('equivalence')}`);
}

/** Python's input: the notebook's method holds every row in memory (~9 bytes of RSS per input byte). */
interface PythonInput {
  dir: string;
  files: number;
}

/**
 * Gives the Python merge the files that fit in 60 % of the memory available now, and says so when that
 * is not all of them (a folder of symlinks to the first ones).
 */
function pythonInput(b: Bench, eventFiles: string[]): PythonInput {
  const { dataDir } = b.paths;
  const avail = availableMemory();
  let files = eventFiles.length;
  while (
    files > 1 &&
    eventFiles.slice(0, files).reduce((s, f) => s + statSync(join(dataDir, f)).size, 0) * 9 > 0.6 * avail
  )
    files--;
  if (files === eventFiles.length) return { dir: dataDir, files };
  const dir = join(b.o.work, 'events-python-subset');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const f of eventFiles.slice(0, files)) symlinkSync(join(dataDir, f), join(dir, f));
  notes.push(
    `The Python merge keeps every row in memory; with ${fmtNum(avail / 2 ** 30, 1)} GiB available it was given the first ${files} of ${eventFiles.length} daily files (its rate is compared per row).`,
  );
  return { dir, files };
}

/** Our merge, recorded; returns the rows it read. */
async function mergeOurs(b: Bench, r: number, reps: number): Promise<number> {
  log(`ETL ${r}/${reps}: ours …`);
  const ours = await runTsx('child.ts', ['merge', b.paths.dataDir, b.paths.mergedOurs]);
  if (ours.code !== 0) throw failed('merge (ours)', ours);
  const m = lastJson(ours.stdout);
  facts.set('etlRows', fmtNum(m.rowsRead));
  facts.set('etlWritten', fmtNum(m.written));
  record('etl ours s', ours.wallS);
  record('etl ours rows/s', m.rowsRead / ours.wallS);
  record('etl ours rss MB', ours.rssKB && ours.rssKB / 1024);
  record('etl ours cpu s', ours.cpuS);
  log(
    `  ours: ${ours.wallS.toFixed(1)} s, ${fmtNum(m.rowsRead / ours.wallS)} rows/s, peak RSS ${ours.rssKB ? fmtNum(ours.rssKB / 1024) : '?'} MB`,
  );
  return m.rowsRead;
}

/** The papaparse version (lib/ at REFERENCE_COMMIT) on the same files; its output compared with ours in repetition 1. */
async function mergeV1(b: Bench, r: number, reps: number, rowsRead: number): Promise<void> {
  const { dataDir, mergedOurs, mergedV1 } = b.paths;
  log(`ETL ${r}/${reps}: before (papaparse, lib/ at ${REFERENCE_COMMIT.slice(0, 7)}) …`);
  const v1 = await runTsx('child.ts', ['merge-v1', dataDir, mergedV1]);
  if (v1.code !== 0) throw failed('merge (v1)', v1);
  record('etl v1 s', v1.wallS);
  record('etl v1 rows/s', rowsRead / v1.wallS);
  record('etl v1 rss MB', v1.rssKB && v1.rssKB / 1024);
  log(`  before: ${v1.wallS.toFixed(1)} s, peak RSS ${v1.rssKB ? fmtNum(v1.rssKB / 1024) : '?'} MB`);
  if (r === 1) {
    const same = (await sha256Of([mergedV1])) === (await sha256Of([mergedOurs]));
    facts.set('v1Identical', same ? 'identical' : 'DIFFERENT');
    if (!same) notes.push('The merged file of the papaparse version differs from ours: see build/bench/merged-v1.csv.');
  }
  rmSync(mergedV1, { force: true });
}

/** Whether the Python output is ours (or, on a subset of the files, the first bytes of ours), as the results say it. */
async function pythonIdentical(b: Bench, py: PythonInput): Promise<string> {
  const { dataDir, mergedOurs, mergedPython } = b.paths;
  const whole = py.dir === dataDir;
  const same = whole
    ? (await sha256Of([mergedPython])) === (await sha256Of([mergedOurs]))
    : spawnSync('cmp', ['-n', String(statSync(mergedPython).size), mergedPython, mergedOurs]).status === 0;
  if (!same) return 'DIFFERENT';
  return whole
    ? 'byte-identical'
    : `byte-identical (on its ${py.files} files: its output is the first ${fmtNum(statSync(mergedPython).size)} bytes of ours)`;
}

/** The original notebook's method (bench/python/merge_original.py), recorded. */
async function mergePython(b: Bench, r: number, reps: number, py: PythonInput): Promise<void> {
  log(`ETL ${r}/${reps}: the notebook's Python method …`);
  const t = await run(PY, [join(ROOT, 'bench', 'python', 'merge_original.py'), py.dir, b.paths.mergedPython]);
  if (t.code !== 0) throw failed('merge (Python)', t);
  const pm = lastJson(t.stdout);
  record('etl python s', t.wallS);
  record('etl python rows/s', pm.rowsRead / t.wallS);
  record('etl python rss MB', t.rssKB && t.rssKB / 1024);
  facts.set('pyRows', fmtNum(pm.rowsRead));
  log(
    `  Python: ${t.wallS.toFixed(1)} s, ${fmtNum(pm.rowsRead / t.wallS)} rows/s, peak RSS ${t.rssKB ? fmtNum(t.rssKB / 1024) : '?'} MB`,
  );
  if (r === 1) {
    facts.set('pyIdentical', await pythonIdentical(b, py));
    if (facts.get('pyIdentical') === 'DIFFERENT')
      notes.push('The merged file of the Python method differs from ours (build/bench/merged-python.csv).');
  }
  rmSync(b.paths.mergedPython, { force: true });
}

/** Why the papaparse version cannot run here, or undefined (then it runs). */
function v1Problem(): string | undefined {
  const reference = loadReference();
  if (!('why' in reference)) return undefined;
  unavailable.set('etl v1', reference.why);
  log(`ETL: the papaparse version is skipped: ${reference.why}`);
  return reference.why;
}

/** The section; without `etl`, only our merge once (the load sections need its file). */
export async function runEtl(b: Bench, eventFiles: string[]): Promise<void> {
  const py = pythonInput(b, eventFiles);
  const reps = b.has('etl') ? b.o.reps : 1;
  const noV1 = b.has('etl') ? v1Problem() : undefined;
  for (let r = 1; r <= reps; r++) {
    const rowsRead = await mergeOurs(b, r, reps);
    if (!b.has('etl')) break;
    if (!noV1) await mergeV1(b, r, reps, rowsRead);
    if (!b.venvProblem) await mergePython(b, r, reps, py);
  }
}

// `npm run bench`: this project's ETL and loader against the tools people would otherwise use, side by
// side in one run, on the same generated data and the same local Cassandra node; writes bench/RESULTS.md.
//
//   npm run bench                       full run: 10 M events, 1 M plays loaded, 3 repetitions (about an hour)
//   npm run bench -- --smoke            small data, one repetition (a few minutes; writes build/bench/RESULTS-smoke.md)
//   npm run bench -- --events 2000000 --load-plays 200000 --reps 1 --only etl,load
//
// Every measured piece runs in its own process (bench/child.ts, the Python scripts, cqlsh, dsbulk,
// cassandra-stress) under GNU time for wall time, CPU time and peak RSS; the node's CPU time comes
// from /proc. The bench starts its own node (127.0.0.51, JMX 7600, home build/bench/cassandra) and
// stops it at the end. Peers that cannot run here are reported as such, with the reason.
//
// This file parses the options, picks the sections and runs them in order; each section is a file
// under bench/sections/, and bench/results.ts writes what they found.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathsOf, type Bench, type Loading } from './context';
import { fmtNum, guarded, log, notes, unavailable } from './figures';
import { prepareLoadFile } from './loadfile';
import { gnuTime } from './measure';
import { startBenchNode, type BenchNode } from './node';
import { parseArgs, ROOT, type Options, type Section } from './options';
import { writeResults } from './results';
import { tableFiles, writeTableFiles, runCqlsh } from './sections/cqlsh';
import { ensureDsbulk, runDsbulk } from './sections/dsbulk';
import { runEquivalence, runEtl } from './sections/etl';
import { eventsPerDay, runGen } from './sections/gen';
import { runLoad } from './sections/load';
import { runPython } from './sections/python';
import { queryParameters } from './sections/queries';
import { ensureStress, runStressSection } from './sections/stress';
import { runSustain } from './sections/sustain';
import { runFanout } from './sections/fanout';
import { runVariants } from './sections/variants';
import { ensureVenv } from './venv';

/** Downloaded peers (dsbulk, cassandra-stress), shared by full and smoke runs. */
const TOOLS = join(ROOT, 'build', 'bench', 'tools');
const LOAD_SECTIONS: Section[] = ['load', 'python', 'cqlsh', 'dsbulk', 'stress', 'variants', 'queries', 'fanout'];

/** The sections of one repetition on the node, in order: [name in the notes, when it runs, the run]. */
const PER_REPETITION: [string, Section[], (l: Loading, r: number) => Promise<void>][] = [
  ['ours', ['load', 'queries'], runLoad],
  ['load python', ['python'], runPython],
  ['cqlsh', ['cqlsh'], runCqlsh],
  ['load dsbulk', ['dsbulk'], runDsbulk],
  ['stress', ['stress'], runStressSection],
];

/** Before any node: the equivalence check, the Python peers, the data, the merge. */
async function offline(b: Bench): Promise<void> {
  const { o } = b;
  log(
    `${o.smoke ? 'smoke run' : 'full run'}: at least ${fmtNum(o.events)} events (${o.days} days, generator target ${fmtNum(eventsPerDay(b))} a day), ${fmtNum(o.loadPlays)} plays loaded, ${o.reps} repetition(s); sections: ${[...o.only].join(', ')}`,
  );
  if (!gnuTime())
    notes.push(
      'GNU time (/usr/bin/time) is not installed: peak RSS is read from VmHWM of the direct child only, and CPU time is not measured (`apt-get install -y time`).',
    );
  if (b.has('etl')) await runEquivalence(b);
  b.venvProblem = b.has('etl') || b.has('python') || b.has('cqlsh') ? await ensureVenv() : undefined;
  if (b.venvProblem) {
    for (const k of ['etl python', 'load python', 'load cqlsh default', 'load cqlsh tuned'])
      unavailable.set(k, b.venvProblem);
  }
  const eventFiles = await runGen(b);
  if (b.has('etl') || !existsSync(b.paths.mergedOurs)) await runEtl(b, eventFiles);
}

/** With the node up: the peers each section needs, fetched once, and what every loader loads. */
async function loading(b: Bench, node: BenchNode, loadedPlays: number): Promise<Loading> {
  const dsbulk = b.has('dsbulk') ? await ensureDsbulk(join(TOOLS, 'dsbulk')) : {};
  if (b.has('dsbulk') && !dsbulk.lib) unavailable.set('load dsbulk', dsbulk.why ?? 'not resolved');
  const stress = b.has('stress') ? await ensureStress(join(TOOLS, 'stress')) : {};
  if (b.has('stress') && !stress.home) unavailable.set('stress', stress.why ?? 'not fetched');
  const questions = b.has('queries') ? await queryParameters(b.paths.loadFile, b.o.queries) : [];
  return {
    ...b,
    client: node.client,
    host: node.host,
    loadedPlays,
    perTable: tableFiles(b),
    dsbulkLib: dsbulk.lib,
    stressHome: stress.home,
    questions,
  };
}

/** The repetitions of the per-repetition sections, then variants, sustain and fanout once. */
async function online(l: Loading): Promise<void> {
  for (let r = 1; r <= l.o.reps; r++) {
    for (const [name, when, section] of PER_REPETITION) {
      if (when.some(l.has)) await guarded(name, r, () => section(l, r));
    }
  }
  if (l.has('variants')) await guarded('variants', 0, () => runVariants(l));
  if (l.has('sustain')) await guarded('sustain', 0, () => runSustain(l));
  if (l.has('fanout')) await guarded('fanout', 0, () => runFanout(l));
}

async function main(): Promise<void> {
  const o: Options = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  mkdirSync(o.work, { recursive: true });
  const b: Bench = { o, paths: pathsOf(o), has: (s: Section) => o.only.has(s) };
  await offline(b);
  if (LOAD_SECTIONS.some(b.has)) {
    const loadedPlays = await prepareLoadFile(b);
    await writeTableFiles(b, tableFiles(b));
    const node = await startBenchNode(o);
    try {
      await online(await loading(b, node, loadedPlays));
    } finally {
      await node.close();
    }
  }
  writeResults(o, startedAt);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});

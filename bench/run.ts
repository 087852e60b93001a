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
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from 'cassandra-driver';
import { configFromEnv, connect, dropKeyspaceCql } from '../lib/cassandra/connection';
import { createTables } from '../lib/load/schema';
import { startLocalCassandra, stopLocalCassandra, type LocalClusterOptions } from '../lib/dev/localnode/localnode';
import { TABLES, rowValues } from '../lib/model/tables';
import { quoteAllCsv, readCsv } from '../lib/etl/csv';
import { readPlays, type Play } from '../lib/etl/events';
import { listenersOf, sessionPlaylist, songInSession } from '../lib/cassandra/queries';
import { checkEquivalence } from './equivalence';

const ROOT = resolve(__dirname, '..');
/** Downloaded peers (dsbulk, cassandra-stress), shared by full and smoke runs. */
const TOOLS = join(ROOT, 'build', 'bench', 'tools');
const SECTIONS = ['gen', 'etl', 'load', 'python', 'cqlsh', 'dsbulk', 'stress', 'variants', 'queries', 'sustain'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
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

function parseArgs(argv: string[]): Options {
  const smoke = argv.includes('--smoke');
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const num = (name: string, dflt: number) => {
    const v = get(name);
    if (v === undefined) return dflt;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
    return Math.floor(n);
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(readFileSync(__filename, 'utf8').split('\n').slice(0, 12).join('\n'));
    process.exit(0);
  }
  const only = new Set<Section>((get('--only') ?? SECTIONS.join(',')).split(',').map((s) => s.trim() as Section));
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (sections: ${SECTIONS.join(', ')})`);
  const work = resolve(get('--work') ?? join(ROOT, 'build', 'bench', smoke ? 'smoke' : 'full'));
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
    results: resolve(get('--results') ?? (smoke ? join(ROOT, 'build', 'bench', 'RESULTS-smoke.md') : join(ROOT, 'bench', 'RESULTS.md'))),
    keepNode: argv.includes('--keep-node'),
  };
}

// ---------------------------------------------------------------------------------------------
// Processes, time, memory, CPU

interface Timed {
  code: number | null;
  stdout: string;
  stderr: string;
  wallS: number;
  /** Peak RSS of the largest process of the tree, KB (GNU time %M, else VmHWM of the direct child). */
  rssKB?: number;
  /** User + system CPU of the process and its waited-for children, s. */
  cpuS?: number;
  /** CPU seconds the Cassandra node used meanwhile. */
  nodeCpuS?: number;
  /** Busy share of the whole machine meanwhile (all processes, all cores), 0–1. */
  machineBusy?: number;
}

const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0 ? '/usr/bin/time' : undefined;
let cassandraPid: number | undefined;

function cpuSecondsOf(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

async function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; quiet?: boolean } = {}): Promise<Timed> {
  const timeFile = join(tmpDir(), `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const [c, a] = GNU_TIME ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const node0 = cpuSecondsOf(cassandraPid);
  const m0 = machineTicks();
  const t0 = process.hrtime.bigint();
  return new Promise<Timed>((resolveRun, reject) => {
    const child = spawn(c, a, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); if (stdout.length > 4e6) stdout = stdout.slice(-2e6); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); if (stderr.length > 4e6) stderr = stderr.slice(-2e6); });
    const poll = GNU_TIME ? undefined : setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwm = Math.max(hwm, Number(m[1]));
      } catch { /* gone */ }
    }, 100);
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      const node1 = cpuSecondsOf(cassandraPid);
      const m1 = machineTicks();
      let rssKB: number | undefined = hwm || undefined;
      let cpuS: number | undefined;
      if (GNU_TIME && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
        if (m) {
          rssKB = Number(m[2]);
          cpuS = Number(m[3]) + Number(m[4]);
        }
        rmSync(timeFile, { force: true });
      }
      resolveRun({
        code, stdout, stderr, wallS, rssKB, cpuS,
        nodeCpuS: node0 !== undefined && node1 !== undefined ? node1 - node0 : undefined,
        machineBusy: m0 && m1 && m1.total > m0.total ? (m1.busy - m0.busy) / (m1.total - m0.total) : undefined,
      });
    });
  });
}

function tsx(script: string, ...args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', join(ROOT, 'bench', script), ...args]];
}

function lastJson(text: string): Record<string, any> {
  const line = text.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON result in output:\n${text.slice(-2000)}`);
  return JSON.parse(line);
}

function tmpDir(): string {
  const d = join(ROOT, 'build', 'bench', 'tmp');
  mkdirSync(d, { recursive: true });
  return d;
}

function failed(what: string, t: Timed): Error {
  return new Error(`${what} failed (exit ${t.code}):\n${(t.stderr || t.stdout).trim().split('\n').slice(-25).join('\n')}`);
}

async function sha256Of(files: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) {
    await new Promise<void>((res, rej) => {
      createReadStream(f).on('data', (d) => h.update(d)).on('end', () => res()).on('error', rej);
    });
  }
  return h.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Figures

interface Figure {
  values: number[];
}
const figures = new Map<string, Figure>();
const notes: string[] = [];
const unavailable = new Map<string, string>();
const facts = new Map<string, string>();

function record(name: string, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value)) return;
  const f = figures.get(name) ?? { values: [] };
  f.values.push(value);
  figures.set(name, f);
}
function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function stat(name: string): { median: number; min: number; max: number; n: number } | undefined {
  const f = figures.get(name);
  if (!f || !f.values.length) return undefined;
  return { median: median(f.values), min: Math.min(...f.values), max: Math.max(...f.values), n: f.values.length };
}
const fmtNum = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
function show(name: string, digits = 0, unit = ''): string {
  const s = stat(name);
  if (!s) return unavailable.has(name) ? 'not run' : '—';
  const u = unit ? ` ${unit}` : '';
  if (s.n === 1) return `${fmtNum(s.median, digits)}${u}`;
  return `${fmtNum(s.median, digits)}${u} (${fmtNum(s.min, digits)}–${fmtNum(s.max, digits)})`;
}
function ratio(a: string, b: string, digits = 1): string {
  const x = stat(a);
  const y = stat(b);
  return x && y && y.median > 0 ? `${fmtNum(x.median / y.median, digits)}×` : '—';
}
/** A peer (or our own run) that fails is reported, and the bench goes on with the others. */
function peerFailed(name: string, rep: number, err: unknown): void {
  const first = String(err instanceof Error ? err.message : err).split('\n').slice(0, 3).join(' ').slice(0, 400);
  log(`  ${name} failed${rep ? ` in repetition ${rep}` : ''}: ${first}`);
  notes.push(`${name} failed${rep ? ` in repetition ${rep}` : ''}: ${first}`);
}
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------------------------------------
// Peers: what they need

const VENV = join(ROOT, 'build', 'bench-venv');
const PY = join(VENV, 'bin', 'python');
const CQLSH = join(VENV, 'bin', 'cqlsh');

async function ensureVenv(): Promise<string | undefined> {
  const req = join(ROOT, 'bench', 'requirements.txt');
  const stamp = join(VENV, '.requirements.sha256');
  const want = createHash('sha256').update(readFileSync(req)).digest('hex');
  if (existsSync(PY) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return undefined;
  log(`installing the Python peers (${req}) into ${VENV} …`);
  const py = spawnSync('python3', ['--version']);
  if (py.status !== 0) return 'python3 is not installed';
  if (!existsSync(PY)) {
    const v = await run('python3', ['-m', 'venv', VENV]);
    if (v.code !== 0) return `python3 -m venv failed: ${v.stderr.trim().split('\n').pop()}`;
  }
  const pip = await run(PY, ['-m', 'pip', 'install', '--quiet', '-r', req], { timeoutMs: 15 * 60_000 });
  if (pip.code !== 0) return `pip install -r bench/requirements.txt failed: ${pip.stderr.trim().split('\n').slice(-3).join(' ')}`;
  writeFileSync(stamp, want);
  return undefined;
}

const DSBULK_VERSION = '1.10.0';
const STRESS_VERSION = '3.11.5';

/**
 * dsbulk from Maven Central: its binary distribution (`dsbulk-distribution` tar.gz) is not there, nor
 * are the 1.11 modules; the 1.10.0 modules are, so the runner, the load workflow, the CSV connector and
 * their dependencies are resolved into one classpath. Returns the lib folder, or the reason it failed.
 */
async function ensureDsbulk(dir: string): Promise<{ lib?: string; why?: string }> {
  const lib = join(dir, 'lib');
  if (existsSync(join(lib, `dsbulk-runner-${DSBULK_VERSION}.jar`))) return { lib };
  if (spawnSync('mvn', ['--version']).status !== 0) return { why: 'Maven (mvn) is not installed' };
  mkdirSync(dir, { recursive: true });
  const deps = ['dsbulk-runner', 'dsbulk-workflow-load', 'dsbulk-connectors-csv', 'dsbulk-executor-reactor', 'dsbulk-batcher-reactor']
    .map((a) => `<dependency><groupId>com.datastax.oss</groupId><artifactId>${a}</artifactId><version>${DSBULK_VERSION}</version></dependency>`)
    .join('\n    ');
  writeFileSync(join(dir, 'pom.xml'), `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sparkify.bench</groupId><artifactId>dsbulk-classpath</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    ${deps}
  </dependencies>
</project>
`);
  log(`resolving dsbulk ${DSBULK_VERSION} from Maven Central …`);
  const r = await run('mvn', ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'], { cwd: dir, timeoutMs: 15 * 60_000 });
  if (r.code !== 0) return { why: `mvn could not resolve the dsbulk ${DSBULK_VERSION} modules: ${r.stdout.split('\n').find((l) => l.includes('ERROR')) ?? r.stderr.slice(-300)}` };
  return { lib };
}

/**
 * cassandra-stress: not in cassandra-all's jars, and no `cassandra-stress` or 5.0 `apache-cassandra`
 * bin tarball is on Maven Central. The newest bin tarball there is 3.11.5's, whose tools/bin/cassandra-stress
 * speaks the native protocol v4 that a 5.0 node still serves; it runs on Java 17 as a client.
 */
async function ensureStress(dir: string): Promise<{ home?: string; why?: string }> {
  const home = join(dir, `apache-cassandra-${STRESS_VERSION}`);
  if (existsSync(join(home, 'tools', 'lib', 'stress.jar'))) return { home };
  if (spawnSync('mvn', ['--version']).status !== 0) return { why: 'Maven (mvn) is not installed' };
  mkdirSync(dir, { recursive: true });
  log(`fetching apache-cassandra ${STRESS_VERSION} (bin tarball, for tools/bin/cassandra-stress) from Maven Central …`);
  const r = await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=org.apache.cassandra:apache-cassandra:${STRESS_VERSION}:tar.gz:bin`, `-DoutputDirectory=${dir}`], { cwd: dir, timeoutMs: 15 * 60_000 });
  const tar = join(dir, `apache-cassandra-${STRESS_VERSION}-bin.tar.gz`);
  if (r.code !== 0 || !existsSync(tar)) return { why: `mvn could not fetch org.apache.cassandra:apache-cassandra:${STRESS_VERSION}:tar.gz:bin` };
  const x = await run('tar', ['xzf', tar, '-C', dir]);
  if (x.code !== 0) return { why: `could not unpack ${tar}` };
  rmSync(tar, { force: true });
  return { home };
}

// ---------------------------------------------------------------------------------------------
// Cassandra helpers

async function freshKeyspace(client: Client, keyspace: string, withTables = true): Promise<void> {
  await client.execute(dropKeyspaceCql(keyspace));
  await client.execute(`CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  if (withTables) await createTables(client, keyspace);
}
async function countRows(client: Client, keyspace: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await client.execute(`SELECT count(*) AS n FROM ${keyspace}.${t.name}`, [], { readTimeout: 120_000 });
    out[t.name] = Number(r.first().n);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The bench

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  mkdirSync(o.work, { recursive: true });
  const has = (s: Section) => o.only.has(s);
  // The generator's per-day target is an average it lands a few percent under (sessions end early at
  // midnight); aim 8 % higher so that the files hold at least the requested number of events.
  const eventsPerDay = Math.ceil((o.events / o.days) * 1.08);
  const dataDir = join(o.work, `events-${o.events}-d${o.days}-u${o.users}-seed${o.seed}`);
  const mergedOurs = join(o.work, 'merged-ours.csv');
  const mergedPython = join(o.work, 'merged-python.csv');
  const mergedV1 = join(o.work, 'merged-v1.csv');
  const loadFile = join(o.work, `load-${o.loadPlays}.csv`);
  log(`${o.smoke ? 'smoke run' : 'full run'}: at least ${fmtNum(o.events)} events (${o.days} days, generator target ${fmtNum(eventsPerDay)} a day), ${fmtNum(o.loadPlays)} plays loaded, ${o.reps} repetition(s); sections: ${[...o.only].join(', ')}`);
  if (!GNU_TIME) notes.push('GNU time (/usr/bin/time) is not installed: peak RSS is read from VmHWM of the direct child only, and CPU time is not measured (`apt-get install -y time`).');

  // Equivalence of the fast ETL with the papaparse version (cheap, so always).
  if (has('etl')) {
    const eq = await checkEquivalence(o.smoke ? 150 : 600, 1, () => undefined);
    facts.set('equivalence', `${fmtNum(eq.cases)} seeded mangled folders, ${fmtNum(eq.comparisons)} comparisons (read sizes 1 B to 1 MiB): merged bytes, reports and errors identical to the papaparse version`);
    log(`equivalence: ${facts.get('equivalence')}`);
  }

  // Python peers.
  const venvProblem = has('etl') || has('python') || has('cqlsh') ? await ensureVenv() : undefined;
  if (venvProblem) {
    for (const k of ['etl python', 'load python', 'load cqlsh default', 'load cqlsh tuned']) unavailable.set(k, venvProblem);
  }

  // 1. Generate (and check: same seed, same bytes).
  let dataHash: string | undefined;
  const needData = !existsSync(dataDir) || readdirSync(dataDir).filter((f) => f.endsWith('-events.csv')).length !== o.days;
  const genReps = has('gen') ? o.reps : needData ? 1 : 0;
  for (let r = 1; r <= genReps; r++) {
    log(`generate ${r}/${genReps}: ${fmtNum(o.events)} events into ${dataDir} …`);
    rmSync(dataDir, { recursive: true, force: true });
    const [c, a] = tsx('child.ts', 'generate', dataDir, String(eventsPerDay), String(o.days), String(o.users), String(o.seed));
    const t = await run(c, a);
    if (t.code !== 0) throw failed('generate', t);
    const g = lastJson(t.stdout);
    record('gen events/s', g.eventsPerSecond);
    record('gen s', g.elapsedMs / 1000);
    record('gen rss MB', t.rssKB !== undefined ? t.rssKB / 1024 : undefined);
    facts.set('events', fmtNum(g.events));
    facts.set('plays', fmtNum(g.plays));
    facts.set('eventBytes', `${fmtNum(g.bytes / 1e6, 0)} MB in ${g.files} daily files`);
    const h = await sha256Of(readdirSync(dataDir).sort().map((f) => join(dataDir, f)));
    if (dataHash && h !== dataHash) notes.push(`The generator gave different bytes for the same seed in repetition ${r} (sha256 ${h} vs ${dataHash}).`);
    dataHash = h;
    log(`  ${fmtNum(g.events)} events in ${(g.elapsedMs / 1000).toFixed(1)} s (${fmtNum(g.eventsPerSecond)} events/s), peak RSS ${t.rssKB ? fmtNum(t.rssKB / 1024) : '?'} MB`);
  }
  if (dataHash && o.reps > 1 && has('gen')) facts.set('sameBytes', `all ${o.reps} generations with seed ${o.seed} gave the same bytes (sha256 ${dataHash.slice(0, 16)}…)`);
  const eventFiles = readdirSync(dataDir).filter((f) => f.endsWith('-events.csv')).sort();
  const eventBytes = eventFiles.reduce((s, f) => s + statSync(join(dataDir, f)).size, 0);
  facts.set('eventBytes', `${fmtNum(eventBytes / 1e6, 0)} MB in ${eventFiles.length} daily files`);

  // 2. ETL: ours, the papaparse version before this work, the original notebook's Python method.
  if (has('etl') || !existsSync(mergedOurs)) {
    // The notebook's method holds every row in memory (~9 bytes of RSS per input byte): give it the
    // files that fit in 60 % of the memory available now, and say so when that is not all of them.
    const avail = availableMemory();
    let pyFiles = eventFiles.length;
    while (pyFiles > 1 && eventFiles.slice(0, pyFiles).reduce((s, f) => s + statSync(join(dataDir, f)).size, 0) * 9 > 0.6 * avail) pyFiles--;
    let pyDir = dataDir;
    if (pyFiles < eventFiles.length) {
      pyDir = join(o.work, 'events-python-subset');
      rmSync(pyDir, { recursive: true, force: true });
      mkdirSync(pyDir);
      const { symlinkSync } = await import('node:fs');
      for (const f of eventFiles.slice(0, pyFiles)) symlinkSync(join(dataDir, f), join(pyDir, f));
      notes.push(`The Python merge keeps every row in memory; with ${fmtNum(avail / 2 ** 30, 1)} GiB available it was given the first ${pyFiles} of ${eventFiles.length} daily files (its rate is compared per row).`);
    }
    const reps = has('etl') ? o.reps : 1;
    for (let r = 1; r <= reps; r++) {
      log(`ETL ${r}/${reps}: ours …`);
      const [c, a] = tsx('child.ts', 'merge', dataDir, mergedOurs);
      const ours = await run(c, a);
      if (ours.code !== 0) throw failed('merge (ours)', ours);
      const m = lastJson(ours.stdout);
      facts.set('etlRows', fmtNum(m.rowsRead));
      facts.set('etlWritten', fmtNum(m.written));
      record('etl ours s', ours.wallS);
      record('etl ours rows/s', m.rowsRead / ours.wallS);
      record('etl ours rss MB', ours.rssKB && ours.rssKB / 1024);
      record('etl ours cpu s', ours.cpuS);
      log(`  ours: ${ours.wallS.toFixed(1)} s, ${fmtNum(m.rowsRead / ours.wallS)} rows/s, peak RSS ${ours.rssKB ? fmtNum(ours.rssKB / 1024) : '?'} MB`);
      if (!has('etl')) break;

      log(`ETL ${r}/${reps}: before (papaparse, bench/reference) …`);
      const [c1, a1] = tsx('child.ts', 'merge-v1', dataDir, mergedV1);
      const v1 = await run(c1, a1);
      if (v1.code !== 0) throw failed('merge (v1)', v1);
      record('etl v1 s', v1.wallS);
      record('etl v1 rows/s', m.rowsRead / v1.wallS);
      record('etl v1 rss MB', v1.rssKB && v1.rssKB / 1024);
      log(`  before: ${v1.wallS.toFixed(1)} s, peak RSS ${v1.rssKB ? fmtNum(v1.rssKB / 1024) : '?'} MB`);
      if (r === 1) {
        const same = (await sha256Of([mergedV1])) === (await sha256Of([mergedOurs]));
        facts.set('v1Identical', same ? 'identical' : 'DIFFERENT');
        if (!same) notes.push('The merged file of the papaparse version differs from ours: see build/bench/merged-v1.csv.');
      }
      rmSync(mergedV1, { force: true });

      if (!venvProblem) {
        log(`ETL ${r}/${reps}: the notebook's Python method …`);
        const py = await run(PY, [join(ROOT, 'bench', 'python', 'merge_original.py'), pyDir, mergedPython]);
        if (py.code !== 0) throw failed('merge (Python)', py);
        const pm = lastJson(py.stdout);
        record('etl python s', py.wallS);
        record('etl python rows/s', pm.rowsRead / py.wallS);
        record('etl python rss MB', py.rssKB && py.rssKB / 1024);
        facts.set('pyRows', fmtNum(pm.rowsRead));
        log(`  Python: ${py.wallS.toFixed(1)} s, ${fmtNum(pm.rowsRead / py.wallS)} rows/s, peak RSS ${py.rssKB ? fmtNum(py.rssKB / 1024) : '?'} MB`);
        if (r === 1) {
          // On a subset of the files, the Python output must be the first bytes of ours.
          const same = pyDir === dataDir
            ? (await sha256Of([mergedPython])) === (await sha256Of([mergedOurs]))
            : spawnSync('cmp', ['-n', String(statSync(mergedPython).size), mergedPython, mergedOurs]).status === 0;
          facts.set('pyIdentical', same ? (pyDir === dataDir ? 'byte-identical' : `byte-identical (on its ${pyFiles} files: its output is the first ${fmtNum(statSync(mergedPython).size)} bytes of ours)`) : 'DIFFERENT');
          if (!same) notes.push('The merged file of the Python method differs from ours (build/bench/merged-python.csv).');
        }
        rmSync(mergedPython, { force: true });
      }
    }
  }

  const loadSections = (['load', 'python', 'cqlsh', 'dsbulk', 'stress', 'variants', 'queries'] as Section[]).filter(has);
  if (!loadSections.length) return writeResults(o, startedAt);

  // 3. The load file: the first N plays of the merged file (the same file for every loader).
  if (!existsSync(loadFile) || statSync(loadFile).mtimeMs < statSync(mergedOurs).mtimeMs) {
    log(`writing the load file: the first ${fmtNum(o.loadPlays)} plays of the merged file …`);
    const w = createWriteStream(loadFile);
    let n = -1;
    outer: for await (const b of readCsv(mergedOurs)) {
      const rows: string[][] = [];
      for (const rec of b.records) {
        if (n++ >= o.loadPlays) break;
        rows.push(rec.fields);
      }
      if (rows.length && !w.write(quoteAllCsv(rows))) await new Promise<void>((r) => w.once('drain', () => r()));
      if (n > o.loadPlays) break outer;
    }
    await new Promise((r) => w.end(r));
  }
  const loadedPlays = Math.min(o.loadPlays, (await countLines(loadFile)) - 1);
  facts.set('loadPlays', fmtNum(loadedPlays));
  facts.set('loadBytes', `${fmtNum(statSync(loadFile).size / 1e6, 0)} MB`);

  // cqlsh COPY FROM takes CSV columns in table column order: one file per table, written from the load file.
  const perTable = TABLES.map((t) => ({ table: t, file: join(o.work, `load-${o.loadPlays}-${t.name}.csv`) }));
  if (has('cqlsh') && !venvProblem && perTable.some((p) => !existsSync(p.file) || statSync(p.file).mtimeMs < statSync(loadFile).mtimeMs)) {
    const t0 = Date.now();
    const writers = perTable.map((p) => createWriteStream(p.file));
    writers.forEach((w, i) => w.write(quoteAllCsv([perTable[i].table.columns.map((c) => c.name)])));
    for await (const b of readPlays(loadFile)) {
      for (const [i, p] of perTable.entries()) {
        const rows = b.plays.map(({ play }) => rowValues(p.table, play).map(String));
        if (!writers[i].write(quoteAllCsv(rows))) await new Promise<void>((r) => writers[i].once('drain', () => r()));
      }
    }
    await Promise.all(writers.map((w) => new Promise((r) => w.end(r))));
    facts.set('perTableSplit', `${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  // 4. The node.
  const nodeOpts: LocalClusterOptions = {
    baseAddress: '127.0.0.51', jmxPort: 7600, home: join(o.work, 'cassandra'), heap: '2G', newHeap: '400M',
    extraYaml: { auto_snapshot: false }, log: (l) => log(`  ${l}`),
  };
  log('starting the bench node (127.0.0.51, JMX 7600) …');
  const started = await startLocalCassandra(nodeOpts);
  if (started.foreign) throw new Error(`something else answers CQL at 127.0.0.51:9042: ${started.message}`);
  cassandraPid = started.nodes[0].pid;
  const host = '127.0.0.51';
  const stopNode = async () => {
    if (o.keepNode || !started.started) return;
    log('stopping the bench node …');
    await stopLocalCassandra(nodeOpts).catch((e) => log(`  could not stop it: ${e}`));
  };
  process.once('SIGINT', () => { void stopNode().then(() => process.exit(130)); });
  const client = await connect(configFromEnv({ ...process.env, CASSANDRA_CONTACT_POINTS: host, SPARKIFY_KEYSPACE: 'bench_ours' }), { waitMs: 60_000 });
  const javaVersion = (spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr ?? '').split('\n')[0];
  facts.set('java', javaVersion);

  try {
    const dsbulk = has('dsbulk') ? await ensureDsbulk(join(TOOLS, 'dsbulk')) : {};
    if (has('dsbulk') && !dsbulk.lib) unavailable.set('load dsbulk', dsbulk.why ?? 'not resolved');
    const stress = has('stress') ? await ensureStress(join(TOOLS, 'stress')) : {};
    if (has('stress') && !stress.home) unavailable.set('stress', stress.why ?? 'not fetched');
    const qParams = has('queries') ? await queryParameters(loadFile, o.queries) : [];

    for (let r = 1; r <= o.reps; r++) {
      if (has('load') || has('queries')) { try {
        log(`load ${r}/${o.reps}: ours (lib/load loadTables, UNLOGGED batches of ${o.batchRows} rows packed by replica and partition, concurrency ${o.concurrency}) …`);
        await freshKeyspace(client, 'bench_ours');
        const [c, a] = tsx('child.ts', 'load', loadFile, host, 'bench_ours', String(o.concurrency), String(o.batchRows));
        const t = await run(c, a);
        if (t.code !== 0) throw failed('load (ours)', t);
        const res = lastJson(t.stdout);
        if (res.failed) notes.push(`Our load ${r} reported ${res.failed} failed inserts.`);
        record('load ours rows/s', res.rows / (res.ms / 1000));
        record('load ours inserts/s', (3 * res.rows) / (res.ms / 1000));
        record('load ours s', res.ms / 1000);
        record('load ours client cores', t.cpuS !== undefined ? t.cpuS / t.wallS : undefined);
        record('load ours node cores', t.nodeCpuS !== undefined ? t.nodeCpuS / t.wallS : undefined);
        record('load ours machine busy %', t.machineBusy !== undefined ? 100 * t.machineBusy : undefined);
        record('load ours rss MB', t.rssKB && t.rssKB / 1024);
        record('load ours retries', res.retries);
        record('load ours requests/play', res.requests / res.rows);
        facts.set('loadBalancing', String(res.loadBalancing));
        log(`  ours: ${fmtNum(res.rows)} plays in ${(res.ms / 1000).toFixed(1)} s = ${fmtNum(res.rows / (res.ms / 1000))} plays/s (${fmtNum((3 * res.rows) / (res.ms / 1000))} inserts/s, ${(res.requests / res.rows).toFixed(2)} requests per play); client ${t.cpuS !== undefined ? (t.cpuS / t.wallS).toFixed(2) : '?'} cores, node ${t.nodeCpuS !== undefined ? (t.nodeCpuS / t.wallS).toFixed(2) : '?'} cores, machine ${t.machineBusy !== undefined ? (100 * t.machineBusy).toFixed(0) : '?'} % busy`);
        if (r === 1) {
          const counts = await countRows(client, 'bench_ours');
          facts.set('oursCounts', Object.entries(counts).map(([k, v]) => `${k} ${fmtNum(v)}`).join(', '));
        }
        if (has('queries')) {
          log(`queries ${r}/${o.reps}: ${fmtNum(qParams.length)} mixed questions, one at a time …`);
          const lat = await measureQueries(client, 'bench_ours', qParams);
          for (const [k, v] of Object.entries(lat)) record(`q ${k}`, v);
          log(`  p50 ${lat['all p50'].toFixed(2)} ms, p99 ${lat['all p99'].toFixed(2)} ms`);
        }
        await client.execute(dropKeyspaceCql('bench_ours'));

        log(`load ${r}/${o.reps}: one INSERT per request (loadTables batchRows 1, the previous loader), concurrency ${o.concurrency} …`);
        await freshKeyspace(client, 'bench_ours');
        const [c2, a2] = tsx('child.ts', 'load', loadFile, host, 'bench_ours', String(o.concurrency), '1');
        const t2 = await run(c2, a2);
        if (t2.code !== 0) throw failed('load (batchRows 1)', t2);
        const res2 = lastJson(t2.stdout);
        if (res2.failed) notes.push(`The batchRows 1 load ${r} reported ${res2.failed} failed rows.`);
        record('load single rows/s', res2.rows / (res2.ms / 1000));
        record('load single inserts/s', (3 * res2.rows) / (res2.ms / 1000));
        record('load single client cores', t2.cpuS !== undefined ? t2.cpuS / t2.wallS : undefined);
        record('load single node cores', t2.nodeCpuS !== undefined ? t2.nodeCpuS / t2.wallS : undefined);
        record('load single rss MB', t2.rssKB && t2.rssKB / 1024);
        record('load single machine busy %', t2.machineBusy !== undefined ? 100 * t2.machineBusy : undefined);
        record('load single requests/play', res2.requests / res2.rows);
        log(`  one INSERT per request: ${fmtNum(res2.rows / (res2.ms / 1000))} plays/s; client ${t2.cpuS !== undefined ? (t2.cpuS / t2.wallS).toFixed(2) : '?'} cores, node ${t2.nodeCpuS !== undefined ? (t2.nodeCpuS / t2.wallS).toFixed(2) : '?'} cores`);
        if (r === 1) {
          const counts = await countRows(client, 'bench_ours');
          facts.set('singleCounts', Object.entries(counts).map(([k, v]) => `${k} ${fmtNum(v)}`).join(', '));
        }
        await client.execute(dropKeyspaceCql('bench_ours'));
      } catch (err) { peerFailed('ours', r, err); } }

      if (has('python') && !venvProblem) { try {
        const sample = Math.min(o.pythonSample, loadedPlays);
        log(`load ${r}/${o.reps}: the notebook's Python method (sync, unprepared, one execute per row and table) on ${fmtNum(sample)} plays …`);
        await freshKeyspace(client, 'bench_python');
        const t = await run(PY, [join(ROOT, 'bench', 'python', 'load_original.py'), host, '9042', 'bench_python', loadFile, String(sample)]);
        if (t.code !== 0) throw failed('load (Python)', t);
        const res = lastJson(t.stdout);
        record('load python rows/s', res.rows / res.seconds);
        record('load python inserts/s', res.insertsPerSecond);
        record('load python client cores', t.cpuS !== undefined ? t.cpuS / t.wallS : undefined);
        record('load python node cores', t.nodeCpuS !== undefined ? t.nodeCpuS / t.wallS : undefined);
        facts.set('pythonSample', fmtNum(sample));
        log(`  Python: ${fmtNum(res.rows / res.seconds)} plays/s (${fmtNum(res.insertsPerSecond)} inserts/s)`);
        await client.execute(dropKeyspaceCql('bench_python'));
      } catch (err) { peerFailed('load python', r, err); } }

      if (has('cqlsh') && !venvProblem) { try {
        const variants: [string, string][] = [
          ['default', 'HEADER = TRUE'],
          ['tuned', 'HEADER = TRUE AND NUMPROCESSES = 2 AND CHUNKSIZE = 10000 AND INGESTRATE = 1000000'],
        ];
        for (const [name, withOpts] of variants) {
          log(`load ${r}/${o.reps}: cqlsh COPY FROM (${name}) …`);
          await freshKeyspace(client, 'bench_cqlsh');
          let wall = 0;
          let cpu = 0;
          let node = 0;
          let imported = 0;
          for (const p of perTable) {
            const cols = p.table.columns.map((c) => c.name).join(', ');
            const t = await run(CQLSH, [host, '9042', '--request-timeout=60', '-e', `COPY bench_cqlsh.${p.table.name} (${cols}) FROM '${p.file}' WITH ${withOpts}`]);
            const m = /(\d+) rows imported/.exec(t.stdout + t.stderr);
            if (t.code !== 0 && !m) throw failed(`cqlsh COPY (${name})`, t);
            const timeouts = (t.stdout + t.stderr).match(/Failed to import \d+ rows: \w+/g) ?? [];
            if (timeouts.length) notes.push(`cqlsh COPY (${name}) run ${r}, ${p.table.name}: ${timeouts.length} batches failed and were retried (${[...new Set(timeouts.map((x) => x.split(': ')[1]))].join(', ')}); exit code ${t.code}.`);
            imported += m ? Number(m[1]) : 0;
            wall += t.wallS;
            cpu += t.cpuS ?? NaN;
            node += t.nodeCpuS ?? NaN;
          }
          if (imported !== 3 * loadedPlays) notes.push(`cqlsh COPY (${name}) run ${r} imported ${fmtNum(imported)} rows, not ${fmtNum(3 * loadedPlays)}.`);
          record(`load cqlsh ${name} rows/s`, loadedPlays / wall);
          record(`load cqlsh ${name} inserts/s`, imported / wall);
          record(`load cqlsh ${name} client cores`, cpu / wall);
          record(`load cqlsh ${name} node cores`, node / wall);
          log(`  cqlsh ${name}: ${fmtNum(loadedPlays / wall)} plays/s (${fmtNum(imported / wall)} rows/s into the three tables)`);
          await client.execute(dropKeyspaceCql('bench_cqlsh'));
        }
      } catch (err) { peerFailed('cqlsh', r, err); } }

      if (has('dsbulk') && dsbulk.lib) { try {
        log(`load ${r}/${o.reps}: dsbulk ${DSBULK_VERSION} (one run per table, mapping the merged file's header) …`);
        await freshKeyspace(client, 'bench_dsbulk');
        let wall = 0;
        let cpu = 0;
        let node = 0;
        for (const t of TABLES) {
          const mapping = t.columns.map((c) => `${c.from}=${c.name}`).join(', ');
          const res = await run('java', [
            '-Xmx1G', '-cp', `${dsbulk.lib}/*`, 'com.datastax.oss.dsbulk.runner.DataStaxBulkLoader', 'load',
            '-url', loadFile, '-k', 'bench_dsbulk', '-t', t.name, '-header', 'true', '-m', mapping,
            '-h', host, '-port', '9042', '-logDir', join(o.work, 'dsbulk-logs'), '--log.verbosity', '1',
          ]);
          if (res.code !== 0) throw failed(`dsbulk (${t.name})`, res);
          const errs = /total \| failed[^\n]*\n\s*([\d,]+) \|\s*([\d,]+)/.exec(res.stdout);
          if (errs && Number(errs[2].replace(/,/g, '')) > 0) notes.push(`dsbulk run ${r} (${t.name}) reported ${errs[2]} failed rows.`);
          wall += res.wallS;
          cpu += res.cpuS ?? NaN;
          node += res.nodeCpuS ?? NaN;
        }
        record('load dsbulk rows/s', loadedPlays / wall);
        record('load dsbulk inserts/s', (3 * loadedPlays) / wall);
        record('load dsbulk client cores', cpu / wall);
        record('load dsbulk node cores', node / wall);
        log(`  dsbulk: ${fmtNum(loadedPlays / wall)} plays/s (${fmtNum((3 * loadedPlays) / wall)} inserts/s, JVM start included)`);
        if (r === 1) {
          const counts = await countRows(client, 'bench_dsbulk');
          facts.set('dsbulkCounts', Object.entries(counts).map(([k, v]) => `${k} ${fmtNum(v)}`).join(', '));
        }
        await client.execute(dropKeyspaceCql('bench_dsbulk'));
      } catch (err) { peerFailed('load dsbulk', r, err); } }

      if (has('stress') && stress.home) { try {
        const n = Math.min(3 * loadedPlays, o.smoke ? 20_000 : 600_000);
        log(`load ${r}/${o.reps}: cassandra-stress ${STRESS_VERSION} (user profile bench/stress/plays.yaml, ${fmtNum(n)} inserts, ${o.stressThreads} threads) …`);
        await client.execute(dropKeyspaceCql('bench_stress'));
        const t = await runStress(stress.home, n, o.stressThreads);
        if (t.code !== 0) throw failed('cassandra-stress', t);
        const m = /Op rate\s*:\s*([\d,]+) op\/s/.exec(t.stdout);
        if (!m) throw new Error(`cassandra-stress printed no op rate:\n${t.stdout.slice(-1500)}`);
        record('stress inserts/s', Number(m[1].replace(/,/g, '')));
        record('stress client cores', t.cpuS !== undefined ? t.cpuS / t.wallS : undefined);
        record('stress node cores', t.nodeCpuS !== undefined ? t.nodeCpuS / t.wallS : undefined);
        log(`  stress: ${m[1]} inserts/s`);
        await client.execute(dropKeyspaceCql('bench_stress'));
      } catch (err) { peerFailed('stress', r, err); } }
    }

    // 5. What limits the loader: concurrency with one INSERT per request, and batch size × concurrency
    // for the batched loader (lib/load loadTables both; once each, on a sample).
    if (has('variants')) { try {
      const sampleFile = join(o.work, `load-sample.csv`);
      const sample = Math.min(loadedPlays, o.smoke ? 5_000 : 200_000);
      await headLines(loadFile, sampleFile, sample + 1);
      facts.set('variantSample', fmtNum(sample));
      const sweep = o.smoke ? [16, 256] : [8, 32, 64, 256, 1024];
      for (const conc of sweep) {
        log(`variants: loadTables batchRows 1 (one INSERT per request), concurrency ${conc}, ${fmtNum(sample)} plays …`);
        await freshKeyspace(client, 'bench_variant');
        const [c, a] = tsx('child.ts', 'load', sampleFile, host, 'bench_variant', String(conc), '1');
        const t = await run(c, a);
        if (t.code !== 0) throw failed(`load (batchRows 1, concurrency ${conc})`, t);
        const res = lastJson(t.stdout);
        record(`variant c${conc} rows/s`, res.rows / (res.ms / 1000));
        record(`variant c${conc} client cores`, t.cpuS !== undefined ? t.cpuS / t.wallS : undefined);
        record(`variant c${conc} node cores`, t.nodeCpuS !== undefined ? t.nodeCpuS / t.wallS : undefined);
        record(`variant c${conc} retries`, res.retries);
        log(`  ${fmtNum(res.rows / (res.ms / 1000))} plays/s, retries ${res.retries}`);
      }
      for (const [conc, rows] of (o.smoke ? [[64, 5], [64, 20]] : [[16, 20], [64, 5], [64, 10], [64, 20], [64, 40], [256, 20]]) as [number, number][]) {
        log(`variants: loadTables, UNLOGGED batches of ${rows} rows packed by replica and partition, concurrency ${conc} …`);
        await freshKeyspace(client, 'bench_variant');
        const [c, a] = tsx('child.ts', 'load', sampleFile, host, 'bench_variant', String(conc), String(rows));
        const t = await run(c, a);
        if (t.code !== 0) throw failed(`load (batchRows ${rows}, concurrency ${conc})`, t);
        const res = lastJson(t.stdout);
        const k = `variant packed b${rows} c${conc}`;
        record(`${k} rows/s`, res.rows / (res.ms / 1000));
        record(`${k} client cores`, t.cpuS !== undefined ? t.cpuS / t.wallS : undefined);
        record(`${k} node cores`, t.nodeCpuS !== undefined ? t.nodeCpuS / t.wallS : undefined);
        record(`${k} retries`, res.retries);
        record(`${k} requests/play`, res.requests / res.rows);
        log(`  ${fmtNum(res.rows / (res.ms / 1000))} plays/s, ${(res.requests / res.rows).toFixed(2)} requests per play`);
      }
      await client.execute(dropKeyspaceCql('bench_variant'));
      if (has('stress') && stress.home && !o.smoke) {
        for (const threads of [32, 512]) {
          log(`variants: cassandra-stress with ${threads} threads …`);
          await client.execute(dropKeyspaceCql('bench_stress'));
          const t = await runStress(stress.home, 3 * sample, threads);
          const m = /Op rate\s*:\s*([\d,]+) op\/s/.exec(t.stdout);
          if (m) record(`variant stress t${threads} inserts/s`, Number(m[1].replace(/,/g, '')));
        }
        await client.execute(dropKeyspaceCql('bench_stress'));
      }
    } catch (err) { peerFailed('variants', 0, err); } }

    // 6. Sustained: the whole merged file (every play of the generated events, not the load sample) in
    // one load, its rate and RSS per tenth (bench/sustain.ts), once.
    if (has('sustain')) { try {
      log(`sustain: the whole merged file (${facts.get('etlWritten') ?? '?'} plays) with loadTables, once …`);
      await freshKeyspace(client, 'bench_sustain');
      const [c, a] = tsx('sustain.ts', mergedOurs, host, 'bench_sustain', String(o.concurrency), String(o.batchRows));
      const t = await run(c, a, { timeoutMs: 3 * 3600_000 });
      if (t.code !== 0) throw failed('sustained load', t);
      const res = lastJson(t.stdout);
      record('sustain rows/s', res.rows / (res.ms / 1000));
      record('sustain slowest tenth', res.slowestTenth);
      record('sustain fastest tenth', res.fastestTenth);
      record('sustain rss first MB', res.rssFirstTenthMB);
      record('sustain rss last MB', res.rssLastTenthMB);
      record('sustain rss peak MB', t.rssKB ? t.rssKB / 1024 : res.peakRssMB);
      record('sustain retries', res.retries);
      record('sustain client cores', t.cpuS !== undefined ? t.cpuS / t.wallS : undefined);
      record('sustain node cores', t.nodeCpuS !== undefined ? t.nodeCpuS / t.wallS : undefined);
      facts.set('sustainRows', fmtNum(res.rows));
      facts.set('sustainFailed', fmtNum(res.failed));
      facts.set('sustainTransient', Object.entries(res.transient ?? {}).map(([k, v]) => `${k} ${fmtNum(Number(v))}`).join(', '));
      facts.set('sustainTenths', (res.tenths as { tenth: number; playsPerSecond: number; rssMB: number }[])
        .map((x) => `| ${x.tenth * 10} % | ${fmtNum(x.playsPerSecond)} | ${fmtNum(x.rssMB)} MB |`).join('\n'));
      log(`  ${fmtNum(res.rows)} plays in ${(res.ms / 1000).toFixed(0)} s = ${fmtNum(res.rows / (res.ms / 1000))} plays/s; tenths ${fmtNum(res.slowestTenth)}–${fmtNum(res.fastestTenth)} plays/s; RSS ${fmtNum(res.rssFirstTenthMB)} → ${fmtNum(res.rssLastTenthMB)} MB`);
      await client.execute(dropKeyspaceCql('bench_sustain'));
    } catch (err) { peerFailed('sustain', 0, err); } }
  } finally {
    await client.shutdown().catch(() => undefined);
    await stopNode();
  }
  writeResults(o, startedAt);
}

async function runStress(home: string, n: number, threads: number): Promise<Timed> {
  const cp = ['conf', 'tools/lib/*', 'lib/*'].map((p) => join(home, p)).join(':');
  return run('java', [
    '-server', '-Xmx1G', '-cp', cp, `-Dcassandra.storagedir=${join(home, 'data')}`, '-Dlogback.configurationFile=logback-tools.xml',
    'org.apache.cassandra.stress.Stress', 'user', `profile=${join(ROOT, 'bench', 'stress', 'plays.yaml')}`, 'ops(insert=1)', `n=${n}`,
    '-node', '127.0.0.51', '-rate', `threads=${threads}`, '-mode', 'native', 'cql3', 'protocolVersion=4', '-errors', 'ignore',
  ], { cwd: home });
}

function availableMemory(): number {
  try {
    const m = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch { /* not Linux */ }
  return freemem();
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

async function headLines(src: string, dst: string, lines: number): Promise<void> {
  const w = createWriteStream(dst);
  let n = 0;
  for await (const chunk of createReadStream(src) as AsyncIterable<Buffer>) {
    let cut = -1;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      if (++n === lines) { cut = i + 1; break; }
    }
    w.write(cut === -1 ? chunk : chunk.subarray(0, cut));
    if (cut !== -1) break;
  }
  await new Promise((r) => w.end(r));
}

type Question = { q: 1; play: Play } | { q: 2; play: Play } | { q: 3; play: Play };

/** `count` questions with parameters from plays drawn evenly from the load file (seeded), mixed 1/3 each. */
async function queryParameters(file: string, count: number): Promise<Question[]> {
  const plays: Play[] = [];
  let seen = 0;
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for await (const b of readPlays(file)) {
    for (const { play } of b.plays) {
      seen++;
      if (plays.length < count) plays.push(play);
      else {
        const j = Math.floor(rnd() * seen);
        if (j < count) plays[j] = play;
      }
    }
  }
  return plays.map((play, i) => ({ q: ((i % 3) + 1) as 1 | 2 | 3, play }));
}

async function measureQueries(client: Client, keyspace: string, questions: Question[]): Promise<Record<string, number>> {
  const lat: Record<string, number[]> = { q1: [], q2: [], q3: [], all: [] };
  const rows: Record<string, number> = { q1: 0, q2: 0, q3: 0 };
  for (let pass = 0; pass < 2; pass++) {
    // Pass 0 warms up (prepares the statements, fills caches) on the first 300 questions only.
    const list = pass === 0 ? questions.slice(0, 300) : questions;
    for (const x of list) {
      const t0 = process.hrtime.bigint();
      const got =
        x.q === 1 ? await songInSession(client, keyspace, { sessionId: x.play.sessionId, itemInSession: x.play.itemInSession })
          : x.q === 2 ? await sessionPlaylist(client, keyspace, { userId: x.play.userId, sessionId: x.play.sessionId })
            : await listenersOf(client, keyspace, { song: x.play.song });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (pass === 1) {
        lat[`q${x.q}`].push(ms);
        lat.all.push(ms);
        rows[`q${x.q}`] += got.length;
      }
    }
  }
  const pct = (v: number[], p: number) => {
    const s = [...v].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  };
  const out: Record<string, number> = {};
  for (const k of Object.keys(lat)) {
    out[`${k} p50`] = pct(lat[k], 50);
    out[`${k} p99`] = pct(lat[k], 99);
  }
  for (const k of Object.keys(rows)) out[`${k} rows`] = rows[k] / Math.max(1, lat[k].length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// RESULTS.md

function versions(): Record<string, string> {
  const v = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : 'not installed';
  };
  const pyPkgs = existsSync(PY) ? v(PY, ['-c', 'import cassandra, importlib.metadata as m; print("cassandra-driver " + cassandra.__version__ + ", cqlsh " + m.version("cqlsh"))']) : 'not installed';
  return {
    node: process.version,
    'cassandra-driver (Node)': require('cassandra-driver/package.json').version,
    python: existsSync(PY) ? v(PY, ['--version']) : v('python3', ['--version']),
    'Python packages': pyPkgs,
    java: facts.get('java') ?? v('java', ['-version']),
    cassandra: '5.0.6 (lib/localnode: cassandra-all and its dependencies from Maven Central), one node, heap 2G/400M, RF 1',
    dsbulk: `${DSBULK_VERSION} (modules from Maven Central)`,
    'cassandra-stress': `${STRESS_VERSION} (tools/ of the apache-cassandra ${STRESS_VERSION} bin tarball on Maven Central), run as a client against the 5.0.6 node`,
  };
}

function writeResults(o: Options, startedAt: number): void {
  const mins = (Date.now() - startedAt) / 60_000;
  const cpu = cpus()[0]?.model ?? 'unknown';
  const lines: string[] = [];
  const L = (s = '') => lines.push(s);
  L('# Benchmark results');
  L();
  L(`Written by \`npm run bench${o.smoke ? ' -- --smoke' : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (the run took ${mins.toFixed(0)} min). ` +
    `Each figure is the median of ${o.reps} run${o.reps > 1 ? 's' : ''}${o.reps > 1 ? ' with (min–max)' : ''}; every tool ran side by side in the same run, ` +
    'in turn, on the same node and the same data, so ratios are fairer than absolute figures on this shared machine (other test suites ran on it at the same time).');
  L();
  L(`- Machine: ${cpus().length} × ${cpu}, ${fmtNum(totalmem() / 2 ** 30, 0)} GiB RAM, Linux.`);
  for (const [k, v] of Object.entries(versions())) L(`- ${k}: ${v}`);
  L(`- Data: \`generate\` with seed ${o.seed}, ${o.days} days, ${fmtNum(o.users)} users: ${facts.get('events') ?? '?'} events (${facts.get('eventBytes') ?? '?'}), ${facts.get('plays') ?? '?'} plays.`);
  L(`- Loaded: the first ${facts.get('loadPlays') ?? '?'} plays of the merged file (${facts.get('loadBytes') ?? '?'}), into the three tables (3 inserts per play).`);
  L();
  L('## Summary');
  L();
  L('| What | This project | Peer | Ours ÷ peer | Target |');
  L('| --- | --- | --- | --- | --- |');
  L(`| Generator, 10 M-class run: events/s | ${show('gen events/s')} (${show('gen s', 1, 's')} for ${facts.get('events') ?? '?'} events, peak RSS ${show('gen rss MB', 0, 'MB')}) | — | — | 10 M events < 120 s |`);
  L(`| ETL (merge) rows/s | ${show('etl ours rows/s')} | notebook's Python method: ${show('etl python rows/s')} | ${ratio('etl ours rows/s', 'etl python rows/s')} | ≥ 3× |`);
  L(`| ETL time, ${facts.get('etlRows') ?? '?'} rows | ${show('etl ours s', 1, 's')} | Python: ${show('etl python s', 1, 's')}${facts.get('pyRows') && facts.get('pyRows') !== facts.get('etlRows') ? ` (on ${facts.get('pyRows')} rows)` : ''} | — | — |`);
  L(`| ETL peak RSS | ${show('etl ours rss MB', 0, 'MB')} | Python: ${show('etl python rss MB', 0, 'MB')} | — | < 200 MB |`);
  L(`| Load, plays/s (3 inserts each) | ${show('load ours rows/s')} | notebook's Python method (sync, unprepared), on ${facts.get('pythonSample') ?? '?'} plays: ${show('load python rows/s')} | ${ratio('load ours rows/s', 'load python rows/s')} | ≥ 10× |`);
  L(`| Load vs one INSERT per request (batchRows 1, the previous loader), plays/s | ${show('load ours rows/s')} | ${show('load single rows/s')} | ${ratio('load ours rows/s', 'load single rows/s')} | > 1× |`);
  L(`| Load vs cqlsh COPY FROM, defaults | ${show('load ours rows/s')} | ${show('load cqlsh default rows/s')} | ${ratio('load ours rows/s', 'load cqlsh default rows/s')} | > 1× |`);
  L(`| Load vs cqlsh COPY FROM, tuned | ${show('load ours rows/s')} | ${show('load cqlsh tuned rows/s')} | ${ratio('load ours rows/s', 'load cqlsh tuned rows/s')} | > 1× |`);
  L(`| Load vs dsbulk ${DSBULK_VERSION} | ${show('load ours rows/s')} | ${unavailable.has('load dsbulk') ? `not run: ${unavailable.get('load dsbulk')}` : show('load dsbulk rows/s')} | ${ratio('load ours rows/s', 'load dsbulk rows/s')} | ≥ 1× |`);
  L(`| Inserts/s vs cassandra-stress ceiling | ${show('load ours inserts/s')} | ${unavailable.has('stress') ? `not run: ${unavailable.get('stress')}` : show('stress inserts/s')} | ${ratio('load ours inserts/s', 'stress inserts/s', 2)} | ≥ 0.8 |`);
  L(`| Question latency p50 / p99, ${fmtNum(o.queries)} mixed | ${show('q all p50', 2, 'ms')} / ${show('q all p99', 2, 'ms')} | — | — | — |`);
  L();
  L('## ETL');
  L();
  L('| Merge | Time | Rows/s | Peak RSS |');
  L('| --- | --- | --- | --- |');
  L(`| This project (lib/events, byte-level fast path) | ${show('etl ours s', 1, 's')} | ${show('etl ours rows/s')} | ${show('etl ours rss MB', 0, 'MB')} |`);
  L(`| Before this work (papaparse parse + unparse, bench/reference) | ${show('etl v1 s', 1, 's')} | ${show('etl v1 rows/s')} | ${show('etl v1 rss MB', 0, 'MB')} |`);
  L(`| Original notebook's method (Python csv.reader → one list → csv.writer QUOTE_ALL) | ${show('etl python s', 1, 's')} | ${show('etl python rows/s')} | ${show('etl python rss MB', 0, 'MB')} |`);
  L();
  L(`Rows read ${facts.get('etlRows') ?? '?'}, plays written ${facts.get('etlWritten') ?? '?'}. The merged file is ${facts.get('pyIdentical') ?? 'not compared'} to the Python method's output ` +
    `(\`lineterminator='\\n'\`, files in date order) and ${facts.get('v1Identical') ?? 'not compared'} to the papaparse version's. Times include process start (tsx compiles the TypeScript; about 0.5 s).`);
  if (facts.get('equivalence')) L(`Equivalence check (bench/equivalence.ts): ${facts.get('equivalence')}.`);
  L();
  L('## Load');
  L();
  L('| Loader | Plays/s | Inserts/s | Client CPU (cores) | Node CPU (cores) |');
  L('| --- | --- | --- | --- | --- |');
  const loadRow = (label: string, key: string) =>
    L(`| ${label} | ${unavailable.has(key) ? `not run: ${unavailable.get(key)}` : show(`${key} rows/s`)} | ${show(`${key} inserts/s`)} | ${show(`${key} client cores`, 2)} | ${show(`${key} node cores`, 2)} |`);
  loadRow(`This project: loadTables, prepared, UNLOGGED batches of up to ${o.batchRows} rows packed by replica (token map) and partition, per 5,000 plays, concurrency ${o.concurrency}, token-aware (${facts.get('loadBalancing') ?? '?'}; ${show('load ours requests/play', 2)} requests per play)`, 'load ours');
  loadRow(`One INSERT per request: loadTables with batchRows 1 (the previous loader), prepared, concurrency ${o.concurrency} (${show('load single requests/play', 2)} requests per play)`, 'load single');
  loadRow(`Notebook's method: Python driver, sync, unprepared, one execute per row and table (sample of ${facts.get('pythonSample') ?? '?'} plays)`, 'load python');
  loadRow('cqlsh COPY FROM, defaults (one file per table)', 'load cqlsh default');
  loadRow('cqlsh COPY FROM, tuned (NUMPROCESSES 2 instead of 1, CHUNKSIZE 10000, INGESTRATE 1M rows/s instead of 100k)', 'load cqlsh tuned');
  loadRow(`dsbulk ${DSBULK_VERSION} load, defaults, merged file with a header mapping (one run per table, JVM start included)`, 'load dsbulk');
  L(`| cassandra-stress ${STRESS_VERSION}, user profile bench/stress/plays.yaml (rows like ours), ${o.stressThreads} threads: the insert ceiling | — | ${unavailable.has('stress') ? `not run: ${unavailable.get('stress')}` : show('stress inserts/s')} | ${show('stress client cores', 2)} | ${show('stress node cores', 2)} |`);
  L();
  L(`Rows after our first load: ${facts.get('oursCounts') ?? '?'}${facts.get('dsbulkCounts') ? `; after dsbulk's: ${facts.get('dsbulkCounts')}` : ''}. ` +
    `Machine busy during our loads: ${show('load ours machine busy %', 0, '%')} of ${cpus().length} cores (all processes, including other work on the machine). ` +
    `Our loader's peak RSS: ${show('load ours rss MB', 0, 'MB')} (with batchRows 1: ${show('load single rss MB', 0, 'MB')}, machine ${show('load single machine busy %', 0, '%')} busy); retries after overload/timeouts: ${show('load ours retries')}.` +
    (facts.get('singleCounts') ? ` Rows after the batchRows 1 load: ${facts.get('singleCounts')}.` : ''));
  if (facts.get('perTableSplit')) L(`cqlsh COPY FROM maps CSV columns to the listed table columns by position and cannot skip file columns, so the bench first writes one CSV per table from the load file (${facts.get('perTableSplit')}, not counted in cqlsh's time). dsbulk reads the merged file itself, mapping header names to columns.`);
  const sc = stat('stress client cores');
  const sn = stat('stress node cores');
  if (sc && sn && sc.median > sn.median) {
    L(`cassandra-stress is not a ceiling on this machine: its Java client used ${fmtNum(sc.median, 2)} cores and left the node ${fmtNum(sn.median, 2)} (the two share ${cpus().length} cores), so it is client-bound; ` +
      `the highest insert rate measured on this node is our batched loader's ${show('load ours inserts/s')} inserts/s.`);
  }
  L();
  if ([...figures.keys()].some((k) => k.startsWith('variant '))) {
    L(`### What limits the loader (one run each, ${facts.get('variantSample') ?? '?'} plays)`);
    L();
    L('| Variant | Plays/s | Client CPU (cores) | Node CPU (cores) | Retries |');
    L('| --- | --- | --- | --- | --- |');
    for (const k of [...figures.keys()].filter((x) => /^variant c\d+ rows\/s$/.test(x))) {
      const c = /c(\d+)/.exec(k)![1];
      L(`| loadTables, one INSERT per request (batchRows 1), concurrency ${c} | ${show(k)} | ${show(`variant c${c} client cores`, 2)} | ${show(`variant c${c} node cores`, 2)} | ${show(`variant c${c} retries`)} |`);
    }
    for (const k of [...figures.keys()].filter((x) => /^variant packed b\d+ c\d+ rows\/s$/.test(x))) {
      const [, b, c] = /b(\d+) c(\d+)/.exec(k)!;
      const base = `variant packed b${b} c${c}`;
      L(`| loadTables, UNLOGGED batches of ${b} rows packed by replica and partition (batchRows ${b}, ${show(`${base} requests/play`, 2)} requests/play), concurrency ${c} | ${show(k)} | ${show(`${base} client cores`, 2)} | ${show(`${base} node cores`, 2)} | ${show(`${base} retries`)} |`);
    }
    for (const k of [...figures.keys()].filter((x) => /^variant stress t\d+/.test(x))) {
      L(`| cassandra-stress, ${/t(\d+)/.exec(k)![1]} threads (inserts/s, not plays) | ${show(k)} | — | — | — |`);
    }
    L();
  }
  if (facts.get('sustainTenths')) {
    L(`### Sustained: the whole merged file in one load (${facts.get('sustainRows')} plays, once)`);
    L();
    L(`${show('sustain rows/s')} plays/s over the whole load; the slowest tenth ${show('sustain slowest tenth')}, the fastest ${show('sustain fastest tenth')} plays/s. ` +
      `RSS ${show('sustain rss first MB', 0, 'MB')} after the first tenth, ${show('sustain rss last MB', 0, 'MB')} after the last, peak ${show('sustain rss peak MB', 0, 'MB')}. ` +
      `Client ${show('sustain client cores', 2)} cores, node ${show('sustain node cores', 2)} cores. Failed rows: ${facts.get('sustainFailed')}; retries ${show('sustain retries')} (transient errors: ${facts.get('sustainTransient') || 'none'}).`);
    L();
    L('| Plays loaded | Plays/s in that tenth | RSS at its end |');
    L('| --- | --- | --- |');
    L(facts.get('sustainTenths')!);
    L();
  }
  L('## Question latency');
  L();
  L(`${fmtNum(o.queries)} questions, one at a time from one client, a third each, parameters from plays drawn from the load file; the node under no other load from the bench; after 300 warm-up questions.`);
  L();
  L('| Question | p50 | p99 | Rows per answer |');
  L('| --- | --- | --- | --- |');
  L(`| 1. song in session (session_id, item_in_session) | ${show('q q1 p50', 2, 'ms')} | ${show('q q1 p99', 2, 'ms')} | ${show('q q1 rows', 1)} |`);
  L(`| 2. session playlist (user_id, session_id) | ${show('q q2 p50', 2, 'ms')} | ${show('q q2 p99', 2, 'ms')} | ${show('q q2 rows', 1)} |`);
  L(`| 3. listeners of a song (song) | ${show('q q3 p50', 2, 'ms')} | ${show('q q3 p99', 2, 'ms')} | ${show('q q3 rows', 1)} |`);
  L(`| all | ${show('q all p50', 2, 'ms')} | ${show('q all p99', 2, 'ms')} | |`);
  L();
  L('## Peers that could not run as the issue describes');
  L();
  L('- **cqlsh**: the 5.0 binary distribution (which ships `bin/cqlsh` and `tools/bin/cassandra-stress`) is not on Maven Central (`org.apache.cassandra:apache-cassandra:5.0.6:tar.gz:bin` does not resolve; the newest bin tarball there is 3.11.5). cqlsh 6.2.2 from PyPI is used instead (bench/requirements.txt).');
  L(`- **dsbulk**: \`com.datastax.oss:dsbulk-distribution\` (the tar.gz) is not on Maven Central, and neither are the 1.11.x modules; the ${DSBULK_VERSION} modules are (runner, load workflow, CSV connector, reactor executor and batcher, with their dependencies): the bench resolves them into one classpath and runs \`com.datastax.oss.dsbulk.runner.DataStaxBulkLoader\`.${unavailable.has('load dsbulk') ? ` This run: ${unavailable.get('load dsbulk')}.` : ''}`);
  L(`- **cassandra-stress**: not in cassandra-all's jars and no \`cassandra-stress\`/tools artifact is on Maven Central; the 3.11.5 bin tarball is, and its stress client talks to the 5.0.6 node over native protocol v4. It is the real tool, an older version, with a user profile whose rows look like ours.${unavailable.has('stress') ? ` This run: ${unavailable.get('stress')}.` : ''}`);
  L('- **The notebook\'s Python load** is timed on a sample (one synchronous round trip per insert; the full load would take hours); its rate is per play, like ours.');
  for (const [k, v] of unavailable) if (!['load dsbulk', 'stress'].includes(k)) L(`- ${k}: not run: ${v}`);
  if (notes.length) {
    L();
    L('## Notes from this run');
    L();
    for (const n of notes) L(`- ${n}`);
  }
  if (facts.get('sameBytes')) L(`- Generator: ${facts.get('sameBytes')}.`);
  L();
  L('## Reproduce');
  L();
  L('`npm run bench` (full; about an hour here) or `npm run bench -- --smoke` (small data, one repetition). Options: `--events N --days D --users U --load-plays N --python-sample N --reps N --concurrency N --batch-rows N --queries N --stress-threads N --only gen,etl,load,python,cqlsh,dsbulk,stress,variants,queries,sustain --keep-node`. ' +
    'It needs Java 17 and Maven (lib/localnode), python3 with venv and pip, and writes under build/bench (data, merged files, the node, dsbulk and stress).');
  mkdirSync(resolve(o.results, '..'), { recursive: true });
  writeFileSync(o.results, lines.join('\n') + '\n');
  log(`wrote ${o.results} (${mins.toFixed(1)} min)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});

// measure: runs one measured piece of the bench in its own process and times it: wall time, CPU time
// and peak RSS from GNU time (else VmHWM of the direct child, polled), the Cassandra node's CPU time
// meanwhile and how busy the whole machine was; plus the small helpers around such a run (the tsx
// command for a bench script, the JSON line it prints, the error when it fails).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './options';
import { machineTicks, peakRssKB, processCpuSeconds } from './procfs';

export interface Timed {
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

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

let gnuTimeFound: { path: string | undefined } | undefined;
/** GNU time's path when it runs here (asked once, on first use: importing this file starts no process). */
export function gnuTime(): string | undefined {
  gnuTimeFound ??= {
    path:
      existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-f', '%e', 'true']).status === 0
        ? '/usr/bin/time'
        : undefined,
  };
  return gnuTimeFound.path;
}

let cassandraPid: number | undefined;
/** The bench node's pid, whose CPU time every later run reports as nodeCpuS. */
export function watchNode(pid: number | undefined): void {
  cassandraPid = pid;
}

export function tmpDir(): string {
  const d = join(ROOT, 'build', 'bench', 'tmp');
  mkdirSync(d, { recursive: true });
  return d;
}

/** What one run started from: the clocks read before it, so that the end can take differences. */
class Stopwatch {
  readonly node0 = processCpuSeconds(cassandraPid);
  readonly m0 = machineTicks();
  readonly t0 = process.hrtime.bigint();

  stop(): Pick<Timed, 'wallS' | 'nodeCpuS' | 'machineBusy'> {
    const wallS = Number(process.hrtime.bigint() - this.t0) / 1e9;
    const node1 = processCpuSeconds(cassandraPid);
    const m1 = machineTicks();
    const { node0, m0 } = this;
    return {
      wallS,
      nodeCpuS: node0 !== undefined && node1 !== undefined ? node1 - node0 : undefined,
      machineBusy: m0 && m1 && m1.total > m0.total ? (m1.busy - m0.busy) / (m1.total - m0.total) : undefined,
    };
  }
}

/** Peak RSS and CPU from GNU time's `%e %M %U %S` line (the file is removed); undefined without one. */
function readTimeFile(timeFile: string): { rssKB?: number; cpuS?: number } | undefined {
  if (!gnuTime() || !existsSync(timeFile)) return undefined;
  const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
  rmSync(timeFile, { force: true });
  const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
  return m ? { rssKB: Number(m[2]), cpuS: Number(m[3]) + Number(m[4]) } : {};
}

/** Keeps the last ~2 MB of a stream once it passes 4 MB. */
function tail(text: string): string {
  return text.length > 4e6 ? text.slice(-2e6) : text;
}

export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<Timed> {
  const timeFile = join(tmpDir(), `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const time = gnuTime();
  const [c, a] = time ? [time, ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const watch = new Stopwatch();
  return new Promise<Timed>((resolveRun, reject) => {
    const child = spawn(c, a, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hwm = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout = tail(stdout + d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr = tail(stderr + d.toString());
    });
    const poll = time
      ? undefined
      : setInterval(() => {
          hwm = Math.max(hwm, peakRssKB(child.pid) ?? 0);
        }, 100);
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      const clocks = watch.stop();
      const time = readTimeFile(timeFile);
      resolveRun({ code, stdout, stderr, ...clocks, rssKB: time ? time.rssKB : hwm || undefined, cpuS: time?.cpuS });
    });
  });
}

/** The command line that runs one of bench/'s scripts with tsx. */
export function tsx(script: string, ...args: string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', join(ROOT, 'bench', script), ...args]];
}

/** Runs one of bench/'s scripts (bench/child.ts, bench/sustain.ts) and times it. */
export function runTsx(script: string, args: string[], opts: RunOptions = {}): Promise<Timed> {
  const [c, a] = tsx(script, ...args);
  return run(c, a, opts);
}

/** The last line of output that is a JSON object: what a measured child prints as its result. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each child prints its own JSON shape; callers pick fields
export function lastJson(text: string): Record<string, any> {
  const line = text
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`no JSON result in output:\n${text.slice(-2000)}`);
  return JSON.parse(line);
}

export function failed(what: string, t: Timed): Error {
  return new Error(
    `${what} failed (exit ${t.code}):\n${(t.stderr || t.stdout).trim().split('\n').slice(-25).join('\n')}`,
  );
}

/** CPU cores a run used on average: CPU seconds over wall seconds. */
export function cores(cpuS: number | undefined, wallS: number): number | undefined {
  return cpuS !== undefined ? cpuS / wallS : undefined;
}

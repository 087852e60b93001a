// Chaos for the three-node tests: a seeded schedule of faults (which node, SIGTERM or SIGKILL, at which
// play, how long it stays down) and a runner that carries it out during a load — one node at a time, each
// fault started once the plays landed reach its mark, the node restarted and awaited before the next —
// recording when each happened, how many plays landed while the node was out and the retries seen
// meanwhile; and the table the chaos test prints.
//
// The runner also paces the load's input: the load reads a named pipe the runner feeds from the merged
// file, no further than the schedule allows. So every fault falls inside the load whatever the machine's
// speed (CI once saw a load end before its third fault), and `margin` plays land while each node is out
// before it is restarted: the schedule is counted in plays, never in seconds.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { localCassandraStatus, startLocalNode, stopLocalNode } from '../../lib/dev/localnode/localnode';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import type { LoadProgress } from '../../lib/index';
import { pidAlive } from './nodes';
import { until } from './until';
import { seededRandom, sleep } from '../../lib/common/index';

export type FaultKind = 'SIGTERM' | 'SIGKILL';

export interface Fault {
  /** 0-based index of the node. */
  node: number;
  kind: FaultKind;
  /** Started once this many plays landed in every table. */
  atPlay: number;
  /** Least time the node stays down before it is restarted (ms). */
  downMs: number;
}

/**
 * `count` faults (≤ nodes) over a load of `plays`: each node hit once, in a seeded order; marks spread over
 * the first 80 % of the load (one per equal slice, at a seeded point of its first half); SIGTERM and SIGKILL
 * alternate from a seeded first kind, so both are in every schedule of two or more; down 3–8 s.
 */
export function chaosSchedule(seed: number, plays: number, count: number, nodes = 3): Fault[] {
  if (count > nodes) throw new RangeError(`${count} faults on ${nodes} nodes: one node at a time, each once`);
  const next = seededRandom(seed);
  const order = Array.from({ length: nodes }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const first: FaultKind = next() < 0.5 ? 'SIGTERM' : 'SIGKILL';
  const slice = (0.8 * plays) / count;
  return Array.from({ length: count }, (_, i) => ({
    node: order[i],
    kind: i % 2 === 0 ? first : first === 'SIGTERM' ? 'SIGKILL' : 'SIGTERM',
    atPlay: Math.round(Math.max(0.05 * plays, i * slice + next() * slice * 0.5)),
    downMs: 3000 + Math.round(next() * 5000),
  }));
}

export interface FaultRecord extends Fault {
  /** Seconds since the runner began when the fault was started. */
  atS: number;
  /** Plays landed when it started, when the node was down, when its restart was asked, when it answered. */
  plays: { start: number; down: number; restart: number; up: number };
  /** From the fault's start until its node answered again (s). */
  outS: number;
  /** Load retries seen between the fault's start and its node answering again. */
  retries: number;
}

/** Kills or stops node `index` and waits until its process is gone. */
async function bringDown(cluster: LocalClusterOptions, index: number, kind: FaultKind): Promise<void> {
  if (kind === 'SIGTERM') {
    await stopLocalNode(cluster, index);
    return;
  }
  const pid = (await localCassandraStatus(cluster)).nodes.find((n) => n.index === index)?.pid;
  if (!pid) throw new Error(`node${index + 1} has no pid to SIGKILL`);
  process.kill(pid, 'SIGKILL');
  for (let t0 = Date.now(); pidAlive(pid); await sleep(100))
    if (Date.now() - t0 > 30_000) throw new Error(`node${index + 1} (pid ${pid}) outlived SIGKILL by 30 s`);
  await stopLocalNode(cluster, index); // removes the stale pid record
}

export interface ChaosOptions {
  /** Plays that land while each node is out before it is restarted; at least twice the load's window. */
  margin: number;
  log: (line: string) => void;
}

/**
 * Carries out a schedule during a load. Make a pipe with `pipe(path)`, hand the load that path and
 * `onProgress`, run `feed(mergedFile)` beside it, call `release()` once the load settled, then await
 * `done()`.
 */
export class ChaosRunner {
  readonly records: FaultRecord[] = [];
  private landed = 0;
  private retries = 0;
  private next = 0;
  private running: Promise<void> | undefined;
  /** What a fault threw: no later fault starts (two nodes out would lose QUORUM), and done() throws it. */
  private failed: unknown;
  /** Plays the feed may hand the load so far. */
  private allowed: number;
  private fifo: string | undefined;
  private feeding = false;
  private readonly t0 = Date.now();

  constructor(
    private readonly cluster: LocalClusterOptions,
    private readonly schedule: readonly Fault[],
    private readonly options: ChaosOptions,
  ) {
    this.allowed = schedule.length ? schedule[0].atPlay + options.margin : Infinity;
  }

  readonly onProgress = (p: LoadProgress): void => {
    this.landed = Math.min(...Object.values(p.loaded));
    this.retries = p.retries;
    this.startDue();
  };

  /** Makes the named pipe the load reads; returns its path. */
  pipe(path: string): string {
    execFileSync('mkfifo', [path]);
    this.fifo = path;
    return path;
  }

  /**
   * Writes `source` into the pipe, its header first, then its plays no further than the schedule allows:
   * up to the next fault's mark plus the margin, and while a node is out, `2 × margin` past where it went
   * down; all of them once every fault is over (or one failed, or `release()` was called).
   */
  async feed(source: string): Promise<void> {
    if (!this.fifo) throw new Error('feed() before pipe()');
    const text = await readFile(source);
    const out = createWriteStream(this.fifo); // opens once the load opens the pipe to read
    let broken: Error | undefined; // the load closed the pipe early: it failed, and says why itself (EPIPE)
    out.on('error', (err) => {
      broken = err;
      this.feeding = false;
    });
    this.feeding = true;
    try {
      await once(out, 'open');
      let end = text.indexOf(10) + 1;
      let written = 0;
      for (let plays = 0; end < text.length && this.feeding;) {
        if (plays >= this.allowed) {
          await sleep(50);
          continue;
        }
        for (; plays < this.allowed && end < text.length; plays++) {
          const nl = text.indexOf(10, end);
          end = nl < 0 ? text.length : nl + 1;
        }
        if (!out.write(text.subarray(written, end)) && !broken) await once(out, 'drain').catch(() => undefined);
        written = end;
      }
    } finally {
      this.feeding = false;
      out.end();
    }
  }

  /**
   * The load settled: the feed writes nothing more and ends the pipe (a load that failed before it opened
   * the pipe is stood in for, so the feed's open returns).
   */
  async release(): Promise<void> {
    this.allowed = Infinity;
    if (!this.feeding || !this.fifo) return;
    this.feeding = false;
    const reader = await open(this.fifo, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
    await reader?.close();
  }

  /** Waits for the fault under way; throws what any fault threw. */
  async done(): Promise<void> {
    while (this.running) await this.running;
    if (this.failed !== undefined) throw this.failed;
  }

  /** Starts the next fault once the plays landed reach its mark, when none is under way. */
  private startDue(): void {
    const fault = this.schedule[this.next];
    if (this.running || this.failed !== undefined || !fault || this.landed < fault.atPlay) return;
    this.next++;
    this.running = this.carryOut(fault)
      .catch((err: unknown) => {
        this.failed = err;
        this.allowed = Infinity;
        this.log(`fault: node${fault.node + 1} failed: ${String((err as Error)?.message ?? err).slice(0, 2000)}`);
      })
      .finally(() => {
        this.running = undefined;
        this.startDue(); // the next mark may have passed while this fault ran, with the load held
      });
  }

  private log(line: string): void {
    this.options.log(line);
  }

  /**
   * Starts the node again, up to three tries: a node restarted right after SIGKILL was seen once to die
   * during its startup (CI, 2026-12-03); each failure is logged with what localnode said.
   */
  private async restart(index: number): Promise<{ ms: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startLocalNode(this.cluster, index);
      } catch (err) {
        this.log(
          `fault: node${index + 1} start ${attempt} failed: ${String((err as Error)?.message ?? err).slice(0, 2000)}`,
        );
        if (attempt >= 3) throw err;
        await stopLocalNode(this.cluster, index).catch(() => undefined);
      }
    }
  }

  private async carryOut(fault: Fault): Promise<void> {
    const { margin } = this.options;
    const start = this.landed;
    const retries = this.retries;
    const atS = (Date.now() - this.t0) / 1000;
    this.log(`fault: ${fault.kind} node${fault.node + 1} at play ${start} (${atS.toFixed(1)} s)`);
    await bringDown(this.cluster, fault.node, fault.kind);
    const down = this.landed;
    this.allowed = Math.max(this.allowed, down + 2 * margin);
    await sleep(fault.downMs);
    await until(() => this.landed >= down + margin, `${margin} plays to land with node${fault.node + 1} out`, 300_000);
    const restart = this.landed;
    const up = await this.restart(fault.node);
    const outS = (Date.now() - this.t0) / 1000 - atS;
    this.log(`fault: node${fault.node + 1} back after ${(up.ms / 1000).toFixed(1)} s of startup (play ${this.landed})`);
    this.records.push({
      ...fault,
      atS,
      plays: { start, down, restart, up: this.landed },
      outS,
      retries: this.retries - retries,
    });
    const following = this.schedule[this.next];
    this.allowed = Math.max(this.allowed, following ? following.atPlay + margin : Infinity);
  }
}
/** The chaos table: each fault, when, how long the node was out, plays landed meanwhile, retries seen. */
export function chaosTable(records: readonly FaultRecord[], verified: Record<string, number>): string {
  const rows = records.map((r, i) =>
    [
      `${i + 1}`,
      `${r.kind} node${r.node + 1}`,
      `play ${r.plays.start.toLocaleString('en-US')}`,
      `${r.atS.toFixed(1)} s`,
      `${r.outS.toFixed(1)} s`,
      (r.plays.up - r.plays.down).toLocaleString('en-US'),
      `${r.retries}`,
    ].join(' | '),
  );
  const tables = Object.entries(verified).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`);
  return [
    '# | fault | at | when | out for | plays landed while out | retries',
    ...rows,
    `rows verified at ALL: ${tables.join(', ')}`,
  ].join('\n');
}

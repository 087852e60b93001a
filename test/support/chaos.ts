// Chaos for the three-node tests: a seeded schedule of faults (which node, SIGTERM or SIGKILL, at which
// play, how long it stays down) and a runner that carries it out during a load — one node at a time,
// each fault started once the plays landed reach its mark, the node restarted and awaited before the
// next — recording when each happened, how many plays landed while the node was down and the retries
// seen meanwhile; and the table the chaos test prints.
import { localCassandraStatus, startLocalNode, stopLocalNode } from '../../lib/dev/localnode/localnode';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import type { LoadProgress } from '../../lib/index';
import { pidAlive } from './nodes';
import { seededRandom, sleep } from '../../lib/common/index';

export type FaultKind = 'SIGTERM' | 'SIGKILL';

export interface Fault {
  /** 0-based index of the node. */
  node: number;
  kind: FaultKind;
  /** Started once this many plays landed in every table. */
  atPlay: number;
  /** How long the node stays down before it is restarted (ms). */
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
  /** Seconds since the load began when the fault was started. */
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

/** Carries out a schedule during a load: hand `onProgress` to loadTables, then await `done()`. */
export class ChaosRunner {
  readonly records: FaultRecord[] = [];
  private landed = 0;
  private retries = 0;
  private next = 0;
  private running: Promise<void> | undefined;
  /** What a fault threw: no later fault starts (two nodes out would lose QUORUM), and done() throws it. */
  private failed: unknown;
  private readonly t0 = Date.now();

  constructor(
    private readonly cluster: LocalClusterOptions,
    private readonly schedule: readonly Fault[],
    private readonly log: (line: string) => void,
  ) {}

  readonly onProgress = (p: LoadProgress): void => {
    this.landed = Math.min(...Object.values(p.loaded));
    this.retries = p.retries;
    const fault = this.schedule[this.next];
    if (this.running || this.failed !== undefined || !fault || this.landed < fault.atPlay) return;
    this.next++;
    this.running = this.carryOut(fault)
      .catch((err: unknown) => {
        this.failed = err;
        this.log(`fault: node${fault.node + 1} failed: ${String((err as Error)?.message ?? err).slice(0, 2000)}`);
      })
      .finally(() => (this.running = undefined));
  };

  /** Waits for the fault under way; throws what any fault threw. */
  async done(): Promise<void> {
    while (this.running) await this.running;
    if (this.failed !== undefined) throw this.failed;
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
    const start = this.landed;
    const retries = this.retries;
    const atS = (Date.now() - this.t0) / 1000;
    this.log(`fault: ${fault.kind} node${fault.node + 1} at play ${start} (${atS.toFixed(1)} s)`);
    await bringDown(this.cluster, fault.node, fault.kind);
    const down = this.landed;
    await sleep(fault.downMs);
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

// status: what runs where — for each node created in the home, whether its recorded process is alive
// and whether it answers CQL, plus whatever answers at the configured addresses that we did not start,
// and the lines that say so.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { probeCql } from './cql';
import { layout } from './layout';
import type { Resolved } from './options';
import { isOurNodeProcess } from './process';
import { nodeCreated, readPid } from './state';
import type { NodeStatus, StatusResult } from './types';

/** The node indices to look at: those with a directory in home, and the first `nodes` configured ones. */
export function statusIndices(known: number[], nodes: number): number[] {
  return Array.from(new Set([...known, ...Array.from({ length: nodes }, (_, i) => i)])).sort((a, b) => a - b);
}

/** How many nodes to consider: the requested count, or more when home holds more node directories (`known`). */
export function statusNodeCount(requested: number | undefined, known: number[]): number {
  return Math.max(requested ?? 1, known.length ? known[known.length - 1] + 1 : 1);
}

/** Looks at every index: collects the status of created nodes and the addresses answering without being ours. */
export async function collectStatus(r: Resolved, indices: number[]): Promise<Pick<StatusResult, 'nodes' | 'foreign'>> {
  const nodes: NodeStatus[] = [];
  const foreign: StatusResult['foreign'] = [];
  await Promise.all(
    indices.map(async (i) => {
      const node = layout(r, i);
      const rec = readPid(node);
      const alive = rec ? isOurNodeProcess(rec.pid, node) : false;
      const probe = await probeCql(node.address, node.port, r.credentials);
      if (rec || nodeCreated(node)) {
        nodes.push({
          index: i,
          name: node.name,
          address: node.address,
          port: node.port,
          pid: rec?.pid,
          pidAlive: alive,
          cql: probe.ok,
          releaseVersion: probe.releaseVersion,
          logFile: node.systemLog,
        });
      }
      if (probe.ok && !alive)
        foreign.push({ address: node.address, port: node.port, releaseVersion: probe.releaseVersion });
    }),
  );
  nodes.sort((a, b) => a.index - b.index);
  foreign.sort((a, b) => a.address.localeCompare(b.address));
  return { nodes, foreign };
}

/** One node's state in words. */
export function nodeState(n: NodeStatus): string {
  if (n.pidAlive) {
    return n.cql
      ? `running (pid ${n.pid}), answers CQL${n.releaseVersion ? ` (Cassandra ${n.releaseVersion})` : ''}`
      : `process running (pid ${n.pid}) but not answering CQL`;
  }
  return n.pid !== undefined ? `stopped (recorded pid ${n.pid} is gone)` : 'stopped';
}

export function statusMessage(home: string, nodes: NodeStatus[], foreign: StatusResult['foreign']): string {
  const lines: string[] = [];
  if (!nodes.length) lines.push(`No local Cassandra node has been created in ${home}.`);
  for (const n of nodes) lines.push(`${n.name} ${n.address}:${n.port}: ${nodeState(n)}`);
  for (const f of foreign)
    lines.push(
      `${f.address}:${f.port}: a Cassandra${f.releaseVersion ? ` ${f.releaseVersion}` : ''} answers that was not started from ${home}`,
    );
  return lines.join('\n');
}

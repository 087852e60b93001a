// cluster: the steps of starting several nodes as one cluster — noticing a Cassandra we did not start
// at the first address, starting the nodes in turn and waiting for the ring, undoing a failed start
// (stopping only what this call started), and the sentence that sums a start up.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { formatSeconds } from '../../show/format';
import type { CqlProbe } from './cql';
import { nodeInfo, type NodeLayout } from './layout';
import { withNote } from './logs';
import type { Resolved } from './options';
import { killAndWait } from './process';
import { removePid } from './state';
import type { LocalNodeInfo, StartResult } from './types';
import { ensureNode } from './node';
import { waitForPeers } from './wait';

/** The result when a Cassandra not started from this home already answers at the first address: used as is. */
export function foreignStart(r: Resolved, first: NodeLayout, probe: CqlProbe, ms: number): StartResult {
  const message =
    `A Cassandra ${probe.releaseVersion ?? ''} not started from ${r.home} already answers at ${first.address}:${first.port}; ` +
    `using it, nothing started.`;
  return { started: false, alreadyRunning: true, foreign: true, nodes: [nodeInfo(first, false)], ms, message };
}

/** Stops the nodes this call started (last first); the error says which ones. */
async function undoStart(nodes: NodeLayout[], infos: LocalNodeInfo[], e: unknown): Promise<never> {
  const mine = infos.filter((n) => n.started && n.pid !== undefined);
  for (const n of mine.reverse()) {
    const node = nodes[n.index];
    await killAndWait(n.pid!, node, 5000);
    removePid(node);
  }
  if (!mine.length) throw e;
  throw withNote(e, `(Stopped the nodes this call had started: ${mine.map((n) => n.name).join(', ')}.)`);
}

/**
 * Brings up each node in turn, then (for several nodes) waits until every node lists all the others as peers:
 * the first seeing the rest is not enough, the last node may still be unknown to the second (gossip spreads
 * in rounds), and a user's next command may go to any node.
 */
export async function startNodesInTurn(
  r: Resolved,
  nodes: NodeLayout[],
  getLib: () => Promise<string>,
): Promise<LocalNodeInfo[]> {
  const infos: LocalNodeInfo[] = [];
  try {
    for (const node of nodes) infos.push(await ensureNode(r, node, r.nodes, getLib));
    if (r.nodes > 1) {
      r.log(`waiting until each of the ${r.nodes} nodes sees the other ${r.nodes - 1} …`);
      for (const node of nodes)
        await waitForPeers(
          r,
          node,
          nodes.filter((n) => n !== node).map((n) => n.address),
        );
    }
  } catch (e) {
    return undoStart(nodes, infos, e);
  }
  return infos;
}

export function startMessage(r: Resolved, infos: LocalNodeInfo[], ms: number): string {
  const startedNodes = infos.filter((n) => n.started);
  return startedNodes.length
    ? `Started ${startedNodes.map((n) => `${n.name} (${n.address}, pid ${n.pid})`).join(', ')} in ${formatSeconds(ms)}; ` +
        `cluster of ${r.nodes} node(s) answers CQL on port ${r.port}.`
    : `Local Cassandra already running: ${infos.map((n) => `${n.name} (${n.address}${n.pid ? `, pid ${n.pid}` : ''})`).join(', ')}; nothing started.`;
}

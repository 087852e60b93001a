// Replicas of a local multi-node cluster, for the cluster tests: a client pinned to one node (for its
// node-local virtual tables), the hints each node still holds, a wait until they are delivered, and the
// replicas brought in sync — `nodetool repair --preview --full` until it finds them so, and a full repair
// when hints alone did not do it (hinted handoff is best effort). Cassandra's own nodetool, through lib.
import { Client, policies } from 'cassandra-driver';
import { sleep } from '../../lib/common/async';
import type { Nodetool } from '../../lib/dev/localnode/nodetool';

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** A client that talks to one node only (node-local virtual tables such as system_views.pending_hints). */
export async function pinnedClient(address: string): Promise<Client> {
  const endpoint = `${address}:9042`;
  const client = new Client({
    contactPoints: [endpoint],
    localDataCenter: 'datacenter1',
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(
        new policies.loadBalancing.DCAwareRoundRobinPolicy('datacenter1'),
        [endpoint],
      ),
    },
  });
  await client.connect();
  return client;
}

/** What each node still holds for another, as "A holds N hint file(s) for B"; empty when nothing is pending. */
export async function pendingHints(addresses: readonly string[]): Promise<string[]> {
  const pending: string[] = [];
  for (const address of addresses) {
    const c = await pinnedClient(address);
    try {
      const rs = await c.execute('SELECT address, files FROM system_views.pending_hints');
      for (const r of rs.rows) pending.push(`${address} holds ${r.get('files')} hint file(s) for ${r.get('address')}`);
    } finally {
      await c.shutdown();
    }
  }
  return pending;
}

/** Every node lists both of the others in system.peers with an rpc address and a host id. */
export async function waitForFullRing(addresses: readonly string[], timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const seen: string[] = [];
    for (const address of addresses) {
      const c = await pinnedClient(address);
      try {
        const rs = await c.execute('SELECT peer, rpc_address, host_id FROM system.peers');
        seen.push(`${address}: ${rs.rows.filter((r) => r.get('rpc_address') && r.get('host_id')).length}`);
      } finally {
        await c.shutdown();
      }
    }
    if (seen.every((x) => x.endsWith(`: ${addresses.length - 1}`))) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`the nodes do not all see each other: ${seen.join(', ')}`);
    await sleep(1000);
  }
}

/** Waits until no node holds a hint file for another (throws after `timeoutMs`, naming what is left). */
export async function waitForHintsDelivered(
  addresses: readonly string[],
  log: (line: string) => void,
  timeoutMs = 180_000,
): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const pending = await pendingHints(addresses);
    if (!pending.length) return;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`hints still pending after ${secs(timeoutMs)}: ${pending.join('; ')}`);
    log(`waiting for hints: ${pending.join('; ')}`);
    await sleep(2000);
  }
}

/** A preview repair's verdict: the replicas' Merkle trees agree on every range. */
export const inSync = (out: string) => /Repair preview completed successfully; Previewed data was in sync/.test(out);

export interface SyncReport {
  previews: number;
  repaired: boolean;
  /** The last preview's output (in sync when the call returns). */
  preview: string;
}

/**
 * Previews a full repair of `keyspace` every 10 s for up to `previewForMs` (hints still in a node's memory
 * buffer reach the hint files only every 10 s, so the first previews may still see a returned node behind);
 * if the replicas still differ — after that time, or as soon as two previews in a row find the same
 * differences, which hints are then not closing (writes a killed node acknowledged and lost) — runs a full
 * repair and previews again. Throws when they differ after that.
 */
export async function bringReplicasInSync(
  nodetool: Nodetool,
  keyspace: string,
  log: (line: string) => void,
  previewForMs = 90_000,
): Promise<SyncReport> {
  const t0 = Date.now();
  const preview = () => nodetool(['repair', '--preview', '--full', keyspace]);
  let previews = 0;
  let before = '';
  for (;;) {
    previews++;
    const out = await preview();
    if (inSync(out)) return { previews, repaired: false, preview: out };
    const streams = out
      .split('\n')
      .filter((l) => l.includes('->'))
      .slice(0, 4)
      .map((l) => l.trim());
    log(`preview ${previews}, ${secs(Date.now() - t0)}: replicas differ: ${streams.join(' | ')}`);
    if (Date.now() - t0 > previewForMs || streams.join('|') === before) break;
    before = streams.join('|');
    await sleep(10_000);
  }
  const repair = await nodetool(['repair', '--full', keyspace]);
  log(
    `full repair: ${repair
      .split('\n')
      .filter((l) => /finished|completed|error/i.test(l))
      .slice(-3)
      .join(' | ')}`,
  );
  const after = await preview();
  if (!inSync(after)) throw new Error(`replicas still differ after a full repair:\n${after.slice(-2000)}`);
  return { previews: previews + 1, repaired: true, preview: after };
}

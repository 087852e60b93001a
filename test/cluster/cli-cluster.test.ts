// `npm run cassandra -- start --nodes 3`, then `status`, `stop --node 2`, `start --node 2` and `stop`, as a
// user types them (README: "the project's local Cassandra node (or cluster)"), on three nodes of this
// test's own (--home a temporary folder, --address 127.0.0.101, so .101-.103, --jmx-port 7970). What
// the commands print is checked against Cassandra itself: each node's system.local and system.peers say
// the ring has the three of them. Part of `npm run test:cluster`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, sparkify } from '../support/cli';
import { clusterAddresses } from '../support/cluster';
import { SUITE_NODES } from '../support/nodes';
import { pinnedClient } from '../support/replicas';

const { address, jmxPort } = SUITE_NODES.cliCluster;
const ADDRESSES = clusterAddresses(address);
const home = mkdtempSync(join(tmpdir(), 'sparkify-cli-cluster-'));
const own = ['--home', home, '--address', address, '--jmx-port', String(jmxPort)];
/** An address as a regular expression: `127\\.0\\.0\\.101`. */
const re = (a: string) => a.replace(/\./g, '\\.');
const small = ['--heap', '512M', '--new-heap', '128M', '--timeout', '240'];
const cassandra = (args: string[]) => sparkify(['cassandra', ...args], { cwd: PROJECT_DIR, timeoutMs: 600_000 });

/** What one node says of the ring: its own address and its peers', from system.local and system.peers. */
async function ringSeenBy(node: string): Promise<string[]> {
  const client = await pinnedClient(node);
  try {
    const local = await client.execute('SELECT broadcast_address FROM system.local');
    const peers = await client.execute('SELECT peer FROM system.peers');
    return [local.first().get('broadcast_address'), ...peers.rows.map((r) => r.get('peer'))].map(String).sort();
  } finally {
    await client.shutdown();
  }
}

/** The status line of each node: `node2 127.0.0.102:9042: …`. */
function statusOf(out: string, n: number): string {
  return out.split('\n').find((l) => new RegExp(`node${n} ${re(ADDRESSES[n - 1])}:9042`).test(l)) ?? '';
}

afterAll(() => {
  cassandra(['stop', ...own]);
  rmSync(home, { recursive: true, force: true });
}, 300_000);

describe('sparkify cassandra start --nodes 3, and the commands that act on one node of it', () => {
  it('starts three nodes that form one ring, stops and restarts node 2 alone, then stops them all', async () => {
    const started = cassandra(['start', '--nodes', '3', ...own, ...small]);
    expect(started.code, started.err).toBe(0);
    for (const [i, a] of ADDRESSES.entries())
      expect(started.out).toMatch(new RegExp(`node${i + 1}\\s+${re(a)}:9042\\s+pid \\d+\\s+started`));
    for (const a of ADDRESSES) expect(await ringSeenBy(a)).toEqual(ADDRESSES);

    const up = cassandra(['status', '--nodes', '3', ...own]);
    expect(up.code, up.err).toBe(0);
    for (const n of [1, 2, 3]) expect(statusOf(up.out, n), up.out).toMatch(/answers CQL/);

    const stopped2 = cassandra(['stop', '--node', '2', ...own]);
    expect(stopped2.code, stopped2.err).toBe(0);
    const without2 = cassandra(['status', '--nodes', '3', ...own]);
    expect(statusOf(without2.out, 2), without2.out).toMatch(/stopped/);
    for (const n of [1, 3]) expect(statusOf(without2.out, n), without2.out).toMatch(/answers CQL/);

    const again2 = cassandra(['start', '--node', '2', ...own, ...small]);
    expect(again2.code, again2.err).toBe(0);
    expect(again2.out).toMatch(/^Started node2 \(127\.0\.0\.102:9042, pid \d+\)/m);
    expect(await ringSeenBy(ADDRESSES[1])).toEqual(ADDRESSES);

    const all = cassandra(['stop', ...own]);
    expect(all.code, all.err).toBe(0);
    const down = cassandra(['status', '--nodes', '3', ...own]);
    for (const n of [1, 2, 3]) expect(statusOf(down.out, n), down.out).toMatch(/stopped/);
  }, 900_000);
});

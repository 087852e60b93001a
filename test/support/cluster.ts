// The three-node tests' cluster (test/cluster): three local nodes on a suite's own addresses, in a
// temporary home, every node seeing the other two, and a client at QUORUM on a keyspace of RF 3 — then the
// client closed, the nodes stopped and the home removed, whatever happened. One place for what the
// cluster, chaos and fan-out tests each did by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'cassandra-driver';
import { configFromEnv, connect, createKeyspace, type SparkifyConfig } from '../../lib/index';
import { startLocalCassandra, stopLocalCassandra } from '../../lib/dev/localnode/localnode';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { testNodeOptions } from './nodes';
import { waitForFullRing } from './replicas';

export interface TestCluster {
  /** The nodes' options: for localNodetool, startLocalNode and stopLocalNode on one of them. */
  options: LocalClusterOptions;
  addresses: string[];
  config: SparkifyConfig;
  client: Client;
}

/** The three addresses of a suite's cluster: its address and the next two (127.0.0.31, .32, .33). */
export function clusterAddresses(first: string): string[] {
  const [a, b, c, d] = first.split('.').map(Number);
  return [0, 1, 2].map((i) => `${a}.${b}.${c}.${d + i}`);
}

/**
 * Starts the three nodes (refusing nodes that were already running: they are not this test's), waits until
 * every node lists the other two — the driver learns the ring from whichever node its control connection
 * picks (seen once: a client whose control connection went to a just-started node3 knew only node3) — and
 * connects at QUORUM to `keyspace` with RF 3, created.
 */
export async function startTestCluster(
  suite: { address: string; jmxPort: number },
  keyspace: string,
  log: (line: string) => void,
): Promise<TestCluster> {
  const home = mkdtempSync(join(tmpdir(), `sparkify-${keyspace}-home-`));
  const options = testNodeOptions(suite, home, { nodes: 3, timeoutMs: 240_000, log });
  const addresses = clusterAddresses(suite.address);
  const started = await startLocalCassandra(options);
  log(started.message);
  let client: Client | undefined;
  try {
    if (started.foreign || started.nodes.map((n) => n.address).join() !== addresses.join())
      throw new Error(`expected this test's own nodes on ${addresses.join(', ')}: ${started.message}`);
    await waitForFullRing(addresses);
    const config = configFromEnv({
      CASSANDRA_CONTACT_POINTS: addresses.join(','),
      SPARKIFY_KEYSPACE: keyspace,
      SPARKIFY_REPLICATION: 'datacenter1:3',
      CASSANDRA_CONSISTENCY: 'quorum',
    });
    client = await connect(config, { waitMs: 60_000 });
    await createKeyspace(client, config);
    return { options, addresses, config, client };
  } catch (err) {
    // Nothing is returned to stop later: stop what was started here.
    await client?.shutdown();
    await stopLocalCassandra(options).catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
}

/** Closes the client, stops the nodes and removes their home; a failed stop is logged, never thrown. */
export async function stopTestCluster(cluster: TestCluster | undefined, log: (line: string) => void): Promise<void> {
  if (!cluster) return;
  try {
    await cluster.client.shutdown();
  } finally {
    log((await stopLocalCassandra(cluster.options).catch((e) => ({ message: `stop failed: ${String(e)}` }))).message);
    if (cluster.options.home) rmSync(cluster.options.home, { recursive: true, force: true });
  }
}

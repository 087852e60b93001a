// The test suites' own local nodes: one loopback address (and JMX port) per suite, so no two suites ever
// share a node, the small-heap options every such node starts with, and two probes (is a port open, is a
// process alive) the node tests use to see what really happened.
import * as net from 'node:net';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';

/** Where each suite's own node (or cluster) listens. The shared node of the run is 127.0.0.1. */
export const SUITE_NODES = {
  localnode: { address: '127.0.0.21', jmxPort: 7331 },
  cluster: { address: '127.0.0.31', jmxPort: 7410 },
  faults: { address: '127.0.0.36', jmxPort: 7400 },
  auth: { address: '127.0.0.41', jmxPort: 7500 },
  tls: { address: '127.0.0.42', jmxPort: 7510 },
  bench: { address: '127.0.0.51', jmxPort: 7600 },
  cliCassandra: { address: '127.0.0.61', jmxPort: 7361 },
  chaos: { address: '127.0.0.91', jmxPort: 7910 },
  fanout: { address: '127.0.0.95', jmxPort: 7950 },
  cliCluster: { address: '127.0.0.101', jmxPort: 7970 },
} as const;

/** Options for a test node: its address and JMX port, a small heap, a generous start timeout. */
export function testNodeOptions(
  suite: { address: string; jmxPort: number },
  home: string,
  extra: Partial<LocalClusterOptions> = {},
): LocalClusterOptions {
  return {
    baseAddress: suite.address,
    port: 9042,
    jmxPort: suite.jmxPort,
    home,
    heap: '512M',
    newHeap: '128M',
    timeoutMs: 180_000,
    ...extra,
  };
}

/** True when something accepts a TCP connection at host:port within `timeoutMs`. */
export function portOpen(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (open: boolean) => {
      s.destroy();
      resolve(open);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** True while a process with this pid exists. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// cassandra commands: `cassandra install|start|stop|status` — run a real local Apache Cassandra 5.0
// (no Docker) through lib/localnode: print what happened and how long it took; on failure a
// one-paragraph message (plus the node's last log lines when there are some) and exit code 1.
import { Command } from 'commander';
import {
  localCassandraStatus,
  startLocalCassandra,
  startLocalNode,
  stopLocalCassandra,
  stopLocalNode,
} from '../../lib/dev/localnode/localnode';
import { action as guarded, positiveInt } from '../ui';
import { formatSeconds } from '../../lib/show/format';
import { installCassandra } from '../../lib/dev/localnode/install';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';

interface CommonFlags {
  home?: string;
  cacheDir?: string;
  cassandraVersion?: string;
  address?: string;
  port?: number;
  jmxPort?: number;
  heap?: string;
  newHeap?: string;
  timeout?: number;
  nodes?: number;
  node?: number;
  quiet?: boolean;
}

function withCommonOptions(
  cmd: Command,
  which: { node?: boolean; nodes?: boolean; run?: boolean; dist?: boolean },
): Command {
  cmd.option(
    '--home <dir>',
    'state directory for node data, conf, logs and pids (default $SPARKIFY_CASSANDRA_HOME or ~/.local/share/sparkify-cassandra)',
  );
  if (which.run) {
    cmd
      .option(
        '--address <ip>',
        'loopback address of node 1; node N gets the next addresses (default: first of $CASSANDRA_CONTACT_POINTS, else 127.0.0.1)',
      )
      .option('--port <port>', 'CQL port on every node (default $CASSANDRA_PORT or 9042)', positiveInt('--port'))
      .option(
        '--jmx-port <port>',
        'JMX port of node 1 on 127.0.0.1; node N uses port+N-1 (default $CASSANDRA_JMX_PORT or 7199)',
        positiveInt('--jmx-port'),
      );
  }
  if (which.nodes) cmd.option('--nodes <n>', 'number of nodes (default 1)', positiveInt('--nodes'));
  if (which.node)
    cmd.option(
      '--node <n>',
      'only node number n (1 = the first node), e.g. to stop and restart one node of a cluster',
      positiveInt('--node'),
    );
  if (which.dist) {
    cmd
      .option(
        '--cache-dir <dir>',
        'where the Cassandra jars are kept (default $SPARKIFY_CASSANDRA_CACHE or ~/.cache/sparkify-cassandra)',
      )
      .option('--cassandra-version <v>', 'Apache Cassandra version (default 5.0.6)');
  }
  return cmd.option('-q, --quiet', 'print only the result, not each step');
}

function toOptions(f: CommonFlags): LocalClusterOptions {
  return {
    home: f.home,
    cacheDir: f.cacheDir,
    version: f.cassandraVersion,
    baseAddress: f.address,
    port: f.port,
    jmxPort: f.jmxPort,
    heap: f.heap,
    newHeap: f.newHeap,
    timeoutMs: f.timeout !== undefined ? f.timeout * 1000 : undefined,
    nodes: f.nodes,
    log: f.quiet ? undefined : (line: string) => console.error(`  ${line}`),
  };
}

const action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => guarded(fn, 'sparkify cassandra');

export function registerCassandraCommand(program: Command): void {
  const cassandra = program
    .command('cassandra')
    .description('run a real local Apache Cassandra 5.0 (no Docker): install | start | stop | status')
    .addHelpText(
      'after',
      `
The jars come from Maven Central (needs "mvn" and Java 11/17); each node is a java process on its own
loopback address (127.0.0.1, 127.0.0.2, …) with its data, conf and logs under --home. Only nodes started
from that home are ever stopped. Environment: CASSANDRA_CONTACT_POINTS, CASSANDRA_PORT, CASSANDRA_JMX_PORT,
MAX_HEAP_SIZE, HEAP_NEWSIZE, JAVA_HOME, SPARKIFY_CASSANDRA_HOME, SPARKIFY_CASSANDRA_CACHE.

Examples:
  sparkify cassandra start               one node at 127.0.0.1:9042
  sparkify cassandra start --nodes 3     three nodes at 127.0.0.1-3
  sparkify cassandra stop --node 2       stop node 2 only (its data stays)
  sparkify cassandra start --node 2      start it again
  sparkify cassandra status
  sparkify cassandra stop`,
    );

  registerInstall(cassandra);
  registerStart(cassandra);
  registerStop(cassandra);
  registerStatus(cassandra);
}

function registerInstall(cassandra: Command): void {
  withCommonOptions(
    cassandra
      .command('install')
      .description("download Cassandra's jars into the cache with Maven (start does this when needed)"),
    {
      dist: true,
    },
  ).action(
    action(async (f: CommonFlags) => {
      const t0 = Date.now();
      const lib = await installCassandra(toOptions(f));
      console.log(`Cassandra ${f.cassandraVersion ?? '5.0.6'} jars are in ${lib} (${formatSeconds(Date.now() - t0)}).`);
    }),
  );
}

function registerStart(cassandra: Command): void {
  withCommonOptions(
    cassandra
      .command('start')
      .description('start the local node(s), or reuse them if they already answer CQL; waits until every node answers')
      .option('--heap <size>', 'heap per node, e.g. 512M or 1G (default $MAX_HEAP_SIZE or 1G)')
      .option('--new-heap <size>', 'young generation per node (default $HEAP_NEWSIZE or 128M)')
      .option('--timeout <seconds>', 'how long to wait for each node (default 120)', positiveInt('--timeout')),
    { run: true, nodes: true, node: true, dist: true },
  ).action(
    action(async (f: CommonFlags) => {
      const opts = toOptions(f);
      if (f.node !== undefined) {
        const n = await startLocalNode(opts, f.node - 1);
        console.log(
          n.started
            ? `Started ${n.name} (${n.address}:${n.port}, pid ${n.pid}) in ${formatSeconds(n.ms)}; log: ${n.logFile}`
            : `${n.name} (${n.address}:${n.port}${n.pid ? `, pid ${n.pid}` : ''}) was already running (${formatSeconds(n.ms)}).`,
        );
        return;
      }
      const r = await startLocalCassandra(opts);
      console.log(r.started ? r.message : `${r.message} (${formatSeconds(r.ms)})`);
      for (const n of r.nodes) {
        console.log(
          `  ${n.name}  ${n.address}:${n.port}${n.pid ? `  pid ${n.pid}` : ''}${n.started ? '  started' : '  already running'}${n.pid ? `  log ${n.logFile}` : ''}`,
        );
      }
    }),
  );
}

function registerStop(cassandra: Command): void {
  withCommonOptions(
    cassandra
      .command('stop')
      .description('stop the nodes started from --home (SIGTERM, SIGKILL after 30 s); data stays'),
    { node: true, run: true },
  ).action(
    action(async (f: CommonFlags) => {
      const opts = toOptions(f);
      const r = f.node !== undefined ? await stopLocalNode(opts, f.node - 1) : await stopLocalCassandra(opts);
      console.log(r.stopped.length ? r.message : `${r.message} (${formatSeconds(r.ms)})`);
    }),
  );
}

function registerStatus(cassandra: Command): void {
  withCommonOptions(
    cassandra
      .command('status')
      .description(
        'for each node started from --home: is its process alive, does it answer CQL; and what else answers',
      ),
    { run: true, nodes: true },
  ).action(
    action(async (f: CommonFlags) => {
      const t0 = Date.now();
      const s = await localCassandraStatus({ ...toOptions(f), log: undefined });
      console.log(`Local Cassandra (${s.home}):`);
      console.log(
        s.message
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
      console.log(`(checked in ${formatSeconds(Date.now() - t0)})`);
    }),
  );
}

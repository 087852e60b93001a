// localnode: runs a real, local Apache Cassandra 5.0 cluster without Docker — the public calls.
// Start (or reuse) a cluster of one or more nodes, start or stop one node of it, stop it all, ask
// what runs. The folder's parts: options (defaults and the environment), install (Cassandra's jars
// from Maven into a cache), config and jvm (each node's cassandra.yaml, logback.xml and command
// line under `<home>/nodeN`), process (detached `java … CassandraDaemon` processes, one after another,
// each on its own loopback address 127.0.0.1, 127.0.0.2, … as ccm does), state (pid.json, node.json),
// wait (until each answers CQL and, for several nodes, until they see each other), status, logs.
// It never stops a process it did not start: only pids recorded in `<home>` whose command line is a
// CassandraDaemon using that node's cassandra.yaml are signalled. API functions take a 0-based
// `index`; directories and names are 1-based (`index` 0 is `node1`, at the base address).
// Environment honoured (explicit options win): CASSANDRA_CONTACT_POINTS (first entry = base address),
// CASSANDRA_PORT, CASSANDRA_JMX_PORT, MAX_HEAP_SIZE, HEAP_NEWSIZE, JAVA_HOME, SPARKIFY_CASSANDRA_HOME,
// SPARKIFY_CASSANDRA_CACHE — read in one place, options.ts's readLocalnodeEnv.
// Only `node:` built-ins and cassandra-driver.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'node:fs';
import { foreignStart, startMessage, startNodesInTurn } from './cluster';
import { probeCql } from './cql';
import { existingNodeIndices, layout } from './layout';
import { distributionLoader, ensureNode, stopNodes } from './node';
import { resolveOptions } from './options';
import { livePid } from './process';
import { nodeCreated } from './state';
import { collectStatus, statusIndices, statusMessage, statusNodeCount } from './status';
import type { LocalClusterOptions, LocalNodeInfo, StartResult, StatusResult, StopResult } from './types';

/**
 * Starts the local cluster (or reuses it). If a node already answers CQL at the first address and we did not
 * start it, it is used as is and nothing is started. Otherwise each missing node is started in turn (each waits
 * for the previous one to answer CQL) and, for several nodes, until each node's system.peers lists all the others.
 * On failure, nodes started by this call are stopped again and the error carries the tail of the node's log.
 */
export async function startLocalCassandra(opts: LocalClusterOptions = {}): Promise<StartResult> {
  const t0 = Date.now();
  const r = resolveOptions(opts);
  const nodes = Array.from({ length: r.nodes }, (_, i) => layout(r, i));
  const firstProbe = await probeCql(nodes[0].address, nodes[0].port, r.credentials);
  if (firstProbe.ok && livePid(nodes[0]) === undefined) return foreignStart(r, nodes[0], firstProbe, Date.now() - t0);
  fs.mkdirSync(r.home, { recursive: true });
  const infos = await startNodesInTurn(r, nodes, distributionLoader(opts, r));
  const ms = Date.now() - t0;
  const started = infos.some((n) => n.started);
  return {
    started,
    alreadyRunning: firstProbe.ok,
    foreign: false,
    nodes: infos,
    ms,
    message: startMessage(r, infos, ms),
  };
}

/** Starts one node of a cluster created earlier in this home (0-based index), reusing its data directory. */
export async function startLocalNode(
  opts: LocalClusterOptions,
  index: number,
): Promise<LocalNodeInfo & { ms: number }> {
  const t0 = Date.now();
  const r = resolveOptions({ ...opts, nodes: Math.max(opts.nodes ?? 1, index + 1) });
  const node = layout(r, index);
  if (!nodeCreated(node)) {
    throw new Error(
      `${node.name} has never been started from ${r.home}; start the cluster first (startLocalCassandra with nodes >= ${index + 1}).`,
    );
  }
  const count = Math.max(existingNodeIndices(r.home).length, index + 1);
  const info = await ensureNode(r, node, count, distributionLoader(opts, r));
  return { ...info, ms: Date.now() - t0 };
}

/** Stops every node recorded in home (SIGTERM, then SIGKILL after 30 s) and removes the pid records. */
export async function stopLocalCassandra(opts: LocalClusterOptions = {}): Promise<StopResult> {
  const r = resolveOptions(opts);
  return stopNodes(r, existingNodeIndices(r.home));
}

/** Stops one node (0-based index) if we started it; its data directory stays for startLocalNode. */
export async function stopLocalNode(opts: LocalClusterOptions, index: number): Promise<StopResult> {
  const r = resolveOptions({ ...opts, nodes: Math.max(opts.nodes ?? 1, index + 1) });
  return stopNodes(r, [index]);
}

/** For each recorded node: is its pid alive, does it answer CQL; plus what answers at configured addresses that we did not start. */
export async function localCassandraStatus(opts: LocalClusterOptions = {}): Promise<StatusResult> {
  const known = existingNodeIndices(resolveOptions(opts).home);
  const r = resolveOptions({ ...opts, nodes: statusNodeCount(opts.nodes, known) });
  const { nodes, foreign } = await collectStatus(r, statusIndices(known, r.nodes));
  return { home: r.home, nodes, foreign, message: statusMessage(r.home, nodes, foreign) };
}

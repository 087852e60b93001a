// node: bringing up and stopping nodes one at a time — reuse a node that answers, wait for one that is
// still starting, else check its ports, decide whether it bootstraps, spawn it and wait for CQL
// (stopping it again if it never answers); stop recorded nodes and remove their pid records.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { formatSeconds } from '../../show/format';
import { probeCql, userKeyspaces } from './cql';
import { installCassandra } from './install';
import { checkJava } from './java';
import { layout, nodeInfo, type NodeLayout } from './layout';
import { withNote } from './logs';
import type { Resolved } from './options';
import { preflight } from './preflight';
import { children, isOurNodeProcess, killAndWait, livePid, spawnNode, STOP_GRACE_MS } from './process';
import { nodeCreated, readPid, removePid } from './state';
import type { LocalClusterOptions, LocalNodeInfo, StopResult } from './types';
import { waitForCql } from './wait';

/** The lib dir of the distribution, checked (Java) and installed on first use only. */
export function distributionLoader(opts: LocalClusterOptions, r: Resolved): () => Promise<string> {
  let lib: string | undefined;
  return async () => {
    if (!lib) {
      checkJava(r.javaHome, r.log);
      lib = await installCassandra(opts);
    }
    return lib;
  };
}

/**
 * auto_bootstrap for a node about to start. A node joining for the first time bootstraps (streams its ranges) only
 * if the cluster holds user data; a fresh cluster's nodes start with auto_bootstrap: false, as ccm's do, which saves
 * the ring-delay waits. (Only read when the node is created: node.json keeps the decision.)
 */
async function decideAutoBootstrap(r: Resolved, node: NodeLayout): Promise<boolean> {
  if (node.index === 0 || nodeCreated(node)) return true;
  const seed = layout(r, 0);
  const ks = await userKeyspaces(seed.address, seed.port, r.credentials).catch(() => undefined);
  const autoBootstrap = ks === undefined || ks.length > 0;
  if (autoBootstrap)
    r.log(
      `${node.name} joins a cluster with data (${ks ? ks.join(', ') : 'could not list keyspaces'}); it will bootstrap`,
    );
  return autoBootstrap;
}

/** Spawns the node and waits until it answers CQL; if it never does but still runs, stops it again. */
async function spawnAndWait(
  r: Resolved,
  node: NodeLayout,
  libDir: string,
  count: number,
  autoBootstrap: boolean,
): Promise<LocalNodeInfo> {
  const t0 = Date.now();
  const spawned = spawnNode(r, node, libDir, count, autoBootstrap);
  r.log(
    `${node.name}: started pid ${spawned.pid} at ${node.address}:${node.port} (JMX 127.0.0.1:${node.jmxPort}); waiting for CQL …`,
  );
  const info = nodeInfo(node, true, spawned.pid);
  try {
    const version = await waitForCql(r, node, spawned.pid, spawned);
    r.log(`${node.name} answers CQL (Cassandra ${version ?? '?'}) after ${formatSeconds(Date.now() - t0)}`);
  } catch (e) {
    if (spawned.exit === undefined) {
      await killAndWait(spawned.pid, node, 5000);
      removePid(node);
      throw withNote(e, `(${node.name}, pid ${spawned.pid}, has been stopped.)`);
    }
    throw e;
  }
  return info;
}

/**
 * Brings up one node: reuses it if it answers CQL, waits for it if its recorded process is still starting,
 * otherwise starts it and waits until it answers (stopping it again if it does not).
 */
export async function ensureNode(
  r: Resolved,
  node: NodeLayout,
  count: number,
  getLib: () => Promise<string>,
): Promise<LocalNodeInfo> {
  const pid = livePid(node);
  const probe = await probeCql(node.address, node.port, r.credentials);
  if (probe.ok) {
    if (pid === undefined)
      r.log(`${node.name}: something not started from ${r.home} answers at ${node.address}:${node.port}; using it`);
    else r.log(`${node.name} already running at ${node.address}:${node.port} (pid ${pid})`);
    return nodeInfo(node, false, pid);
  }
  if (pid !== undefined) {
    r.log(`${node.name} (pid ${pid}) is running but does not answer CQL yet; waiting for it`);
    await waitForCql(r, node, pid, children.get(pid));
    return nodeInfo(node, false, pid);
  }
  if (readPid(node)) removePid(node); // stale record
  const libDir = await getLib();
  await preflight(r, node);
  const autoBootstrap = await decideAutoBootstrap(r, node);
  return spawnAndWait(r, node, libDir, count, autoBootstrap);
}

function stopMessage(r: Resolved, stopped: StopResult['stopped'], stale: StopResult['stale'], ms: number): string {
  return stopped.length
    ? `Stopped ${stopped.map((s) => `${s.name} (pid ${s.pid}${s.killed ? ', SIGKILL after ' + formatSeconds(STOP_GRACE_MS) : ''})`).join(', ')} in ${formatSeconds(ms)}.`
    : `No local Cassandra node from ${r.home} was running; nothing to stop.` +
        (stale.length ? ` Removed stale pid records of ${stale.map((s) => s.name).join(', ')}.` : '');
}

/** Stops the recorded nodes among `indices` in parallel; removes their pid records (stale ones too). */
export async function stopNodes(r: Resolved, indices: number[]): Promise<StopResult> {
  const t0 = Date.now();
  const stopped: StopResult['stopped'] = [];
  const stale: StopResult['stale'] = [];
  const work: Promise<void>[] = [];
  for (const i of indices) {
    const node = layout(r, i);
    const rec = readPid(node);
    if (!rec) continue;
    if (!isOurNodeProcess(rec.pid, node)) {
      stale.push({ index: i, name: node.name, pid: rec.pid });
      removePid(node);
      continue;
    }
    r.log(`stopping ${node.name} (pid ${rec.pid}, ${rec.address}) …`);
    work.push(
      killAndWait(rec.pid, node, STOP_GRACE_MS).then((killed) => {
        stopped.push({ index: i, name: node.name, address: rec.address, pid: rec.pid, killed });
        removePid(node);
      }),
    );
  }
  await Promise.all(work);
  stopped.sort((a, b) => a.index - b.index);
  const ms = Date.now() - t0;
  return { stopped, stale, ms, message: stopMessage(r, stopped, stale, ms) };
}

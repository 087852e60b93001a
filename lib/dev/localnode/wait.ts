// wait: readiness — polling a node until it answers CQL (failing early, with its log excerpt, when its
// process dies), and polling each node until its system.peers lists all the others.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'node:fs';
import { sleep } from '../../common/async';
import { formatSeconds } from '../../show/format';
import { LocalCassandraError } from '../../errors';
import { probeCql, queryPeers, type CqlProbe } from './cql';
import type { NodeLayout } from './layout';
import { errMessage, logTail } from './logs';
import type { Resolved } from './options';
import { children, isGone, type Spawned } from './process';

/** How a node's process ended, in words. */
function howItEnded(spawned: Spawned | undefined): string {
  if (!spawned?.exit) return 'is gone';
  return spawned.exit.signal ? `was killed by ${spawned.exit.signal}` : `exited with code ${spawned.exit.code}`;
}

/** The error for a node whose process died while we waited (its pid record is removed). */
async function diedDuringStartup(
  node: NodeLayout,
  pid: number,
  spawned: Spawned | undefined,
  t0: number,
): Promise<LocalCassandraError> {
  children.delete(pid);
  await sleep(200); // let the last log lines land
  try {
    fs.rmSync(node.pidFile, { force: true });
  } catch {
    /* ignore */
  }
  return new LocalCassandraError(
    `Cassandra ${node.name} at ${node.address}:${node.port} (pid ${pid}) ${howItEnded(spawned)} ${formatSeconds(Date.now() - t0)} into startup; ` +
      `see ${node.systemLog} and ${node.stdoutLog}.`,
    logTail(node),
  );
}

/** Waits until `node` answers CQL; fails early when its process dies. */
export async function waitForCql(
  r: Resolved,
  node: NodeLayout,
  pid: number,
  spawned?: Spawned,
): Promise<string | undefined> {
  const t0 = Date.now();
  let last: CqlProbe = { ok: false };
  for (;;) {
    if (isGone(pid, node, spawned)) throw await diedDuringStartup(node, pid, spawned, t0);
    last = await probeCql(node.address, node.port, r.credentials);
    // With credentials, wait until they work (the default superuser is created a moment after CQL opens).
    if (last.ok && !(r.credentials && last.authRequired)) return last.releaseVersion;
    if (Date.now() - t0 > r.timeoutMs) {
      throw new LocalCassandraError(
        `Cassandra ${node.name} at ${node.address}:${node.port} did not answer CQL within ${formatSeconds(r.timeoutMs)} ` +
          `(pid ${pid} was still running; last probe: ${last.error ?? 'no answer'}); see ${node.systemLog}.`,
        logTail(node),
      );
    }
    await sleep(500);
  }
}

/** Waits until system.peers on `node` lists every address in `others`. */
export async function waitForPeers(r: Resolved, node: NodeLayout, others: string[]): Promise<void> {
  const t0 = Date.now();
  let seen: string[] = [];
  let lastErr = '';
  for (;;) {
    try {
      seen = await queryPeers(node.address, node.port, r.credentials);
      lastErr = '';
      if (others.every((a) => seen.includes(a))) return;
    } catch (e) {
      lastErr = errMessage(e);
    }
    if (Date.now() - t0 > r.timeoutMs) {
      const missing = others.filter((a) => !seen.includes(a));
      throw new LocalCassandraError(
        `After ${formatSeconds(r.timeoutMs)}, system.peers on ${node.name} (${node.address}) lists [${seen.join(', ')}] ` +
          `but not [${missing.join(', ')}]${lastErr ? ` (last error: ${lastErr})` : ''}; see ${node.systemLog}.`,
        logTail(node),
      );
    }
    await sleep(500);
  }
}

// process: the node processes themselves — spawning a detached `java … CassandraDaemon` with its output
// in `<home>/nodeN/logs/stdout.log` and recording its pid, telling whether a recorded pid is still our
// node, and stopping it (SIGTERM, then SIGKILL). It never signals a process it did not start: only pids
// recorded in `<home>` whose command line is a CassandraDaemon using that node's cassandra.yaml.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { sleep } from '../../common/async';
import { writeNodeConfig } from './config';
import { javaCommand } from './java';
import { jvmArgs } from './jvm';
import type { NodeLayout } from './layout';
import type { Resolved } from './options';
import { readPid, writePid } from './state';

export interface Spawned {
  pid: number;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child: ChildProcess;
}

/** Nodes spawned by this process, by pid: their 'exit' event tells when they are really gone (reaped). */
export const children = new Map<number, Spawned>();

/** SIGTERM grace before SIGKILL when stopping a node. */
export const STOP_GRACE_MS = 30_000;

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Is `pid` a live CassandraDaemon that uses this node's cassandra.yaml? On Linux this reads
 * /proc/<pid>/cmdline (a zombie or a reused pid does not match); elsewhere it only checks liveness.
 */
export function isOurNodeProcess(pid: number, node: NodeLayout): boolean {
  if (!isPidAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  return cmdline.includes('org.apache.cassandra.service.CassandraDaemon') && cmdline.includes(node.yaml);
}

/** The pid of this node's process if it is recorded and still ours; undefined otherwise. */
export function livePid(node: NodeLayout): number | undefined {
  const rec = readPid(node);
  return rec && isOurNodeProcess(rec.pid, node) ? rec.pid : undefined;
}

/** Has this process gone: our child's exit event when we spawned it, else the pid check. */
export function isGone(pid: number, node: NodeLayout, spawned: Spawned | undefined): boolean {
  return spawned ? spawned.exit !== undefined : !isOurNodeProcess(pid, node);
}

/** Writes the node's configuration, spawns its JVM detached (output appended to stdout.log) and records its pid. */
export function spawnNode(
  r: Resolved,
  node: NodeLayout,
  libDir: string,
  count: number,
  autoBootstrap: boolean,
): Spawned {
  writeNodeConfig(r, node, count, autoBootstrap);
  const java = javaCommand(r.javaHome);
  const args = jvmArgs(r, node, libDir);
  fs.appendFileSync(
    node.stdoutLog,
    `\n==== ${new Date().toISOString()} starting ${node.name}: ${java} ${args.join(' ')}\n`,
  );
  const fd = fs.openSync(node.stdoutLog, 'a');
  let child: ChildProcess;
  try {
    child = spawn(java, args, { cwd: node.dir, detached: true, stdio: ['ignore', fd, fd], env: process.env });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined)
    throw new Error(`Could not start ${java} for ${node.name} (no pid); see ${node.stdoutLog}`);
  const spawned: Spawned = { pid: child.pid, exit: undefined, child };
  child.once('exit', (code, signal) => {
    spawned.exit = { code, signal };
  });
  child.once('error', () => {
    spawned.exit = spawned.exit ?? { code: null, signal: null };
  });
  child.unref();
  children.set(child.pid, spawned);
  writePid(node, r.version, child.pid);
  return spawned;
}

/** Polls until the process is gone or `ms` have passed; returns whether it is gone. */
async function waitGone(pid: number, node: NodeLayout, spawned: Spawned | undefined, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!isGone(pid, node, spawned) && Date.now() - t0 < ms) await sleep(100);
  return isGone(pid, node, spawned);
}

/**
 * SIGTERM (Cassandra drains and flushes), then SIGKILL after `graceMs`. Returns whether SIGKILL was needed.
 * A node started by this very process is waited for until Node has reaped it (no zombie left behind).
 */
export async function killAndWait(pid: number, node: NodeLayout, graceMs: number): Promise<boolean> {
  const child = children.get(pid);
  let killed = false;
  try {
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(pid, node, child, graceMs))) {
      killed = true;
      process.kill(pid, 'SIGKILL');
      await waitGone(pid, node, child, 10_000);
    }
  } catch {
    /* already gone */
  }
  // Our own child may have exited as a zombie between checks: give Node a moment to reap it.
  if (child) await waitGone(pid, node, child, 2000);
  children.delete(pid);
  return killed;
}

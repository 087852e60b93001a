// layout: where each node lives under the state directory — `<home>/nodeN/{conf,logs,data,…}`, its
// address (the base address + index) and JMX port (the base port + index) — and which nodes exist.
// Node numbering: API functions take a 0-based `index`; directories and names are 1-based
// (`index` 0 is `node1`, at the base address).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localNodeAddress, type Resolved } from './options';
import type { LocalNodeInfo } from './types';

export interface NodeLayout {
  index: number;
  name: string;
  address: string;
  port: number;
  jmxPort: number;
  dir: string;
  confDir: string;
  yaml: string;
  logback: string;
  logDir: string;
  systemLog: string;
  stdoutLog: string;
  pidFile: string;
  infoFile: string;
}

export function layout(r: Resolved, index: number): NodeLayout {
  const name = `node${index + 1}`;
  const dir = path.join(r.home, name);
  const confDir = path.join(dir, 'conf');
  const logDir = path.join(dir, 'logs');
  return {
    index,
    name,
    address: localNodeAddress(r.baseAddress, index),
    port: r.port,
    jmxPort: r.jmxPort + index,
    dir,
    confDir,
    yaml: path.join(confDir, 'cassandra.yaml'),
    logback: path.join(confDir, 'logback.xml'),
    logDir,
    systemLog: path.join(logDir, 'system.log'),
    stdoutLog: path.join(logDir, 'stdout.log'),
    pidFile: path.join(dir, 'pid.json'),
    infoFile: path.join(dir, 'node.json'),
  };
}

/** Indices of node directories under home (node1 → 0, …). */
export function existingNodeIndices(home: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(home);
  } catch {
    return [];
  }
  return names
    .map((n) => /^node(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => !!m && Number(m[1]) >= 1)
    .map((m) => Number(m[1]) - 1)
    .sort((a, b) => a - b);
}

/** What a start reports about `node`. */
export function nodeInfo(node: NodeLayout, started: boolean, pid?: number): LocalNodeInfo {
  return {
    index: node.index,
    name: node.name,
    address: node.address,
    port: node.port,
    pid,
    logFile: node.systemLog,
    stdoutFile: node.stdoutLog,
    jmxPort: node.jmxPort,
    started,
  };
}

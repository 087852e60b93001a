// state: the two small JSON records each node directory holds — pid.json (the process we started,
// removed when it stops) and node.json (written once when the node is created: its address, token and
// whether it bootstraps).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'node:fs';
import { writeJsonAtomic } from '../../common/files';
import type { NodeLayout } from './layout';

export interface PidRecord {
  pid: number;
  name: string;
  address: string;
  port: number;
  jmxPort: number;
  version: string;
  startedAt: string;
}

export interface NodeInfoFile {
  name: string;
  address: string;
  token: string;
  /** auto_bootstrap, decided when the node was created: false when it joined a cluster without user data (as ccm does). */
  autoBootstrap?: boolean;
  createdAt: string;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The node's pid record, if it has a readable one. */
export function readPid(node: NodeLayout): PidRecord | undefined {
  const rec = readJson<PidRecord>(node.pidFile);
  return rec && Number.isInteger(rec.pid) ? rec : undefined;
}

export function writePid(node: NodeLayout, version: string, pid: number): void {
  const rec: PidRecord = {
    pid,
    name: node.name,
    address: node.address,
    port: node.port,
    jmxPort: node.jmxPort,
    version,
    startedAt: new Date().toISOString(),
  };
  writeJsonAtomic(node.pidFile, rec);
}

export function removePid(node: NodeLayout): void {
  fs.rmSync(node.pidFile, { force: true });
}

export function readNodeInfo(node: NodeLayout): NodeInfoFile | undefined {
  return readJson<NodeInfoFile>(node.infoFile);
}

export function writeNodeInfo(node: NodeLayout, info: NodeInfoFile): void {
  writeJsonAtomic(node.infoFile, info);
}

/** Has this node ever been created (node.json written at its first start)? */
export function nodeCreated(node: NodeLayout): boolean {
  return fs.existsSync(node.infoFile);
}

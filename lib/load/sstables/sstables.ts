// sstables: `loadTables(…, { via: 'sstables' })` — the tables filled without the CQL write path. A short
// orchestrator: the plays streamed into Cassandra's own CQLSSTableWriter (write.ts, a Java program run from
// the project's jars), the SSTables handed to the target by nodetool import or sstableloader (handover.ts),
// the work folder removed. Rows keep the file's order by their timestamps (protocol.ts): a later line wins.
// Same result shape as the CQL loader, plus how long each phase took and which handover did it.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import * as fs from 'fs';
import * as path from 'path';
import { checkIdentifier, TABLES } from '../../model/tables';
import type { CassandraTools } from '../../dev/localnode/tools';
import type { LoadOptions } from '../options';
import { LoadTally, ProgressReporter, type LoadResult } from '../progress';
import { ClusterHealth } from '../retry';
import { handOver, type Handover, type Target } from './handover';
import { sstablesIn, writeSSTables } from './write';

export interface SSTableOptions {
  /** The JVM side: lib/dev's cassandraTools(), made from the local node's options. */
  tools: CassandraTools;
  /** For sstableloader on a cluster with authentication (the driver's own are not readable back). */
  credentials?: { username: string; password: string };
  tls?: boolean;
  /** Where the SSTables are written before the handover (removed after). Default `<file>.sstables-<pid>`. */
  workDir?: string;
  /** Token ranges the rows are cut into before sorting (one in memory at a time). Default: ~4 MiB of file each. */
  ranges?: number;
}

export interface SSTableLoadFigures {
  handover: Handover;
  /** Why the ways tried before `handover` failed (e.g. nodetool import when JMX does not answer). */
  tried: string[];
  writeMs: number;
  handoverMs: number;
  /** Bytes of SSTables written (all components). */
  bytes: number;
}

/** The target as the driver sees it: the hosts it knows and their port. */
function targetOf(client: Client, options: SSTableOptions): Target {
  const hosts = client.hosts.values().map((h) => h.address.replace(/:\d+$/, ''));
  const port = Number(client.hosts.values()[0]?.address.match(/:(\d+)$/)?.[1] ?? 9042);
  return { hosts, port, credentials: options.credentials, tls: options.tls };
}

/** The bytes of the files under `dir`. */
function folderBytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = path.join(dir, e.name);
    return sum + (e.isDirectory() ? folderBytes(p) : e.isFile() ? fs.statSync(p).size : 0);
  }, 0);
}

/** Writes the tables' SSTables from the merged file and hands them to the cluster `client` is connected to. */
export async function loadViaSSTables(client: Client, options: LoadOptions): Promise<LoadResult> {
  const sst = options.sstables;
  if (!sst?.tools) throw new Error("loadTables({ via: 'sstables' }) needs sstables.tools (lib/dev's cassandraTools())");
  if (options.resume)
    throw new Error('--resume is for the CQL loader: a load via SSTables is all or nothing, run it again');
  const started = Date.now();
  const tables = options.tables ?? TABLES;
  const keyspace = checkIdentifier(options.keyspace, 'keyspace name');
  const tally = new LoadTally(tables);
  const health = new ClusterHealth();
  const size = fs.statSync(options.file).size;
  const progress = new ProgressReporter(options.onProgress, options.progressEveryMs ?? 200, (now) =>
    tally.progress(health, size, now - started, now),
  );
  // absolute: nodetool import hands the folder to the node, whose working folder is not ours
  const root = path.resolve(sst.workDir ?? `${options.file}.sstables-${process.pid}`);
  fs.rmSync(root, { recursive: true, force: true });
  try {
    const written = await writeSSTables(
      sst.tools,
      client,
      { file: options.file, keyspace, tables, root, ranges: sst.ranges, onRead: () => progress.report() },
      tally,
    );
    const writeMs = Date.now() - started;
    const bytes = folderBytes(sstablesIn(root));
    const { way: handover, tried } = await handOver(
      sst.tools,
      targetOf(client, sst),
      sstablesIn(root),
      keyspace,
      tables.map((t) => t.name),
    );
    Object.assign(tally.loaded, written);
    tally.bytesRead = size;
    progress.report(true);
    const { requests: _none, ...result } = tally.result(options.file, health, Date.now() - started, {});
    return { ...result, sstables: { handover, tried, writeMs, handoverMs: Date.now() - started - writeMs, bytes } };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

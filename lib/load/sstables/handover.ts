// handover: giving the written SSTables to Cassandra, the way the target calls for. One node on this
// machine (a loopback address): `nodetool import`, which moves the files into the node's data directory
// and opens them — no streaming, no write path. Anything else (several nodes, a remote cluster):
// sstableloader (Cassandra's BulkLoader), which streams each partition to the replicas that own it. When
// the first way cannot reach the target the other is tried; when neither can, the error names both.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { CassandraTools } from '../../dev/localnode/tools';
import { sstableDir } from './protocol';

export type Handover = 'nodetool import' | 'sstableloader';

export interface Target {
  /** The addresses of the nodes the driver knows. */
  hosts: string[];
  /** Their native protocol (CQL) port. */
  port: number;
  credentials?: { username: string; password: string };
  tls?: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** The ways to try, best first: import for one node on this machine, else the loader (and import after it never). */
export function handoversFor(target: Target): Handover[] {
  const local = target.hosts.length === 1 && LOOPBACK.test(target.hosts[0]);
  return local ? ['nodetool import', 'sstableloader'] : ['sstableloader'];
}

/** The nodetool import of each table's folder; throws with nodetool's words when a folder is refused. */
async function importTables(tools: CassandraTools, root: string, keyspace: string, tables: string[]): Promise<void> {
  const nodetool = tools.nodetool(0);
  for (const table of tables) {
    const out = await nodetool(['import', keyspace, table, sstableDir(root, keyspace, table)]);
    if (/failed to import/i.test(out)) throw new Error(`nodetool import ${keyspace} ${table}: ${out.trim()}`);
  }
}

/** sstableloader (BulkLoader) of each table's folder to the target's nodes. */
async function streamTables(
  tools: CassandraTools,
  target: Target,
  root: string,
  keyspace: string,
  tables: string[],
): Promise<void> {
  if (target.tls)
    throw new Error(
      'sstableloader over TLS needs a Java keystore and truststore, which this loader does not configure; load with --via cql',
    );
  const auth = target.credentials ? ['-u', target.credentials.username, '-pw', target.credentials.password] : [];
  for (const table of tables) {
    await tools.runJava('org.apache.cassandra.tools.BulkLoader', [
      '--no-progress',
      '-d',
      target.hosts.join(','),
      '-p',
      String(target.port),
      ...auth,
      sstableDir(root, keyspace, table),
    ]);
  }
}

/** How the SSTables were handed over, and why the ways tried before it did not. */
export interface HandoverResult {
  way: Handover;
  tried: string[];
}

/** Hands the tables' SSTables under `root` to the target; returns the way that did it. */
export async function handOver(
  tools: CassandraTools,
  target: Target,
  root: string,
  keyspace: string,
  tables: string[],
): Promise<HandoverResult> {
  const reasons: string[] = [];
  for (const way of handoversFor(target)) {
    try {
      if (way === 'nodetool import') await importTables(tools, root, keyspace, tables);
      else await streamTables(tools, target, root, keyspace, tables);
      return { way, tried: reasons };
    } catch (e) {
      const message = String((e as Error)?.message ?? e);
      reasons.push(`${way}: ${target.credentials ? message.split(target.credentials.password).join('***') : message}`);
    }
  }
  throw new Error(
    `The SSTables in ${root} could not be handed to Cassandra at ${target.hosts.join(', ')} (port ${target.port}):\n` +
      reasons.map((r) => `  ${r}`).join('\n'),
  );
}

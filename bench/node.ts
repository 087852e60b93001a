// node: the bench's own Cassandra node (127.0.0.51, JMX 7600, home under the work folder), started
// before the load sections and stopped at the end unless --keep-node; and the keyspace helpers every
// loader uses (a fresh keyspace with or without the three tables, row counts per table).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Client } from 'cassandra-driver';
import { startLocalCassandra, stopLocalCassandra } from '../lib/dev/localnode/localnode';
import { TABLES } from '../lib/model/tables';
import { facts, log } from './figures';
import { watchNode } from './measure';
import type { Options } from './options';
import { configFromEnv } from '../lib/cassandra/config';
import { connect } from '../lib/cassandra/connect';
import { dropKeyspaceCql } from '../lib/cassandra/keyspace';
import type { LocalClusterOptions } from '../lib/dev/localnode/types';
import { createTables } from '../lib/load/schema';

export const BENCH_HOST = '127.0.0.51';

export interface BenchNode {
  client: Client;
  host: string;
  /** Closes the client and stops the node (unless --keep-node or it was already running). */
  close(): Promise<void>;
}

/** The bench node's options (also what its nodetool needs). */
export function benchNodeOptions(o: Options): LocalClusterOptions {
  return {
    baseAddress: BENCH_HOST,
    jmxPort: 7600,
    home: join(o.work, 'cassandra'),
    heap: '2G',
    newHeap: '400M',
    extraYaml: { auto_snapshot: false },
    log: (l) => log(`  ${l}`),
  };
}

export async function startBenchNode(o: Options): Promise<BenchNode> {
  const nodeOpts = benchNodeOptions(o);
  log('starting the bench node (127.0.0.51, JMX 7600) …');
  const started = await startLocalCassandra(nodeOpts);
  if (started.foreign) throw new Error(`something else answers CQL at 127.0.0.51:9042: ${started.message}`);
  watchNode(started.nodes[0].pid);
  const stopNode = async () => {
    if (o.keepNode || !started.started) return;
    log('stopping the bench node …');
    await stopLocalCassandra(nodeOpts).catch((e) => log(`  could not stop it: ${e}`));
  };
  process.once('SIGINT', () => {
    void stopNode().then(() => process.exit(130));
  });
  const client = await connect(
    configFromEnv({ ...process.env, CASSANDRA_CONTACT_POINTS: BENCH_HOST, SPARKIFY_KEYSPACE: 'bench_ours' }),
    { waitMs: 60_000 },
  );
  const javaVersion = (spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr ?? '').split('\n')[0];
  facts.set('java', javaVersion);
  const close = async () => {
    await client.shutdown().catch(() => undefined);
    await stopNode();
  };
  return { client, host: BENCH_HOST, close };
}

export async function freshKeyspace(client: Client, keyspace: string, withTables = true): Promise<void> {
  await client.execute(dropKeyspaceCql(keyspace));
  await client.execute(
    `CREATE KEYSPACE ${keyspace} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
  );
  if (withTables) await createTables(client, keyspace);
}

export async function countRows(client: Client, keyspace: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await client.execute(`SELECT count(*) AS n FROM ${keyspace}.${t.name}`, [], { readTimeout: 120_000 });
    out[t.name] = Number(r.first().n);
  }
  return out;
}

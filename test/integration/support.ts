// Shared by the integration suites: one client per suite on a fresh keyspace of its own, dropped after.
import { randomBytes } from 'node:crypto';
import type { Client } from 'cassandra-driver';
import { configFromEnv, connect, createKeyspace, dropKeyspaceCql, type SparkifyConfig } from '../../lib/index';

export interface Suite {
  client: Client;
  config: SparkifyConfig;
  keyspace: string;
}

export async function openSuite(name: string): Promise<Suite> {
  const keyspace = `t_${name}_${randomBytes(3).toString('hex')}`;
  const config = { ...configFromEnv(), keyspace };
  const client = await connect(config, { waitMs: 30_000 });
  await createKeyspace(client, config);
  return { client, config, keyspace };
}

export async function closeSuite(suite: Suite | undefined): Promise<void> {
  if (!suite) return;
  try {
    await suite.client.execute(dropKeyspaceCql(suite.keyspace));
  } finally {
    await suite.client.shutdown();
  }
}

export async function countRows(suite: Suite, table: string): Promise<number> {
  const rs = await suite.client.execute(`SELECT count(*) AS n FROM ${suite.keyspace}.${table}`);
  return Number(rs.first().get('n'));
}

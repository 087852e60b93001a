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

/**
 * `client`, except that once `holdUntil(p)` was called, its requests (execute and batch) wait for `p`
 * (say, a node being stopped) before they go out: a batched load is often over before a node has
 * stopped, so a fault test holds the load until the fault has landed, then lets it meet it for real.
 */
export function heldClient(client: Client): { held: Client; holdUntil: (p: Promise<unknown>) => void } {
  let hold: Promise<unknown> | undefined;
  const held = new Proxy(client, {
    get(target, prop) {
      if (prop === 'execute' || prop === 'batch') {
        return async (...args: unknown[]) => {
          if (hold) await hold;
          return (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return {
    held,
    holdUntil: (p) => {
      hold = p.catch(() => undefined);
    },
  };
}

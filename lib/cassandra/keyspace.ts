// keyspace: the CQL that creates and drops the project's keyspace with its replication.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { checkIdentifier } from '../model/tables';
import type { Replication, SparkifyConfig } from './config';
import type { CqlStatement } from './cql';

/** The replication map of a keyspace, as CQL. Only numbers and checked names go into it. */
function replicationCql(replication: Replication): string {
  if (replication.class === 'SimpleStrategy') {
    return `{'class': 'SimpleStrategy', 'replication_factor': ${Math.trunc(replication.replicationFactor)}}`;
  }
  const dcs = Object.entries(replication.datacenters).map(([dc, rf]) => {
    if (!/^[A-Za-z0-9_.-]+$/.test(dc)) throw new Error(`Invalid datacenter name ${JSON.stringify(dc)}`);
    return `'${dc}': ${Math.trunc(rf)}`;
  });
  return `{'class': 'NetworkTopologyStrategy', ${dcs.join(', ')}}`;
}

export function createKeyspaceCql(config: Pick<SparkifyConfig, 'keyspace' | 'replication'>): string {
  return `CREATE KEYSPACE IF NOT EXISTS ${checkIdentifier(config.keyspace, 'keyspace name')} WITH replication = ${replicationCql(
    config.replication,
  )}`;
}

/** The CREATE KEYSPACE of the configuration as a statement to run (it binds nothing: names and numbers are checked). */
export function createKeyspaceStatement(config: Pick<SparkifyConfig, 'keyspace' | 'replication'>): CqlStatement {
  return { query: createKeyspaceCql(config), params: [] };
}

/** Creates the keyspace when missing (the driver waits for schema agreement after DDL). */
export async function createKeyspace(client: Client, config: SparkifyConfig): Promise<void> {
  await client.execute(createKeyspaceCql(config));
}

export function dropKeyspaceCql(keyspace: string): string {
  return `DROP KEYSPACE IF EXISTS ${checkIdentifier(keyspace, 'keyspace name')}`;
}

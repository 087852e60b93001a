// connection: how the project reaches Cassandra. Owns the configuration read from the environment
// (contact points, port, local datacenter, keyspace, replication, consistency, credentials), creating
// a driver Client that waits for the node with a readable error, and creating the keyspace.
import { auth, Client, types } from 'cassandra-driver';
import { checkIdentifier } from './model';

export type Replication =
  | { class: 'SimpleStrategy'; replicationFactor: number }
  | { class: 'NetworkTopologyStrategy'; datacenters: Record<string, number> };

export interface SparkifyConfig {
  contactPoints: string[];
  port: number;
  localDataCenter: string;
  keyspace: string;
  replication: Replication;
  /** Consistency for reads and writes, a name from the driver's `types.consistencies`. */
  consistency: keyof typeof types.consistencies;
  username?: string;
  password?: string;
}

type Env = Record<string, string | undefined>;

/**
 * Parses `SPARKIFY_REPLICATION`: a bare number is SimpleStrategy with that factor (`1`, `3`);
 * `dc1:3,dc2:2` is NetworkTopologyStrategy with a factor per datacenter.
 */
export function parseReplication(text: string | undefined): Replication {
  const value = (text ?? '').trim();
  if (value === '') return { class: 'SimpleStrategy', replicationFactor: 1 };
  if (/^\d+$/.test(value)) {
    const rf = Number(value);
    if (rf < 1) throw new Error(`SPARKIFY_REPLICATION must be at least 1, got ${value}`);
    return { class: 'SimpleStrategy', replicationFactor: rf };
  }
  const datacenters: Record<string, number> = {};
  for (const part of value.split(',')) {
    const m = /^\s*([A-Za-z0-9_.-]+)\s*:\s*(\d+)\s*$/.exec(part);
    if (!m || Number(m[2]) < 1) {
      throw new Error(
        `SPARKIFY_REPLICATION: cannot read ${JSON.stringify(part)}; use a number (SimpleStrategy) or dc:factor pairs such as "datacenter1:3,dc2:2"`,
      );
    }
    datacenters[m[1]] = Number(m[2]);
  }
  return { class: 'NetworkTopologyStrategy', datacenters };
}

/** Reads the configuration from the environment (see the README's table of variables). */
export function configFromEnv(env: Env = process.env): SparkifyConfig {
  const contactPoints = (env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (contactPoints.length === 0) throw new Error('CASSANDRA_CONTACT_POINTS is empty');
  const port = Number(env.CASSANDRA_PORT ?? '9042');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`CASSANDRA_PORT is not a port: ${env.CASSANDRA_PORT}`);
  const consistency = (env.CASSANDRA_CONSISTENCY ?? 'localQuorum') as SparkifyConfig['consistency'];
  if (!(consistency in types.consistencies)) {
    throw new Error(
      `CASSANDRA_CONSISTENCY ${JSON.stringify(consistency)} is not one of ${Object.keys(types.consistencies).join(', ')}`,
    );
  }
  return {
    contactPoints,
    port,
    localDataCenter: env.CASSANDRA_LOCAL_DC ?? 'datacenter1',
    keyspace: checkIdentifier(env.SPARKIFY_KEYSPACE ?? 'sparkify', 'keyspace name'),
    replication: parseReplication(env.SPARKIFY_REPLICATION),
    consistency,
    username: env.CASSANDRA_USERNAME || undefined,
    password: env.CASSANDRA_PASSWORD || undefined,
  };
}

/** Where the config points, for messages (never includes credentials). */
export function describeTarget(config: SparkifyConfig): string {
  return config.contactPoints.map((h) => (h.includes(':') ? h : `${h}:${config.port}`)).join(', ');
}

export function createClient(config: SparkifyConfig): Client {
  return new Client({
    contactPoints: config.contactPoints,
    localDataCenter: config.localDataCenter,
    protocolOptions: { port: config.port },
    authProvider:
      config.username !== undefined ? new auth.PlainTextAuthProvider(config.username, config.password ?? '') : undefined,
    queryOptions: { prepare: true, consistency: types.consistencies[config.consistency] },
    socketOptions: { connectTimeout: 5000, readTimeout: 20000 },
  });
}

/** A node that did not answer in time: the message names where and how long, nothing else. */
export class CassandraUnavailableError extends Error {
  constructor(
    readonly target: string,
    readonly waitedMs: number,
    readonly lastProblem: string,
  ) {
    super(
      `No Cassandra node answered at ${target} after waiting ${(waitedMs / 1000).toFixed(1)} s (${lastProblem}). ` +
        'Start a local node with `npm run cassandra -- start`, or point CASSANDRA_CONTACT_POINTS / CASSANDRA_PORT at a running one.',
    );
    this.name = 'CassandraUnavailableError';
  }
}

function problemOf(err: unknown, config: SparkifyConfig): string {
  const e = err as { name?: string; message?: string; innerErrors?: Record<string, unknown> };
  let text = e?.message ?? String(err);
  if (e?.innerErrors) {
    const inner = Object.entries(e.innerErrors).map(([host, ie]) => `${host}: ${(ie as Error)?.message ?? ie}`);
    if (inner.length) text = inner.join('; ');
  }
  if (config.password) text = text.split(config.password).join('****');
  return text;
}

function isAuthError(err: unknown): boolean {
  const e = err as { name?: string; message?: string; innerErrors?: Record<string, unknown> };
  const all = [e, ...Object.values(e?.innerErrors ?? {})] as { name?: string; message?: string }[];
  return all.some((x) => x?.name === 'AuthenticationError' || /authenticat|credentials|password/i.test(x?.message ?? ''));
}

/**
 * Connects, retrying until a node answers or `waitMs` passes. Authentication failures are not retried.
 * The returned client must be shut down by the caller (`client.shutdown()`), in a `finally`.
 */
export async function connect(config: SparkifyConfig, options: { waitMs?: number } = {}): Promise<Client> {
  const waitMs = options.waitMs ?? 60_000;
  const started = Date.now();
  let last = 'no attempt made';
  for (;;) {
    const client = createClient(config);
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.shutdown().catch(() => undefined);
      if (isAuthError(err)) {
        throw new Error(`Cassandra at ${describeTarget(config)} refused the credentials: ${problemOf(err, config)}`);
      }
      last = problemOf(err, config);
    }
    if (Date.now() - started >= waitMs) throw new CassandraUnavailableError(describeTarget(config), Date.now() - started, last);
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, waitMs - (Date.now() - started)))));
  }
}

/** The replication map of a keyspace, as CQL. Only numbers and checked names go into it. */
export function replicationCql(replication: Replication): string {
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

/** Creates the keyspace when missing (the driver waits for schema agreement after DDL). */
export async function createKeyspace(client: Client, config: SparkifyConfig): Promise<void> {
  await client.execute(createKeyspaceCql(config));
}

export function dropKeyspaceCql(keyspace: string): string {
  return `DROP KEYSPACE IF EXISTS ${checkIdentifier(keyspace, 'keyspace name')}`;
}

// ensure: the one "connect, or start the local node" of the project. The command line, the notebook, the
// test set-up and `npm run notebook`/`lab` all reach Cassandra through it: connect to the configured
// node; when none answers and every contact point is this machine, start the project's local node
// (lib/dev/localnode) and connect again. A node that refuses the credentials or TLS is never "fixed" by
// starting another one: that error comes back as it is, and so does any error for a remote cluster.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { startLocalCassandra } from '../dev/localnode/localnode';
import { CassandraUnavailableError } from '../errors';
import { type SparkifyConfig, isLoopbackHost } from './config';
import { connect } from './connect';

export interface EnsureOptions {
  /** How long to wait for the configured node (default 5 s before starting the local one, 30 s for a remote node). */
  waitMs?: number;
  /** Start the local node when none answers on this machine (default true). */
  start?: boolean;
  /** Progress lines while the local node starts. */
  log?: (line: string) => void;
}

export interface Connected {
  client: Client;
  /** This call started the local node. */
  started: boolean;
  /** What starting said ("node1 answers CQL after 9.2 s"), when this call started it. */
  startMessage?: string;
}

/** True when starting the project's local node can make `config` answer: every contact point is this machine. */
function canStartLocally(config: Pick<SparkifyConfig, 'contactPoints'>): boolean {
  return config.contactPoints.every(isLoopbackHost);
}

/** Connects to the configured node, starting the local one when none answers on this machine. */
export async function connectOrStart(config: SparkifyConfig, options: EnsureOptions = {}): Promise<Connected> {
  const { start = true, log } = options;
  const waitMs = options.waitMs ?? (start && canStartLocally(config) ? 5_000 : 30_000);
  try {
    return { client: await connect(config, { waitMs }), started: false };
  } catch (err) {
    if (!start || !(err instanceof CassandraUnavailableError) || !canStartLocally(config)) throw err;
  }
  log?.('No Cassandra node answers: starting the local one (the first time downloads it, about a minute) …');
  const result = await startLocalCassandra({ log });
  const client = await connect(config, { waitMs: 60_000 });
  return { client, started: result.started, startMessage: result.message };
}

/** Makes sure a node answers (starting the local one if need be) and closes the connection. */
export async function ensureCassandra(
  config: SparkifyConfig,
  options: EnsureOptions = {},
): Promise<Omit<Connected, 'client'>> {
  const { client, ...rest } = await connectOrStart(config, options);
  await client.shutdown();
  return rest;
}

// cql: talking to one node only — is its port open, does it answer a CQL query (and does it want
// credentials), whom does it list in system.peers, which user keyspaces does it hold.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as net from 'node:net';
import { Client, auth, policies } from 'cassandra-driver';
import { errMessage } from './logs';
import type { Credentials } from './options';

function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (ok: boolean) => {
      sock.removeAllListeners();
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

function makeProbeClient(address: string, port: number, credentials?: Credentials): Client {
  const endpoint = `${address}:${port}`;
  return new Client({
    contactPoints: [endpoint],
    protocolOptions: { port },
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(new policies.loadBalancing.RoundRobinPolicy(), [
        endpoint,
      ]),
      reconnection: new policies.reconnection.ConstantReconnectionPolicy(60_000),
    },
    socketOptions: { connectTimeout: 3000, readTimeout: 10_000 },
    isMetadataSyncEnabled: false,
    pooling: { warmup: false },
    authProvider: credentials ? new auth.PlainTextAuthProvider(credentials.username, credentials.password) : undefined,
  });
}

function isAuthFailure(e: unknown): boolean {
  const inner = (e as { innerErrors?: Record<string, unknown> }).innerErrors;
  const errs = inner ? Object.values(inner) : [e];
  return errs.some((x) => x instanceof Error && (x.name === 'AuthenticationError' || /authenticat/i.test(x.message)));
}

export interface CqlProbe {
  ok: boolean;
  releaseVersion?: string;
  /** The node answered but asked for credentials we did not have (or that it rejected). */
  authRequired?: boolean;
  error?: string;
}

/** Does `address:port` answer `SELECT release_version FROM system.local`, talking to that node only? */
export async function probeCql(address: string, port: number, credentials?: Credentials): Promise<CqlProbe> {
  if (!(await tcpOpen(address, port))) return { ok: false, error: `nothing listens on ${address}:${port}` };
  const client = makeProbeClient(address, port, credentials);
  try {
    await client.connect();
    const rs = await client.execute('SELECT release_version FROM system.local');
    return { ok: true, releaseVersion: rs.first()?.get('release_version') as string | undefined };
  } catch (e) {
    const error = errMessage(e).split('\n')[0].slice(0, 300);
    if (isAuthFailure(e)) return { ok: true, authRequired: true, error };
    return { ok: false, error };
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

/** One column of one query's rows, from that node only (the probe client is shut down after). */
async function queryColumn(
  address: string,
  port: number,
  credentials: Credentials | undefined,
  cql: string,
  column: string,
): Promise<string[]> {
  const client = makeProbeClient(address, port, credentials);
  try {
    await client.connect();
    const rs = await client.execute(cql);
    return rs.rows.map((r) => String(r.get(column)));
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

/** The peers this node knows (system.peers). */
export function queryPeers(address: string, port: number, credentials?: Credentials): Promise<string[]> {
  return queryColumn(address, port, credentials, 'SELECT peer FROM system.peers', 'peer');
}

/** The keyspaces that are not Cassandra's own (not system*). */
export async function userKeyspaces(address: string, port: number, credentials?: Credentials): Promise<string[]> {
  const names = await queryColumn(
    address,
    port,
    credentials,
    'SELECT keyspace_name FROM system_schema.keyspaces',
    'keyspace_name',
  );
  return names.filter((k) => !k.startsWith('system'));
}

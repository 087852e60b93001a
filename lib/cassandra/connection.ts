// connection: how the project reaches Cassandra. Owns the configuration read from the environment
// (contact points, port, local datacenter, keyspace, replication, consistency, credentials, TLS),
// creating a driver Client that waits for the node with a readable error, and creating the keyspace.
// Secrets (the password, the key's passphrase) never appear in a message: every error text that
// leaves this module goes through `maskSecrets`, and `describeTarget`/`describeConfig` omit them.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { auth, Client, policies, types } from 'cassandra-driver';
import { checkIdentifier } from '../model/tables';
import { CassandraConnectionError, CassandraUnavailableError, errorsIn } from '../errors';

/** How the node's certificate is checked: chain and host name (`full`), chain only (`ca`), not at all (`none`). */
export type TlsVerify = 'full' | 'ca' | 'none';

/** TLS to the node (client_encryption_options on the server). Paths to PEM files. */
export interface TlsConfig {
  /** CA certificate(s) that signed the node's certificate (CASSANDRA_SSL_CA); default: Node's built-in CAs. */
  ca?: string;
  /** Client certificate, for nodes with require_client_auth (CASSANDRA_SSL_CERT). */
  cert?: string;
  /** Its private key (CASSANDRA_SSL_KEY). */
  key?: string;
  /** Passphrase of an encrypted key (CASSANDRA_SSL_KEY_PASSWORD). Never printed. */
  keyPassphrase?: string;
  /** CASSANDRA_SSL_VERIFY; default `full`. */
  verify: TlsVerify;
}

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
  /** TLS, when any CASSANDRA_SSL* variable asks for it. */
  tls?: TlsConfig;
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

const TRUE = /^(1|true|yes|on)$/i;
const FALSE = /^(0|false|no|off)?$/i;

/**
 * TLS settings from the environment: on when CASSANDRA_SSL is true or any of CASSANDRA_SSL_CA / _CERT / _KEY
 * is set. CASSANDRA_SSL_VERIFY is `full` (default: the chain and the host name), `ca` (the chain only) or
 * `none` (encryption without any check — for experiments only); `true`/`false` mean `full`/`none`.
 */
export function tlsFromEnv(env: Env = process.env): TlsConfig | undefined {
  const on = (env.CASSANDRA_SSL ?? '').trim();
  if (on && !TRUE.test(on) && !FALSE.test(on)) throw new Error(`CASSANDRA_SSL must be true or false, got ${JSON.stringify(on)}`);
  const ca = env.CASSANDRA_SSL_CA?.trim() || undefined;
  const cert = env.CASSANDRA_SSL_CERT?.trim() || undefined;
  const key = env.CASSANDRA_SSL_KEY?.trim() || undefined;
  if (FALSE.test(on) && on !== '') {
    if (ca || cert || key) throw new Error('CASSANDRA_SSL is false but CASSANDRA_SSL_CA/CERT/KEY are set; unset one or the other');
    return undefined;
  }
  if (!TRUE.test(on) && !ca && !cert && !key) return undefined;
  if (!!cert !== !!key) {
    throw new Error(`A client certificate needs both CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY; only ${cert ? 'CASSANDRA_SSL_CERT' : 'CASSANDRA_SSL_KEY'} is set`);
  }
  const v = (env.CASSANDRA_SSL_VERIFY ?? '').trim().toLowerCase();
  const verify: TlsVerify | undefined =
    v === '' || v === 'full' || TRUE.test(v) ? 'full' : v === 'ca' ? 'ca' : v === 'none' || FALSE.test(v) ? 'none' : undefined;
  if (!verify) throw new Error(`CASSANDRA_SSL_VERIFY must be full, ca or none, got ${JSON.stringify(env.CASSANDRA_SSL_VERIFY)}`);
  return { ca, cert, key, keyPassphrase: env.CASSANDRA_SSL_KEY_PASSWORD || undefined, verify };
}

function readPem(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${variable} names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The driver's `sslOptions` (Node `tls.connect` options) for a TLS config: reads the PEM files. */
export function sslOptionsFor(tls: TlsConfig): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: tls.verify !== 'none' };
  if (tls.ca) options.ca = [readPem(tls.ca, 'CASSANDRA_SSL_CA')];
  if (tls.cert) options.cert = readPem(tls.cert, 'CASSANDRA_SSL_CERT');
  if (tls.key) options.key = readPem(tls.key, 'CASSANDRA_SSL_KEY');
  if (tls.keyPassphrase) options.passphrase = tls.keyPassphrase;
  // `ca`: the chain must lead to the CA, whatever name the certificate carries.
  if (tls.verify === 'ca') options.checkServerIdentity = () => undefined;
  return options;
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
    tls: tlsFromEnv(env),
  };
}

/** Replaces every secret of the config (password, key passphrase) in `text` with `****`. */
export function maskSecrets(text: string, config: Pick<SparkifyConfig, 'password' | 'tls'>): string {
  let out = text;
  for (const secret of [config.password, config.tls?.keyPassphrase]) {
    if (secret) out = out.split(secret).join('****');
  }
  return out;
}

/** The config for printing: where, who and how, with the secrets replaced by `****`. */
export function describeConfig(config: SparkifyConfig): Record<string, unknown> {
  return {
    ...config,
    password: config.password === undefined ? undefined : '****',
    tls: config.tls && { ...config.tls, keyPassphrase: config.tls.keyPassphrase === undefined ? undefined : '****' },
  };
}

/** Where the config points, for messages (never includes credentials). */
export function describeTarget(config: SparkifyConfig): string {
  return config.contactPoints.map((h) => (h.includes(':') ? h : `${h}:${config.port}`)).join(', ');
}

/**
 * A driver Client for the config. Every statement the project runs is idempotent (upserts, reads,
 * IF [NOT] EXISTS DDL), so the driver may retry any of them on another node when one goes away;
 * a node that went down is tried again every 0.5–4 s, so a returning node is used within seconds.
 * Native protocol v4: the driver (4.10) has no v5 for Apache Cassandra and always ends at v4 after
 * offering its DSE version first; over TLS that in-band downgrade breaks against Cassandra 5.0 ("The
 * server replied with a wrong streamId #0", then a timeout), so it starts at v4.
 */
export function createClient(config: SparkifyConfig): Client {
  return new Client({
    contactPoints: config.contactPoints,
    localDataCenter: config.localDataCenter,
    protocolOptions: { port: config.port, maxVersion: types.protocolVersion.v4 },
    authProvider:
      config.username !== undefined ? new auth.PlainTextAuthProvider(config.username, config.password ?? '') : undefined,
    sslOptions: config.tls ? sslOptionsFor(config.tls) : undefined,
    queryOptions: { prepare: true, consistency: types.consistencies[config.consistency], isIdempotent: true },
    socketOptions: { connectTimeout: 5000, readTimeout: 20000 },
    policies: { reconnection: new policies.reconnection.ExponentialReconnectionPolicy(500, 4000, false) },
  });
}

/** The error's own message, or per host for "all hosts tried" errors, with the secrets masked. */
export function problemOf(err: unknown, config: Pick<SparkifyConfig, 'password' | 'tls'>): string {
  const e = err as { name?: string; message?: string; innerErrors?: Record<string, unknown> };
  let text = e?.message ?? String(err);
  if (e?.innerErrors) {
    const inner = Object.entries(e.innerErrors).map(([host, ie]) => `${host}: ${describeInner(ie)}`);
    if (inner.length) text = inner.join('; ');
  }
  return maskSecrets(text, config);
}

function describeInner(ie: unknown): string {
  const e = ie as { message?: string; innerError?: { message?: string; code?: string } };
  const own = e?.message ?? String(ie);
  // "Socket was closed" says little; the socket's own error (e.g. a TLS alert) says why.
  return e?.innerError?.message ? `${own} (${e.innerError.message})` : own;
}

function isAuthError(err: unknown): boolean {
  return errorsIn(err).some(
    (x) => x?.name === 'AuthenticationError' || /authenticat|credentials|password|username/i.test(x?.message ?? ''),
  );
}

/** OpenSSL's "…:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:…" → the reason alone. */
function opensslReason(message: string): string {
  const m = /error:[0-9A-Fa-f]+:[^:]*routines:[^:]*:([^:]+)/.exec(message);
  return (m ? m[1] : message.split('\n')[0]).trim();
}

/** A TLS failure that waiting will not fix: a certificate the client rejects, or a handshake the node rejects. */
export function tlsProblem(err: unknown): string | undefined {
  // Innermost first: the socket's own error says more than "All host(s) tried".
  for (const x of errorsIn(err).reverse()) {
    const code = x?.code ?? '';
    const msg = x?.message ?? '';
    const reason = opensslReason(msg);
    if (/CERTIFICATE_REQUIRED|certificate required/i.test(code + ' ' + msg)) {
      return `the node requires a client certificate (set CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY): ${reason}`;
    }
    if (/^ERR_TLS_CERT_ALTNAME_INVALID$/.test(code)) {
      return `the node's certificate does not name the address connected to (${reason}); use the name it carries, or CASSANDRA_SSL_VERIFY=ca`;
    }
    if (
      /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_SIGNATURE_FAILURE)$/.test(
        code,
      )
    ) {
      return `the node's certificate is not trusted (${code}: ${reason}); set CASSANDRA_SSL_CA to the CA that signed it`;
    }
    // OpenSSL's own errors (ERR_OSSL_*) come from reading the key or certificate, before any handshake.
    if (/^ERR_OSSL_/.test(code) || /bad decrypt|bad password read|PEM_read_bio|no start line|key values mismatch/i.test(msg)) {
      return `the client certificate or key cannot be used (${reason}); check CASSANDRA_SSL_CERT, CASSANDRA_SSL_KEY and, for an encrypted key, CASSANDRA_SSL_KEY_PASSWORD`;
    }
    if (/^ERR_SSL_/.test(code) || /ssl3?_|tlsv1[0-9]* alert|wrong version number|handshake failure/i.test(msg)) {
      return (
        `the TLS handshake failed (${reason}); check that the node trusts the CA of the client certificate (CASSANDRA_SSL_CERT) ` +
        `and that CASSANDRA_SSL_CA is the CA of the node's certificate`
      );
    }
  }
  return undefined;
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
      const target = describeTarget(config);
      // TLS first: OpenSSL's messages about keys ("bad password read") must not pass for refused credentials.
      const tls = config.tls ? tlsProblem(err) : undefined;
      if (tls) {
        throw new CassandraConnectionError(maskSecrets(`TLS connection to Cassandra at ${target} failed: ${tls}`, config), target, 'tls');
      }
      if (isAuthError(err)) {
        const who = config.username === undefined ? 'no credentials were given (set CASSANDRA_USERNAME and CASSANDRA_PASSWORD)' : `user ${JSON.stringify(config.username)}`;
        throw new CassandraConnectionError(
          maskSecrets(`Cassandra at ${target} refused the credentials (${who}): ${problemOf(err, config)}`, config),
          target,
          'authentication',
        );
      }
      last = problemOf(err, config);
      if (!config.tls && /Socket was closed|ECONNRESET|socket hang up/i.test(last)) {
        last += '; if the node requires TLS (client_encryption_options), set CASSANDRA_SSL_CA (and CASSANDRA_SSL_CERT/_KEY for a client certificate)';
      }
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

/** True for a contact point on this machine (127.x.y.z, localhost, ::1; with or without a port). */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed) h = bracketed[1];
  else if ((h.match(/:/g) ?? []).length === 1) h = h.replace(/:\d+$/, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

// config: how the project reaches Cassandra, read from the environment once — contact points, port,
// local datacenter, keyspace, replication, consistency, credentials, TLS — and how a configuration is
// described to people. Secrets (the password, the key's passphrase) never appear in a message: every
// text goes through `maskSecrets`, and `describeTarget`/`describeConfig` omit them.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { types } from 'cassandra-driver';
import { checkIdentifier } from '../model/tables';

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
  if (on && !TRUE.test(on) && !FALSE.test(on))
    throw new Error(`CASSANDRA_SSL must be true or false, got ${JSON.stringify(on)}`);
  const ca = env.CASSANDRA_SSL_CA?.trim() || undefined;
  const cert = env.CASSANDRA_SSL_CERT?.trim() || undefined;
  const key = env.CASSANDRA_SSL_KEY?.trim() || undefined;
  if (FALSE.test(on) && on !== '') {
    if (ca || cert || key)
      throw new Error('CASSANDRA_SSL is false but CASSANDRA_SSL_CA/CERT/KEY are set; unset one or the other');
    return undefined;
  }
  if (!TRUE.test(on) && !ca && !cert && !key) return undefined;
  if (!!cert !== !!key) {
    throw new Error(
      `A client certificate needs both CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY; only ${cert ? 'CASSANDRA_SSL_CERT' : 'CASSANDRA_SSL_KEY'} is set`,
    );
  }
  const v = (env.CASSANDRA_SSL_VERIFY ?? '').trim().toLowerCase();
  const verify: TlsVerify | undefined =
    v === '' || v === 'full' || TRUE.test(v)
      ? 'full'
      : v === 'ca'
        ? 'ca'
        : v === 'none' || FALSE.test(v)
          ? 'none'
          : undefined;
  if (!verify)
    throw new Error(`CASSANDRA_SSL_VERIFY must be full, ca or none, got ${JSON.stringify(env.CASSANDRA_SSL_VERIFY)}`);
  return { ca, cert, key, keyPassphrase: env.CASSANDRA_SSL_KEY_PASSWORD || undefined, verify };
}

function readPem(file: string, variable: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(
      `${variable} names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
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
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`CASSANDRA_PORT is not a port: ${env.CASSANDRA_PORT}`);
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

/** True for a contact point on this machine (127.x.y.z, localhost, ::1; with or without a port). */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed) h = bracketed[1];
  else if ((h.match(/:/g) ?? []).length === 1) h = h.replace(/:\d+$/, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

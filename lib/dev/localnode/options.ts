// options: what a call to the local cluster means once every default is filled in. The environment is
// read in one place (readLocalnodeEnv) and passed in; explicit options win over it, and it wins over
// the built-in defaults. Also the loopback addressing: node i runs at the base address + i.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalClusterOptions } from './types';

/** User name and password for the CQL probes. */
export type Credentials = { username: string; password: string };

/** Every option resolved: what the rest of the folder works from. */
export interface Resolved {
  nodes: number;
  baseAddress: string;
  port: number;
  storagePort: number;
  jmxPort: number;
  home: string;
  cacheDir: string;
  version: string;
  heap: string;
  newHeap: string;
  timeoutMs: number;
  clusterName: string;
  log: (line: string) => void;
  extraYaml: Record<string, unknown>;
  extraJvmArgs: string[];
  credentials?: Credentials;
  /** JAVA_HOME: where `java` is taken from (else from PATH). */
  javaHome?: string;
}

/** The environment variables this folder honours, trimmed (blank counts as unset). */
export interface LocalnodeEnv {
  /** CASSANDRA_CONTACT_POINTS (its first entry is the base address, and may carry the port). */
  contactPoints?: string;
  /** CASSANDRA_PORT */
  port?: string;
  /** CASSANDRA_JMX_PORT */
  jmxPort?: string;
  /** MAX_HEAP_SIZE */
  heap?: string;
  /** HEAP_NEWSIZE */
  newHeap?: string;
  /** JAVA_HOME */
  javaHome?: string;
  /** SPARKIFY_CASSANDRA_HOME */
  home?: string;
  /** SPARKIFY_CASSANDRA_CACHE */
  cacheDir?: string;
  /** The user's home directory, under which the default state directory and cache live. */
  userHome: string;
}

const DEFAULT_VERSION = '5.0.6';

/** The one place that reads the environment (CASSANDRA_*, MAX_HEAP_SIZE, HEAP_NEWSIZE, JAVA_HOME, SPARKIFY_CASSANDRA_*). */
export function readLocalnodeEnv(env: NodeJS.ProcessEnv = process.env): LocalnodeEnv {
  const str = (name: string): string | undefined => {
    const v = env[name];
    return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
  };
  return {
    contactPoints: str('CASSANDRA_CONTACT_POINTS'),
    port: str('CASSANDRA_PORT'),
    jmxPort: str('CASSANDRA_JMX_PORT'),
    heap: str('MAX_HEAP_SIZE'),
    newHeap: str('HEAP_NEWSIZE'),
    javaHome: str('JAVA_HOME'),
    home: str('SPARKIFY_CASSANDRA_HOME'),
    cacheDir: str('SPARKIFY_CASSANDRA_CACHE'),
    userHome: os.homedir(),
  };
}

function parseIntStrict(value: string | number, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535)
    throw new Error(`${what} must be a positive integer port/count, got ${JSON.stringify(value)}`);
  return n;
}

/** First entry of a CASSANDRA_CONTACT_POINTS value, split into host and optional port. */
export function firstContactPoint(contactPoints: string | undefined): { host: string; port?: number } | undefined {
  if (!contactPoints) return undefined;
  const first = contactPoints.split(',')[0].trim();
  if (!first) return undefined;
  const m = /^(.*?):(\d+)$/.exec(first);
  if (m && !m[1].includes(':')) return { host: m[1], port: Number(m[2]) };
  return { host: first };
}

/** A loopback IPv4 address in canonical form ('localhost' is 127.0.0.1); anything else is refused. */
export function normaliseAddress(addr: string): string {
  const a = addr.trim().toLowerCase();
  if (a === 'localhost') return '127.0.0.1';
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m || m.slice(1).some((o) => Number(o) > 255) || Number(m[1]) !== 127) {
    throw new Error(
      `The local Cassandra cluster runs on loopback addresses (127.x.y.z), but the base address is "${addr}". ` +
        `Set baseAddress or CASSANDRA_CONTACT_POINTS to an address such as 127.0.0.1.`,
    );
  }
  return m.slice(1).map(Number).join('.');
}

/** The node count and base address, checked: 1 to 16 nodes, all below 127.x.y.255. */
function resolveAddressing(
  opts: LocalClusterOptions,
  envHost: string | undefined,
): { nodes: number; baseAddress: string } {
  const nodes = opts.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 16)
    throw new Error(`nodes must be an integer from 1 to 16, got ${nodes}`);
  const baseAddress = normaliseAddress(opts.baseAddress ?? envHost ?? '127.0.0.1');
  const lastOctet = Number(baseAddress.split('.')[3]);
  if (lastOctet + nodes - 1 > 254)
    throw new Error(`${nodes} nodes starting at ${baseAddress} would run past 127.x.y.254`);
  return { nodes, baseAddress };
}

/** CQL port: option, else CASSANDRA_PORT, else the contact point's port, else 9042. JMX: option, env, 7199. */
function resolvePorts(opts: LocalClusterOptions, env: LocalnodeEnv, envCpPort: number | undefined) {
  const port = parseIntStrict(opts.port ?? (env.port !== undefined ? env.port : (envCpPort ?? 9042)), 'port');
  const jmxPort = parseIntStrict(opts.jmxPort ?? env.jmxPort ?? 7199, 'jmxPort');
  const storagePort = parseIntStrict(opts.storagePort ?? 7000, 'storagePort');
  return { port, storagePort, jmxPort };
}

function resolvePaths(opts: LocalClusterOptions, env: LocalnodeEnv): { home: string; cacheDir: string } {
  const home = path.resolve(opts.home ?? env.home ?? path.join(env.userHome, '.local', 'share', 'sparkify-cassandra'));
  const cacheDir = path.resolve(
    opts.cacheDir ?? env.cacheDir ?? path.join(env.userHome, '.cache', 'sparkify-cassandra'),
  );
  return { home, cacheDir };
}

function resolveHeap(opts: LocalClusterOptions, env: LocalnodeEnv): { heap: string; newHeap: string } {
  const heap = opts.heap ?? env.heap ?? '1G';
  const newHeap = opts.newHeap ?? env.newHeap ?? '128M';
  for (const [what, v] of [
    ['heap', heap],
    ['newHeap', newHeap],
  ] as const) {
    if (!/^\d+[kKmMgG]?$/.test(v)) throw new Error(`${what} must look like 512M or 1G, got "${v}"`);
  }
  return { heap, newHeap };
}

/** Fills in every option (explicit options, then `env`, then defaults) and checks them; throws a clear error. */
export function resolveOptions(opts: LocalClusterOptions = {}, env: LocalnodeEnv = readLocalnodeEnv()): Resolved {
  const envCp = firstContactPoint(env.contactPoints);
  const { nodes, baseAddress } = resolveAddressing(opts, envCp?.host);
  const ports = resolvePorts(opts, env, envCp?.port);
  const paths = resolvePaths(opts, env);
  const version = opts.version ?? DEFAULT_VERSION;
  return {
    nodes,
    baseAddress,
    ...ports,
    ...paths,
    version,
    ...resolveHeap(opts, env),
    timeoutMs: opts.timeoutMs ?? 120_000,
    clusterName: opts.clusterName ?? 'sparkify-local',
    log: opts.log ?? (() => undefined),
    extraYaml: opts.extraYaml ?? {},
    extraJvmArgs: opts.extraJvmArgs ?? [],
    credentials: opts.credentials,
    javaHome: env.javaHome,
  };
}

/** Address of node `index` (0-based) given a base loopback address. */
export function localNodeAddress(baseAddress: string, index: number): string {
  const parts = normaliseAddress(baseAddress).split('.').map(Number);
  parts[3] += index;
  if (parts[3] > 254) throw new Error(`node ${index + 1} would get address ${parts.join('.')}, past .254`);
  return parts.join('.');
}

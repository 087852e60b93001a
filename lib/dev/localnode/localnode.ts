/**
 * lib/localnode.ts — runs a real, local Apache Cassandra 5.0 cluster without Docker.
 *
 * Owns:
 *  - installing Cassandra: the `cassandra-all` jar and its runtime dependencies, fetched with Maven into
 *    `<cacheDir>/<version>/lib` (the official bin tarball is not on Maven Central for 5.0, the jars are);
 *  - writing each node's configuration (cassandra.yaml, logback.xml) under `<home>/nodeN/conf`;
 *  - starting nodes as detached `java … CassandraDaemon` processes (output to `<home>/nodeN/logs`),
 *    one after another, each on its own loopback address (127.0.0.1, 127.0.0.2, … as ccm does),
 *    and waiting until each answers CQL (and, for several nodes, until they see each other);
 *  - recording their pids (`<home>/nodeN/pid.json`), reporting status, stopping all or one node.
 *
 * It never stops a process it did not start: only pids recorded in `<home>` whose command line is a
 * CassandraDaemon using that node's cassandra.yaml are signalled.
 *
 * Node numbering: API functions take a 0-based `index`; directories and names are 1-based
 * (`index` 0 is `node1`, at the base address).
 *
 * Environment honoured (explicit options win): CASSANDRA_CONTACT_POINTS (first entry = base address),
 * CASSANDRA_PORT, CASSANDRA_JMX_PORT, MAX_HEAP_SIZE, HEAP_NEWSIZE, JAVA_HOME, SPARKIFY_CASSANDRA_HOME,
 * SPARKIFY_CASSANDRA_CACHE.
 *
 * Plain CommonJS-compatible TypeScript 5.0 (tslab compiles lib/): only `node:` built-ins and cassandra-driver.
 */
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, auth, policies } from 'cassandra-driver';
import { sleep } from '../../common/async';
import { writeJsonAtomic } from '../../common/files';
import { formatSeconds } from '../../show/format';
import { LocalCassandraError } from '../../errors';

// ---------------------------------------------------------------------------------------------
// Options

export interface LocalClusterOptions {
  /** Number of nodes (default 1). */
  nodes?: number;
  /** Address of the first node (default: first of CASSANDRA_CONTACT_POINTS, else 127.0.0.1); node i gets 127.0.0.(last+i). */
  baseAddress?: string;
  /** CQL port on every node's own address (default CASSANDRA_PORT or 9042). */
  port?: number;
  /** Internode (gossip) port on every node's own address (default 7000). */
  storagePort?: number;
  /** JMX port of the first node, bound on 127.0.0.1; node i uses jmxPort+i (default CASSANDRA_JMX_PORT or 7199). */
  jmxPort?: number;
  /** State directory: node data, conf, logs, pids (default SPARKIFY_CASSANDRA_HOME or ~/.local/share/sparkify-cassandra). */
  home?: string;
  /** Distribution cache (default SPARKIFY_CASSANDRA_CACHE or ~/.cache/sparkify-cassandra). */
  cacheDir?: string;
  /** Cassandra version (default '5.0.6'). */
  version?: string;
  /** Heap per node, -Xms/-Xmx (default MAX_HEAP_SIZE or '1G'). */
  heap?: string;
  /** Young generation per node, -Xmn (default HEAP_NEWSIZE or '128M'). */
  newHeap?: string;
  /** How long to wait for each node to answer CQL, and for the ring to form (default 120000 ms). */
  timeoutMs?: number;
  /** cluster_name (default 'sparkify-local'). Must not change once a node has data. */
  clusterName?: string;
  /** Progress lines (default: silent). */
  log?: (line: string) => void;
  /** Extra cassandra.yaml settings, merged over the generated ones; a null value removes a generated key. */
  extraYaml?: Record<string, unknown>;
  /** Extra JVM arguments, appended after the generated ones. */
  extraJvmArgs?: string[];
  /** Credentials for the CQL readiness probes (only needed when extraYaml turns authentication on). */
  credentials?: { username: string; password: string };
}

export interface LocalNodeInfo {
  /** 0-based index of the node. */
  index: number;
  /** 'node1', 'node2', … */
  name: string;
  address: string;
  port: number;
  pid?: number;
  /** Cassandra's own log (system.log). */
  logFile: string;
  /** The JVM's stdout/stderr. */
  stdoutFile: string;
  jmxPort: number;
  /** Started by this call (false: it was already running). */
  started: boolean;
}

export interface StartResult {
  /** Whether this call started any node. */
  started: boolean;
  nodes: LocalNodeInfo[];
  /** The first node already answered CQL before this call. */
  alreadyRunning: boolean;
  /** Something we did not start answered at the first address; we used it and started nothing. */
  foreign: boolean;
  ms: number;
  message: string;
}

export interface StopResult {
  stopped: { index: number; name: string; address: string; pid: number; killed: boolean }[];
  /** Pid records whose process was already gone (removed). */
  stale: { index: number; name: string; pid: number }[];
  ms: number;
  message: string;
}

export interface NodeStatus {
  index: number;
  name: string;
  address: string;
  port: number;
  pid?: number;
  pidAlive: boolean;
  cql: boolean;
  releaseVersion?: string;
  logFile: string;
}

export interface StatusResult {
  home: string;
  /** Nodes with a pid record (and configured addresses that have a node directory). */
  nodes: NodeStatus[];
  /** Addresses that answer CQL but were not started by us (per this home). */
  foreign: { address: string; port: number; releaseVersion?: string }[];
  message: string;
}

interface Resolved {
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
  credentials?: { username: string; password: string };
}

const DEFAULT_VERSION = '5.0.6';

function envStr(name: string): string | undefined {
  const v = process.env[name];
  return v !== undefined && v.trim() !== '' ? v.trim() : undefined;
}

function parseIntStrict(value: string | number, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${what} must be a positive integer port/count, got ${JSON.stringify(value)}`);
  return n;
}

/** First entry of CASSANDRA_CONTACT_POINTS, split into host and optional port. */
function envContactPoint(): { host: string; port?: number } | undefined {
  const cp = envStr('CASSANDRA_CONTACT_POINTS');
  if (!cp) return undefined;
  const first = cp.split(',')[0].trim();
  if (!first) return undefined;
  const m = /^(.*?):(\d+)$/.exec(first);
  if (m && !m[1].includes(':')) return { host: m[1], port: Number(m[2]) };
  return { host: first };
}

function normaliseAddress(addr: string): string {
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

function resolveOptions(opts: LocalClusterOptions = {}): Resolved {
  const envCp = envContactPoint();
  const nodes = opts.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 16) throw new Error(`nodes must be an integer from 1 to 16, got ${nodes}`);
  const baseAddress = normaliseAddress(opts.baseAddress ?? envCp?.host ?? '127.0.0.1');
  const lastOctet = Number(baseAddress.split('.')[3]);
  if (lastOctet + nodes - 1 > 254) throw new Error(`${nodes} nodes starting at ${baseAddress} would run past 127.x.y.254`);
  const envPort = envStr('CASSANDRA_PORT');
  const port = parseIntStrict(opts.port ?? (envPort !== undefined ? envPort : envCp?.port ?? 9042), 'port');
  const envJmx = envStr('CASSANDRA_JMX_PORT');
  const jmxPort = parseIntStrict(opts.jmxPort ?? envJmx ?? 7199, 'jmxPort');
  const storagePort = parseIntStrict(opts.storagePort ?? 7000, 'storagePort');
  const home = path.resolve(
    opts.home ?? envStr('SPARKIFY_CASSANDRA_HOME') ?? path.join(os.homedir(), '.local', 'share', 'sparkify-cassandra'),
  );
  const cacheDir = path.resolve(
    opts.cacheDir ?? envStr('SPARKIFY_CASSANDRA_CACHE') ?? path.join(os.homedir(), '.cache', 'sparkify-cassandra'),
  );
  const heap = opts.heap ?? envStr('MAX_HEAP_SIZE') ?? '1G';
  const newHeap = opts.newHeap ?? envStr('HEAP_NEWSIZE') ?? '128M';
  for (const [what, v] of [['heap', heap], ['newHeap', newHeap]] as const) {
    if (!/^\d+[kKmMgG]?$/.test(v)) throw new Error(`${what} must look like 512M or 1G, got "${v}"`);
  }
  return {
    nodes,
    baseAddress,
    port,
    storagePort,
    jmxPort,
    home,
    cacheDir,
    version: opts.version ?? DEFAULT_VERSION,
    heap,
    newHeap,
    timeoutMs: opts.timeoutMs ?? 120_000,
    clusterName: opts.clusterName ?? 'sparkify-local',
    log: opts.log ?? (() => undefined),
    extraYaml: opts.extraYaml ?? {},
    extraJvmArgs: opts.extraJvmArgs ?? [],
    credentials: opts.credentials,
  };
}

/** Address of node `index` (0-based) given a base loopback address. */
export function localNodeAddress(baseAddress: string, index: number): string {
  const parts = normaliseAddress(baseAddress).split('.').map(Number);
  parts[3] += index;
  if (parts[3] > 254) throw new Error(`node ${index + 1} would get address ${parts.join('.')}, past .254`);
  return parts.join('.');
}

/** The contact points (addresses) of the local cluster these options describe. */
export function localContactPoints(opts: LocalClusterOptions = {}): string[] {
  const r = resolveOptions(opts);
  return Array.from({ length: r.nodes }, (_, i) => localNodeAddress(r.baseAddress, i));
}

/** A copy of `e` with `note` appended to its summary (keeps the log excerpt apart). */
function withNote(e: unknown, note: string): LocalCassandraError {
  if (e instanceof LocalCassandraError) return new LocalCassandraError(`${e.summary} ${note}`, e.logTail);
  return new LocalCassandraError(`${errMessage(e)} ${note}`);
}

// ---------------------------------------------------------------------------------------------
// Small helpers


function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Last `lines` lines of a file (reads at most the last 64 KiB); '' if missing. */
function tailFile(file: string, lines = 20): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      const all = buf.toString('utf8').split('\n');
      if (all.length && all[all.length - 1] === '') all.pop();
      return all.slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** The JVM's known startup chatter on stdout/stderr that says nothing about a failure. */
function isJvmNoise(line: string): boolean {
  return /^WARNING: (A terminally deprecated method|System::setSecurityManager|Please consider reporting)/.test(line);
}

function logTail(node: NodeLayout, lines = 15): string {
  const clip = (l: string) => (l.length > 400 ? `${l.slice(0, 400)} …` : l);
  const sysAll = tailFile(node.systemLog, 2000).split('\n').filter((l) => l !== '');
  const sys = sysAll.slice(-lines).map(clip);
  // ERROR lines a little further up are usually the cause; the last lines are often just the shutdown that followed.
  const errors = sysAll.slice(0, -lines).filter((l) => /^ERROR /.test(l)).slice(-5).map(clip);
  // stdout.log: only what this start printed (after the last "==== … starting" marker), without the JVM's chatter.
  const outAll = tailFile(node.stdoutLog, 400).split('\n');
  const marker = outAll.map((l) => l.startsWith('==== ')).lastIndexOf(true);
  const out = outAll
    .slice(marker + 1)
    .filter((l) => l.trim() !== '' && !isJvmNoise(l))
    .slice(-lines)
    .map(clip);
  const parts: string[] = [];
  if (errors.length) parts.push(`Errors in ${node.systemLog}:\n${errors.join('\n')}`);
  if (sys.length) parts.push(`Last lines of ${node.systemLog}:\n${sys.join('\n')}`);
  if (out.length) parts.push(`Output of the JVM (${node.stdoutLog}):\n${out.join('\n')}`);
  if (!parts.length) parts.push(`(${node.systemLog} and ${node.stdoutLog} are empty or missing)`);
  return parts.join('\n');
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Is `pid` a live CassandraDaemon that uses this node's cassandra.yaml? On Linux this reads
 * /proc/<pid>/cmdline (a zombie or a reused pid does not match); elsewhere it only checks liveness.
 */
function isOurNodeProcess(pid: number, node: NodeLayout): boolean {
  if (!isPidAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return process.platform !== 'linux';
  }
  return cmdline.includes('org.apache.cassandra.service.CassandraDaemon') && cmdline.includes(node.yaml);
}

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

/** Can we bind `host:port` right now? ('EADDRNOTAVAIL' means the address is not configured.) */
function canListen(host: string, port: number): Promise<true | string> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function makeProbeClient(address: string, port: number, credentials?: { username: string; password: string }): Client {
  const endpoint = `${address}:${port}`;
  return new Client({
    contactPoints: [endpoint],
    protocolOptions: { port },
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(new policies.loadBalancing.RoundRobinPolicy(), [endpoint]),
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
export async function probeCql(
  address: string,
  port: number,
  credentials?: { username: string; password: string },
): Promise<CqlProbe> {
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

async function queryPeers(address: string, port: number, credentials?: { username: string; password: string }): Promise<string[]> {
  const client = makeProbeClient(address, port, credentials);
  try {
    await client.connect();
    const rs = await client.execute('SELECT peer FROM system.peers');
    return rs.rows.map((r) => String(r.get('peer')));
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

async function userKeyspaces(address: string, port: number, credentials?: { username: string; password: string }): Promise<string[]> {
  const client = makeProbeClient(address, port, credentials);
  try {
    await client.connect();
    const rs = await client.execute('SELECT keyspace_name FROM system_schema.keyspaces');
    return rs.rows.map((r) => String(r.get('keyspace_name'))).filter((k) => !k.startsWith('system'));
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Java and Maven

function javaCommand(): string {
  const jh = envStr('JAVA_HOME');
  return jh ? path.join(jh, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
}

/** Checks that Java runs and returns its major version; throws a clear error otherwise. */
function checkJava(log: (l: string) => void): number {
  const java = javaCommand();
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error) {
    const how = envStr('JAVA_HOME')
      ? `JAVA_HOME is set to ${envStr('JAVA_HOME')}, but ${java} could not be run (${errMessage(r.error)}). Fix or unset JAVA_HOME.`
      : `"java" is not on PATH (${errMessage(r.error)}). Install a Java 17 runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.`;
    throw new Error(`Cassandra 5.0 needs Java 11 or 17. ${how}`);
  }
  const text = `${r.stderr ?? ''}${r.stdout ?? ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`Could not read the Java version from "${java} -version": ${text.trim()}`);
  const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
  if (major < 11) {
    throw new Error(`Cassandra 5.0 needs Java 11 or 17, but ${java} is Java ${major}. Install openjdk-17 and/or set JAVA_HOME.`);
  }
  if (major !== 11 && major !== 17) log(`warning: Cassandra 5.0 supports Java 11 and 17; ${java} is Java ${major}, trying anyway`);
  return major;
}

function checkMaven(): string {
  const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
  const r = spawnSync(mvn, ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `Apache Maven ("mvn") is needed to download Cassandra's jars from Maven Central, but it could not be run` +
        (r.error ? ` (${errMessage(r.error)})` : ` (exit code ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ')})`) +
        `. Install it (Debian/Ubuntu: apt-get install maven; macOS: brew install maven) and try again.`,
    );
  }
  return mvn;
}

function runCaptured(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (b: Buffer) => {
      output += b.toString('utf8');
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function pomXml(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by sparkify-cassandra lib/localnode.ts: resolves Apache Cassandra ${version} and its runtime jars. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.sparkify</groupId>
  <artifactId>cassandra-distribution</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.cassandra</groupId>
      <artifactId>cassandra-all</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

function findJar(libDir: string, prefix: string): string | undefined {
  try {
    const f = fs.readdirSync(libDir).find((n) => n.startsWith(prefix) && n.endsWith('.jar'));
    return f ? path.join(libDir, f) : undefined;
  } catch {
    return undefined;
  }
}

function isInstalled(r: Resolved): string | undefined {
  const dir = path.join(r.cacheDir, r.version);
  const lib = path.join(dir, 'lib');
  if (fs.existsSync(path.join(dir, '.complete')) && findJar(lib, `cassandra-all-${r.version}`) && findJar(lib, 'jamm-')) return lib;
  return undefined;
}

/**
 * Makes sure Cassandra's jars are in `<cacheDir>/<version>/lib` (via `mvn dependency:copy-dependencies` with a
 * generated pom). Idempotent; a `.complete` marker is written only once every jar is in place. Returns the lib dir.
 */
export async function installCassandra(opts: LocalClusterOptions = {}): Promise<string> {
  const r = resolveOptions(opts);
  const done = isInstalled(r);
  if (done) return done;
  const t0 = Date.now();
  const dir = path.join(r.cacheDir, r.version);
  const lib = path.join(dir, 'lib');
  checkJava(r.log);
  const mvn = checkMaven();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pom.xml'), pomXml(r.version));
  const tmp = path.join(dir, `lib.partial-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  r.log(`Downloading Apache Cassandra ${r.version} jars with Maven into ${lib} …`);
  const res = await runCaptured(
    mvn,
    ['-q', '-B', '-Dstyle.color=never', '-f', 'pom.xml', 'dependency:copy-dependencies', `-DoutputDirectory=${tmp}`, '-DincludeScope=runtime'],
    dir,
  );
  if (res.code !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const tail = res.output.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').slice(-15).join('\n');
    throw new LocalCassandraError(
      `Maven could not resolve org.apache.cassandra:cassandra-all:${r.version} (exit code ${res.code}; pom at ${path.join(dir, 'pom.xml')}). ` +
        `Check the version and your network/Maven settings.`,
      tail ? `Maven said:\n${tail}` : undefined,
    );
  }
  if (!findJar(tmp, `cassandra-all-${r.version}`) || !findJar(tmp, 'jamm-')) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`Maven finished but ${tmp} lacks cassandra-all-${r.version}.jar or the jamm agent jar; nothing installed.`);
  }
  if (isInstalled(r)) {
    // Another process finished first.
    fs.rmSync(tmp, { recursive: true, force: true });
    return lib;
  }
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(tmp, lib);
  const jars = fs.readdirSync(lib).filter((n) => n.endsWith('.jar')).length;
  fs.writeFileSync(
    path.join(dir, '.complete'),
    JSON.stringify({ version: r.version, jars, installedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  r.log(`Installed Cassandra ${r.version} (${jars} jars) in ${formatSeconds(Date.now() - t0)}`);
  return lib;
}

// ---------------------------------------------------------------------------------------------
// Node layout, configuration and pid records

interface NodeLayout {
  index: number;
  name: string;
  address: string;
  port: number;
  jmxPort: number;
  dir: string;
  confDir: string;
  yaml: string;
  logback: string;
  logDir: string;
  systemLog: string;
  stdoutLog: string;
  pidFile: string;
  infoFile: string;
}

interface PidRecord {
  pid: number;
  name: string;
  address: string;
  port: number;
  jmxPort: number;
  version: string;
  startedAt: string;
}

interface NodeInfoFile {
  name: string;
  address: string;
  token: string;
  /** auto_bootstrap, decided when the node was created: false when it joined a cluster without user data (as ccm does). */
  autoBootstrap?: boolean;
  createdAt: string;
}

function layout(r: Resolved, index: number): NodeLayout {
  const name = `node${index + 1}`;
  const dir = path.join(r.home, name);
  const confDir = path.join(dir, 'conf');
  const logDir = path.join(dir, 'logs');
  return {
    index,
    name,
    address: localNodeAddress(r.baseAddress, index),
    port: r.port,
    jmxPort: r.jmxPort + index,
    dir,
    confDir,
    yaml: path.join(confDir, 'cassandra.yaml'),
    logback: path.join(confDir, 'logback.xml'),
    logDir,
    systemLog: path.join(logDir, 'system.log'),
    stdoutLog: path.join(logDir, 'stdout.log'),
    pidFile: path.join(dir, 'pid.json'),
    infoFile: path.join(dir, 'node.json'),
  };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}


/** Indices of node directories under home (node1 → 0, …). */
function existingNodeIndices(home: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(home);
  } catch {
    return [];
  }
  return names
    .map((n) => /^node(\d+)$/.exec(n))
    .filter((m): m is RegExpExecArray => !!m && Number(m[1]) >= 1)
    .map((m) => Number(m[1]) - 1)
    .sort((a, b) => a - b);
}

/** Evenly spaced Murmur3 token for node `index` of `count`: -2^63 + index * 2^64 / count. */
export function murmur3Token(index: number, count: number): string {
  const min = -(BigInt(1) << BigInt(63));
  const span = BigInt(1) << BigInt(64);
  return (min + (span * BigInt(index)) / BigInt(count)).toString();
}

/** A YAML emitter good enough for cassandra.yaml: block keys at the top, JSON (valid YAML flow style) for values. */
function toYaml(obj: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' || typeof v === 'boolean') lines.push(`${k}: ${v}`);
    else if (typeof v === 'string' && /^[A-Za-z0-9_./:@-]+$/.test(v) && !/^(true|false|yes|no|on|off|null|~|-?\d.*)$/i.test(v))
      lines.push(`${k}: ${v}`);
    else lines.push(`${k}: ${JSON.stringify(v)}`);
  }
  return lines.join('\n') + '\n';
}

function cassandraYaml(r: Resolved, node: NodeLayout, token: string, seed: string, autoBootstrap: boolean): string {
  const d = (sub: string) => path.join(node.dir, sub);
  const base: Record<string, unknown> = {
    cluster_name: r.clusterName,
    num_tokens: 1,
    initial_token: token,
    auto_bootstrap: autoBootstrap,
    partitioner: 'org.apache.cassandra.dht.Murmur3Partitioner',
    data_file_directories: [d('data')],
    commitlog_directory: d('commitlog'),
    saved_caches_directory: d('saved_caches'),
    hints_directory: d('hints'),
    cdc_raw_directory: d('cdc_raw'),
    commitlog_sync: 'periodic',
    commitlog_sync_period: '10000ms',
    seed_provider: [
      { class_name: 'org.apache.cassandra.locator.SimpleSeedProvider', parameters: [{ seeds: `${seed}:${r.storagePort}` }] },
    ],
    listen_address: node.address,
    rpc_address: node.address,
    storage_port: r.storagePort,
    native_transport_port: r.port,
    start_native_transport: true,
    endpoint_snitch: 'SimpleSnitch',
    // Every data directory here is created by Cassandra 5.0 itself: no 4.x compatibility needed.
    storage_compatibility_mode: 'NONE',
    auto_snapshot: false,
    snapshot_before_compaction: false,
    // Small local nodes: keep background work modest.
    concurrent_compactors: 1,
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(r.extraYaml)) {
    if (v === null || v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return (
    `# Generated by sparkify-cassandra lib/localnode.ts for ${node.name} (${node.address}); rewritten at every start.\n` +
    toYaml(merged)
  );
}

function logbackXml(node: NodeLayout): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const file = esc(node.systemLog);
  return `<configuration scan="false">
  <!-- Generated by sparkify-cassandra lib/localnode.ts for ${node.name}. -->
  <appender name="SYSTEMLOG" class="ch.qos.logback.core.rolling.RollingFileAppender">
    <file>${file}</file>
    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
      <fileNamePattern>${file}.%i.zip</fileNamePattern>
      <minIndex>1</minIndex>
      <maxIndex>3</maxIndex>
    </rollingPolicy>
    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy">
      <maxFileSize>20MB</maxFileSize>
    </triggeringPolicy>
    <encoder><pattern>%-5level [%thread] %date{ISO8601} %F:%L - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="SYSTEMLOG"/></root>
</configuration>
`;
}

/** Cassandra's conf/jvm17-server.options module flags (also accepted by Java 11). */
const JVM_MODULE_FLAGS = [
  '--add-exports', 'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports', 'java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
  '--add-exports', 'java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports', 'java.rmi/sun.rmi.server=ALL-UNNAMED',
  '--add-exports', 'java.sql/java.sql=ALL-UNNAMED',
  '--add-exports', 'java.base/java.lang.ref=ALL-UNNAMED',
  '--add-exports', 'jdk.unsupported/sun.misc=ALL-UNNAMED',
  '--add-exports', 'jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports', 'jdk.attach/sun.tools.attach=ALL-UNNAMED',
  '--add-opens', 'java.base/java.lang.module=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.loader=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.reflect=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.math=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.module=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.util.jar=ALL-UNNAMED',
  '--add-opens', 'jdk.management/com.sun.management.internal=ALL-UNNAMED',
  '--add-opens', 'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens', 'java.base/java.io=ALL-UNNAMED',
  '--add-opens', 'java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens', 'jdk.compiler/com.sun.tools.javac=ALL-UNNAMED',
  '--add-opens', 'java.base/java.lang=ALL-UNNAMED',
  '--add-opens', 'java.base/java.util=ALL-UNNAMED',
];

/**
 * ring_delay_ms for this start: tiny, except for a node about to bootstrap (stream data into a cluster that has some),
 * which must first hear from the seed through gossip ("Unable to contact any seeds" otherwise).
 */
function ringDelayMs(node: NodeLayout): number {
  const info = readJson<NodeInfoFile>(node.infoFile);
  const firstStart = !fs.existsSync(path.join(node.dir, 'data', 'system'));
  return node.index > 0 && info?.autoBootstrap && firstStart ? BOOTSTRAP_RING_DELAY_MS : 100;
}

const BOOTSTRAP_RING_DELAY_MS = 5000;

function jvmArgs(r: Resolved, node: NodeLayout, libDir: string): string[] {
  const jamm = findJar(libDir, 'jamm-');
  if (!jamm) throw new Error(`The jamm agent jar is missing from ${libDir}; delete ${path.dirname(libDir)} and install again.`);
  return [
    `-Xms${r.heap}`,
    `-Xmx${r.heap}`,
    `-Xmn${r.newHeap}`,
    '-Xss256k',
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    `-javaagent:${jamm}`,
    '-Djdk.attach.allowAttachSelf=true',
    ...JVM_MODULE_FLAGS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djava.net.preferIPv4Stack=true',
    `-Dcassandra.config=${pathToFileURL(node.yaml).href}`,
    `-Dlogback.configurationFile=${pathToFileURL(node.logback).href}`,
    `-Dcassandra.storagedir=${node.dir}`,
    `-Dcassandra.logdir=${node.logDir}`,
    `-Dcassandra.triggers_dir=${path.join(node.dir, 'triggers')}`,
    // Fast start for test/teaching nodes (one token each, no token allocation wait).
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    `-Dcassandra.ring_delay_ms=${ringDelayMs(node)}`,
    '-Dcassandra.superuser_setup_delay_ms=100',
    '-Dcassandra-foreground=yes',
    `-Dcassandra.jmx.local.port=${node.jmxPort}`,
    ...r.extraJvmArgs,
    '-cp',
    `${libDir}${path.sep}*`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}

/** The token of a node: the one recorded when its directory was created, else evenly spaced among `count`. */
function nodeToken(node: NodeLayout, count: number): string {
  const info = readJson<NodeInfoFile>(node.infoFile);
  return info?.token ?? murmur3Token(node.index, count);
}

function writeNodeConfig(r: Resolved, node: NodeLayout, count: number, autoBootstrap: boolean): void {
  for (const sub of ['conf', 'logs', 'data', 'commitlog', 'saved_caches', 'hints', 'cdc_raw', 'triggers']) {
    fs.mkdirSync(path.join(node.dir, sub), { recursive: true });
  }
  let info = readJson<NodeInfoFile>(node.infoFile);
  const token = nodeToken(node, count);
  if (!info) {
    info = { name: node.name, address: node.address, token, autoBootstrap, createdAt: new Date().toISOString() };
    writeJsonAtomic(node.infoFile, info);
  } else if (info.address !== node.address) {
    r.log(`warning: ${node.name} was created at ${info.address} and now starts at ${node.address}; its data stays in ${node.dir}`);
  }
  const seed = localNodeAddress(r.baseAddress, 0);
  fs.writeFileSync(node.yaml, cassandraYaml(r, node, token, seed, info.autoBootstrap ?? true));
  fs.writeFileSync(node.logback, logbackXml(node));
}

function readPid(node: NodeLayout): PidRecord | undefined {
  const rec = readJson<PidRecord>(node.pidFile);
  return rec && Number.isInteger(rec.pid) ? rec : undefined;
}

/** The pid of this node's process if it is recorded and still ours; undefined otherwise. */
function livePid(node: NodeLayout): number | undefined {
  const rec = readPid(node);
  return rec && isOurNodeProcess(rec.pid, node) ? rec.pid : undefined;
}

function nodeInfo(node: NodeLayout, started: boolean, pid?: number): LocalNodeInfo {
  return {
    index: node.index,
    name: node.name,
    address: node.address,
    port: node.port,
    pid,
    logFile: node.systemLog,
    stdoutFile: node.stdoutLog,
    jmxPort: node.jmxPort,
    started,
  };
}

// ---------------------------------------------------------------------------------------------
// Starting

interface Spawned {
  pid: number;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child: ChildProcess;
}

/** Nodes spawned by this process, by pid: their 'exit' event tells when they are really gone (reaped). */
const children = new Map<number, Spawned>();

async function preflight(r: Resolved, node: NodeLayout): Promise<void> {
  const cql = await canListen(node.address, node.port);
  if (cql === 'EADDRNOTAVAIL') {
    throw new Error(
      `Address ${node.address} is not configured on this machine's loopback interface, so ${node.name} cannot listen there` +
        (process.platform === 'darwin' ? ` (on macOS: sudo ifconfig lo0 alias ${node.address} up).` : '.'),
    );
  }
  if (cql !== true) {
    throw new Error(
      `Port ${node.address}:${node.port} is already in use (${cql}) by something that does not answer CQL as a node of this cluster; ` +
        `${node.name} cannot start there. Stop it, or choose another baseAddress/port.`,
    );
  }
  const storage = await canListen(node.address, r.storagePort);
  if (storage !== true) {
    throw new Error(
      `Internode port ${node.address}:${r.storagePort} is already in use (${storage}); ${node.name} cannot start. ` +
        `Another Cassandra may run there (check with "sparkify cassandra status"), or choose another baseAddress.`,
    );
  }
  const jmx = await canListen('127.0.0.1', node.jmxPort);
  if (jmx !== true) {
    throw new Error(
      `JMX port 127.0.0.1:${node.jmxPort} for ${node.name} is already in use (${jmx}), probably by another Cassandra on this machine. ` +
        `Pick a free JMX base port with the jmxPort option, --jmx-port or CASSANDRA_JMX_PORT (node i uses base+i).`,
    );
  }
}

function spawnNode(r: Resolved, node: NodeLayout, libDir: string, count: number, autoBootstrap: boolean): Spawned {
  writeNodeConfig(r, node, count, autoBootstrap);
  const java = javaCommand();
  const args = jvmArgs(r, node, libDir);
  fs.appendFileSync(node.stdoutLog, `\n==== ${new Date().toISOString()} starting ${node.name}: ${java} ${args.join(' ')}\n`);
  const fd = fs.openSync(node.stdoutLog, 'a');
  let child: ChildProcess;
  try {
    child = spawn(java, args, { cwd: node.dir, detached: true, stdio: ['ignore', fd, fd], env: process.env });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`Could not start ${java} for ${node.name} (no pid); see ${node.stdoutLog}`);
  const spawned: Spawned = { pid: child.pid, exit: undefined, child };
  child.once('exit', (code, signal) => {
    spawned.exit = { code, signal };
  });
  child.once('error', () => {
    spawned.exit = spawned.exit ?? { code: null, signal: null };
  });
  child.unref();
  children.set(child.pid, spawned);
  const rec: PidRecord = {
    pid: child.pid,
    name: node.name,
    address: node.address,
    port: node.port,
    jmxPort: node.jmxPort,
    version: r.version,
    startedAt: new Date().toISOString(),
  };
  writeJsonAtomic(node.pidFile, rec);
  return spawned;
}

/** Waits until `node` answers CQL; fails early when its process dies. */
async function waitForCql(r: Resolved, node: NodeLayout, pid: number, spawned?: Spawned): Promise<string | undefined> {
  const t0 = Date.now();
  let last: CqlProbe = { ok: false };
  for (;;) {
    const gone = spawned ? spawned.exit !== undefined : !isOurNodeProcess(pid, node);
    if (gone) {
      children.delete(pid);
      await sleep(200); // let the last log lines land
      const how = spawned?.exit
        ? spawned.exit.signal
          ? `was killed by ${spawned.exit.signal}`
          : `exited with code ${spawned.exit.code}`
        : 'is gone';
      try {
        fs.rmSync(node.pidFile, { force: true });
      } catch {
        /* ignore */
      }
      throw new LocalCassandraError(
        `Cassandra ${node.name} at ${node.address}:${node.port} (pid ${pid}) ${how} ${formatSeconds(Date.now() - t0)} into startup; ` +
          `see ${node.systemLog} and ${node.stdoutLog}.`,
        logTail(node),
      );
    }
    last = await probeCql(node.address, node.port, r.credentials);
    // With credentials, wait until they work (the default superuser is created a moment after CQL opens).
    if (last.ok && !(r.credentials && last.authRequired)) return last.releaseVersion;
    if (Date.now() - t0 > r.timeoutMs) {
      throw new LocalCassandraError(
        `Cassandra ${node.name} at ${node.address}:${node.port} did not answer CQL within ${formatSeconds(r.timeoutMs)} ` +
          `(pid ${pid} was still running; last probe: ${last.error ?? 'no answer'}); see ${node.systemLog}.`,
        logTail(node),
      );
    }
    await sleep(500);
  }
}

async function waitForPeers(r: Resolved, first: NodeLayout, others: string[]): Promise<void> {
  const t0 = Date.now();
  let seen: string[] = [];
  let lastErr = '';
  for (;;) {
    try {
      seen = await queryPeers(first.address, first.port, r.credentials);
      lastErr = '';
      if (others.every((a) => seen.includes(a))) return;
    } catch (e) {
      lastErr = errMessage(e);
    }
    if (Date.now() - t0 > r.timeoutMs) {
      const missing = others.filter((a) => !seen.includes(a));
      throw new LocalCassandraError(
        `After ${formatSeconds(r.timeoutMs)}, system.peers on ${first.name} (${first.address}) lists [${seen.join(', ')}] ` +
          `but not [${missing.join(', ')}]${lastErr ? ` (last error: ${lastErr})` : ''}; see ${first.systemLog}.`,
        logTail(first),
      );
    }
    await sleep(500);
  }
}

/**
 * SIGTERM (Cassandra drains and flushes), then SIGKILL after `graceMs`. Returns whether SIGKILL was needed.
 * A node started by this very process is waited for until Node has reaped it (no zombie left behind).
 */
async function killAndWait(pid: number, node: NodeLayout, graceMs: number): Promise<boolean> {
  const child = children.get(pid);
  const gone = () => (child ? child.exit !== undefined : !isOurNodeProcess(pid, node));
  const waitGone = async (ms: number) => {
    const t0 = Date.now();
    while (!gone() && Date.now() - t0 < ms) await sleep(100);
    return gone();
  };
  let killed = false;
  try {
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(graceMs))) {
      killed = true;
      process.kill(pid, 'SIGKILL');
      await waitGone(10_000);
    }
  } catch {
    /* already gone */
  }
  // Our own child may have exited as a zombie between checks: give Node a moment to reap it.
  if (child) await waitGone(2000);
  children.delete(pid);
  return killed;
}

const STOP_GRACE_MS = 30_000;

/**
 * Brings up one node: reuses it if it answers CQL, waits for it if its recorded process is still starting,
 * otherwise starts it and waits until it answers (stopping it again if it does not).
 */
async function ensureNode(
  r: Resolved,
  node: NodeLayout,
  count: number,
  getLib: () => Promise<string>,
): Promise<LocalNodeInfo> {
  const pid = livePid(node);
  const probe = await probeCql(node.address, node.port, r.credentials);
  if (probe.ok) {
    if (pid === undefined) r.log(`${node.name}: something not started from ${r.home} answers at ${node.address}:${node.port}; using it`);
    else r.log(`${node.name} already running at ${node.address}:${node.port} (pid ${pid})`);
    return nodeInfo(node, false, pid);
  }
  if (pid !== undefined) {
    r.log(`${node.name} (pid ${pid}) is running but does not answer CQL yet; waiting for it`);
    await waitForCql(r, node, pid, children.get(pid));
    return nodeInfo(node, false, pid);
  }
  if (readPid(node)) fs.rmSync(node.pidFile, { force: true }); // stale record
  const libDir = await getLib();
  await preflight(r, node);
  // A node joining for the first time bootstraps (streams its ranges) only if the cluster holds user data;
  // a fresh cluster's nodes start with auto_bootstrap: false, as ccm's do, which saves the ring-delay waits.
  let autoBootstrap = true;
  if (node.index > 0 && !fs.existsSync(node.infoFile)) {
    const seed = layout(r, 0);
    const ks = await userKeyspaces(seed.address, seed.port, r.credentials).catch(() => undefined);
    autoBootstrap = ks === undefined || ks.length > 0;
    if (autoBootstrap) r.log(`${node.name} joins a cluster with data (${ks ? ks.join(', ') : 'could not list keyspaces'}); it will bootstrap`);
  }
  const t0 = Date.now();
  const spawned = spawnNode(r, node, libDir, count, autoBootstrap);
  r.log(`${node.name}: started pid ${spawned.pid} at ${node.address}:${node.port} (JMX 127.0.0.1:${node.jmxPort}); waiting for CQL …`);
  const info = nodeInfo(node, true, spawned.pid);
  try {
    const version = await waitForCql(r, node, spawned.pid, spawned);
    r.log(`${node.name} answers CQL (Cassandra ${version ?? '?'}) after ${formatSeconds(Date.now() - t0)}`);
  } catch (e) {
    if (spawned.exit === undefined) {
      await killAndWait(spawned.pid, node, 5000);
      fs.rmSync(node.pidFile, { force: true });
      throw withNote(e, `(${node.name}, pid ${spawned.pid}, has been stopped.)`);
    }
    throw e;
  }
  return info;
}

/**
 * Starts the local cluster (or reuses it). If a node already answers CQL at the first address and we did not
 * start it, it is used as is and nothing is started. Otherwise each missing node is started in turn (each waits
 * for the previous one to answer CQL) and, for several nodes, until system.peers on the first lists all others.
 * On failure, nodes started by this call are stopped again and the error carries the tail of the node's log.
 */
export async function startLocalCassandra(opts: LocalClusterOptions = {}): Promise<StartResult> {
  const t0 = Date.now();
  const r = resolveOptions(opts);
  const nodes = Array.from({ length: r.nodes }, (_, i) => layout(r, i));
  const first = nodes[0];

  const firstProbe = await probeCql(first.address, first.port, r.credentials);
  const firstPid = livePid(first);
  if (firstProbe.ok && firstPid === undefined) {
    const ms = Date.now() - t0;
    const message =
      `A Cassandra ${firstProbe.releaseVersion ?? ''} not started from ${r.home} already answers at ${first.address}:${first.port}; ` +
      `using it, nothing started.`;
    return { started: false, alreadyRunning: true, foreign: true, nodes: [nodeInfo(first, false)], ms, message };
  }

  let lib: string | undefined;
  const getLib = async () => {
    if (!lib) {
      checkJava(r.log);
      lib = await installCassandra(opts);
    }
    return lib;
  };

  fs.mkdirSync(r.home, { recursive: true });
  const infos: LocalNodeInfo[] = [];
  try {
    for (const node of nodes) infos.push(await ensureNode(r, node, r.nodes, getLib));
    if (r.nodes > 1) {
      r.log(`waiting until ${first.name} sees all ${r.nodes - 1} peers …`);
      await waitForPeers(r, first, nodes.slice(1).map((n) => n.address));
    }
  } catch (e) {
    const mine = infos.filter((n) => n.started && n.pid !== undefined);
    for (const n of mine.reverse()) {
      const node = nodes[n.index];
      await killAndWait(n.pid!, node, 5000);
      fs.rmSync(node.pidFile, { force: true });
    }
    if (!mine.length) throw e;
    throw withNote(e, `(Stopped the nodes this call had started: ${mine.map((n) => n.name).join(', ')}.)`);
  }
  const ms = Date.now() - t0;
  const startedNodes = infos.filter((n) => n.started);
  const message = startedNodes.length
    ? `Started ${startedNodes.map((n) => `${n.name} (${n.address}, pid ${n.pid})`).join(', ')} in ${formatSeconds(ms)}; ` +
      `cluster of ${r.nodes} node(s) answers CQL on port ${r.port}.`
    : `Local Cassandra already running: ${infos.map((n) => `${n.name} (${n.address}${n.pid ? `, pid ${n.pid}` : ''})`).join(', ')}; nothing started.`;
  return { started: startedNodes.length > 0, alreadyRunning: firstProbe.ok, foreign: false, nodes: infos, ms, message };
}

/** Starts one node of a cluster created earlier in this home (0-based index), reusing its data directory. */
export async function startLocalNode(opts: LocalClusterOptions, index: number): Promise<LocalNodeInfo & { ms: number }> {
  const t0 = Date.now();
  const r = resolveOptions({ ...opts, nodes: Math.max(opts.nodes ?? 1, index + 1) });
  const node = layout(r, index);
  if (!fs.existsSync(node.infoFile)) {
    throw new Error(
      `${node.name} has never been started from ${r.home}; start the cluster first (startLocalCassandra with nodes >= ${index + 1}).`,
    );
  }
  const count = Math.max(existingNodeIndices(r.home).length, index + 1);
  let lib: string | undefined;
  const info = await ensureNode(r, node, count, async () => {
    if (!lib) {
      checkJava(r.log);
      lib = await installCassandra(opts);
    }
    return lib;
  });
  return { ...info, ms: Date.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
// Stopping and status

async function stopNodes(r: Resolved, indices: number[]): Promise<StopResult> {
  const t0 = Date.now();
  const stopped: StopResult['stopped'] = [];
  const stale: StopResult['stale'] = [];
  const work: Promise<void>[] = [];
  for (const i of indices) {
    const node = layout(r, i);
    const rec = readPid(node);
    if (!rec) continue;
    if (!isOurNodeProcess(rec.pid, node)) {
      stale.push({ index: i, name: node.name, pid: rec.pid });
      fs.rmSync(node.pidFile, { force: true });
      continue;
    }
    r.log(`stopping ${node.name} (pid ${rec.pid}, ${rec.address}) …`);
    work.push(
      killAndWait(rec.pid, node, STOP_GRACE_MS).then((killed) => {
        stopped.push({ index: i, name: node.name, address: rec.address, pid: rec.pid, killed });
        fs.rmSync(node.pidFile, { force: true });
      }),
    );
  }
  await Promise.all(work);
  stopped.sort((a, b) => a.index - b.index);
  const ms = Date.now() - t0;
  const message = stopped.length
    ? `Stopped ${stopped.map((s) => `${s.name} (pid ${s.pid}${s.killed ? ', SIGKILL after ' + formatSeconds(STOP_GRACE_MS) : ''})`).join(', ')} in ${formatSeconds(ms)}.`
    : `No local Cassandra node from ${r.home} was running; nothing to stop.` +
      (stale.length ? ` Removed stale pid records of ${stale.map((s) => s.name).join(', ')}.` : '');
  return { stopped, stale, ms, message };
}

/** Stops every node recorded in home (SIGTERM, then SIGKILL after 30 s) and removes the pid records. */
export async function stopLocalCassandra(opts: LocalClusterOptions = {}): Promise<StopResult> {
  const r = resolveOptions(opts);
  return stopNodes(r, existingNodeIndices(r.home));
}

/** Stops one node (0-based index) if we started it; its data directory stays for startLocalNode. */
export async function stopLocalNode(opts: LocalClusterOptions, index: number): Promise<StopResult> {
  const r = resolveOptions({ ...opts, nodes: Math.max(opts.nodes ?? 1, index + 1) });
  return stopNodes(r, [index]);
}

/** For each recorded node: is its pid alive, does it answer CQL; plus what answers at configured addresses that we did not start. */
export async function localCassandraStatus(opts: LocalClusterOptions = {}): Promise<StatusResult> {
  const r0 = resolveOptions(opts);
  const known = existingNodeIndices(r0.home);
  const count = Math.max(opts.nodes ?? 1, known.length ? known[known.length - 1] + 1 : 1);
  const r = resolveOptions({ ...opts, nodes: count });
  const indices = Array.from(new Set([...known, ...Array.from({ length: r.nodes }, (_, i) => i)])).sort((a, b) => a - b);
  const nodes: NodeStatus[] = [];
  const foreign: StatusResult['foreign'] = [];
  await Promise.all(
    indices.map(async (i) => {
      const node = layout(r, i);
      const rec = readPid(node);
      const alive = rec ? isOurNodeProcess(rec.pid, node) : false;
      const probe = await probeCql(node.address, node.port, r.credentials);
      if (rec || fs.existsSync(node.infoFile)) {
        nodes.push({
          index: i,
          name: node.name,
          address: node.address,
          port: node.port,
          pid: rec?.pid,
          pidAlive: alive,
          cql: probe.ok,
          releaseVersion: probe.releaseVersion,
          logFile: node.systemLog,
        });
      }
      if (probe.ok && !alive) foreign.push({ address: node.address, port: node.port, releaseVersion: probe.releaseVersion });
    }),
  );
  nodes.sort((a, b) => a.index - b.index);
  foreign.sort((a, b) => a.address.localeCompare(b.address));
  const lines: string[] = [];
  if (!nodes.length) lines.push(`No local Cassandra node has been created in ${r.home}.`);
  for (const n of nodes) {
    const state = n.pidAlive
      ? n.cql
        ? `running (pid ${n.pid}), answers CQL${n.releaseVersion ? ` (Cassandra ${n.releaseVersion})` : ''}`
        : `process running (pid ${n.pid}) but not answering CQL`
      : n.pid !== undefined
        ? `stopped (recorded pid ${n.pid} is gone)`
        : 'stopped';
    lines.push(`${n.name} ${n.address}:${n.port}: ${state}`);
  }
  for (const f of foreign) lines.push(`${f.address}:${f.port}: a Cassandra${f.releaseVersion ? ` ${f.releaseVersion}` : ''} answers that was not started from ${r.home}`);
  return { home: r.home, nodes, foreign, message: lines.join('\n') };
}

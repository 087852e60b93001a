// types: the public shapes of the local cluster — the options every call takes, and what starting,
// stopping and asking for status return.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

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

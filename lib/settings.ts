// settings: everything a user sets in the environment for the job itself, read once at the edge (the
// command line, the notebook's settings cell, the scripts) and passed in: where the event files are,
// where the merged file goes, how long to wait for a node, whether errors show their stack, and how to
// reach Cassandra (lib/cassandra/config). Nothing deeper in lib/ reads `process.env` for these.
// The local node's own variables (SPARKIFY_CASSANDRA_HOME, MAX_HEAP_SIZE, …) are read by lib/dev/localnode.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { configFromEnv, type SparkifyConfig } from './cassandra/config';
import { MERGED_FILE_NAME } from './etl/merge';

type Env = Record<string, string | undefined>;

export interface Settings {
  /** The folder of daily event files (SPARKIFY_EVENT_DATA, default the project's sample `event_data`). */
  eventData: string;
  /** The merged file (SPARKIFY_MERGED_FILE, default `event_datafile_new.csv` as in the exercise). */
  mergedFile: string;
  /** How long the command line waits for a node it will not start (SPARKIFY_CONNECT_WAIT_MS, default 30 s). */
  connectWaitMs: number;
  /** Errors print their stack (SPARKIFY_DEBUG). */
  debug: boolean;
  /** How to reach Cassandra (CASSANDRA_*, SPARKIFY_KEYSPACE, SPARKIFY_REPLICATION). */
  cassandra: SparkifyConfig;
}

/** The folder of daily event files: `SPARKIFY_EVENT_DATA`, else the project's own `event_data`. */
function eventDataDir(env: Env = process.env): string {
  return env.SPARKIFY_EVENT_DATA || 'event_data';
}

/** The settings from `env` (default: this process's environment). */
export function settingsFromEnv(env: Env = process.env): Settings {
  const wait = Number(env.SPARKIFY_CONNECT_WAIT_MS ?? 30_000);
  if (!Number.isFinite(wait) || wait < 0) {
    throw new Error(
      `SPARKIFY_CONNECT_WAIT_MS must be a number of milliseconds, got ${JSON.stringify(env.SPARKIFY_CONNECT_WAIT_MS)}`,
    );
  }
  return {
    eventData: eventDataDir(env),
    mergedFile: env.SPARKIFY_MERGED_FILE || MERGED_FILE_NAME,
    connectWaitMs: wait,
    debug: Boolean(env.SPARKIFY_DEBUG),
    cassandra: configFromEnv(env),
  };
}

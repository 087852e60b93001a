// The measured work of `npm run bench`, each in its own process so that the bench can take its wall
// time, CPU time and peak RSS (GNU time) and nothing of the bench itself is counted. Prints one JSON
// line on stdout.
//
//   tsx bench/child.ts generate DIR EVENTS_PER_DAY DAYS USERS SEED
//   tsx bench/child.ts merge DIR OUT            this project's merge (lib/events)
//   tsx bench/child.ts merge-v1 DIR OUT         the papaparse version before the speed work (bench/reference.ts)
//   tsx bench/child.ts load FILE HOST KEYSPACE CONCURRENCY [BATCH_ROWS] [CASSANDRA_PID] [sstables JMX_PORT]
//                                               lib/load loadTables (BATCH_ROWS default 20; 1: one INSERT per request;
//                                               sstables: via SSTables, nodetool on JMX_PORT)
//   tsx bench/child.ts verify FILE HOST KEYSPACE   lib/verify verifyTables: the three tables read back and reconciled
import { generateEventFiles } from '../lib/dev/generate/generate';
import { cassandraTools } from '../lib/dev/localnode/tools';
import { loadTables } from '../lib/load/load';
import { processCpuSeconds } from './procfs';
import { loadReference } from './reference';
import { configFromEnv } from '../lib/cassandra/config';
import { connect } from '../lib/cassandra/connect';
import { mergeEventFiles } from '../lib/etl/merge';
import { TABLES } from '../lib/model/tables';
import { verifyTables } from '../lib/verify/verify';

/** The reference merge (lib/ before the byte-level scanner, from git history); throws why when absent. */
function mergeV1(): typeof mergeEventFiles {
  const reference = loadReference();
  if ('why' in reference) throw new Error(`merge-v1: ${reference.why}`);
  return reference.lib.mergeEventFiles;
}

/** lib/load loadTables on FILE into KEYSPACE at HOST: what it counted, its time and requests. */
async function load(args: string[]): Promise<Record<string, unknown>> {
  const [file, host, keyspace, conc, rows, pid, via, jmx] = args;
  const batchRows = rows ? Number(rows) : 20;
  const cassandraPid = Number(pid) || undefined;
  const config = configFromEnv({ ...process.env, CASSANDRA_CONTACT_POINTS: host, SPARKIFY_KEYSPACE: keyspace });
  const client = await connect(config, { waitMs: 30_000 });
  try {
    const policy = (client as unknown as { options: { policies: { loadBalancing?: object } } }).options.policies
      .loadBalancing;
    const nodeCpu0 = cassandraPid ? processCpuSeconds(cassandraPid) : undefined;
    const t0 = Date.now();
    const sstables = via === 'sstables' ? { tools: cassandraTools({ jmxPort: Number(jmx) }) } : undefined;
    const r = await loadTables(client, {
      file,
      keyspace,
      concurrency: Number(conc),
      batchRows,
      checkpointFile: false,
      ...(sstables ? { via: 'sstables' as const, sstables } : {}),
    });
    const ms = Date.now() - t0;
    const nodeCpu1 = cassandraPid ? processCpuSeconds(cassandraPid) : undefined;
    return {
      rows: r.rowsRead,
      loaded: r.loaded,
      failed: r.failedCount,
      retries: r.retries,
      transient: r.transient,
      ms,
      requests: r.requests,
      batchRows,
      nodeCpuS: nodeCpu0 !== undefined && nodeCpu1 !== undefined ? nodeCpu1 - nodeCpu0 : undefined,
      loadBalancing: policy?.constructor?.name,
      sstables: r.sstables,
    };
  } finally {
    await client.shutdown();
  }
}

/** lib/verify verifyTables of the three tables in KEYSPACE at HOST against FILE: what it found, its time. */
async function verify(args: string[]): Promise<Record<string, unknown>> {
  const [file, host, keyspace] = args;
  const config = configFromEnv({ ...process.env, CASSANDRA_CONTACT_POINTS: host, SPARKIFY_KEYSPACE: keyspace });
  const client = await connect(config, { waitMs: 30_000 });
  try {
    const t0 = Date.now();
    const r = await verifyTables(client, { file, keyspace, tables: TABLES });
    const bad = r.tables
      .filter((t) => !t.ok)
      .map((t) => `${t.table}: ${t.missing} missing, ${t.unexpected} unexpected, ${t.different} different`);
    return {
      plays: r.plays,
      rows: r.tables.reduce((n, t) => n + t.present, 0),
      ranges: r.ranges,
      ok: r.ok,
      bad,
      ms: Date.now() - t0,
    };
  } finally {
    await client.shutdown();
  }
}

async function main(): Promise<void> {
  const [task, ...args] = process.argv.slice(2);
  const started = Date.now();
  const out = (value: Record<string, unknown>) => {
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ ...value, wallMs: Date.now() - started, cpuS: (cpu.user + cpu.system) / 1e6 }));
  };
  switch (task) {
    case 'generate': {
      const [dir, perDay, days, users, seed] = args;
      const r = await generateEventFiles({
        out: dir,
        eventsPerDay: Number(perDay),
        days: Number(days),
        users: Number(users),
        seed: Number(seed),
      });
      return out({
        events: r.events,
        plays: r.plays,
        bytes: r.bytes,
        files: r.files.length,
        elapsedMs: r.elapsedMs,
        eventsPerSecond: r.eventsPerSecond,
      });
    }
    case 'merge':
    case 'merge-v1': {
      const merge = task === 'merge' ? mergeEventFiles : mergeV1();
      const r = await merge({ dir: args[0], out: args[1] });
      return out({ rowsRead: r.rowsRead, written: r.written, skipped: r.skippedTotal, ms: r.ms });
    }
    case 'load':
      return out(await load(args));
    case 'verify':
      return out(await verify(args));
    default:
      throw new Error(`unknown task ${task}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});

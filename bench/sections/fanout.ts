// fanout: question 3 answered the four ways of the lesson's Part IV (lib/teach/ways: its own table, an SAI
// index, a legacy index, a materialized view) on the bench node and on three local nodes (127.0.0.55-.57,
// JMX 7650-7652, NetworkTopologyStrategy RF 3 read at QUORUM), side by side: per way the token ranges and
// the nodes one question reaches, and p50/p99 over the same questions. On the first FANOUT_PLAYS plays of
// the load file (both figures on the same data; the ways load their tables four times over). Its table
// goes to RESULTS.md (results.ts) through `fanoutRows`.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'cassandra-driver';
import type { Loading } from '../context';
import { facts, fmtNum, log } from '../figures';
import { writeLoadFile } from '../loadfile';
import { benchNodeOptions, freshKeyspace } from '../node';
import { configFromEnv } from '../../lib/cassandra/config';
import { connect } from '../../lib/cassandra/connect';
import { createKeyspace } from '../../lib/cassandra/keyspace';
import { startLocalCassandra, stopLocalCassandra } from '../../lib/dev/localnode/localnode';
import { localNodetool } from '../../lib/dev/localnode/nodetool';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { compareWays, type WaysComparison } from '../../lib/teach/ways/compare';
import { isMeasured } from '../../lib/teach/ways/result';
import { plural } from '../../lib/show/format';

const FANOUT_PLAYS = 20_000;
const CLUSTER = ['127.0.0.55', '127.0.0.56', '127.0.0.57'];
const KEYSPACE = 'bench_ways';

/** What one trace reached and how long the questions took, as RESULTS.md prints it. */
function cell(c: WaysComparison, way: string): string {
  const w = c.ways.find((x) => x.way === way);
  if (!w) return '—';
  if (!isMeasured(w)) return `not available: ${w.reason}`;
  const t = w.trace;
  const reach = t.rangesQueried === null ? '1 partition' : plural(t.rangesQueried, 'token range');
  return `${reach}, ${plural(t.replicas, 'node')} · p50 ${w.latency.p50Ms.toFixed(2)} ms, p99 ${w.latency.p99Ms.toFixed(2)} ms`;
}

/** The table's rows: one per way, the single node beside the three. */
export function fanoutRows(single: WaysComparison, three: WaysComparison): string {
  return single.ways.map((w) => `| ${w.label} | ${cell(single, w.way)} | ${cell(three, w.way)} |`).join('\n');
}

/** The four ways measured on one ring. */
function measure(client: Client, file: string, questions: number, nodetool: LocalClusterOptions) {
  return compareWays(client, KEYSPACE, {
    file,
    questions,
    warmup: Math.min(100, questions),
    loads: 1,
    concurrency: 32,
    nodetool: localNodetool(nodetool, 0),
  });
}

/** Three local nodes of the bench's own, the ways measured on them, the nodes stopped and removed. */
async function onThreeNodes(l: Loading, file: string, questions: number): Promise<WaysComparison> {
  const opts: LocalClusterOptions = {
    baseAddress: CLUSTER[0],
    jmxPort: 7650,
    nodes: 3,
    home: join(l.o.work, 'cassandra-fanout'),
    heap: '1G',
    newHeap: '200M',
    timeoutMs: 240_000,
    log: (line) => log(`  ${line}`),
  };
  log(`fanout: starting three nodes (${CLUSTER.join(', ')}) …`);
  const started = await startLocalCassandra(opts);
  try {
    if (started.foreign) throw new Error(`something else answers CQL at ${CLUSTER[0]}: ${started.message}`);
    const config = configFromEnv({
      CASSANDRA_CONTACT_POINTS: CLUSTER.join(','),
      SPARKIFY_KEYSPACE: KEYSPACE,
      SPARKIFY_REPLICATION: 'datacenter1:3',
      CASSANDRA_CONSISTENCY: 'quorum',
    });
    const client = await connect(config, { waitMs: 120_000 });
    try {
      await createKeyspace(client, config);
      return await measure(client, file, questions, opts);
    } finally {
      await client.shutdown();
    }
  } finally {
    await stopLocalCassandra(opts).catch((e) => log(`  could not stop the three nodes: ${e}`));
    rmSync(opts.home!, { recursive: true, force: true });
  }
}

export async function runFanout(l: Loading): Promise<void> {
  const file = join(l.o.work, `fanout-${FANOUT_PLAYS}.csv`);
  if (!existsSync(file)) await writeLoadFile(l.paths.loadFile, file, FANOUT_PLAYS);
  const questions = Math.min(l.o.queries, 2_000);
  log(`fanout: question 3 four ways on the bench node, ${fmtNum(questions)} questions each …`);
  await freshKeyspace(l.client, KEYSPACE, false);
  const single = await measure(l.client, file, questions, benchNodeOptions(l.o));
  const three = await onThreeNodes(l, file, questions);
  facts.set('fanoutPlays', fmtNum(single.plays));
  facts.set('fanoutQuestions', fmtNum(questions));
  facts.set('fanoutRows', fanoutRows(single, three));
  for (const w of three.ways) log(`  ${w.label}: one node ${cell(single, w.way)}; three nodes ${cell(three, w.way)}`);
}

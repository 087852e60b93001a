// Fan-out on three nodes (127.0.0.95-.97, JMX 7950-7952, a temporary home): question 3 answered the four
// ways of Part IV (lib/teach/ways: its own table, an SAI index, a legacy index, a materialized view) on a
// keyspace of RF 3 read at QUORUM, to show what the single node of the notebook cannot: the table and the
// view stay one partition, read on a quorum of replicas (two reads: data and digest), while an index query
// asks every token range of the ring — one per token the nodes own — and so grows with the cluster.
// Asserts the trace's ranges and replicas and the answers (never the timings); prints the side-by-side
// table with p50/p99.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeEventFiles } from '../../lib/index';
import { localNodetool } from '../../lib/dev/localnode/nodetool';
import { compareWays, isMeasured, type MeasuredWay, type WaysComparison } from '../../lib/teach/index';
import { waysText } from '../../lib/show/ways';
import { primaryDataset } from '../support/datasets';
import { clusterAddresses, startTestCluster, stopTestCluster, type TestCluster } from '../support/cluster';
import { SUITE_NODES } from '../support/nodes';
import { pinnedClient } from '../support/replicas';

const DATA = primaryDataset();
const ADDRESSES = clusterAddresses(SUITE_NODES.fanout.address);
const log = (line: string) => console.log(`[fanout] ${line}`);

/** Every token the ring's nodes own, as one node lists them (its system.local and system.peers). */
async function ringTokens(address: string): Promise<string[]> {
  const c = await pinnedClient(address);
  try {
    const local = (await c.execute('SELECT tokens FROM system.local')).rows;
    const peers = (await c.execute('SELECT tokens FROM system.peers')).rows;
    return [...local, ...peers].flatMap((r) => [...((r.get('tokens') as string[] | null) ?? [])]);
  } finally {
    await c.shutdown();
  }
}

describe(`fan-out on three nodes, RF 3, QUORUM: question 3 four ways on ${DATA.label}`, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sparkify-fanout-'));
  let cluster: TestCluster | undefined;
  let result: WaysComparison;
  let tokens: string[];
  const way = (name: string): MeasuredWay => {
    const w = result.ways.find((x) => x.way === name);
    if (!w || !isMeasured(w)) throw new Error(`${name} is not available: ${w && !isMeasured(w) ? w.reason : 'absent'}`);
    return w;
  };

  beforeAll(async () => {
    const merged = (await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') })).output;
    cluster = await startTestCluster(SUITE_NODES.fanout, 'sparkify_fanout', log);
    tokens = await ringTokens(ADDRESSES[0]);
    result = await compareWays(cluster.client, cluster.config.keyspace, {
      file: merged,
      questions: 200,
      warmup: 20,
      loads: 1,
      answerSongs: 4,
      concurrency: 32,
      nodetool: localNodetool(cluster.options, 0),
    });
    log(`ring: ${tokens.length} tokens on ${ADDRESSES.length} nodes\n${waysText(result)}`);
  }, 600_000);

  afterAll(async () => {
    try {
      await stopTestCluster(cluster, log);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 300_000);

  it('the ring: one token per node, so an index query has three token ranges to ask', () => {
    expect(new Set(tokens).size).toBe(ADDRESSES.length);
  });

  it.each(['table', 'view'])('%s: one partition, read on a quorum of the three replicas', (name) => {
    const w = way(name);
    expect(w.trace).toMatchObject({ kind: 'single-partition', rangesQueried: null, index: null });
    // QUORUM of RF 3: the partition read on two replicas (data and digest); never a token range.
    expect(w.trace.singlePartitionReads).toBeGreaterThanOrEqual(2);
    expect(w.trace.replicas).toBeGreaterThanOrEqual(2);
    expect(w.trace.rowsReturned).toBe(DATA.expected.q3.length);
  });

  it.each(['sai', 'legacy'])('%s: every token range of the ring asked through the index, same answer', (name) => {
    const w = way(name);
    expect(w.trace.kind).toBe('range scan');
    expect(w.trace.rangesQueried).toBe(tokens.length);
    expect(w.trace.index).toBe(`songs_by_user_session_${name}_song_${name === 'sai' ? 'sai' : 'idx'}`);
    expect(w.trace.replicas).toBeGreaterThanOrEqual(2);
    expect(w.sameAsTable).toBe(true);
    expect(w.answer).toEqual(way('table').answer);
  });

  it('every way measured its latency loop on the cluster (counts, not timings)', () => {
    for (const name of ['table', 'sai', 'legacy', 'view']) expect(way(name).latency).toMatchObject({ count: 200 });
  });
});

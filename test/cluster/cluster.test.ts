// A real three-node Cassandra 5.0 cluster on one machine (127.0.0.31-.33, one datacenter, JMX 7410-7412,
// a temporary home; never the dev node on 127.0.0.1). Keyspace NetworkTopologyStrategy datacenter1: 3,
// writes and reads at QUORUM. One node stops during the load and another during the questions; both
// come back. Everything completes, the answers are the classic ones, and afterwards no row is missing
// on any replica: hints drained, `nodetool repair --preview --full` finds the three replicas in sync,
// and `verify` at consistency ALL finds every table exactly as the file implies. Last, in a keyspace of one
// replica, the replica the loader groups a row's batch by (the driver's token map through lib/load/routing)
// is the one `nodetool getendpoints` names, for single-column and composite partition keys. And a load via
// SSTables goes through sstableloader and is verified at ALL. On the original files when
// SPARKIFY_EVENT_DATA names them, else on event_data/ (figures from test/support/expected.py):
//   SPARKIFY_EVENT_DATA=/work/shared/event_data npm run test:cluster
// Not part of `npm test` (its own config, vitest.cluster.config.mts): it needs ~1.5 GB of RAM and a few minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'cassandra-driver';
import {
  askClassicQuestions,
  connect,
  createKeyspace,
  createTables,
  loadTables,
  mergeEventFiles,
  readPlays,
  type ClassicAnswers,
  type LoadProgress,
  type LoadResult,
  type SparkifyConfig,
  TABLES,
  verifyTables,
} from '../../lib/index';
import { startLocalNode, stopLocalNode } from '../../lib/dev/localnode/localnode';
import { heldClient } from '../integration/support';
import { primaryDataset, typedAnswers } from '../support/datasets';
import { localNodetool } from '../../lib/dev/localnode/nodetool';
import { cassandraTools } from '../../lib/dev/localnode/tools';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { SUITE_NODES } from '../support/nodes';
import { until } from '../support/until';
import { clusterAddresses, startTestCluster, stopTestCluster, type TestCluster } from '../support/cluster';
import { sleep } from '../../lib/common/async';
import { refreshTokenMap, routingKey, RowRouter } from '../../lib/load/routing';
import type { Play } from '../../lib/etl/columns';
import { bringReplicasInSync, inSync, waitForHintsDelivered } from '../support/replicas';

const DATA = primaryDataset();
const E = DATA.expected;
const ADDRESSES = clusterAddresses(SUITE_NODES.cluster.address);
const EXPECTED = {
  songs_by_session: E.tableRows.songs_by_session,
  songs_by_user_session: E.tableRows.songs_by_user_session,
  listeners_by_song: E.tableRows.listeners_by_song,
};

/** Checks answers against the folder's (test/support/expected.py), exactly. */
function expectClassic(a: ClassicAnswers): void {
  expect(a).toEqual(typedAnswers(E));
}

const title = `three local nodes, RF 3, QUORUM, on ${DATA.label}: a node down during the load and during the questions`;

const log = (line: string) => console.log(`[cluster] ${line}`);
/** Plays that must land while node3 is down, and rounds of questions while node1 is down. */
const DOWN_PLAYS = 1000;
const DOWN_ROUNDS = 5;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe(title, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sparkify-cluster-'));
  const timings: [string, number][] = [];
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      timings.push([what, Date.now() - t0]);
      log(`${what}: ${secs(Date.now() - t0)}`);
    }
  };
  let merged: string;
  let started: TestCluster | undefined;
  let cluster: LocalClusterOptions;
  let config: SparkifyConfig;
  let client: Client | undefined;

  beforeAll(async () => {
    merged = (await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') })).output;
    started = await timed('start 3 nodes, each listing both peers', () =>
      startTestCluster(SUITE_NODES.cluster, 'sparkify_cluster', log),
    );
    ({ options: cluster, config, client } = started);
    await createTables(client, config.keyspace);
  }, 600_000);

  afterAll(async () => {
    try {
      await timed('stop 3 nodes', () => stopTestCluster(started, log));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      log(`timings:\n${timings.map(([w, ms]) => `  ${w.padEnd(66)} ${secs(ms).padStart(8)}`).join('\n')}`);
    }
  }, 300_000);

  it('the keyspace is NetworkTopologyStrategy datacenter1: 3 on a ring of three nodes', async () => {
    const ks = await client!.execute('SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?', [
      config.keyspace,
    ]);
    expect(ks.first().get('replication')).toEqual({
      class: 'org.apache.cassandra.locator.NetworkTopologyStrategy',
      datacenter1: '3',
    });
    const hosts = client!.hosts
      .values()
      .map((h) => h.address.split(':')[0])
      .sort();
    expect(hosts).toEqual(ADDRESSES);
    const peers = await client!.execute('SELECT peer FROM system.peers');
    expect(peers.rows).toHaveLength(2);
  });

  let load: LoadResult;
  it('loads at QUORUM while node3 stops and comes back: every insert succeeds', async () => {
    // `latest`: rows landed in every table so far (the least of the three counts).
    let latest = 0;
    const marks: Record<string, number> = {};
    let fault: Promise<void> | undefined;
    // The batched load takes about as long as a node takes to stop: once the stop is asked, requests are
    // held until node3 is down, so that the rest of the load runs with two replicas of three.
    const { held, holdUntil } = heldClient(client!);
    const onProgress = (p: LoadProgress) => {
      latest = Math.min(...Object.values(p.loaded));
      if (fault || p.rowsRead < 1000) return;
      marks.stopAt = latest;
      const stopping = stopLocalNode(cluster, 2);
      holdUntil(stopping);
      fault = timed('node3 down and back during the load', async () => {
        const s = await stopping;
        marks.downAt = latest;
        log(`fault: ${s.message} (stop asked at play ${marks.stopAt}, down at play ${latest})`);
        // Down until DOWN_PLAYS more plays landed, not for a while: what counts is plays, not seconds.
        await until(() => latest >= marks.downAt + DOWN_PLAYS, `${DOWN_PLAYS} plays to land while node3 is down`);
        marks.restartAt = latest;
        const up = await startLocalNode(cluster, 2);
        marks.upAt = latest;
        log(`fault: node3 back after ${secs(up.ms)} of startup (play ${latest})`);
      });
    };
    load = await timed('load every play at QUORUM (node3 down part of it)', () =>
      loadTables(held, {
        file: merged,
        keyspace: config.keyspace,
        concurrency: 16,
        window: 500,
        onProgress,
        progressEveryMs: 20,
      }),
    );
    await fault;
    log(
      `load: ${load.rowsRead} plays in ${secs(load.ms)}, ${load.retries} retries, transient ${JSON.stringify(load.transient)}; marks ${JSON.stringify(marks)}`,
    );
    for (const f of load.failures.slice(0, 10)) log(`  failure: line ${f.line} ${f.table}: ${f.message}`);
    if (load.transientSamples) log(`transient error samples: ${JSON.stringify(load.transientSamples)}`);
    expect(fault).toBeDefined();
    // Plays went in while node3 was down (between "down" and "restart asked"), at QUORUM with two replicas of
    // three: far more than the 16 batches of 20 the pool holds (the wait above fails when they do not).
    expect(marks.restartAt - marks.downAt).toBeGreaterThanOrEqual(DOWN_PLAYS);
    expect(load).toMatchObject({ rowsRead: E.merge.plays, failedCount: 0 });
    expect(load.loaded).toEqual({
      songs_by_session: E.merge.plays,
      songs_by_user_session: E.merge.plays,
      listeners_by_song: E.merge.plays,
    });
  });

  it('answers the three questions at QUORUM, round after round, while node1 (the seed) stops and comes back', async () => {
    let phase: 'before' | 'stopping' | 'down' | 'starting' | 'back' = 'before';
    const rounds: Record<string, number> = { before: 0, stopping: 0, down: 0, starting: 0, back: 0 };
    let fault: Promise<void> | undefined;
    await timed('questions, node1 down and back', async () => {
      const t0 = Date.now();
      for (let i = 0; phase !== 'back' || rounds.back < 20; i++) {
        expectClassic(await askClassicQuestions(client!, config.keyspace));
        rounds[phase]++;
        await sleep(50);
        if (i === 10) {
          phase = 'stopping';
          fault = (async () => {
            const s = await stopLocalNode(cluster, 0);
            log(`fault: ${s.message}`);
            phase = 'down';
            await until(() => rounds.down >= DOWN_ROUNDS, `${DOWN_ROUNDS} rounds of questions while node1 is down`);
            phase = 'starting';
            const up = await startLocalNode(cluster, 0);
            log(`fault: node1 back after ${secs(up.ms)} of startup`);
            phase = 'back';
          })();
          fault.catch(() => undefined);
        }
        if (Date.now() - t0 > 300_000) throw new Error(`node1 did not come back within 300 s (phase ${phase})`);
      }
      await fault;
    });
    log(`question rounds (3 questions each) by phase of node1: ${JSON.stringify(rounds)}`);
    expect(rounds.down).toBeGreaterThanOrEqual(DOWN_ROUNDS);
    expect(rounds.back).toBeGreaterThanOrEqual(20);
  });

  it('after the nodes return no row is missing on any replica: hints delivered, replicas in sync, counts at ALL exact', async () => {
    // 1. Hints the coordinators stored for the stopped nodes are delivered (node-local virtual table, per node).
    await timed('no hint files pending', () => waitForHintsDelivered(ADDRESSES, log));
    // 2. The three replicas hold the same data: Merkle trees of every range compared by a preview repair
    // (streams nothing); a full repair when hints alone did not do it (test/support/replicas.ts says why).
    const sync = await timed('nodetool repair --preview --full, until in sync (a full repair if need be)', () =>
      bringReplicasInSync(localNodetool(cluster, 0), config.keyspace, log),
    );
    log(`replicas in sync after ${sync.previews} preview(s)${sync.repaired ? ' and a full repair' : ''}`);
    expect(inSync(sync.preview)).toBe(true);

    // 3. Every table read back at consistency ALL (every replica must answer) holds exactly the file's plays.
    const report = await timed('verify every table at ALL', () =>
      verifyTables(client!, { file: merged, keyspace: config.keyspace, tables: TABLES, consistency: 'all' }),
    );
    const counts = Object.fromEntries(report.tables.map((t) => [t.table, t.present]));
    log(
      `verify at ALL: ${JSON.stringify(report.tables.map(({ table, expected, present, missing, unexpected, different }) => ({ table, expected, present, missing, unexpected, different })))}`,
    );
    expect(report.tables.map((t) => [t.table, t.missing, t.unexpected, t.different])).toEqual(
      Object.keys(EXPECTED).map((t) => [t, 0, 0, 0]),
    );
    expect(counts).toEqual(EXPECTED);
    expect(report.ok).toBe(true);

    // 4. And the answers at ALL are the classic ones.
    const all = await connect({ ...config, consistency: 'all' }, { waitMs: 30_000 });
    try {
      expectClassic(await askClassicQuestions(all, config.keyspace));
    } finally {
      await all.shutdown();
    }
  });

  it("groups rows by the replica Cassandra names for them: on RF 1 the loader's replica of each key is nodetool getendpoints'", async () => {
    // RF 3 on three nodes puts every row on every node; with one replica, keys spread over the three.
    const keyspace = `${config.keyspace}_rf1`;
    await createKeyspace(client!, {
      ...config,
      keyspace,
      replication: { class: 'SimpleStrategy', replicationFactor: 1 },
    });
    await createTables(client!, keyspace);
    await refreshTokenMap(client!, keyspace);
    const router = new RowRouter(client!, keyspace);
    const nodetool = localNodetool(cluster, 0);
    // One table with a single-column partition key, one with a composite one (serialized differently).
    const tables = TABLES.filter((t) => t.name === 'songs_by_session' || t.name === 'songs_by_user_session');
    const plays = await firstPlaysOfSessions(merged, 6);
    const rows: { table: string; key: string; loader: string; cassandra: string }[] = [];
    for (const table of tables) {
      for (const play of plays) {
        const values = table.partitionKey.map((k) => String(play[table.columns.find((c) => c.name === k)!.from]));
        const endpoints = await nodetool(['getendpoints', keyspace, table.name, values.join(':')]);
        rows.push({
          table: table.name,
          key: values.join(':'),
          loader: withoutPort(router.replicaOf(routingKey(table, play))),
          cassandra: endpoints.trim().split(/\s+/).sort().join(','),
        });
      }
    }
    log(
      `replicas by key:\n${rows.map((r) => `  ${r.table.padEnd(22)} ${r.key.padEnd(9)} loader ${r.loader.padEnd(12)} nodetool ${r.cassandra}`).join('\n')}`,
    );
    expect(rows.map((r) => [r.table, r.key, r.loader])).toEqual(rows.map((r) => [r.table, r.key, r.cassandra]));
    expect(new Set(rows.map((r) => r.cassandra)).size, 'keys on more than one node').toBeGreaterThan(1);
    await client!.execute(`DROP KEYSPACE ${keyspace}`);
  }, 300_000);
  it('loads via SSTables on three nodes: sstableloader streams each partition to its replicas; verify at ALL finds every row', async () => {
    const keyspace = `${config.keyspace}_sstables`;
    await createKeyspace(client!, { ...config, keyspace });
    await createTables(client!, keyspace);
    const result = await timed('load via SSTables (sstableloader)', () =>
      loadTables(client!, {
        file: merged,
        keyspace,
        via: 'sstables',
        sstables: { tools: cassandraTools(cluster) },
      }),
    );
    // nodetool import would put the rows on one node only: on a cluster the loader streams them
    expect(result.sstables?.handover).toBe('sstableloader');
    expect(result.failedCount).toBe(0);
    const report = await verifyTables(client!, { file: merged, keyspace, tables: TABLES, consistency: 'all' });
    expect(report.tables.map((t) => [t.table, t.present, t.missing, t.unexpected, t.different])).toEqual(
      TABLES.map((t) => [t.name, EXPECTED[t.name as keyof typeof EXPECTED], 0, 0, 0]),
    );
    expect(report.consistency).toBe('all');
    expectClassic(await askClassicQuestions(client!, keyspace));
    await client!.execute(`DROP KEYSPACE ${keyspace}`);
  }, 600_000);
});

/** The first play of each of the first `n` sessions in the merged file. */
async function firstPlaysOfSessions(file: string, n: number): Promise<Play[]> {
  const bySession = new Map<number, Play>();
  for await (const { plays } of readPlays(file)) {
    for (const { play } of plays)
      if (bySession.size < n && !bySession.has(play.sessionId)) bySession.set(play.sessionId, play);
    if (bySession.size >= n) break;
  }
  return [...bySession.values()];
}

/** "127.0.0.31:9042,127.0.0.32:9042" → "127.0.0.31,127.0.0.32" (the driver names hosts with their port). */
const withoutPort = (replicas: string): string =>
  replicas
    .split(',')
    .map((h) => h.replace(/:\d+$/, ''))
    .join(',');

// Chaos on three nodes (127.0.0.91-.93, JMX 7910-7912, a temporary home): about 214,000 generated plays
// loaded at QUORUM into a keyspace of RF 3 while a seeded schedule (test/support/chaos.ts) stops one node
// with SIGTERM or kills it with SIGKILL, waits a few seconds and restarts it — three times, one node at a
// time, each node once. Afterwards hints are delivered (or a full repair runs) and `verify` at
// consistency ALL finds every table exactly as the file implies: nothing missing, unexpected or different.
// Prints the chaos table (each fault, when, how long the node was out, plays landed meanwhile, retries).
// The load reads the merged file through a pipe the runner feeds no faster than its schedule allows, so
// the three faults fall inside the load however fast the machine is, with 10,000 plays landing while each
// node is down. Part of `npm run test:cluster`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'cassandra-driver';
import {
  createTables,
  generateEventFiles,
  loadTables,
  mergeEventFiles,
  TABLES,
  verifyTables,
  type SparkifyConfig,
} from '../../lib/index';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { localNodetool } from '../../lib/dev/localnode/nodetool';
import { ChaosRunner, chaosSchedule, chaosTable } from '../support/chaos';
import { clusterAddresses, startTestCluster, stopTestCluster, type TestCluster } from '../support/cluster';
import { SUITE_NODES } from '../support/nodes';
import { bringReplicasInSync, inSync, waitForHintsDelivered } from '../support/replicas';

const SEED = 20261202;
/** Plays that land while each node is out: twice the load's window of 5,000. */
const MARGIN = 10_000;
const ADDRESSES = clusterAddresses(SUITE_NODES.chaos.address);
const log = (line: string) => console.log(`[chaos] ${line}`);

describe('chaos: three nodes, RF 3, QUORUM, ~214,000 plays while nodes are stopped and killed by a seeded schedule', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sparkify-chaos-'));
  let started: TestCluster | undefined;
  let cluster: LocalClusterOptions;
  let merged: string;
  let plays: number;
  let config: SparkifyConfig;
  let client: Client | undefined;

  beforeAll(async () => {
    const gen = await generateEventFiles({
      days: 8,
      users: 3000,
      seed: SEED,
      out: join(tmp, 'event_data'),
      eventsPerDay: 32_500,
    });
    const m = await mergeEventFiles({ dir: join(tmp, 'event_data'), out: join(tmp, 'event_datafile_new.csv') });
    merged = m.output;
    plays = m.written;
    log(`generated ${gen.plays} plays in ${gen.files.length} files; merged ${plays}`);
    started = await startTestCluster(SUITE_NODES.chaos, 'sparkify_chaos', log);
    ({ options: cluster, config, client } = started);
    await createTables(started.client, config.keyspace);
  }, 600_000);

  afterAll(async () => {
    try {
      await stopTestCluster(started, log);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 300_000);

  it('every play lands though three faults hit the load, and verify at ALL finds every table exact', async () => {
    expect(plays).toBeGreaterThanOrEqual(200_000);
    const schedule = chaosSchedule(SEED, plays, 3);
    expect(new Set(schedule.map((f) => f.kind))).toEqual(new Set(['SIGTERM', 'SIGKILL']));
    log(`schedule: ${JSON.stringify(schedule)}`);
    const chaos = new ChaosRunner(cluster, schedule, { margin: MARGIN, log });
    // One load of the whole file, read from a pipe the runner feeds as its schedule allows.
    const pipe = chaos.pipe(join(tmp, 'plays.pipe'));
    const feed = chaos.feed(merged);
    const load = await loadTables(client!, {
      file: pipe,
      keyspace: config.keyspace,
      concurrency: 8,
      onProgress: chaos.onProgress,
      progressEveryMs: 50,
    }).finally(() => chaos.release());
    await feed;
    log(
      `load: ${load.rowsRead} plays in ${(load.ms / 1000).toFixed(1)} s, ${load.retries} retries, transient ${JSON.stringify(load.transient ?? {})}`,
    );
    await chaos.done();
    expect(load).toMatchObject({ rowsRead: plays, failedCount: 0 });
    expect(Object.values(load.loaded)).toEqual([plays, plays, plays]);
    // Every fault began during the load, and at least MARGIN plays landed while its node was down.
    expect(chaos.records.map((r) => [r.node, r.kind])).toEqual(schedule.map((f) => [f.node, f.kind]));
    for (const r of chaos.records) {
      expect(r.plays.start).toBeGreaterThanOrEqual(r.atPlay);
      expect(r.plays.restart - r.plays.down).toBeGreaterThanOrEqual(MARGIN);
      expect(r.plays.up).toBeLessThan(plays);
    }

    await waitForHintsDelivered(ADDRESSES, log);
    const sync = await bringReplicasInSync(localNodetool(cluster, 0), config.keyspace, log);
    log(`replicas in sync after ${sync.previews} preview(s)${sync.repaired ? ' and a full repair' : ''}`);
    expect(inSync(sync.preview)).toBe(true);

    const report = await verifyTables(client!, {
      file: merged,
      keyspace: config.keyspace,
      tables: TABLES,
      consistency: 'all',
    });
    const verified = Object.fromEntries(report.tables.map((t) => [t.table, t.present]));
    log(`\n${chaosTable(chaos.records, verified)}`);
    expect(report.tables.map((t) => [t.table, t.missing, t.unexpected, t.different])).toEqual(
      TABLES.map((t) => [t.name, 0, 0, 0]),
    );
    expect(report.tables.every((t) => t.present === t.expected)).toBe(true);
    expect(report.ok).toBe(true);
  }, 900_000);
});

// Faults during a load, against a real single Cassandra 5.0 node of our own (127.0.0.36, JMX 7400, a
// temporary home; never the dev node on 127.0.0.1): the node stops gracefully mid-load and comes back,
// the node crashes (SIGKILL) mid-load and comes back, and the node does not come back in time (the
// load stops with a clear error, then a resumed load finishes without starting from zero).
// Each case loads the original 2018-11 files (SPARKIFY_EVENT_DATA; else the sample month in event_data/)
// into a keyspace of its own and afterwards reads every table back with `verify` (lib/verify: each row held
// against the merged file, so a row that is there but wrong fails too; the rows per table against
// test/support/expected.py). The loads are batched (UNLOGGED batches of 20, windows of 500 plays so that several windows pass before the fault) and take under a second, less
// than a node takes to stop: from the moment a fault starts, requests are held until the node is down
// (heldClient), so that the fault always lands mid-load; then they meet the stopped node for real.
//   SPARKIFY_EVENT_DATA=/work/shared/event_data npx vitest run test/integration/faults.test.ts
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'cassandra-driver';
import {
  checkpointPathFor,
  configFromEnv,
  connect,
  createKeyspace,
  createTables,
  LoadInterruptedError,
  loadTables,
  mergeEventFiles,
  TABLES,
  verifyTables,
  type LoadCheckpoint,
  type LoadProgress,
  type SparkifyConfig,
  type VerifyReport,
} from '../../lib/index';
import { sleep } from '../../lib/common/async';
import {
  localCassandraStatus,
  startLocalCassandra,
  startLocalNode,
  stopLocalCassandra,
  stopLocalNode,
} from '../../lib/dev/localnode/localnode';
import { primaryDataset } from '../support/datasets';
import { heldClient } from './support';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { pidAlive, SUITE_NODES, testNodeOptions } from '../support/nodes';

const DATA = primaryDataset();
const {
  tableRows,
  merge: { plays: ALL_PLAYS },
} = DATA.expected;
const EXPECTED = {
  songs_by_session: tableRows.songs_by_session,
  songs_by_user_session: tableRows.songs_by_user_session,
  listeners_by_song: tableRows.listeners_by_song,
};

const log = (line: string) => console.log(`[faults] ${line}`);

describe(`faults during a load of ${DATA.label} (own node on 127.0.0.36)`, () => {
  const home = mkdtempSync(join(tmpdir(), 'sparkify-faults-node-'));
  const tmp = mkdtempSync(join(tmpdir(), 'sparkify-faults-'));
  const node: LocalClusterOptions = testNodeOptions(SUITE_NODES.faults, home, { log });
  let client: Client | undefined;
  let config: SparkifyConfig;
  let merged: string;

  beforeAll(async () => {
    const merge = await mergeEventFiles({ dir: DATA.dir, out: join(tmp, 'event_datafile_new.csv') });
    expect(merge.written).toBe(ALL_PLAYS);
    merged = merge.output;
    const started = await startLocalCassandra(node);
    log(started.message);
    expect(started.foreign).toBe(false);
    config = { ...configFromEnv({ CASSANDRA_CONTACT_POINTS: '127.0.0.36', CASSANDRA_CONSISTENCY: 'one' }) };
    client = await connect(config, { waitMs: 30_000 });
  }, 300_000);

  afterAll(async () => {
    try {
      await client?.shutdown();
    } finally {
      const r = await stopLocalCassandra(node).catch((e) => ({ message: `stop failed: ${String(e)}` }));
      log(r.message);
      rmSync(home, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 120_000);

  async function freshKeyspace(name: string): Promise<string> {
    const keyspace = `t_faults_${name}_${Date.now().toString(36)}`;
    await createKeyspace(client!, { ...config, keyspace });
    await createTables(client!, keyspace);
    return keyspace;
  }

  /**
   * Every table read back and reconciled with the merged file (lib/verify). Retries while the node is still
   * settling after a restart.
   */
  async function verifyAll(keyspace: string): Promise<VerifyReport> {
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await verifyTables(client!, { file: merged, keyspace, tables: TABLES });
        const line = r.tables.map(
          (t) => `${t.table} ${t.present}/${t.expected} (${t.unexpected} unexpected, ${t.different} different)`,
        );
        log(`${keyspace}: ${line.join(', ')}`);
        return r;
      } catch (err) {
        if (attempt >= 10) throw err;
        await sleep(1000);
      }
    }
  }

  /** The rows of each table that hold what the file says (verify's `present`). */
  const presentRows = (r: VerifyReport): Record<string, number> =>
    Object.fromEntries(r.tables.map((t) => [t.table, t.present]));

  /** Every table exactly as the file implies: each expected row present and equal, nothing else. */
  async function expectEveryRow(keyspace: string): Promise<void> {
    const r = await verifyAll(keyspace);
    expect(r.tables.map((t) => [t.table, t.expected, t.present, t.missing, t.unexpected, t.different])).toEqual(
      Object.entries(EXPECTED).map(([table, n]) => [table, n, n, 0, 0, 0]),
    );
    expect(r.ok).toBe(true);
  }

  /** Waits until the (shared) client can run a query again after the node came back. */
  async function waitForClient(): Promise<void> {
    const t0 = Date.now();
    for (;;) {
      try {
        await client!.execute('SELECT release_version FROM system.local');
        return;
      } catch (err) {
        if (Date.now() - t0 > 60_000) throw err;
        await sleep(500);
      }
    }
  }

  it('the node stops gracefully mid-load (SIGTERM) and comes back: the load completes, every row is there', async () => {
    const keyspace = await freshKeyspace('sigterm');
    const t0 = Date.now();
    const { held, holdUntil } = heldClient(client!);
    let fault: Promise<{ stoppedAtRow: number; downMs: number }> | undefined;
    const onProgress = (p: LoadProgress) => {
      if (fault || p.rowsRead < 1000) return;
      const stoppedAtRow = p.rowsRead;
      const stopping = stopLocalNode(node, 0);
      holdUntil(stopping);
      fault = (async () => {
        const stop = await stopping;
        log(`fault: ${stop.message} (at play ${stoppedAtRow}, ${Date.now() - t0} ms into the load)`);
        const down = Date.now();
        await sleep(3000);
        const up = await startLocalNode(node, 0);
        log(`fault: node1 back after ${up.ms} ms of startup`);
        return { stoppedAtRow, downMs: Date.now() - down };
      })();
    };
    const r = await loadTables(held, {
      file: merged,
      keyspace,
      concurrency: 8,
      window: 500,
      onProgress,
      progressEveryMs: 20,
    });
    const f = await fault;
    log(
      `load: ${r.rowsRead} plays in ${r.ms} ms, ${r.requests} requests, ${r.retries} retries, transient ${JSON.stringify(r.transient)}, ${r.outages} outage(s) waited ${r.waitedMs} ms; node down ${f?.downMs} ms`,
    );
    expect(f).toBeDefined();
    expect(r.transient!.unavailable).toBeGreaterThan(0); // the fault hit the load while it ran
    expect(r.outages).toBeGreaterThanOrEqual(1);
    expect(r).toMatchObject({ rowsRead: ALL_PLAYS, failedCount: 0 });
    expect(r.loaded).toEqual({
      songs_by_session: ALL_PLAYS,
      songs_by_user_session: ALL_PLAYS,
      listeners_by_song: ALL_PLAYS,
    });
    expect(existsSync(checkpointPathFor(merged))).toBe(false);
    await expectEveryRow(keyspace);
  });

  /** Loads into `keyspace` while node1 is killed with SIGKILL at play `atRow` and started again with `restartWith`. */
  async function loadThroughCrash(
    keyspace: string,
    atRow: number,
    restartWith: LocalClusterOptions,
    concurrency: number,
  ) {
    const { held, holdUntil } = heldClient(client!);
    let fault: Promise<{ killedAtRow: number; pid: number }> | undefined;
    let restarted = false;
    // Rows acknowledged by the first progress report after the node came back: at least every row the
    // crashed process acknowledged; all the others were acknowledged later, by the new process.
    let loadedAtRestart: Record<string, number> | undefined;
    const onProgress = (p: LoadProgress) => {
      if (restarted && !loadedAtRestart) loadedAtRestart = { ...p.loaded };
      if (fault || p.rowsRead < atRow) return;
      const killedAtRow = p.rowsRead;
      const killed = (async () => {
        const pid = (await localCassandraStatus(node)).nodes[0].pid!;
        process.kill(pid, 'SIGKILL');
        log(`fault: SIGKILL to node1 (pid ${pid}) at play ${killedAtRow}`);
        while (pidAlive(pid)) await sleep(100);
        return pid;
      })();
      holdUntil(killed);
      fault = (async () => {
        const pid = await killed;
        await sleep(2000);
        const up = await startLocalNode(restartWith, 0);
        restarted = true;
        log(`fault: node1 back (pid ${up.pid}) after ${up.ms} ms of startup`);
        return { killedAtRow, pid };
      })();
    };
    const r = await loadTables(held, {
      file: merged,
      keyspace,
      concurrency,
      window: 500,
      onProgress,
      progressEveryMs: 20,
    });
    const f = await fault;
    log(
      `load: ${r.rowsRead} plays in ${r.ms} ms, ${r.requests} requests, ${r.retries} retries, transient ${JSON.stringify(r.transient)}, ${r.outages} outage(s) waited ${r.waitedMs} ms`,
    );
    expect(f).toBeDefined();
    expect(r.transient!.unavailable).toBeGreaterThan(0); // the crash hit the load while it ran
    // Every insert was acknowledged: the loader cannot tell what a crash took with it.
    expect(r).toMatchObject({ rowsRead: ALL_PLAYS, failedCount: 0 });
    expect(r.loaded).toEqual({
      songs_by_session: ALL_PLAYS,
      songs_by_user_session: ALL_PLAYS,
      listeners_by_song: ALL_PLAYS,
    });
    expect(loadedAtRestart, 'the load went on after the node came back').toBeDefined();
    log(`rows acknowledged when the node was back: ${JSON.stringify(loadedAtRestart)}`);
    return { r, loadedAtRestart: loadedAtRestart! };
  }

  it('the node crashes mid-load (SIGKILL) with the default periodic commit log: how many acknowledged writes are lost is not deterministic, but only the crashed process can have lost any; loading again restores every row', async () => {
    await waitForClient();
    const keyspace = await freshKeyspace('sigkill_periodic');
    const { loadedAtRestart } = await loadThroughCrash(keyspace, 2500, node, 8);
    // commitlog_sync: periodic (10 s) acknowledges a write before it is synced; on a crash the replay stops at
    // the last sync marker, so up to 10 s of acknowledged writes of this single replica can be gone — whether
    // any are depends on when the last sync fell, so the loss itself is only read and reported. What is
    // certain: each play is its own row of songs_by_session and songs_by_user_session, and every row
    // acknowledged after the restart was written by the new process, which did not crash — so at most the
    // rows acknowledged before the restart can be missing.
    expect(EXPECTED.songs_by_session).toBe(ALL_PLAYS);
    expect(EXPECTED.songs_by_user_session).toBe(ALL_PLAYS);
    const report = await verifyAll(keyspace);
    // Nothing is ever wrong or extra: a crash can only take rows away.
    expect(report.tables.map((t) => t.unexpected + t.different)).toEqual([0, 0, 0]);
    const after = presentRows(report);
    const lost = Object.fromEntries(Object.entries(EXPECTED).map(([t, n]) => [t, n - after[t]]));
    log(`after the crash with periodic sync: ${JSON.stringify(after)}; missing ${JSON.stringify(lost)}`);
    for (const t of ['songs_by_session', 'songs_by_user_session'] as const) {
      expect(loadedAtRestart[t], t).toBeLessThan(ALL_PLAYS);
      expect(after[t], t).toBeGreaterThanOrEqual(ALL_PLAYS - loadedAtRestart[t]);
      expect(after[t], t).toBeLessThanOrEqual(ALL_PLAYS);
    }
    // Inserts are upserts: loading the same file again fills whatever is missing, and nothing is doubled.
    const again = await loadTables(client!, { file: merged, keyspace, concurrency: 32 });
    expect(again.failedCount).toBe(0);
    await expectEveryRow(keyspace);
  });

  it('the node crashes mid-load (SIGKILL) with commitlog_sync: group: the load completes and every row is there', async () => {
    await waitForClient();
    // Restart node1 with a commit log that syncs before it acknowledges (group window 15 ms).
    const durable: LocalClusterOptions = {
      ...node,
      extraYaml: { commitlog_sync: 'group', commitlog_sync_group_window: '15ms', commitlog_sync_period: null },
    };
    await stopLocalNode(node, 0);
    await startLocalNode(durable, 0);
    await waitForClient();
    const keyspace = await freshKeyspace('sigkill_group');
    // Each write waits for its sync (up to 15 ms): more in flight keeps the load quick.
    await loadThroughCrash(keyspace, 2500, durable, 32);
    await expectEveryRow(keyspace);
  });

  it('the node does not come back in time: a clear error with the rows landed; a resumed load finishes without starting from zero', async () => {
    await waitForClient();
    const keyspace = await freshKeyspace('resume');
    const checkpointFile = checkpointPathFor(merged);
    const { held, holdUntil } = heldClient(client!);
    let fault: Promise<void> | undefined;
    const onProgress = (p: LoadProgress) => {
      if (fault || p.rowsRead < 3000) return;
      const stopping = stopLocalNode(node, 0);
      holdUntil(stopping);
      fault = stopping.then((s) => log(`fault: ${s.message} (at play ${p.rowsRead}); not starting it again yet`));
    };
    const t0 = Date.now();
    const err = await loadTables(held, {
      file: merged,
      keyspace,
      concurrency: 8,
      window: 500,
      onProgress,
      progressEveryMs: 20,
      unavailableTimeoutMs: 8000,
      checkpointEveryMs: 200,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    await fault;
    expect(err).toBeInstanceOf(LoadInterruptedError);
    const e = err as LoadInterruptedError;
    log(`interrupted after ${Date.now() - t0} ms: ${e.message}`);
    // The message says what happened, what landed per table, where the checkpoint is and how to resume.
    expect(e.message).toMatch(/stopped: no Cassandra node accepted a write for 8\.0 s/);
    for (const [table, n] of Object.entries(e.result.loaded))
      expect(e.message).toContain(`${table} ${n.toLocaleString('en-US')}`);
    expect(e.message).toContain(checkpointFile);
    expect(e.message).toMatch(/--resume/);
    expect(e.result.loaded.songs_by_session).toBeGreaterThan(2000);
    expect(e.result.loaded.songs_by_session).toBeLessThan(ALL_PLAYS);
    const cp = JSON.parse(readFileSync(checkpointFile, 'utf8')) as LoadCheckpoint;
    expect(cp).toMatchObject({ keyspace, doneBelowLine: e.resumeFromLine, tables: Object.keys(EXPECTED) });
    expect(cp.playsDone).toBeGreaterThan(2000);

    // The node comes back (later than the bound): what landed is at least what was reported, and every
    // play below the checkpoint's line is there.
    const up = await startLocalNode(node, 0);
    log(`node1 back after ${up.ms} ms of startup`);
    await waitForClient();
    const landed = presentRows(await verifyAll(keyspace));
    expect(landed.songs_by_session).toBeGreaterThanOrEqual(e.result.loaded.songs_by_session);
    expect(landed.songs_by_session).toBeGreaterThanOrEqual(cp.playsDone);
    expect(landed.songs_by_session).toBeLessThan(ALL_PLAYS);

    const r = await loadTables(client!, { file: merged, keyspace, concurrency: 8, window: 500, resume: true });
    log(
      `resumed: skipped ${r.resumed?.playsSkipped} plays below line ${r.resumed?.fromLine}, read ${r.rowsRead}, in ${r.ms} ms`,
    );
    expect(r.resumed).toMatchObject({ fromLine: cp.doneBelowLine, playsSkipped: cp.playsDone, checkpointFile });
    expect(r.rowsRead).toBeLessThan(ALL_PLAYS);
    expect(r.rowsRead + r.resumed!.playsSkipped).toBe(ALL_PLAYS);
    expect(r.failedCount).toBe(0);
    expect(existsSync(checkpointFile)).toBe(false); // a finished load removes it
    await expectEveryRow(keyspace);
  });
});

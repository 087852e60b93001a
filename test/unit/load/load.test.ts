// The loader without Cassandra: a fake client that fails the way the driver does (no host, unavailable,
// timeouts, overload, socket closed, bad values; a batch fails whole when one row does) drives loadTables,
// with UNLOGGED batches of 20 and with one INSERT per request, through outages that end, outages that do
// not (checkpoint + resume, requests finishing out of order), rows that keep failing, a rejected batch
// sent again row by row, repeated primary keys, and the bound on requests in flight. Pure helpers (error
// kinds, back-off, the line watermark, checkpoint checks, routing keys, packing) are table-driven.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as driver from 'cassandra-driver';
import { errors, type Client } from 'cassandra-driver';
import {
  backoffMs, checkpointMismatch, checkpointPathFor, describeLoadError, isTransient, LineWatermark, listenersBySong, LoadInterruptedError,
  loadTables, packBatches, PLAY_COLUMNS, readLoadCheckpoint, routingKey, songsBySession, songsByUserSession, transientKind,
  type LoadCheckpoint, type TableSpec,
} from '../../../lib/index';

let tmp: string;
let n = 0;
beforeAll(async () => { tmp = await mkdtemp(join(tmpdir(), 'sparkify-load-unit-')); });
afterAll(async () => { await rm(tmp, { recursive: true, force: true }); });

/** A merged file of `plays` plays (one line each, line 2 onwards): session i, item 0, user 1000 + i. */
async function mergedFile(plays: number, extra: string[] = []): Promise<string> {
  const file = join(tmp, `merged-${n++}.csv`);
  const rows = Array.from({ length: plays }, (_, i) => `"Artist ${i}","Ann","F","0","Lee","100.5","free","Town, ST","${i + 1}","Song ${i}","${1000 + i}"`);
  await writeFile(file, [PLAY_COLUMNS.join(','), ...rows, ...extra].join('\n') + '\n');
  return file;
}

const noHost = () => new errors.NoHostAvailableError({});
const response = (code: number, message: string) => new errors.ResponseError(code, message);

interface Call {
  /** Request number (1-based, retries included). */
  n: number;
  cql: string;
  params: unknown[];
  /** Rows in the request: 1 for a plain execute. */
  rows: number;
}

/**
 * A fake driver client: `behave(call)` returns an error to throw, or undefined to succeed; it is asked for
 * every row of a request, and a batch fails whole when one of its rows does (as Cassandra's). Records
 * what landed (sessions per table, and the last values per key), requests, batch sizes and timestamps.
 * `replicas` names a row's replica set from its routing key (default: none, as without a token map).
 */
function fakeClient(
  behave: (call: Call) => Error | undefined,
  delayMs: number | (() => number) = 0,
  replicas?: (routingKey: Buffer) => string[],
) {
  let calls = 0;
  let inFlight = 0;
  let ts = 1000;
  const stats = {
    calls: 0,
    maxInFlight: 0,
    landed: new Map<string, Set<number>>(),
    /** table → JSON of the params of the last row written per primary key (session / key columns). */
    values: new Map<string, Map<string, unknown[]>>(),
    batchSizes: [] as number[],
    /** Timestamps the requests carried, in call order, with the first param of their first row. */
    timestamps: [] as { n: number; timestamp: unknown; rows: number }[],
  };
  const run = async (rows: { cql: string; params: unknown[] }[], options: { timestamp?: unknown } = {}) => {
    const n = ++calls;
    stats.calls = n;
    stats.timestamps.push({ n, timestamp: options.timestamp, rows: rows.length });
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, typeof delayMs === 'function' ? delayMs() : delayMs));
      for (const { cql, params } of rows) {
        const err = behave({ n, cql, params, rows: rows.length });
        if (err) throw err;
      }
      for (const { cql, params } of rows) {
        const table = /INTO \w+\.(\w+)/.exec(cql)![1];
        const session = table === 'listeners_by_song' ? Number(String(params[0]).slice(5)) + 1 : Number(params[table === 'songs_by_session' ? 0 : 1]);
        if (!stats.landed.has(table)) stats.landed.set(table, new Set());
        stats.landed.get(table)!.add(session);
        if (!stats.values.has(table)) stats.values.set(table, new Map());
        const key = table === 'songs_by_session' ? [params[0], params[1]] : table === 'songs_by_user_session' ? [params[0], params[1], params[2]] : [params[0], params[1]];
        stats.values.get(table)!.set(JSON.stringify(key), params);
      }
      return {};
    } finally {
      inFlight--;
    }
  };
  const replicaOf = (rk: Buffer) => (replicas ? replicas(rk) : []);
  const client = {
    options: { policies: { timestampGeneration: { next: () => ++ts } } },
    metadata: { refreshKeyspace: async () => undefined },
    getReplicas: (_ks: string, rk: Buffer) => (replicas ? replicaOf(rk).map((address) => ({ address })) : null),
    execute: (cql: string, params: unknown[], options?: { timestamp?: unknown }) => run([{ cql, params }], options),
    batch: (queries: { query: string; params: unknown[] }[], options?: { timestamp?: unknown; logged?: boolean }) => {
      if (options?.logged !== false) throw new Error('the loader sends UNLOGGED batches');
      stats.batchSizes.push(queries.length);
      return run(queries.map((q) => ({ cql: q.query, params: q.params })), options);
    },
  };
  return { client: client as unknown as Client, stats };
}

describe('transientKind', () => {
  it.each([
    ['no host available', noHost(), 'unavailable'],
    ['Unavailable (0x1000)', response(0x1000, 'Cannot achieve consistency level QUORUM'), 'unavailable'],
    ['is bootstrapping (0x1002)', response(0x1002, 'bootstrapping'), 'unavailable'],
    ['socket closed with requests in flight', Object.assign(new Error('Socket was closed'), { name: 'DriverError', isSocketError: true }), 'unavailable'],
    ['Overloaded (0x1001)', response(0x1001, 'overloaded'), 'overloaded'],
    ['busy connections', new errors.BusyConnectionError('127.0.0.1:9042', 2048, 1), 'overloaded'],
    ['WriteTimeout (0x1100)', response(0x1100, 'Operation timed out - received only 1 responses.'), 'timedOut'],
    ['ReadTimeout (0x1200)', response(0x1200, 'read timeout'), 'timedOut'],
    ['client-side timeout', new errors.OperationTimedOutError('timed out', '127.0.0.1:9042'), 'timedOut'],
    ['WriteFailure (0x1500)', response(0x1500, 'received 1 responses and 2 failures'), 'failure'],
    ['server error (0x0000)', response(0x0000, 'java.util.concurrent.RejectedExecutionException'), 'failure'],
    ['Invalid (0x2200)', response(0x2200, 'Expected 4 or 0 byte int'), undefined],
    ['Syntax (0x2000)', response(0x2000, 'line 1:0 no viable alternative'), undefined],
    ['Unauthorized (0x2100)', response(0x2100, 'no MODIFY permission'), undefined],
    ['bad credentials', new errors.AuthenticationError('Provided username and/or password are incorrect'), undefined],
    ['a numeric code on a non-driver error', Object.assign(new Error('x'), { code: 0x1000 }), undefined],
    ['a TypeError', new TypeError('bad value'), undefined],
    ['undefined', undefined, undefined],
  ])('%s → %s', (_what, err, kind) => {
    expect(transientKind(err)).toBe(kind);
    expect(isTransient(err)).toBe(kind !== undefined);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 2000, 0.5, 100],
    [2, 2000, 0.5, 200],
    [5, 2000, 0.5, 1600],
    [6, 2000, 0.5, 2000],
    [30, 2000, 0.5, 2000],
    [1, 2000, 0, 50],
    [1, 2000, 0.999, 150],
    [10, 500, 0, 250],
  ])('try %i, cap %i, random %f → %i ms', (attempt, cap, random, ms) => {
    expect(backoffMs(attempt, cap, random)).toBe(Math.round(ms));
  });
});

describe('LineWatermark', () => {
  type Step = ['start', number, number] | ['ok', number] | ['fail', number];
  it.each<[string, Step[], number, number]>([
    ['nothing started', [], 1, 0],
    ['one play done', [['start', 2, 3], ['ok', 2], ['ok', 2], ['ok', 2]], 3, 1],
    ['one play half done', [['start', 2, 3], ['ok', 2]], 2, 0],
    ['a later play done first', [['start', 2, 1], ['start', 3, 1], ['ok', 3]], 2, 0],
    ['both done out of order', [['start', 2, 1], ['start', 3, 1], ['ok', 3], ['ok', 2]], 4, 2],
    ['gaps (bad rows, multi-line records)', [['start', 2, 1], ['start', 7, 1], ['ok', 2], ['ok', 7]], 8, 2],
    ['a failure pins it', [['start', 2, 1], ['start', 3, 1], ['fail', 2], ['ok', 3]], 2, 0],
    ['a failure later on', [['start', 2, 1], ['start', 3, 1], ['ok', 2], ['fail', 3]], 3, 1],
    ['one insert fails, the others of the play succeed', [['start', 2, 3], ['start', 3, 3], ['ok', 2], ['fail', 2], ['ok', 2], ['ok', 3], ['ok', 3], ['ok', 3]], 2, 0],
    ['plays done below, many in flight above', [['start', 2, 1], ['start', 3, 1], ['start', 4, 1], ['start', 5, 1], ['ok', 2], ['ok', 3], ['ok', 5]], 4, 2],
    ['a window settled table by table, batches out of order: one row short', [
      ['start', 2, 3], ['start', 3, 3], ['start', 4, 3],
      ['ok', 4], ['ok', 3], ['ok', 2], ['ok', 3], ['ok', 2], ['ok', 4], ['ok', 4], ['ok', 2],
    ], 3, 1],
    ['a window settled table by table, batches out of order: all of it', [
      ['start', 2, 3], ['start', 3, 3], ['start', 4, 3],
      ['ok', 4], ['ok', 3], ['ok', 2], ['ok', 3], ['ok', 2], ['ok', 4], ['ok', 4], ['ok', 2], ['ok', 3],
    ], 5, 3],
    ['the next window read before the last settled', [['start', 2, 1], ['start', 3, 1], ['ok', 3], ['start', 4, 1], ['ok', 4]], 2, 0],
  ])('%s', (_what, steps, line, done) => {
    const w = new LineWatermark();
    for (const s of steps) {
      if (s[0] === 'start') w.start(s[1], s[2]);
      else if (s[0] === 'ok') w.succeeded(s[1]);
      else w.failed(s[1]);
    }
    expect(w.line).toBe(line);
    expect(w.playsDone).toBe(done);
  });
  it('starts from the floor of a resumed load', () => {
    const w = new LineWatermark(500);
    expect(w.line).toBe(500);
    w.start(500, 1);
    w.succeeded(500);
    expect(w.line).toBe(501);
  });
});

describe('checkpointMismatch', () => {
  const cp: LoadCheckpoint = {
    version: 1, file: '/d/f.csv', size: 10, mtimeMs: 1000.4, keyspace: 'ks', tables: ['a', 'b'], doneBelowLine: 5, playsDone: 3, updatedAt: '',
  };
  const same = { file: '/d/f.csv', size: 10, mtimeMs: 1000.9, keyspace: 'ks', tables: ['a', 'b'] };
  it.each([
    ['the same load', {}, undefined],
    ['another file', { file: '/d/g.csv' }, /it is for \/d\/f\.csv, not \/d\/g\.csv/],
    ['a changed size', { size: 11 }, /the file changed since \(size 10 → 11 bytes/],
    ['a changed mtime', { mtimeMs: 2000 }, /the file changed since/],
    ['another keyspace', { keyspace: 'other' }, /keyspace ks, not other/],
    ['other tables', { tables: ['a'] }, /tables a, b, not a/],
  ])('%s', (_what, change, why) => {
    const got = checkpointMismatch(cp, { ...same, ...change });
    if (why === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(why);
  });
});

describe('describeLoadError', () => {
  it.each([
    [noHost(), 'All host(s) tried for query failed. (every node the driver knows is down or unreachable)'],
    [new errors.NoHostAvailableError({ '127.0.0.31:9042': new Error('connect ECONNREFUSED 127.0.0.31:9042') }),
      'All host(s) tried for query failed: 127.0.0.31:9042: connect ECONNREFUSED 127.0.0.31:9042'],
    [response(0x1000, 'Cannot achieve consistency level QUORUM\nmore'), 'Cannot achieve consistency level QUORUM'],
    ['plain text', 'plain text'],
  ])('%s', (err, text) => {
    expect(describeLoadError(err).startsWith(text.split(':')[0])).toBe(true);
    expect(describeLoadError(err)).toBe(text);
  });
});

describe.each([1, 20])('loadTables with a fake client, batchRows %i', (B) => {
  const TABLES = ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'];
  const fast = { maxBackoffMs: 5, progressEveryMs: 5, checkpointEveryMs: 5 };
  /** Requests a load of `plays` distinct-partition plays takes with no replica information. */
  const requestsFor = (plays: number) => (B === 1 ? 3 * plays : 3 * Math.ceil(plays / B));

  it('loads every play into every table and leaves no checkpoint', async () => {
    const file = await mergedFile(50);
    const { client, stats } = fakeClient(() => undefined);
    const r = await loadTables(client, { file, keyspace: 'ks', concurrency: 4, batchRows: B });
    expect(r).toMatchObject({ rowsRead: 50, failedCount: 0, retries: 0, outages: 0, requests: requestsFor(50) });
    expect(r.loaded).toEqual(Object.fromEntries(TABLES.map((t) => [t, 50])));
    expect(r.transient).toEqual({ unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 });
    for (const t of TABLES) expect(stats.landed.get(t)!.size).toBe(50);
    expect(stats.batchSizes).toEqual(B === 1 ? [] : [20, 20, 10, 20, 20, 10, 20, 20, 10]);
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const file = await mergedFile(B * 100);
    const { client, stats } = fakeClient(() => undefined, 1);
    await loadTables(client, { file, keyspace: 'ks', concurrency: 7, batchRows: B });
    expect(stats.maxInFlight).toBe(7);
  });

  it.each([
    ['no host (node stopped)', noHost, 'unavailable'],
    ['Unavailable (a replica short)', () => response(0x1000, 'Cannot achieve consistency level QUORUM'), 'unavailable'],
    ['overloaded', () => response(0x1001, 'Overloaded'), 'overloaded'],
    ['write timeouts', () => response(0x1100, 'Operation timed out'), 'timedOut'],
  ] as const)('waits out an outage (%s) and completes: nothing lost, counted by kind', async (_what, make, kind) => {
    const file = await mergedFile(300);
    let outageFrom = 0;
    const { client, stats } = fakeClient(({ n }) => {
      if (n === (B === 1 ? 200 : 20)) outageFrom ||= Date.now();
      return outageFrom && Date.now() - outageFrom < 150 ? make() : undefined;
    });
    const progress: number[] = [];
    const r = await loadTables(client, {
      file, keyspace: 'ks', concurrency: 8, batchRows: B, ...fast, unavailableTimeoutMs: 5000, onProgress: (p) => progress.push(p.waitingMs ?? 0),
    });
    expect(r).toMatchObject({ rowsRead: 300, failedCount: 0 });
    expect(r.transient![kind]).toBeGreaterThan(0);
    expect(r.transientSamples![kind]).toBeTruthy();
    expect(r.outages).toBeGreaterThanOrEqual(1);
    expect(r.waitedMs).toBeGreaterThanOrEqual(100);
    expect(Math.max(...progress)).toBeGreaterThan(0); // progress reported the wait
    for (const t of TABLES) expect(stats.landed.get(t)!.size).toBe(300);
  });

  it('stops with a clear error when no node comes back in time; a resumed load skips the done lines and completes', async () => {
    const file = await mergedFile(400);
    const checkpointFile = checkpointPathFor(file);
    // Windows of 100 plays; requests finish out of order (random delays); writes fail from the third window on.
    const perWindow = requestsFor(100);
    const first = fakeClient(({ n }) => (n > 2 * perWindow ? noHost() : undefined), () => Math.random() * 3);
    const err = await loadTables(first.client, { file, keyspace: 'ks', concurrency: 8, batchRows: B, window: 100, ...fast, unavailableTimeoutMs: 100 }).catch((e) => e);
    expect(err).toBeInstanceOf(LoadInterruptedError);
    const e = err as LoadInterruptedError;
    expect(e.message).toMatch(/^Load of .* stopped: no Cassandra node accepted a write for 0\.1 s \(last error: All host\(s\) tried for query failed\. \(every node/);
    for (const t of TABLES) expect(e.message).toContain(`${t} ${e.result.loaded[t]}`);
    expect(e.message).toContain(`Every play below line ${e.resumeFromLine} is in all 3 tables; that point is saved in ${checkpointFile}`);
    expect(e.message).toContain(`npm run sparkify -- load --file ${file} --resume`);
    expect(e.result.loaded.songs_by_session).toBeGreaterThan(150);
    expect(e.result.loaded.songs_by_session).toBeLessThan(400);
    const cp = readLoadCheckpoint(checkpointFile)!;
    expect(cp).toMatchObject({ version: 1, keyspace: 'ks', tables: TABLES, doneBelowLine: e.resumeFromLine });
    expect(cp.doneBelowLine).toBe(202); // two windows of 100 plays, lines 2–201
    expect(cp.playsDone).toBe(cp.doneBelowLine - 2); // one play per line from line 2
    // Every play below the line landed in every table (line L holds session L - 1).
    for (const t of TABLES) for (let line = 2; line < cp.doneBelowLine; line++) expect(first.stats.landed.get(t)!.has(line - 1)).toBe(true);

    const second = fakeClient(() => undefined);
    const r = await loadTables(second.client, { file, keyspace: 'ks', concurrency: 8, batchRows: B, resume: true });
    expect(r.resumed).toEqual({ fromLine: cp.doneBelowLine, playsSkipped: cp.doneBelowLine - 2, checkpointFile });
    expect(r.rowsRead).toBe(400 - r.resumed!.playsSkipped);
    expect(r.rowsRead).toBeLessThan(400);
    expect(r.failedCount).toBe(0);
    // Together the two runs put every play in every table; the second did not start from zero.
    for (const t of TABLES) {
      const all = new Set([...first.stats.landed.get(t)!, ...second.stats.landed.get(t)!]);
      expect(all.size).toBe(400);
      expect(second.stats.landed.get(t)!.has(1)).toBe(false);
      expect(second.stats.landed.get(t)!.has(200)).toBe(false);
      expect(second.stats.landed.get(t)!.has(201)).toBe(true);
    }
    expect(existsSync(checkpointFile)).toBe(false);
  });

  it('refuses to resume from a checkpoint of a file that changed since', async () => {
    const file = await mergedFile(100);
    const first = fakeClient(({ n }) => (n > requestsFor(40) ? noHost() : undefined));
    await expect(loadTables(first.client, { file, keyspace: 'ks', concurrency: 2, batchRows: B, window: 20, ...fast, unavailableTimeoutMs: 50 })).rejects.toThrow(LoadInterruptedError);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const second = fakeClient(() => undefined);
    await expect(loadTables(second.client, { file, keyspace: 'ks', batchRows: B, resume: true })).rejects.toThrow(/Cannot resume from .*: the file changed since/);
    await expect(loadTables(second.client, { file, keyspace: 'other', batchRows: B, resume: true })).rejects.toThrow(/Cannot resume/);
    // Without resume, the old checkpoint is dropped and the load starts from the first line.
    const r = await loadTables(second.client, { file, keyspace: 'ks', batchRows: B });
    expect(r).toMatchObject({ rowsRead: 100, failedCount: 0 });
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('resume with no checkpoint loads everything', async () => {
    const file = await mergedFile(20);
    const r = await loadTables(fakeClient(() => undefined).client, { file, keyspace: 'ks', batchRows: B, resume: true });
    expect(r).toMatchObject({ rowsRead: 20, failedCount: 0, resumed: undefined });
  });

  it('reports a row the node rejects (not retried), keeps the checkpoint at its line, loads the rest of its batch', async () => {
    const file = await mergedFile(30);
    const { client, stats } = fakeClient(({ params, cql }) =>
      cql.includes('songs_by_session') && params[0] === 11 ? response(0x2200, 'Invalid value') : undefined,
    );
    const r = await loadTables(client, { file, keyspace: 'ks', concurrency: 4, batchRows: B });
    expect(r.failedCount).toBe(1);
    expect(r.retries).toBe(0);
    expect(r.failures).toEqual([{ line: 12, table: 'songs_by_session', message: 'Invalid value' }]);
    expect(r.loaded).toEqual({ songs_by_session: 29, songs_by_user_session: 30, listeners_by_song: 30 });
    expect(stats.landed.get('songs_by_session')!.size).toBe(29);
    // Batched: the rejected batch of 20 was sent again row by row (20 more requests), keeping its timestamp.
    expect(r.requests).toBe(B === 1 ? 90 : 6 + 20);
    if (B > 1) {
      const rejected = stats.timestamps.find((t) => t.rows === 20)!;
      expect(stats.timestamps.filter((t) => t.timestamp === rejected.timestamp)).toHaveLength(21);
    }
    expect(r.checkpointFile).toBe(checkpointPathFor(file));
    expect(readLoadCheckpoint(r.checkpointFile!)!.doneBelowLine).toBe(12);
  });

  it('reports the rows of a request that keeps timing out while the others load (after maxTries), instead of waiting for ever', async () => {
    const file = await mergedFile(60);
    const { client, stats } = fakeClient(({ params, cql }) =>
      cql.includes('songs_by_session') && params[0] === 5 ? response(0x1100, 'Operation timed out') : undefined,
    1);
    const r = await loadTables(client, { file, keyspace: 'ks', concurrency: 4, batchRows: B, maxTries: 4, ...fast, unavailableTimeoutMs: 10_000 });
    // With batches, the 20 rows of the batch that holds session 5 (lines 2–21) are reported, each with its line.
    const lines = B === 1 ? [6] : Array.from({ length: 20 }, (_, i) => i + 2);
    expect(r.failedCount).toBe(lines.length);
    expect(r.failures.map((f) => f.line)).toEqual(lines);
    for (const f of r.failures) expect(f).toMatchObject({ table: 'songs_by_session', message: 'Operation timed out (after 4 tries)' });
    expect(r.transient!.timedOut).toBe(4);
    expect(r.retries).toBe(3);
    expect(r.loaded.songs_by_session).toBe(60 - lines.length);
    // Every try of the request carried the timestamp of the first: the 3 retries brought no new one.
    expect(new Set(stats.timestamps.map((t) => t.timestamp)).size).toBe(stats.timestamps.length - 3);
  });

  it('counts bad rows of the file as failures with their line, without touching the checkpoint line', async () => {
    const file = await mergedFile(5, ['"A","B","F","x","L","1.0","free","T","9","S","3"']);
    const r = await loadTables(fakeClient(() => undefined).client, { file, keyspace: 'ks', batchRows: B });
    expect(r.failedCount).toBe(1);
    expect(r.failures[0]).toMatchObject({ line: 7, table: '(file)' });
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('writes no checkpoint with checkpointFile: false, and says so when it stops', async () => {
    const file = await mergedFile(100);
    const { client } = fakeClient(({ n }) => (n > requestsFor(20) ? noHost() : undefined));
    const err = await loadTables(client, { file, keyspace: 'ks', checkpointFile: false, concurrency: 2, batchRows: B, window: 20, ...fast, unavailableTimeoutMs: 50 }).catch((e) => e);
    expect((err as Error).message).toMatch(/no checkpoint was kept/);
    expect(existsSync(checkpointPathFor(file))).toBe(false);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(PLAY_COLUMNS.join(','));
  });

  it('a later line replaces an earlier one with the same primary key, as one INSERT after the other would', async () => {
    // Lines 2–11: session 1, items 0–9; line 12: session 1 item 3 again, another artist and song; line 13 another user's play.
    const rows = Array.from({ length: 10 }, (_, i) => `"Artist ${i}","Ann","F","${i}","Lee","100.5","free","T","1","Song ${i}","7"`);
    rows.push('"Later","Ann","F","3","Lee","99.5","free","T","1","Song 3","7"', '"Other","Bo","M","0","Ng","1.5","paid","T","2","Song 3","8"');
    const file = join(tmp, `merged-${n++}.csv`);
    await writeFile(file, [PLAY_COLUMNS.join(','), ...rows].join('\n') + '\n');
    const { client, stats } = fakeClient(() => undefined);
    const r = await loadTables(client, { file, keyspace: 'ks', batchRows: B });
    expect(r).toMatchObject({ rowsRead: 12, failedCount: 0 });
    expect(r.loaded).toEqual({ songs_by_session: 12, songs_by_user_session: 12, listeners_by_song: 12 });
    expect(stats.values.get('songs_by_session')!.get(JSON.stringify([1, 3]))).toEqual([1, 3, 'Later', 'Song 3', 99.5]);
    expect(stats.values.get('songs_by_user_session')!.get(JSON.stringify([7, 1, 3]))![3]).toBe('Later');
    // Batched, the replaced row is not sent at all: 11 rows per table, one batch each.
    if (B > 1) expect(stats.batchSizes).toEqual([11, 11, 11]);
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });
});

describe('loadTables with batches, by replica and partition', () => {
  it('sends each batch to one replica set, keeps a partition whole, gives a big partition batches of its own', async () => {
    // 60 plays of session 1 (items 0–59) and 40 plays of sessions 2–41, user 7; two "replicas" by session parity.
    const rows = [
      ...Array.from({ length: 60 }, (_, i) => `"A","Ann","F","${i}","Lee","1.5","free","T","1","S${i % 3}","7"`),
      ...Array.from({ length: 40 }, (_, i) => `"A","Ann","F","0","Lee","1.5","free","T","${i + 2}","S${i % 5}","7"`),
    ];
    const file = join(tmp, `merged-${n++}.csv`);
    await writeFile(file, [PLAY_COLUMNS.join(','), ...rows].join('\n') + '\n');
    const replicaOfKey = (rk: Buffer) => [rk.length === 4 && rk.readInt32BE(0) % 2 ? 'odd' : 'even'];
    const sessionsOf = new Map<number, Set<string>>();
    const { client, stats } = fakeClient(({ n: call, cql, params }) => {
      if (cql.includes('songs_by_session')) {
        if (!sessionsOf.has(call)) sessionsOf.set(call, new Set());
        sessionsOf.get(call)!.add(replicaOfKey(Buffer.from([0, 0, 0, params[0] as number]))[0]);
      }
      return undefined;
    }, 0, replicaOfKey);
    const r = await loadTables(client, { file, keyspace: 'ks', batchRows: 20 });
    expect(r).toMatchObject({ rowsRead: 100, failedCount: 0 });
    // Every songs_by_session batch holds rows of one replica set only.
    for (const replicas of sessionsOf.values()) expect(replicas.size).toBe(1);
    // songs_by_session: session 1 (odd) 60 rows → 20+20+20; other odd sessions 3..41 (20) → 20; even 2..40 (20) → 20.
    // songs_by_user_session is keyed by (user, session): composite keys, no replica found → one set; listeners_by_song by song.
    expect(stats.batchSizes.slice(0, 5).sort()).toEqual([20, 20, 20, 20, 20]);
    expect(r.requests).toBeLessThan(300 / 10);
  });

  it('rejects a concurrency, batchRows or window below 1', async () => {
    const file = await mergedFile(3);
    for (const bad of [{ concurrency: 0 }, { batchRows: 0 }, { window: 0 }, { batchRows: 2.5 }]) {
      await expect(loadTables(fakeClient(() => undefined).client, { file, keyspace: 'ks', ...bad })).rejects.toThrow(/must be a whole number of at least 1/);
    }
  });
});

describe('routingKey', () => {
  const { Encoder, types } = driver as unknown as { Encoder: new (v: number, o: object) => { encode(v: unknown, t: number): Buffer }; types: { dataTypes: Record<string, number> } };
  const encoder = new Encoder(4, {});
  const enc = (v: unknown, t: string) => encoder.encode(v, types.dataTypes[t]);
  const composite = (...parts: Buffer[]) => Buffer.concat(parts.flatMap((p) => [Buffer.from([p.length >> 8, p.length & 0xff]), p, Buffer.from([0])]));
  const play = { artist: 'A', firstName: 'Ann', gender: 'F', itemInSession: 4, lastName: 'Lee', length: 495.3073, level: 'free', location: 'T', sessionId: 338, song: "Keep On Keepin' On", userId: 10 };

  it('is the partition key as the driver encodes it: one column, or composite (2-byte length, bytes, 0 per part)', () => {
    expect(routingKey(songsBySession, play)).toEqual(enc(338, 'int'));
    expect(routingKey(songsByUserSession, play)).toEqual(composite(enc(10, 'int'), enc(338, 'int')));
    expect(routingKey(listenersBySong, play)).toEqual(enc("Keep On Keepin' On", 'text'));
  });

  it.each([
    ['bigint', 'userId', 10],
    ['timestamp', 'userId', 1_700_000_000_000],
    ['double', 'length', 495.3073],
    ['float', 'length', 1.5],
    ['text', 'song', 'Représente'],
  ] as const)('a %s key', (type, from, value) => {
    const table: TableSpec = { ...songsBySession, columns: [{ name: 'k', type, from }, { name: 'item_in_session', type: 'int', from: 'itemInSession' }], partitionKey: ['k'] };
    expect(routingKey(table, { ...play, [from]: value })).toEqual(enc(value, type));
    const two: TableSpec = { ...table, partitionKey: ['k', 'item_in_session'], clustering: [] };
    expect(routingKey(two, { ...play, [from]: value })).toEqual(composite(enc(value, type), enc(4, 'int')));
  });

  it.each([
    ['text in an int column', { ...songsBySession, columns: [{ name: 'session_id', type: 'int' as const, from: 'song' as const }] }],
    ['a fraction in an int column', { ...songsBySession, columns: [{ name: 'session_id', type: 'int' as const, from: 'length' as const }] }],
    ['a number in a text column', { ...listenersBySong, columns: [{ name: 'song', type: 'text' as const, from: 'userId' as const }] }],
    ['a missing column', { ...songsBySession, partitionKey: ['nope'] }],
  ])('is undefined for %s', (_what, table) => {
    expect(routingKey(table as TableSpec, play)).toBeUndefined();
  });
});

describe('packBatches', () => {
  type R = { id: string; replica: string; partition: string; key: string };
  const r = (id: string, replica: string, partition: string, key = id): R => ({ id, replica, partition, key });
  const pack = (rows: R[], size: number) =>
    packBatches(rows, size, (x) => x, (x) => x.key).map((b) => b.map((p) => (p.superseded ? `${p.item.id}>${p.superseded.map((s) => s.id).join('+')}` : p.item.id)));

  it.each<[string, R[], number, string[][]]>([
    ['one replica, small partitions packed whole', [r('a1', 'x', 'a'), r('b1', 'x', 'b'), r('a2', 'x', 'a'), r('c1', 'x', 'c')], 3, [['a1', 'a2', 'b1'], ['c1']]],
    ['replica sets never mix', [r('a1', 'x', 'a'), r('b1', 'y', 'b'), r('a2', 'x', 'a')], 20, [['a1', 'a2'], ['b1']]],
    ['a partition of batchRows rows or more gets batches of its own', [r('b1', 'x', 'b'), ...['1', '2', '3', '4', '5'].map((i) => r(`a${i}`, 'x', 'a'))], 2, [['a1', 'a2'], ['a3', 'a4'], ['a5'], ['b1']]],
    ['a partition that does not fit starts the next batch', [r('a1', 'x', 'a'), r('a2', 'x', 'a'), r('b1', 'x', 'b'), r('b2', 'x', 'b')], 3, [['a1', 'a2'], ['b1', 'b2']]],
    ['a repeated key: the later row carries the earlier', [r('a1', 'x', 'a', 'k'), r('a2', 'x', 'a', 'j'), r('a3', 'x', 'a', 'k'), r('a4', 'x', 'a', 'k')], 20, [['a4>a1+a3', 'a2']]],
    ['the same key in two partitions is two rows', [r('a1', 'x', 'a', 'k'), r('b1', 'x', 'b', 'k')], 20, [['a1', 'b1']]],
    ['batchRows 1: one row each', [r('a1', 'x', 'a'), r('a2', 'x', 'a'), r('b1', 'x', 'b')], 1, [['a1'], ['a2'], ['b1']]],
  ])('%s', (_what, rows, size, want) => {
    expect(pack(rows, size)).toEqual(want);
  });
});

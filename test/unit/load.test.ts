// The loader's fault handling without Cassandra: a fake client that fails the way the driver does
// (no host, unavailable, timeouts, overload, socket closed, bad values) drives loadTables through
// outages that end, outages that do not (checkpoint + resume), rows that keep failing, and the bound on
// inserts in flight. Pure helpers (error kinds, back-off, the line watermark, checkpoint checks) are
// table-driven.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, type Client } from 'cassandra-driver';
import {
  backoffMs, checkpointMismatch, checkpointPathFor, describeLoadError, isTransient, LineWatermark, LoadInterruptedError,
  loadTables, PLAY_COLUMNS, readLoadCheckpoint, transientKind, type LoadCheckpoint,
} from '../../lib/index';

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

/** A fake driver client: `behave(call)` returns an error to throw, or undefined to succeed. Records what landed. */
function fakeClient(behave: (call: { n: number; cql: string; params: unknown[] }) => Error | undefined, delayMs = 0) {
  let calls = 0;
  let inFlight = 0;
  const stats = { calls: 0, maxInFlight: 0, landed: new Map<string, Set<number>>() };
  const client = {
    async execute(cql: string, params: unknown[]) {
      const n = ++calls;
      stats.calls = n;
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, delayMs));
        const err = behave({ n, cql, params });
        if (err) throw err;
        const table = /INTO \w+\.(\w+)/.exec(cql)![1];
        const session = table === 'listeners_by_song' ? Number(String(params[0]).slice(5)) + 1 : Number(params[table === 'songs_by_session' ? 0 : 1]);
        if (!stats.landed.has(table)) stats.landed.set(table, new Set());
        stats.landed.get(table)!.add(session);
        return {};
      } finally {
        inFlight--;
      }
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

describe('loadTables with a fake client', () => {
  const TABLES = ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'];
  const fast = { maxBackoffMs: 5, progressEveryMs: 5, checkpointEveryMs: 5 };

  it('loads every play into every table and leaves no checkpoint', async () => {
    const file = await mergedFile(50);
    const { client, stats } = fakeClient(() => undefined);
    const r = await loadTables(client, { file, keyspace: 'ks', concurrency: 4 });
    expect(r).toMatchObject({ rowsRead: 50, failedCount: 0, retries: 0, outages: 0 });
    expect(r.loaded).toEqual(Object.fromEntries(TABLES.map((t) => [t, 50])));
    expect(r.transient).toEqual({ unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 });
    for (const t of TABLES) expect(stats.landed.get(t)!.size).toBe(50);
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('keeps at most `concurrency` inserts in flight', async () => {
    const file = await mergedFile(200);
    const { client, stats } = fakeClient(() => undefined, 1);
    await loadTables(client, { file, keyspace: 'ks', concurrency: 7 });
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
      if (n === 200) outageFrom = Date.now();
      return outageFrom && Date.now() - outageFrom < 150 ? make() : undefined;
    });
    const progress: number[] = [];
    const r = await loadTables(client, {
      file, keyspace: 'ks', concurrency: 8, ...fast, unavailableTimeoutMs: 5000, onProgress: (p) => progress.push(p.waitingMs ?? 0),
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
    const first = fakeClient(({ n }) => (n > 600 ? noHost() : undefined));
    const err = await loadTables(first.client, { file, keyspace: 'ks', concurrency: 8, ...fast, unavailableTimeoutMs: 100 }).catch((e) => e);
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
    expect(cp.playsDone).toBe(cp.doneBelowLine - 2); // one play per line from line 2
    // Every play below the line landed in every table (line L holds session L - 1).
    for (const t of TABLES) for (let line = 2; line < cp.doneBelowLine; line++) expect(first.stats.landed.get(t)!.has(line - 1)).toBe(true);

    const second = fakeClient(() => undefined);
    const r = await loadTables(second.client, { file, keyspace: 'ks', concurrency: 8, resume: true });
    expect(r.resumed).toEqual({ fromLine: cp.doneBelowLine, playsSkipped: cp.doneBelowLine - 2, checkpointFile });
    expect(r.rowsRead).toBe(400 - r.resumed!.playsSkipped);
    expect(r.rowsRead).toBeLessThan(400);
    expect(r.failedCount).toBe(0);
    // Together the two runs put every play in every table; the second did not start from zero.
    for (const t of TABLES) {
      const all = new Set([...first.stats.landed.get(t)!, ...second.stats.landed.get(t)!]);
      expect(all.size).toBe(400);
      expect(second.stats.landed.get(t)!.has(1)).toBe(false);
    }
    expect(existsSync(checkpointFile)).toBe(false);
  });

  it('refuses to resume from a checkpoint of a file that changed since', async () => {
    const file = await mergedFile(100);
    const first = fakeClient(({ n }) => (n > 90 ? noHost() : undefined));
    await expect(loadTables(first.client, { file, keyspace: 'ks', concurrency: 2, ...fast, unavailableTimeoutMs: 50 })).rejects.toThrow(LoadInterruptedError);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    const second = fakeClient(() => undefined);
    await expect(loadTables(second.client, { file, keyspace: 'ks', resume: true })).rejects.toThrow(/Cannot resume from .*: the file changed since/);
    await expect(loadTables(second.client, { file, keyspace: 'other', resume: true })).rejects.toThrow(/Cannot resume/);
    // Without resume, the old checkpoint is dropped and the load starts from the first line.
    const r = await loadTables(second.client, { file, keyspace: 'ks' });
    expect(r).toMatchObject({ rowsRead: 100, failedCount: 0 });
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('resume with no checkpoint loads everything', async () => {
    const file = await mergedFile(20);
    const r = await loadTables(fakeClient(() => undefined).client, { file, keyspace: 'ks', resume: true });
    expect(r).toMatchObject({ rowsRead: 20, failedCount: 0, resumed: undefined });
  });

  it('reports a row the node rejects (not retried), keeps the checkpoint at its line, loads the rest', async () => {
    const file = await mergedFile(30);
    const { client, stats } = fakeClient(({ params, cql }) =>
      cql.includes('songs_by_session') && params[0] === 11 ? response(0x2200, 'Invalid value') : undefined,
    );
    const r = await loadTables(client, { file, keyspace: 'ks', concurrency: 4 });
    expect(r.failedCount).toBe(1);
    expect(r.retries).toBe(0);
    expect(r.failures).toEqual([{ line: 12, table: 'songs_by_session', message: 'Invalid value' }]);
    expect(r.loaded).toEqual({ songs_by_session: 29, songs_by_user_session: 30, listeners_by_song: 30 });
    expect(stats.landed.get('songs_by_session')!.size).toBe(29);
    expect(r.checkpointFile).toBe(checkpointPathFor(file));
    expect(readLoadCheckpoint(r.checkpointFile!)!.doneBelowLine).toBe(12);
  });

  it('reports a row that keeps timing out while the others load (after maxTries), instead of waiting for ever', async () => {
    const file = await mergedFile(60);
    const { client } = fakeClient(({ params, cql }) =>
      cql.includes('songs_by_session') && params[0] === 5 ? response(0x1100, 'Operation timed out') : undefined,
    1);
    const r = await loadTables(client, { file, keyspace: 'ks', concurrency: 4, maxTries: 4, ...fast, unavailableTimeoutMs: 10_000 });
    expect(r.failedCount).toBe(1);
    expect(r.failures[0]).toMatchObject({ line: 6, table: 'songs_by_session', message: 'Operation timed out (after 4 tries)' });
    expect(r.transient!.timedOut).toBe(4);
    expect(r.retries).toBe(3);
    expect(r.loaded.songs_by_session).toBe(59);
  });

  it('counts bad rows of the file as failures with their line, without touching the checkpoint line', async () => {
    const file = await mergedFile(5, ['"A","B","F","x","L","1.0","free","T","9","S","3"']);
    const r = await loadTables(fakeClient(() => undefined).client, { file, keyspace: 'ks' });
    expect(r.failedCount).toBe(1);
    expect(r.failures[0]).toMatchObject({ line: 7, table: '(file)' });
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('writes no checkpoint with checkpointFile: false, and says so when it stops', async () => {
    const file = await mergedFile(100);
    const { client } = fakeClient(({ n }) => (n > 30 ? noHost() : undefined));
    const err = await loadTables(client, { file, keyspace: 'ks', checkpointFile: false, concurrency: 2, ...fast, unavailableTimeoutMs: 50 }).catch((e) => e);
    expect((err as Error).message).toMatch(/no checkpoint was kept/);
    expect(existsSync(checkpointPathFor(file))).toBe(false);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(PLAY_COLUMNS.join(','));
  });
});

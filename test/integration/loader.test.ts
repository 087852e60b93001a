// The loader's orchestration against the real node, with small files of our own: every play lands in every
// table in the requests batching promises and no checkpoint is left; a batch the node rejects is sent again
// row by row and keeps its client timestamp (WRITETIME on the node shows it); a request whose answer is lost
// is retried with the timestamp it first carried; a request that keeps timing out while the others load is
// reported after maxTries; a later line with the same primary key replaces the earlier one (upserts); a load
// cut off mid-way stops with a clear message, keeps its checkpoint, refuses to resume once the file changed,
// and resumes without writing again what landed (WRITETIME again). Bad rows of the file are reported.
// Faults are injected in front of the real client (as in batching.test.ts): the rows themselves always go to
// the node, and every count is read back from it. A fresh keyspace per case.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errors, type Client } from 'cassandra-driver';
import {
  checkpointPathFor,
  createKeyspace,
  createTables,
  dropKeyspaceCql,
  LoadInterruptedError,
  loadTables,
  PLAY_COLUMNS,
  readLoadCheckpoint,
  TABLES,
  type LoadOptions,
} from '../../lib/index';
import { closeSuite, openSuite, type Suite } from './support';

const NAMES = TABLES.map((t) => t.name);

/** What a faulty front of the real client sees of one call. */
interface Call {
  method: 'execute' | 'batch';
  cql: string;
  /** The params of each row of the request. */
  rows: unknown[][];
  timestamp: unknown;
}

/**
 * The real client, with `fault(call, tries)` asked before every request: 'reject' fails it with the error
 * `error()` makes without sending it; 'lose' sends it to the node and then fails it, as when the answer is
 * lost; undefined sends it. `tries` counts earlier calls with the same rows. Every call is recorded.
 */
function faulty(
  client: Client,
  fault: (call: Call, tries: number) => 'reject' | 'lose' | undefined,
  error: () => Error,
) {
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  const front = new Proxy(client, {
    get(target, prop) {
      if (prop === 'execute' || prop === 'batch') {
        return async (...args: unknown[]) => {
          const call: Call =
            prop === 'batch'
              ? {
                  method: prop,
                  cql: (args[0] as { query: string }[])[0].query,
                  rows: (args[0] as { params: unknown[] }[]).map((q) => q.params),
                  timestamp: (args[1] as { timestamp?: unknown })?.timestamp,
                }
              : {
                  method: prop,
                  cql: args[0] as string,
                  rows: [args[1] as unknown[]],
                  timestamp: (args[2] as { timestamp?: unknown })?.timestamp,
                };
          calls.push(call);
          const key = JSON.stringify([call.cql, call.rows]);
          const tries = seen.get(key) ?? 0;
          seen.set(key, tries + 1);
          const what = fault(call, tries);
          if (what === 'reject') throw error();
          const r = await (target[prop] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (what === 'lose') throw error();
          return r;
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Client;
  return { front, calls };
}

describe('the loader on a real node', () => {
  let suite: Suite;
  let tmp: string;
  let n = 0;
  const keyspaces: string[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-loader-'));
    suite = await openSuite('loader');
  });
  afterAll(async () => {
    for (const ks of keyspaces) await suite?.client.execute(dropKeyspaceCql(ks)).catch(() => undefined);
    await closeSuite(suite);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function keyspace(): Promise<string> {
    const ks = `${suite.keyspace}_${n++}`;
    keyspaces.push(ks);
    await createKeyspace(suite.client, { ...suite.config, keyspace: ks });
    await createTables(suite.client, ks);
    return ks;
  }

  /** A merged file of `plays` plays (one line each, line 2 onwards): session i + 1, item 0, user 1000 + i, "Song i". */
  async function mergedFile(plays: number, extra: string[] = [], song = (i: number) => `Song ${i}`): Promise<string> {
    const file = join(tmp, `merged-${n++}.csv`);
    const rows = Array.from(
      { length: plays },
      (_, i) => `"Artist ${i}","Ann","F","0","Lee","100.5","free","Town, ST","${i + 1}","${song(i)}","${1000 + i}"`,
    );
    await writeFile(file, [PLAY_COLUMNS.join(','), ...rows, ...extra].join('\n') + '\n');
    return file;
  }

  const count = async (ks: string, table: string) =>
    Number((await suite.client.execute(`SELECT count(*) AS n FROM ${ks}.${table}`)).first().get('n'));
  const countAll = async (ks: string) =>
    Object.fromEntries(await Promise.all(NAMES.map(async (t) => [t, await count(ks, t)] as const)));
  /** session_id → WRITETIME(artist) of songs_by_session, as strings (microseconds). */
  async function writeTimes(
    ks: string,
    table = 'songs_by_session',
    key = 'session_id',
    col = 'artist',
  ): Promise<Map<unknown, string>> {
    const rs = await suite.client.execute(`SELECT ${key}, WRITETIME(${col}) AS wt FROM ${ks}.${table}`, [], {
      fetchSize: 100_000,
    });
    return new Map(rs.rows.map((r) => [r.get(key), String(r.get('wt'))]));
  }
  const every = (plays: number) => Object.fromEntries(NAMES.map((t) => [t, plays]));

  it.each([1, 20])(
    'batchRows %i: every play lands in every table in the requests batching promises; no checkpoint is left',
    async (B) => {
      const file = await mergedFile(50);
      const ks = await keyspace();
      const r = await loadTables(suite.client, { file, keyspace: ks, concurrency: 4, batchRows: B, resume: true });
      // Distinct partitions on one node: 50 rows per table, in batches of 20, 20 and 10 (or one per row).
      expect(r).toMatchObject({
        rowsRead: 50,
        failedCount: 0,
        retries: 0,
        outages: 0,
        requests: B === 1 ? 150 : 9,
        resumed: undefined,
        loaded: every(50),
      });
      expect(r.transient).toEqual({ unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 });
      expect(await countAll(ks)).toEqual(every(50));
      expect(existsSync(checkpointPathFor(file))).toBe(false);
    },
  );

  it('a batch the node rejects is sent again row by row with its client timestamp: one bad row fails, the others land', async () => {
    // Line 12 has an empty song: listeners_by_song (partitioned by song) rejects it, and with it the batch of lines 2–21.
    const file = await mergedFile(30, [], (i) => (i === 10 ? '' : `Song ${i}`));
    const ks = await keyspace();
    const r = await loadTables(suite.client, { file, keyspace: ks, concurrency: 4, batchRows: 20 });
    expect(r).toMatchObject({ failedCount: 1, retries: 0, requests: 6 + 20 });
    expect(r.failures).toEqual([
      { line: 12, table: 'listeners_by_song', message: expect.stringMatching(/Key may not be empty/) },
    ]);
    expect(r.loaded).toEqual({ songs_by_session: 30, songs_by_user_session: 30, listeners_by_song: 29 });
    expect(await countAll(ks)).toEqual({ songs_by_session: 30, songs_by_user_session: 30, listeners_by_song: 29 });
    expect(readLoadCheckpoint(r.checkpointFile!)!.doneBelowLine).toBe(12);
    // The 19 rows resent one by one carry the timestamp of the rejected batch, taken before the second batch's.
    const wt = await writeTimes(ks, 'listeners_by_song', 'song', 'first_name');
    const resent = new Set(
      Array.from({ length: 20 }, (_, i) => i)
        .filter((i) => i !== 10)
        .map((i) => wt.get(`Song ${i}`)),
    );
    const second = new Set(Array.from({ length: 10 }, (_, i) => wt.get(`Song ${i + 20}`)));
    expect(resent.size).toBe(1);
    expect(second.size).toBe(1);
    expect(BigInt([...resent][0]!)).toBeLessThan(BigInt([...second][0]!));
  });

  it.each([1, 20])(
    'batchRows %i: a request whose answer is lost is retried with the timestamp it first carried (WRITETIME)',
    async (B) => {
      const file = await mergedFile(40);
      const ks = await keyspace();
      // Every request reaches the node, but the answer to its first try is lost (a client-side timeout).
      const { front, calls } = faulty(
        suite.client,
        (_call, tries) => (tries === 0 ? 'lose' : undefined),
        () => new errors.OperationTimedOutError('timed out', '127.0.0.1:9042'),
      );
      const r = await loadTables(front, { file, keyspace: ks, concurrency: 4, batchRows: B, maxBackoffMs: 5 });
      const requests = B === 1 ? 120 : 6;
      expect(r).toMatchObject({
        rowsRead: 40,
        failedCount: 0,
        retries: requests,
        requests: 2 * requests,
        loaded: every(40),
      });
      expect(r.transient!.timedOut).toBe(requests);
      expect(await countAll(ks)).toEqual(every(40));
      // On the node, each songs_by_session row has the timestamp its request carried on its first try.
      const first = new Map<unknown, string>();
      for (const c of calls)
        if (c.cql.includes('songs_by_session'))
          for (const row of c.rows) if (!first.has(row[0])) first.set(row[0], String(c.timestamp));
      expect(first.size).toBe(40);
      expect(await writeTimes(ks)).toEqual(first);
      for (const c of calls) expect(c.timestamp).toBeDefined();
    },
  );

  it.each([1, 20])(
    'batchRows %i: a request that keeps timing out while the others load is reported after maxTries',
    async (B) => {
      const file = await mergedFile(60);
      const ks = await keyspace();
      const { front, calls } = faulty(
        suite.client,
        (call) =>
          call.cql.includes('songs_by_session') && call.rows.some((row) => row[0] === 5) ? 'reject' : undefined,
        () => new errors.ResponseError(0x1100, 'Operation timed out'),
      );
      const r = await loadTables(front, {
        file,
        keyspace: ks,
        concurrency: 4,
        batchRows: B,
        maxTries: 4,
        maxBackoffMs: 200,
        unavailableTimeoutMs: 10_000,
      });
      // With batches, the 20 rows of the batch that holds session 5 (lines 2–21) are reported, each with its line.
      const lines = B === 1 ? [6] : Array.from({ length: 20 }, (_, i) => i + 2);
      expect(r.failedCount).toBe(lines.length);
      expect(r.failures.map((f) => f.line)).toEqual(lines);
      for (const f of r.failures)
        expect(f).toMatchObject({ table: 'songs_by_session', message: 'Operation timed out (after 4 tries)' });
      expect(r.transient!.timedOut).toBe(4);
      expect(r.retries).toBe(3);
      expect(r.loaded.songs_by_session).toBe(60 - lines.length);
      expect(await countAll(ks)).toEqual({ ...every(60), songs_by_session: 60 - lines.length });
      // Every try of the request carried the timestamp of the first.
      const tries = calls.filter((c) => c.cql.includes('songs_by_session') && c.rows.some((row) => row[0] === 5));
      expect(tries).toHaveLength(4);
      expect(new Set(tries.map((c) => String(c.timestamp))).size).toBe(1);
      expect(readLoadCheckpoint(r.checkpointFile!)!.doneBelowLine).toBe(lines[0]);
    },
  );

  it.each([1, 20])(
    'batchRows %i: a later line replaces an earlier one with the same primary key (upserts), as one INSERT after the other would',
    async (B) => {
      // Lines 2–11: session 1, items 0–9; line 12: session 1 item 3 again, another artist and length; line 13 another user's play.
      const rows = Array.from(
        { length: 10 },
        (_, i) => `"Artist ${i}","Ann","F","${i}","Lee","100.5","free","T","1","Song ${i}","7"`,
      );
      rows.push(
        '"Later","Ann","F","3","Lee","99.5","free","T","1","Song 3","7"',
        '"Other","Bo","M","0","Ng","1.5","paid","T","2","Song 3","8"',
      );
      const file = join(tmp, `merged-${n++}.csv`);
      await writeFile(file, [PLAY_COLUMNS.join(','), ...rows].join('\n') + '\n');
      const ks = await keyspace();
      const r = await loadTables(suite.client, { file, keyspace: ks, batchRows: B });
      // Batched, the replaced row is not sent at all: 11 rows per table, one batch each.
      expect(r).toMatchObject({ rowsRead: 12, failedCount: 0, requests: B === 1 ? 36 : 3, loaded: every(12) });
      expect(await countAll(ks)).toEqual(every(11));
      const sbs = (
        await suite.client.execute(
          `SELECT artist, song, length FROM ${ks}.songs_by_session WHERE session_id = 1 AND item_in_session = 3`,
        )
      ).first();
      expect([sbs.get('artist'), sbs.get('song'), sbs.get('length')]).toEqual(['Later', 'Song 3', 99.5]);
      const sbus = (
        await suite.client.execute(
          `SELECT artist FROM ${ks}.songs_by_user_session WHERE user_id = 7 AND session_id = 1 AND item_in_session = 3`,
        )
      ).first();
      expect(sbus.get('artist')).toBe('Later');
      expect(existsSync(checkpointPathFor(file))).toBe(false);
    },
  );

  /** The real client, except that once `rows` rows were sent no write is accepted any more, as when the node goes away. */
  function cutAfter(rows: number) {
    let sent = 0;
    return faulty(
      suite.client,
      (call) => ((sent += call.rows.length) > rows ? 'reject' : undefined),
      () => new errors.NoHostAvailableError({}),
    ).front;
  }
  const fast = { maxBackoffMs: 5, progressEveryMs: 5, checkpointEveryMs: 5 };

  it.each([1, 20])(
    'batchRows %i: cut off mid-way, the load stops with a clear message and its checkpoint; resuming skips what landed and writes only the rest',
    async (B) => {
      const file = await mergedFile(400);
      const checkpointFile = checkpointPathFor(file);
      const ks = await keyspace();
      // Windows of 100 plays; every row of the first two windows is accepted, none after.
      const options: LoadOptions = {
        file,
        keyspace: ks,
        concurrency: 8,
        batchRows: B,
        window: 100,
        ...fast,
        unavailableTimeoutMs: 100,
      };
      const err = await loadTables(cutAfter(600), options).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LoadInterruptedError);
      const e = err as LoadInterruptedError;
      expect(e.message).toMatch(
        /^Load of .* stopped: no Cassandra node accepted a write for 0\.1 s \(last error: All host\(s\) tried for query failed\. \(every node/,
      );
      for (const t of NAMES) expect(e.message).toContain(`${t} ${e.result.loaded[t]}`);
      expect(e.message).toContain(
        `Every play below line 202 is in all 3 tables; that point is saved in ${checkpointFile}`,
      );
      expect(e.message).toContain(`npm run sparkify -- load --file ${file} --resume`);
      expect(e.result.loaded).toEqual(every(200));
      expect(e.resumeFromLine).toBe(202);
      expect(readLoadCheckpoint(checkpointFile)).toMatchObject({
        version: 1,
        keyspace: ks,
        tables: NAMES,
        doneBelowLine: 202,
        playsDone: 200,
      });
      expect(await countAll(ks)).toEqual(every(200));

      const resumedAt = BigInt(Date.now()) * 1000n;
      const r = await loadTables(suite.client, { ...options, resume: true });
      expect(r.resumed).toEqual({ fromLine: 202, playsSkipped: 200, checkpointFile });
      expect(r).toMatchObject({ rowsRead: 200, failedCount: 0, loaded: every(200) });
      expect(existsSync(checkpointFile)).toBe(false);
      expect(await countAll(ks)).toEqual(every(400));
      // Sessions 1–200 (lines 2–201) were written by the first run only, sessions 201–400 by the second.
      const wt = await writeTimes(ks);
      for (let s = 1; s <= 400; s++) {
        if (s <= 200) expect(BigInt(wt.get(s)!), `session ${s}`).toBeLessThan(resumedAt);
        else expect(BigInt(wt.get(s)!), `session ${s}`).toBeGreaterThanOrEqual(resumedAt);
      }
    },
  );

  it('refuses to resume from a checkpoint of a file that changed since, or of another keyspace; without resume it loads from the start', async () => {
    const file = await mergedFile(100);
    const ks = await keyspace();
    await expect(
      loadTables(cutAfter(120), { file, keyspace: ks, concurrency: 2, window: 20, ...fast, unavailableTimeoutMs: 50 }),
    ).rejects.toThrow(LoadInterruptedError);
    expect(existsSync(checkpointPathFor(file))).toBe(true);
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    await expect(loadTables(suite.client, { file, keyspace: ks, resume: true })).rejects.toThrow(
      /Cannot resume from .*: the file changed since/,
    );
    await expect(loadTables(suite.client, { file, keyspace: `${ks}_other`, resume: true })).rejects.toThrow(
      /Cannot resume/,
    );
    const r = await loadTables(suite.client, { file, keyspace: ks });
    expect(r).toMatchObject({ rowsRead: 100, failedCount: 0, resumed: undefined });
    expect(existsSync(checkpointPathFor(file))).toBe(false);
    expect(await countAll(ks)).toEqual(every(100));
  });

  it('with checkpointFile: false it keeps no checkpoint, and says so when it stops', async () => {
    const file = await mergedFile(100);
    const ks = await keyspace();
    const err = await loadTables(cutAfter(60), {
      file,
      keyspace: ks,
      checkpointFile: false,
      concurrency: 2,
      window: 20,
      ...fast,
      unavailableTimeoutMs: 50,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadInterruptedError);
    expect((err as Error).message).toMatch(
      /no checkpoint was kept \(checkpointFile: false\): loading again from the start is safe/,
    );
    expect((err as LoadInterruptedError).result.checkpointFile).toBeUndefined();
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('counts a bad row of the file as a failure with its line, without holding the checkpoint back', async () => {
    const file = await mergedFile(5, ['"A","B","F","x","L","1.0","free","T","9","S","3"']);
    const ks = await keyspace();
    const r = await loadTables(suite.client, { file, keyspace: ks });
    expect(r).toMatchObject({ rowsRead: 5, failedCount: 1, loaded: every(5) });
    expect(r.failures[0]).toMatchObject({ line: 7, table: '(file)' });
    expect(existsSync(checkpointPathFor(file))).toBe(false);
    expect(await countAll(ks)).toEqual(every(5));
  });
});

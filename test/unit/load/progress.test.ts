// progress: the tally a load keeps (failures capped at 100, transient errors by kind with a first sample),
// its progress and result, and the message of a load that stopped (with and without a checkpoint).
import { describe, expect, it } from 'vitest';
import { errors } from 'cassandra-driver';
import { interruptedMessage, LoadTally, TABLES, type Interruption } from '../../../lib/index';
import { ClusterHealth } from '../../../lib/load/retry';

describe('LoadTally', () => {
  it('counts every failure and keeps the first 100', () => {
    const t = new LoadTally(TABLES);
    for (let line = 2; line < 152; line++) t.fail({ line, table: 'songs_by_session', message: 'x' });
    expect(t.failedCount).toBe(150);
    expect(t.failures).toHaveLength(100);
    expect(t.failures[99].line).toBe(101);
  });

  it('counts transient errors by kind and keeps the first message of each', () => {
    const t = new LoadTally(TABLES);
    t.transientError('unavailable', new errors.NoHostAvailableError({}));
    t.transientError('unavailable', new Error('second'));
    t.transientError('timedOut', new errors.ResponseError(0x1100, 'Operation timed out\nmore'));
    expect(t.transient).toEqual({ unavailable: 2, overloaded: 0, timedOut: 1, failure: 0 });
    expect(t.transientSamples).toEqual({
      unavailable: 'All host(s) tried for query failed. (every node the driver knows is down or unreachable)',
      timedOut: 'Operation timed out',
    });
  });

  it('makes the progress and the result', () => {
    const t = new LoadTally(TABLES);
    const h = new ClusterHealth();
    t.rowsRead = 5;
    t.loaded.songs_by_session = 4;
    t.requests = 3;
    h.troubled('x', 1000);
    expect(t.progress(h, 900, 40, 1500)).toEqual({
      rowsRead: 5,
      loaded: { songs_by_session: 4, songs_by_user_session: 0, listeners_by_song: 0 },
      failed: 0,
      retries: 0,
      bytesRead: 0,
      bytesTotal: 900,
      elapsedMs: 40,
      skipped: 0,
      transient: { unavailable: 0, overloaded: 0, timedOut: 0, failure: 0 },
      waitingMs: 500,
    });
    h.succeeded(1700);
    expect(t.result('f.csv', h, 77, { resumed: undefined, checkpointFile: undefined })).toEqual({
      file: 'f.csv',
      rowsRead: 5,
      loaded: t.loaded,
      failedCount: 0,
      failures: [],
      retries: 0,
      requests: 3,
      ms: 77,
      transient: t.transient,
      transientSamples: {},
      outages: 1,
      waitedMs: 700,
      resumed: undefined,
      checkpointFile: undefined,
    });
  });
});

describe('interruptedMessage', () => {
  const base: Interruption = {
    file: 'event_datafile_new.csv',
    stopReason: 'no Cassandra node accepted a write for 0.1 s',
    lastError: 'All host(s) tried for query failed.',
    loaded: { songs_by_session: 1500, songs_by_user_session: 1480, listeners_by_song: 1490 },
    rowsRead: 2000,
    lastLine: 2001,
    skipped: 0,
    resumeLine: 1402,
    tables: 3,
    checkpointFile: '/d/event_datafile_new.csv.load-checkpoint.json',
  };
  it.each<[string, Partial<Interruption>, (string | RegExp)[]]>([
    [
      'with a checkpoint',
      {},
      [
        /^Load of event_datafile_new\.csv stopped: no Cassandra node accepted a write for 0\.1 s \(last error: All host\(s\) tried for query failed\.\)\. /,
        'Rows written by this run before it stopped: songs_by_session 1,500, songs_by_user_session 1,480, listeners_by_song 1,490 (2,000 plays read, up to line 2,001). ',
        'Every play below line 1,402 is in all 3 tables; that point is saved in /d/event_datafile_new.csv.load-checkpoint.json. ',
        'When the node answers again, resume with `npm run sparkify -- load --file event_datafile_new.csv --resume` (or loadTables({ ..., resume: true })): those lines are skipped, the rest is loaded.',
      ],
    ],
    [
      'a resumed load says what it skipped',
      { skipped: 1200 },
      ['(2,000 plays read, up to line 2,001; 1,200 plays skipped as done by an earlier run). '],
    ],
    [
      'without a checkpoint',
      { checkpointFile: undefined },
      [
        /in all 3 tables; no checkpoint was kept \(checkpointFile: false\): loading again from the start is safe, inserts are upserts\.$/,
      ],
    ],
  ])('%s', (_what, change, parts) => {
    const message = interruptedMessage({ ...base, ...change });
    for (const p of parts) {
      if (typeof p === 'string') expect(message).toContain(p);
      else expect(message).toMatch(p);
    }
  });
});

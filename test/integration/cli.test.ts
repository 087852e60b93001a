// The command line as a user runs it: a real process, a real node, a fresh keyspace.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { primaryDataset, thousands } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';

const ROOT = join(__dirname, '..', '..');
const DATA = primaryDataset();
const E = DATA.expected;
let suite: Suite;
let tmp: string;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function sparkify(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'cli', 'sparkify.ts'), ...args], {
    cwd: tmp,
    env: { ...process.env, SPARKIFY_KEYSPACE: suite.keyspace, ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-cli-'));
  suite = await openSuite('cli');
});
afterAll(async () => {
  await closeSuite(suite);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('sparkify run', () => {
  it(`runs the whole job on ${DATA.label} and prints the three answers as tables`, () => {
    const r = sparkify(['run', '--no-start', '--data', DATA.dir, '--out', join(tmp, 'merged.csv')]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const m = E.merge;
    expect(r.out).toContain(
      `rows read ${thousands(m.rowsRead)} = page views ${thousands(m.pageViews)} + plays kept ${thousands(m.plays)} + skipped 0; rows written ${thousands(m.plays)}`,
    );
    expect(r.out).toContain(`songs_by_session: ${thousands(m.plays)} rows written`);
    // Every cell of every answer, in a row of the printed table (cells padded, separated by │).
    const printedRow = (cells: (string | number)[]) => new RegExp(`│ ${cells.map((c) => escape(String(c))).join('\\s+│ ')}\\s+│`);
    for (const row of [...E.q1, ...E.q2]) expect(r.out).toMatch(printedRow(row));
    for (const [, first, last] of E.q3) expect(r.out).toMatch(printedRow([first, last]));
  });

  it('runs on the project\'s own event_data by default', () => {
    const r = sparkify(['run', '--no-start', '--data', join(ROOT, 'event_data'), '--out', join(tmp, 'own.csv')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Q1: artist, song and length/);
    expect(r.out).not.toContain('(no rows)');
  });

  it('loads with --batch-rows and refuses a batch size below 1', () => {
    const bad = sparkify(['load', '--no-start', '--file', join(tmp, 'own.csv'), '--batch-rows', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--batch-rows must be a whole number of at least 1/);
    const ok = sparkify(['load', '--no-start', '--file', join(tmp, 'own.csv'), '--batch-rows', '5', '-c', '8']);
    expect(ok.err).not.toMatch(/\n\s+at /);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/plays\/s, [\d,]+ requests/);
    expect(ok.out).toMatch(/songs_by_session: [\d,]+ rows written/);
  });

  it('fails with one clear paragraph and exit code 1 for a missing folder', () => {
    const r = sparkify(['merge', '--data', join(tmp, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\s*sparkify: .*nowhere: event folder does not exist\s*$/);
  });

  it('names the node and the wait when no node answers', () => {
    const r = sparkify(['load', '--no-start', '--file', join(tmp, 'own.csv')], { CASSANDRA_CONTACT_POINTS: '127.0.0.1', CASSANDRA_PORT: '9', SPARKIFY_CONNECT_WAIT_MS: '3000' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No Cassandra node answered at 127\.0\.0\.1:9 after waiting \d+\.\d s/);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('asks one question with typed parameters and rejects a bad one', () => {
    const ok = sparkify(['query', 'listeners', '--song', "x'); DROP TABLE listeners_by_song; --"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('(no rows)');
    const bad = sparkify(['query', 'song-in-session', '--session', 'abc', '--item', '4']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/session must be a whole number/);
  });
});

// The command line as a user runs it: a real process, a real node, a fresh keyspace.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSuite, openSuite, type Suite } from './support';

const ROOT = join(__dirname, '..', '..');
const DATA = process.env.SPARKIFY_EVENT_DATA;
let suite: Suite;
let tmp: string;

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
  it.skipIf(!DATA)('runs the whole job on the original files and prints the three answers as tables', () => {
    const r = sparkify(['run', '--no-start', '--data', DATA!, '--out', join(tmp, 'merged.csv')]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.out).toContain('rows read 8,056 = page views 1,236 + plays kept 6,820 + skipped 0; rows written 6,820');
    expect(r.out).toMatch(/songs_by_session: 6,820 rows written/);
    expect(r.out).toMatch(/│ Faithless\s+│ Music Matters \(Mark Knight Dub\)\s+│ 495\.3073 │/);
    expect(r.out).toMatch(/│ 3\s+│ Lonnie Gordon\s+│ Catch You Baby \(Steve Pitron & Max Sanna Radio Edit\)\s+│ Sylvie\s+│ Cruz\s+│/);
    for (const name of ['Jacqueline', 'Tegan', 'Sara']) expect(r.out).toContain(name);
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

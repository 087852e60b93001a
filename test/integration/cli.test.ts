// The command line as a user types it: a real process, a real node, a fresh keyspace. Every command of
// the README's table runs here with its defaults — from a working folder laid out like the project
// (its `event_data/` is the project's sample), so `run` with no options reads ./event_data and writes
// ./event_datafile_new.csv exactly as `npm start` does — and with the options the README names.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropKeyspaceCql, MERGED_FILE_NAME } from '../../lib/index';
import { datasets, SAMPLE, thousands, type Dataset } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';
import { defaultsEnv, PROJECT_DIR as ROOT, projectLikeFolder, sparkify as run } from '../support/cli';

const S = SAMPLE.expected;
let suite: Suite;
let work: string;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A row of a printed table: the cells padded and separated by │. */
const printedRow = (cells: (string | number)[]) =>
  new RegExp(`│ ${cells.map((c) => escape(String(c))).join('\\s+│ ')}\\s+│`);

function sparkify(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  return run(args, {
    cwd: options.cwd ?? work,
    env: defaultsEnv({ SPARKIFY_KEYSPACE: suite.keyspace, ...options.env }),
  });
}

function expectAnswers(out: string, e: Dataset['expected']): void {
  for (const row of [...e.q1, ...e.q2]) expect(out).toMatch(printedRow(row));
  for (const [, first, last] of e.q3) expect(out).toMatch(printedRow([first, last]));
}

/** A merged file of the sample in `work` (made by the command line itself), for the commands that read one. */
function mergedSample(name: string): string {
  const file = join(work, name);
  const r = sparkify(['merge', '-o', file]);
  expect(r.code, r.err).toBe(0);
  return file;
}

beforeAll(async () => {
  work = await projectLikeFolder('cli');
  suite = await openSuite('cli');
});
afterAll(async () => {
  await closeSuite(suite);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('sparkify run', () => {
  it('with no options (npm start): reads ./event_data, writes ./event_datafile_new.csv, prints the three answers', () => {
    const r = sparkify([]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const m = S.merge;
    expect(r.out).toMatch(new RegExp(`Merged ${m.files} files from \\S*event_data into \\S*${MERGED_FILE_NAME}`));
    expect(r.out).toContain(
      `rows read ${thousands(m.rowsRead)} = page views ${thousands(m.pageViews)} + plays kept ${thousands(m.plays)} + skipped 0; rows written ${thousands(m.plays)}`,
    );
    for (const table of ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'])
      expect(r.out).toContain(`${table}: ${thousands(m.plays)} rows written`);
    expect(r.out).toContain('Q1: artist, song and length for sessionId = 338, itemInSession = 4');
    expectAnswers(r.out, S);
    expect(readFileSync(join(work, MERGED_FILE_NAME), 'utf8').split('\n')[0]).toBe(
      '"artist","firstName","gender","itemInSession","lastName","length","level","location","sessionId","song","userId"',
    );
  });

  it.each(datasets().map((d) => [d.label, d] as const))('with --data and --out on %s', (_, d) => {
    const r = sparkify(['run', '--no-start', '--data', d.dir, '--out', join(work, `${d.id}.csv`)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`plays kept ${thousands(d.expected.merge.plays)}`);
    expectAnswers(r.out, d.expected);
  });

  it('--dry-run merges and reports without touching Cassandra (an unreachable node does not matter)', () => {
    const r = sparkify(['run', '--dry-run', '--out', join(work, 'dry.csv')], {
      env: { CASSANDRA_CONTACT_POINTS: '127.0.0.1', CASSANDRA_PORT: '9' },
    });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`plays kept ${thousands(S.merge.plays)}`);
    expect(r.out).toMatch(/Dry run: nothing sent to Cassandra/);
    expect(r.out).not.toContain('Loaded');
  });

  it('with --batch-rows and -c (one INSERT per row and table, 4 in flight) gives the same answers', () => {
    const r = sparkify(['run', '--no-start', '--batch-rows', '1', '-c', '4', '--out', join(work, 'single-rows.csv')]);
    expect(r.code, r.err).toBe(0);
    for (const table of ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'])
      expect(r.out).toContain(`${table}: ${thousands(S.merge.plays)} rows written`);
    expectAnswers(r.out, S);
  });

  it('--resume with no checkpoint runs from the start', () => {
    const r = sparkify(['run', '--no-start', '--resume', '--out', join(work, 'fresh.csv')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /No checkpoint of an interrupted load of .*fresh\.csv into t_cli_\w+: running from the start\./,
    );
    expectAnswers(r.out, S);
  });
});

describe('sparkify load', () => {
  it('loads with --batch-rows and -c, and refuses a batch size below 1', () => {
    const file = mergedSample('for-load.csv');
    const bad = sparkify(['load', '--no-start', '--file', file, '--batch-rows', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--batch-rows must be a whole number of at least 1/);
    const ok = sparkify(['load', '--no-start', '--file', file, '--batch-rows', '5', '-c', '8']);
    expect(ok.err).not.toMatch(/\n\s+at /);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/plays\/s, [\d,]+ requests/);
    expect(ok.out).toContain(`songs_by_session: ${thousands(S.merge.plays)} rows written`);
  });

  it('keeps a checkpoint when a row fails for good, and --resume skips every play below it (run and load)', () => {
    const file = mergedSample('one-bad-row.csv');
    // A song title longer than a partition key may be (65,535 bytes): listeners_by_song refuses that row.
    appendFileSync(file, `Some Artist,Ann,F,0,Lee,100.5,free,"Here, There",987654,${'x'.repeat(70_000)},4242\n`);
    const lastLine = S.merge.plays + 2;
    const first = sparkify(['load', '--no-start', '-f', file]);
    expect(first.code).toBe(1);
    expect(first.out).toContain('FAILED: 1 rows');
    expect(first.out).toMatch(new RegExp(`line ${lastLine} \\(listeners_by_song\\): .*[Kk]ey`));
    expect(first.out).toMatch(/checkpoint kept in .*one-bad-row\.csv\.load-checkpoint\.json/);
    const resumedLine = `resumed: ${thousands(S.merge.plays)} plays below line ${thousands(lastLine)} were already in every table (skipped)`;
    const load = sparkify(['load', '--no-start', '-f', file, '--resume']);
    expect(load.out).toContain(resumedLine);
    expect(load.out).toContain('FAILED: 1 rows');
    const run = sparkify(['run', '--no-start', '--resume', '--out', file]);
    expect(run.out).toMatch(
      new RegExp(
        `Resuming the interrupted load of .*one-bad-row\\.csv from line ${thousands(lastLine)} \\(${thousands(S.merge.plays)} plays done\\); merge skipped\\.`,
      ),
    );
    expect(run.out).toContain(resumedLine);
    expectAnswers(run.out, S);
    expect(run.code).toBe(1);
  });

  it('names the node and the wait when no node answers', () => {
    const env = { CASSANDRA_CONTACT_POINTS: '127.0.0.1', CASSANDRA_PORT: '9', SPARKIFY_CONNECT_WAIT_MS: '3000' };
    const r = sparkify(['load', '--no-start', '--file', join(work, 'whatever.csv')], { env });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No Cassandra node answered at 127\.0\.0\.1:9 after waiting \d+\.\d s/);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('sparkify merge', () => {
  it('with no options writes ./event_datafile_new.csv from ./event_data', async () => {
    const dir = await projectLikeFolder('cli-merge');
    try {
      const r = sparkify(['merge'], { cwd: dir });
      expect(r.code, r.err).toBe(0);
      expect(readFileSync(join(dir, MERGED_FILE_NAME), 'utf8').trimEnd().split('\n')).toHaveLength(S.merge.plays + 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('-d DIR -o FILE: merges that folder into that file, with the report of every row', () => {
    const file = join(work, 'short-flags.csv');
    const r = sparkify(['merge', '-d', SAMPLE.dir, '-o', file]);
    expect(r.code, r.err).toBe(0);
    const m = S.merge;
    expect(r.out).toContain(
      `rows read ${thousands(m.rowsRead)} = page views ${thousands(m.pageViews)} + plays kept ${thousands(m.plays)} + skipped 0; rows written ${thousands(m.plays)}`,
    );
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(m.plays + 1);
  });

  it('fails with one clear paragraph and exit code 1 for a missing folder', () => {
    const r = sparkify(['merge', '--data', join(work, 'nowhere')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^\s*sparkify: .*nowhere: event folder does not exist\s*$/);
  });
});

describe('sparkify query', () => {
  // Its own tables, loaded by the command line: the answers do not depend on the tests above.
  beforeAll(() => {
    const r = sparkify(['load', '--no-start', '-f', mergedSample('for-query.csv')]);
    expect(r.code, r.err).toBe(0);
  });

  it.each([
    ['song-in-session -s 338 -i 4', ['query', 'song-in-session', '-s', '338', '-i', '4'], () => S.q1],
    ['playlist -u 10 -s 182', ['query', 'playlist', '-u', '10', '-s', '182'], () => S.q2],
    [
      'listeners --song "All Hands Against His Own"',
      ['query', 'listeners', '--song', 'All Hands Against His Own'],
      () => S.q3,
    ],
  ])('%s prints the answer from the loaded tables', (_, args, rows) => {
    const r = sparkify(args);
    expect(r.code, r.err).toBe(0);
    for (const row of rows()) expect(r.out).toMatch(printedRow(row));
    // in the order Python gives them (question 2: by itemInSession): each row's line after the one before
    const at = rows().map((row) => r.out.search(printedRow(row)));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('binds what it is given and rejects a bad parameter', () => {
    const ok = sparkify(['query', 'listeners', '--song', "x'); DROP TABLE listeners_by_song; --"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('(no rows)');
    const bad = sparkify(['query', 'song-in-session', '--session', 'abc', '--item', '4']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/session must be a whole number/);
  });
});

describe('sparkify generate', () => {
  it('with no options rewrites ./event_data: the committed sample, byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sparkify-cli-gen-'));
    try {
      const r = sparkify(['generate'], { cwd: dir });
      expect(r.code, r.err).toBe(0);
      const names = readdirSync(join(ROOT, 'event_data'))
        .filter((n) => n.endsWith('.csv'))
        .sort();
      expect(readdirSync(join(dir, 'event_data')).sort()).toEqual(names);
      for (const n of names)
        expect(readFileSync(join(dir, 'event_data', n)).equals(readFileSync(join(ROOT, 'event_data', n))), n).toBe(
          true,
        );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--days --users --seed --out write that many files, and the same seed gives the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sparkify-cli-gen-'));
    try {
      const args = (out: string) => [
        'generate',
        '--days',
        '3',
        '--users',
        '40',
        '--seed',
        '7',
        '--out',
        join(dir, out),
      ];
      expect(sparkify(args('a')).code).toBe(0);
      expect(sparkify(args('b')).code).toBe(0);
      const files = readdirSync(join(dir, 'a')).sort();
      expect(files).toHaveLength(3);
      for (const f of files)
        expect(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), f).toBe(true);
      // another seed, other bytes; --users bounds the ordinary ids (1..40; the generator adds a few big ids)
      expect(sparkify([...args('s8').slice(0, 6), '8', '--out', join(dir, 's8')]).code).toBe(0);
      expect(readFileSync(join(dir, 's8', files[0])).equals(readFileSync(join(dir, 'a', files[0])))).toBe(false);
      const ids = new Set(
        files.flatMap((f) =>
          (Papa.parse<Record<string, string>>(readFileSync(join(dir, 'a', f), 'utf8'), { header: true }).data ?? [])
            .map((r) => Number(r.userId))
            .filter((id) => id > 0 && id < 1000),
        ),
      );
      expect(Math.max(...ids)).toBeLessThanOrEqual(40);
      expect(ids.size).toBeGreaterThan(20);
      const bad = sparkify(['generate', '--days', '0', '--out', join(dir, 'c')]);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toMatch(/--days/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sparkify teach', () => {
  it('diagrams --out writes one SVG per table plus model.svg and workflow.svg', () => {
    const out = join(work, 'diagrams');
    const r = sparkify(['teach', 'diagrams', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const svgs = readdirSync(out)
      .filter((n) => n.endsWith('.svg'))
      .sort();
    expect(svgs).toEqual([
      'listeners_by_song.svg',
      'model.svg',
      'songs_by_session.svg',
      'songs_by_user_session.svg',
      'workflow.svg',
    ]);
    for (const n of svgs)
      expect(readFileSync(join(out, n), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('check: every exercise question served by its own table, question 4 by none, with the table it proposes', () => {
    const r = sparkify(['teach', 'check']);
    expect(r.code, r.err).toBe(0);
    const block = (q: string) => r.out.split(/\n(?=Q\d: )/).find((b) => b.startsWith(`${q}: `)) ?? '';
    expect(block('Q1')).toMatch(/^ {2}SERVED {5}by songs_by_session$/m);
    expect(block('Q2')).toMatch(/^ {2}SERVED {5}by songs_by_user_session$/m);
    expect(block('Q3')).toMatch(/^ {2}SERVED {5}by listeners_by_song$/m);
    expect(block('Q3')).toMatch(/not served by songs_by_user_session \(Cassandra would ask for ALLOW FILTERING\)/);
    expect(block('Q4')).not.toMatch(/SERVED/);
    expect(block('Q4')).toMatch(
      /no table serves Q4; the minimal table for it:\s+CREATE TABLE IF NOT EXISTS \w+\.songs_by_user \(/,
    );
    expect(block('Q4')).toMatch(
      /PRIMARY KEY \(user_id, session_id, item_in_session\)\s+\) WITH CLUSTERING ORDER BY \(session_id DESC, item_in_session ASC\)/,
    );
  });

  it('partitions reads ./event_datafile_new.csv by default: partitions, rows and the largest of each table', async () => {
    const dir = await projectLikeFolder('cli-parts');
    try {
      expect(sparkify(['merge'], { cwd: dir }).code).toBe(0);
      const r = sparkify(['teach', 'partitions'], { cwd: dir });
      expect(r.code, r.err).toBe(0);
      for (const [table, p] of Object.entries(S.partitions).filter(([t]) => t !== 'songs_by_user')) {
        expect(r.out).toContain(`${table} (partition key `);
        expect(r.out).toMatch(
          new RegExp(
            `${table} \\(partition key [^)]*\\): ${thousands(p.partitions)} partitions, ${thousands(p.rows)} rows from ${thousands(S.merge.plays)} plays`,
          ),
        );
        expect(r.out).toContain(`rows per partition: min ${p.min}, median ${p.median}, p99 ${p.p99}, max ${p.max}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sparkify verify', () => {
  // A keyspace of its own: earlier tests load other files (the originals, a row that failed) into the
  // suite's keyspace, and verify rightly reports their rows as unexpected.
  const verifyEnv = () => ({ env: { SPARKIFY_KEYSPACE: `${suite.keyspace}_verify` } });
  afterAll(async () => {
    await suite?.client.execute(dropKeyspaceCql(`${suite.keyspace}_verify`));
  });

  it('with no options after `npm start`: the three tables hold exactly what ./event_datafile_new.csv holds', () => {
    const started = sparkify([], verifyEnv());
    expect(started.code, started.err).toBe(0);
    const r = sparkify(['verify'], verifyEnv());
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      `3 tables hold exactly what ${join(work, MERGED_FILE_NAME)} holds (${thousands(S.merge.plays)} plays`,
    );
    for (const table of ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'] as const) {
      const n = thousands(S.tableRows[table]);
      expect(r.out).toMatch(printedRow([table, n, n, 0, 0, 0, 0, '✓']));
    }
  });
  it('--tables names an unknown table: an error listing the tables, exit 1', () => {
    const r = sparkify(['verify', '--tables', 'songs_by_sesion', '--no-start']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '--tables: no table songs_by_sesion (the tables: songs_by_session, songs_by_user_session, listeners_by_song)',
    );
  });
});

describe('sparkify <command> --help (the README sends the reader there)', () => {
  it.each([
    ['merge', ['--data', '--out', '--repair-encoding']],
    ['load', ['--file', '--concurrency', '--batch-rows', '--no-start', '--resume']],
    ['run', ['--data', '--out', '--concurrency', '--batch-rows', '--no-start', '--dry-run', '--resume']],
    ['generate', ['--days', '--users', '--seed', '--out']],
    ['query', ['song-in-session', 'playlist', 'listeners']],
    ['teach', ['diagrams', 'check', 'partitions']],
    ['cassandra', ['install', 'start', 'stop', 'status']],
    ['grade', ['--question', '--json', '--data', '--file', '--no-start']],
    ['verify', ['--file', '--data', '--tables', '--concurrency', '--consistency', '--json', '--no-start']],
  ])('%s --help lists %j', (command, names) => {
    const r = sparkify([command, '--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: sparkify ${command} `));
    for (const name of names) expect(r.out).toMatch(new RegExp(`(^|[ ,])${escape(name)}\\b`, 'm'));
  });
});

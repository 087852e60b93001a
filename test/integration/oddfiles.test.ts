// Whatever is named like an event file, through the command line as a user types it (`sparkify merge -d
// DIR -o FILE`, a real process; no Cassandra needed, but making a FIFO takes `mkfifo` and a socket a
// listening server, which the unit project forbids): a gzipped copy of each dataset merges to the same
// bytes and report lines as the plain folder, with the figures expected.py computed; a folder holding a
// FIFO, a socket and other odd entries beside valid days merges the valid days and says why each odd
// entry is left out, without ever waiting on the FIFO.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventFile } from '../../lib/etl/eventinput';
import { EventFileLeftOut } from '../../lib/index';
import { datasets, SAMPLE, thousands } from '../support/datasets';
import { defaultsEnv, sparkify as run } from '../support/cli';

let work: string;
let server: Server | undefined;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sparkify-oddfiles-'));
});
afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  await rm(work, { recursive: true, force: true });
});

const sparkify = (args: string[]) => run(args, { cwd: work, env: defaultsEnv(), timeoutMs: 60_000 });
/** The report's lines without the folder, the output file and the time, which differ between two runs. */
const reportLines = (out: string) =>
  out
    .split('\n')
    .filter((l) => l.startsWith('  '))
    .map((l) => l.split(work).join('WORK'));

describe('sparkify merge -d DIR on gzip-compressed days', () => {
  it.each(datasets().map((d) => [d.label, d] as const))('%s gzipped: the same bytes and report', async (id, d) => {
    const gz = join(work, `gz-${d.id}`);
    await mkdir(gz);
    for (const name of (await readdir(d.dir)).filter((f) => f.endsWith('-events.csv')))
      await writeFile(join(gz, `${name}.gz`), gzipSync(await readFile(join(d.dir, name))));
    const plain = sparkify(['merge', '-d', d.dir, '-o', join(work, `plain-${d.id}.csv`)]);
    const zipped = sparkify(['merge', '-d', gz, '-o', join(work, `gz-${d.id}.csv`)]);
    expect(zipped.code, zipped.err).toBe(0);
    const m = d.expected.merge;
    expect(zipped.out).toMatch(new RegExp(`Merged ${m.files} files from \\S*gz-${d.id} into \\S*gz-${d.id}\\.csv`));
    expect(zipped.out).toContain(
      `rows read ${thousands(m.rowsRead)} = page views ${thousands(m.pageViews)} + plays kept ${thousands(m.plays)} + skipped 0; rows written ${thousands(m.plays)}`,
    );
    // The same lines once each daily file is named by its day alone (folder and .gz dropped), what was left
    // out of the folders aside (the originals' folder holds a .gitattributes).
    const same = (out: string) =>
      reportLines(out)
        .filter((l) => !l.startsWith('  left out'))
        .map((l) => l.replace(/\S*\/(\d{4}-\d{2}-\d{2}-events\.csv)(\.gz)?/g, '$1'));
    expect(same(zipped.out)).toEqual(same(plain.out));
    const [a, b] = await Promise.all([
      readFile(join(work, `plain-${d.id}.csv`)),
      readFile(join(work, `gz-${d.id}.csv`)),
    ]);
    expect(b.equals(a), id).toBe(true);
  });
});

describe('sparkify merge -d DIR on a folder of odd entries', () => {
  it('merges the valid days and names every odd entry with its reason; the FIFO is never opened', async () => {
    const dir = join(work, 'odd');
    await mkdir(dir);
    const day = (n: number) => `${SAMPLE.dir}/2019-11-0${n}-events.csv`;
    await writeFile(join(dir, '2019-11-01-events.csv'), await readFile(day(1)));
    await writeFile(join(dir, '2019-11-02-events.csv.gz'), gzipSync(await readFile(day(2))));
    const mk = spawnSync('mkfifo', [join(dir, '2019-11-03-events.csv')], { encoding: 'utf8' });
    expect(mk.status, mk.stderr).toBe(0);
    server = createServer();
    await new Promise<void>((done) => server!.listen(join(dir, '2019-11-04-events.csv'), done));
    await symlink('2019-11-05-events.csv', join(dir, '2019-11-05-events.csv'));
    await writeFile(join(dir, '2019-11-06-events.csv'), gzipSync(await readFile(day(6))));
    const gz = gzipSync(await readFile(day(7)));
    await writeFile(join(dir, '2019-11-07-events.csv.gz'), gz.subarray(0, gz.length >> 1));
    await writeFile(join(dir, 'notes\u001b[31m.txt'), 'x');

    const r = sparkify(['merge', '-d', dir, '-o', join(work, 'odd.csv')]);
    expect(r.code, r.err).toBe(0);
    const lines = reportLines(r.out);
    expect(r.out).toMatch(/Merged 2 files from \S+ into \S+odd\.csv/);
    expect(lines.filter((l) => l.startsWith('  left out'))).toEqual([
      '  left out 2019-11-03-events.csv: a FIFO (named pipe) named like an event file (not opened: reading a FIFO waits for a writer)',
      '  left out 2019-11-04-events.csv: a socket named like an event file',
      '  left out 2019-11-05-events.csv: a symbolic link that leads in circles (its links point back at each other)',
      '  left out 2019-11-06-events.csv: gzip-compressed data, not CSV text (name it .csv.gz to have it merged)',
      expect.stringMatching(
        /^ {2}left out 2019-11-07-events\.csv\.gz: a truncated gzip file \(it ends before its compressed data does\)(; none of its rows merged \(\d+ read before the damage\))?$/,
      ),
      '  left out "notes\\u001b[31m.txt": not named YYYY-MM-DD-events.csv or .csv.gz',
    ]);
    // A FIFO swapped in after the folder was listed: opened without blocking, then left out.
    const fifo = {
      path: join(dir, '2019-11-03-events.csv'),
      name: '2019-11-03-events.csv',
      date: '2019-11-03',
      bytes: 0,
    };
    const err = await openEventFile(fifo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventFileLeftOut);
    expect((err as EventFileLeftOut).reason).toBe('no longer a regular file (replaced after the folder was listed)');

    const alone = join(work, 'odd-valid');
    await mkdir(alone);
    await writeFile(join(alone, '2019-11-01-events.csv'), await readFile(day(1)));
    await writeFile(join(alone, '2019-11-02-events.csv'), await readFile(day(2)));
    expect(sparkify(['merge', '-d', alone, '-o', join(work, 'odd-valid.csv')]).code).toBe(0);
    expect((await readFile(join(work, 'odd.csv'))).equals(await readFile(join(work, 'odd-valid.csv')))).toBe(true);
  });
});

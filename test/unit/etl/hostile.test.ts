// Hostile and broken input: every case ends in a counted, reasoned skip or a clear error naming the
// file (and line), never a crash or a silent drop; and a seeded fuzz run over thousands of mangled files
// checks each against what its bytes alone say (the intact leading lines read as in the original, a broken
// header refused), and that the report always reconciles (rows read = page views + kept + skipped, kept =
// written) with the merged file papaparse reads back.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  CsvFileError,
  EVENT_COLUMNS,
  mergeEventFiles,
  PLAY_COLUMNS,
  seededRandom,
  type MergeReport,
} from '../../../lib/index';

const HEADER = EVENT_COLUMNS.join(',');
const PLAY =
  'Faithless,Logged In,Ava,F,0,Robinson,495.3073,free,"New Haven-Milford, CT",PUT,NextSong,1.54056E+12,338,Music Matters,200,1.54111E+12,50';
const VIEW = ',Logged In,Ava,F,1,Robinson,,free,"New Haven-Milford, CT",GET,Home,1.54056E+12,338,,200,1.54111E+12,50';
let tmp: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-hostile-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Writes the given entries (name → bytes, or null for a folder) into a new folder and merges it. */
async function mergeFolder(entries: Record<string, string | Buffer | null>): Promise<MergeReport> {
  const dir = join(tmp, `case-${n++}`);
  await mkdir(dir);
  for (const [name, body] of Object.entries(entries)) {
    if (body === null) await mkdir(join(dir, name));
    else await writeFile(join(dir, name), body);
  }
  return mergeEventFiles({ dir, out: join(dir, 'merged.csv') });
}

const F = '2018-11-01-events.csv';
const expectReconciled = (r: MergeReport) => {
  expect(r.rowsRead).toBe(r.pageViews + r.kept + r.skippedTotal);
  expect(r.written).toBe(r.kept);
};

describe('hostile input: counted skips', () => {
  it.each<[string, Record<string, string | Buffer | null>, Partial<MergeReport>]>([
    ['a header only', { [F]: `${HEADER}\n` }, { rowsRead: 0, written: 0 }],
    ['an empty file', { [F]: '' }, { rowsRead: 0, written: 0 }],
    [
      'a BOM and mixed LF / CRLF',
      { [F]: `\ufeff${HEADER}\r\n${PLAY}\n${VIEW}\r\n${PLAY}\n` },
      { rowsRead: 3, kept: 2, pageViews: 1 },
    ],
    [
      'too few and too many fields',
      { [F]: `${HEADER}\n${PLAY}\na,b,c\n${PLAY},x\n` },
      { kept: 1, skipped: { 'wrong number of fields': 2 } },
    ],
    [
      'non-numeric, negative and fractional ids',
      {
        [F]: `${HEADER}\n${PLAY.replace(',338,', ',x338,')}\n${PLAY.replace(',0,Robinson', ',-1,Robinson')}\n${PLAY.replace(/,50$/, ',50.5')}\n`,
      },
      { kept: 0, skippedTotal: 3 },
    ],
    [
      'an empty song with a non-empty artist',
      { [F]: `${HEADER}\n${PLAY.replace('Music Matters', '')}\n` },
      { kept: 0, skipped: { 'empty song': 1 } },
    ],
    [
      'bytes that are not UTF-8',
      {
        [F]: Buffer.concat([
          Buffer.from(`${HEADER}\n${PLAY}\n`),
          Buffer.from([0x46, 0xc3, 0x28, 0x2c]),
          Buffer.from(PLAY.slice(2) + '\n'),
        ]),
      },
      { kept: 1, skipped: { 'not valid UTF-8': 1 } },
    ],
    [
      'a 10 MB field',
      { [F]: `${HEADER}\n${PLAY.replace('Music Matters', 'x'.repeat(10 << 20))}\n${PLAY}\n` },
      { kept: 2 },
    ],
    ['a folder named like an event file', { [F]: `${HEADER}\n${PLAY}\n`, '2018-11-02-events.csv': null }, { kept: 1 }],
  ])('%s', async (_name, entries, expected) => {
    const r = await mergeFolder(entries);
    expect(r).toMatchObject(expected);
    expectReconciled(r);
  });

  it('lists what it left out of the folder, with the reason', async () => {
    const r = await mergeFolder({
      [F]: `${HEADER}\n${PLAY}\n`,
      '2018-11-02-events.csv': null,
      '.DS_Store': 'x',
      'notes.txt': 'x',
    });
    expect(r.ignored).toEqual([
      { name: '.DS_Store', reason: 'not named YYYY-MM-DD-events.csv or .csv.gz' },
      { name: '2018-11-02-events.csv', reason: 'a folder named like an event file' },
      { name: 'notes.txt', reason: 'not named YYYY-MM-DD-events.csv or .csv.gz' },
    ]);
  });

  it('keeps a 10 MB field whole', async () => {
    const big = 'é'.repeat(5 << 20);
    const r = await mergeFolder({ [F]: `${HEADER}\n${PLAY.replace('Music Matters', big)}\n` });
    expect((await readFile(r.output, 'utf8')).includes(big)).toBe(true);
  });
});

describe('hostile input: clear errors naming the file', () => {
  it.each<[string, Record<string, string | Buffer | null>, RegExp]>([
    [
      'no event files',
      { 'notes.txt': 'x' },
      /no event files \(named YYYY-MM-DD-events\.csv or \.csv\.gz\) in this folder/,
    ],
    ['a wrong header', { [F]: 'a,b,c\n' }, /2018-11-01-events\.csv, line 1: header is not the 17-column event header/],
    [
      'an unterminated quote at the end',
      { [F]: `${HEADER}\n${PLAY}\n${PLAY.replace('"New', 'New"').replace('CT"', '"CT')}\n"open,field\n` },
      /2018-11-01-events\.csv, line 4: a quoted field is never closed/,
    ],
  ])('%s', async (_name, entries, message) => {
    const err = await mergeFolder(entries).catch((e) => e);
    expect(err).toBeInstanceOf(CsvFileError);
    expect(err.message).toMatch(message);
  });

  it('a missing folder', async () => {
    await expect(mergeEventFiles({ dir: join(tmp, 'missing'), out: join(tmp, 'x.csv') })).rejects.toThrow(
      /missing: event folder does not exist/,
    );
  });

  it('never leaves a half-written merged file behind', async () => {
    const dir = join(tmp, 'half');
    await mkdir(dir);
    await writeFile(join(dir, '2018-11-01-events.csv'), `${HEADER}\n${PLAY}\n`);
    await writeFile(join(dir, '2018-11-02-events.csv'), 'wrong,header\n');
    const out = join(dir, 'merged.csv');
    await expect(mergeEventFiles({ dir, out })).rejects.toThrow(/2018-11-02-events\.csv, line 1/);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).filter((f) => f.includes('merged'))).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'a file that cannot be read (skipped when run as root, who can read anything)',
    async () => {
      const { chmod } = await import('node:fs/promises');
      const dir = join(tmp, 'noperm');
      await mkdir(dir);
      await writeFile(join(dir, F), `${HEADER}\n${PLAY}\n`);
      await chmod(join(dir, F), 0);
      await expect(mergeEventFiles({ dir, out: join(dir, 'm.csv') })).rejects.toThrow(
        /2018-11-01-events\.csv: cannot be read \(permission denied\)/,
      );
    },
  );
});

describe('fuzz: mangled files always reconcile', () => {
  // Seeded, so a failure names a seed that reproduces it.
  const rng = seededRandom;
  const pieces = [',', '"', '\n', '\r\n', '\r', '\ufeff', 'é', '\u0000', ' ', '-1', '1.5', 'x', '""', '\xff'];
  const BASE_LINES = [HEADER, PLAY, VIEW, PLAY, PLAY, VIEW];
  // PLAY as the merge writes it (written by hand from PLAY above: its 11 play columns, every field quoted).
  const PLAY_WRITTEN = [
    'Faithless',
    'Ava',
    'F',
    '0',
    'Robinson',
    '495.3073',
    'free',
    'New Haven-Milford, CT',
    '338',
    'Music Matters',
    '50',
  ];

  /**
   * What the mangled bytes alone say about the merge (no lib/ code): `intact` leading lines are byte for
   * byte the original's, so the merge must read them as it reads the original (the header accepted,
   * each play kept, each page view counted, no error before them); a first line that differs from the
   * header (a BOM and a CR before its LF aside) and holds no quote must be refused as a wrong header.
   */
  function oracle(bytes: Buffer): { intact: number; badHeader: boolean } {
    const lines = bytes.toString('latin1').split('\n');
    let intact = 0;
    while (intact < lines.length - 1 && intact < BASE_LINES.length && lines[intact] === BASE_LINES[intact]) intact++;
    const first = bytes
      .toString('utf8')
      .split('\n')[0]
      .replace(/^\ufeff/, '')
      .replace(/\r$/, '');
    return { intact, badHeader: !first.includes('"') && first !== HEADER };
  }

  it('2,000 seeded mangled files: intact lines read as in the original, a broken header refused, every report reconciled, every error naming file and line', async () => {
    const base = `${BASE_LINES.join('\n')}\n`;
    const seen = { errors: 0, merged: 0, badHeaders: 0, intactPlays: 0 };
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      const chars = [...base];
      const edits = 1 + Math.floor(r() * 6);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * chars.length);
        const op = r();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, pieces[Math.floor(r() * pieces.length)]);
        else chars[at] = pieces[Math.floor(r() * pieces.length)];
      }
      const bytes = Buffer.from(chars.join(''), 'utf8');
      if (r() < 0.1) bytes[Math.floor(r() * bytes.length)] = 0xff;
      const ctx = `seed ${seed}`;
      const { intact, badHeader } = oracle(bytes);
      const prefix = BASE_LINES.slice(1, intact);
      const playsBefore = prefix.filter((l) => l === PLAY).length;
      const viewsBefore = prefix.length - playsBefore;
      const outcome = await mergeFolder({ [F]: bytes }).then(
        (rep) => ({ rep }),
        (err: unknown) => ({ err }),
      );
      if ('err' in outcome) {
        const err = outcome.err;
        if (!(err instanceof CsvFileError)) throw new Error(`${ctx}: ${String(err)}`);
        seen.errors++;
        expect(err.message, ctx).toMatch(/2018-11-01-events\.csv, line \d+: /);
        expect(err.line, ctx).toBeGreaterThan(intact);
        if (badHeader) {
          seen.badHeaders++;
          expect(err.message, ctx).toMatch(/, line 1: header is not the 17-column event header/);
        }
      } else {
        const rep = outcome.rep;
        seen.merged++;
        expect(badHeader, `${ctx}: a broken header was accepted`).toBe(false);
        expect(rep.rowsRead, ctx).toBe(rep.pageViews + rep.kept + rep.skippedTotal);
        expect(rep.written, ctx).toBe(rep.kept);
        expect(rep.kept, ctx).toBeGreaterThanOrEqual(playsBefore);
        expect(rep.pageViews, ctx).toBeGreaterThanOrEqual(viewsBefore);
        // The merged file, read back by papaparse: the header, then one 11-field record per play written,
        // the plays of the intact lines first and exactly as PLAY.
        const records = Papa.parse<string[]>(await readFile(rep.output, 'utf8'), { newline: '\n' }).data.filter(
          (rec) => rec.length > 1 || rec[0] !== '',
        );
        expect(records, ctx).toHaveLength(rep.written + 1);
        expect(records[0], ctx).toEqual([...PLAY_COLUMNS]);
        for (const rec of records) expect(rec, ctx).toHaveLength(11);
        for (let i = 1; i <= playsBefore; i++) expect(records[i], ctx).toEqual(PLAY_WRITTEN);
        seen.intactPlays += playsBefore;
      }
      await rm(join(tmp, `case-${n - 1}`), { recursive: true, force: true });
    }
    // The seeds reach every case above (so that none of the checks is vacuous).
    expect(seen.errors).toBeGreaterThan(100);
    expect(seen.merged).toBeGreaterThan(100);
    expect(seen.badHeaders).toBeGreaterThan(50);
    expect(seen.intactPlays).toBeGreaterThan(500);
  }, 120_000);
});

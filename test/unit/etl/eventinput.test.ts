// eventinput (and files, merge): whatever is named like an event file. Gzip-compressed days merge to the
// same bytes and counts as the plain ones, at any read size; every odd entry (links that lead nowhere or
// in circles, compressed or binary data under a .csv name, a .gz that is not gzip, a truncated or
// corrupt gzip stream, a day twice) is left out with its reason while the valid files still merge, byte
// for byte as without it. FIFOs and sockets need a process or a socket to make: test/integration/oddfiles.
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentProblem, openEventFile } from '../../../lib/etl/eventinput';
import { CsvFileError, EVENT_COLUMNS, EventFileLeftOut, mergeEventFiles, type MergeReport } from '../../../lib/index';

const SAMPLE = join(__dirname, '..', '..', '..', 'event_data');
const HEADER = EVENT_COLUMNS.join(',');
const PLAY =
  'Faithless,Logged In,Ava,F,0,Robinson,495.3073,free,"New Haven-Milford, CT",PUT,NextSong,1.54056E+12,338,Music Matters,200,1.54111E+12,50';
const VALID = `${HEADER}\n${PLAY}\n${PLAY.replace(',0,Robinson', ',1,Robinson')}\n`;
/** A day big enough that its gzip stream, cut in half, has handed rows over before zlib finds the damage. */
const BIG = `${HEADER}\n${Array.from({ length: 600 }, (_, i) => PLAY.replace(',0,Robinson', `,${i},Robinson`)).join('\n')}\n`;
const A = '2018-11-01-events.csv';
const Z = '2018-11-03-events.csv';

let tmp: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-odd-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

type Entry = string | Buffer | { link: string } | null;

/** A new folder holding `entries` (name → bytes, a symbolic link, or null for a folder). */
async function folder(entries: Record<string, Entry>): Promise<string> {
  const dir = join(tmp, `case-${n++}`);
  await mkdir(dir);
  for (const [name, body] of Object.entries(entries)) {
    if (body === null) await mkdir(join(dir, name));
    else if (typeof body === 'object' && 'link' in body) await symlink(body.link, join(dir, name));
    else await writeFile(join(dir, name), body);
  }
  return dir;
}

/** Merges `dir` into a file of the temporary folder (never beside a folder of the project). */
async function merged(dir: string, chunkBytes?: number): Promise<{ report: MergeReport; bytes: Buffer }> {
  const out = join(tmp, `${dir.split('/').pop()}-${chunkBytes ?? 0}.csv`);
  const report = await mergeEventFiles({ dir, out, chunkBytes });
  return { report, bytes: await readFile(out) };
}

/** The report without what names the folder, the output or the time. */
const counts = ({ dir: _d, output: _o, ms: _m, ...rest }: MergeReport) => rest;

describe('gzip-compressed days', () => {
  let gzDir: string;
  beforeAll(async () => {
    gzDir = join(tmp, 'gz');
    await mkdir(gzDir);
    for (const name of await readdir(SAMPLE))
      await writeFile(join(gzDir, `${name}.gz`), gzipSync(await readFile(join(SAMPLE, name))));
  });

  it.each([undefined, 4096])('the sample gzipped merges to the same bytes and counts (read size %s)', async (chunk) => {
    const plain = await merged(SAMPLE, chunk);
    const gz = await merged(gzDir, chunk);
    expect(gz.bytes.equals(plain.bytes)).toBe(true);
    const strip = (r: MergeReport) => ({ ...counts(r), files: r.files.map(({ file: _f, bytes: _b, ...f }) => f) });
    expect(strip(gz.report)).toEqual(strip(plain.report));
    expect(gz.report.files.map((f) => f.file)).toEqual(plain.report.files.map((f) => `${f.file}.gz`));
    expect(gz.report.written).toBeGreaterThan(7000);
  });

  it.each([7, 64])('a gzipped day read %i bytes at a time merges to the same bytes and counts', async (chunk) => {
    const plain = await merged(await folder({ [A]: VALID, [Z]: BIG }), chunk);
    const gz = await merged(await folder({ [`${A}.gz`]: gzipSync(VALID), [`${Z}.gz`]: gzipSync(BIG) }), chunk);
    expect(gz.bytes.equals(plain.bytes)).toBe(true);
    expect(gz.report.kept).toBe(plain.report.kept);
    expect(gz.report.rowsRead).toBe(600 + 2);
  });

  it('a folder mixing .csv and .csv.gz days merges them in date order', async () => {
    const dir = await folder({ [A]: VALID, '2018-11-02-events.csv.gz': gzipSync(VALID), [Z]: VALID });
    const { report } = await merged(dir);
    expect(report.files.map((f) => f.file)).toEqual([A, '2018-11-02-events.csv.gz', Z]);
    expect(report.kept).toBe(6);
  });
});

/** Half of BIG's gzip stream, and BIG's gzip stream with its CRC (the 8 bytes before the length) flipped. */
const truncated = () => {
  const z = gzipSync(BIG);
  return z.subarray(0, z.length >> 1);
};
const badCrc = () => {
  const z = Buffer.from(gzipSync(VALID));
  z[z.length - 8] ^= 0xff;
  return z;
};
const random = (bytes: number) => Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 7919 + 13) % 256));

describe('odd entries named like an event file: left out with a reason, the valid files still merged', () => {
  const B = '2018-11-02-events.csv';
  it.each<[string, Record<string, Entry>, string, RegExp]>([
    [
      'a link that leads nowhere',
      { [B]: { link: 'gone.csv' } },
      B,
      /^a symbolic link that leads nowhere \(to "gone\.csv", which does not exist\)$/,
    ],
    ['a link that leads in circles', { [B]: { link: B } }, B, /^a symbolic link that leads in circles/],
    ['a link to a folder', { sub: null, [B]: { link: 'sub' } }, B, /^a symbolic link to a folder, not to a file$/],
    [
      'gzip data under a .csv name',
      { [B]: gzipSync(VALID) },
      B,
      /^gzip-compressed data, not CSV text \(name it \.csv\.gz to have it merged\)$/,
    ],
    [
      'zip data under a .csv name',
      { [B]: Buffer.concat([Buffer.from('PK\x03\x04'), random(100)]) },
      B,
      /^zip-compressed data, not CSV text$/,
    ],
    ['UTF-16 text', { [B]: Buffer.from(`\ufeff${VALID}`, 'utf16le') }, B, /^UTF-16 text, not UTF-8/],
    ['binary data', { [B]: random(20_000) }, B, /^binary data, not CSV text \(\d+ of its first \d+ characters are NUL/],
    [
      'NUL bytes only (a file zeroed by a crash)',
      { [B]: Buffer.alloc(5000) },
      B,
      /^binary data, not CSV text \(5000 of its first 5000/,
    ],
    [
      'a .gz that holds plain CSV',
      { [`${B}.gz`]: VALID },
      `${B}.gz`,
      /^not gzip data \(.*starts with the bytes 6172; if it is plain CSV, name it \.csv\)$/,
    ],
    ['an empty .gz', { [`${B}.gz`]: '' }, `${B}.gz`, /^not gzip data \(.*an empty file\)$/],
    [
      'a truncated .gz',
      { [`${B}.gz`]: truncated() },
      `${B}.gz`,
      /^a truncated gzip file .*; none of its rows merged \(\d+ read before the damage\)$/,
    ],
    [
      'a .gz with a wrong checksum',
      { [`${B}.gz`]: badCrc() },
      `${B}.gz`,
      /^a corrupt gzip file \(zlib: incorrect data check\)$/,
    ],
    [
      'gzip inside gzip',
      { [`${B}.gz`]: gzipSync(gzipSync(VALID)) },
      `${B}.gz`,
      /^gzip-compressed data inside the gzip file, not CSV text$/,
    ],
    [
      'the .csv.gz of a day whose .csv is there',
      { [B]: VALID, [`${B}.gz`]: gzipSync(VALID) },
      `${B}.gz`,
      /^the same day as 2018-11-02-events\.csv, which is merged instead/,
    ],
  ])('%s', async (_name, entries, leftOut, reason) => {
    const alone = await merged(await folder({ [A]: VALID, [Z]: BIG, ...onlyValid(entries) }));
    const { report, bytes } = await merged(await folder({ [A]: VALID, [Z]: BIG, ...entries }));
    const entry = report.ignored.find((e) => e.name === leftOut);
    expect(entry?.reason).toMatch(reason);
    expect(bytes.equals(alone.bytes)).toBe(true);
    expect({ ...counts(report), ignored: [] }).toEqual({ ...counts(alone.report), ignored: [] });
    expect(report.files.map((f) => f.file)).not.toContain(leftOut);
  });

  /** The entries a merge reads when the odd one is left out (the .csv of a twin pair). */
  function onlyValid(entries: Record<string, Entry>): Record<string, Entry> {
    return Object.fromEntries(Object.entries(entries).filter(([k, v]) => k === 'sub' || (k === B && v === VALID)));
  }

  it('a folder whose every event file is left out is an error naming the folder and the first ones', async () => {
    const dir = await folder({ [A]: gzipSync(VALID), [`${Z}.gz`]: VALID });
    const err = await merged(dir).catch((e) => e);
    expect(err).toBeInstanceOf(CsvFileError);
    expect(err.message).toBe(
      `${dir}: no event file could be merged; left out: ${A} (gzip-compressed data, not CSV text (name it .csv.gz to have it merged)); ` +
        `${Z}.gz (not gzip data (a .gz file starts with the bytes 1f8b; it starts with the bytes 6172; if it is plain CSV, name it .csv))`,
    );
    const out = `${dir.split('/').pop()}-0.csv`;
    expect((await readdir(tmp)).filter((f) => f.startsWith(out))).toEqual([]);
  });

  it('a link to a valid file is merged', async () => {
    const dir = await folder({ 'real.txt': VALID, [A]: { link: 'real.txt' } });
    const { report } = await merged(dir);
    expect(report.files.map((f) => f.file)).toEqual([A]);
    expect(report.kept).toBe(2);
  });

  it("a day's .csv that is no CSV text gives way to its .csv.gz, which is merged", async () => {
    const dir = await folder({ [A]: random(20_000), [`${A}.gz`]: gzipSync(VALID) });
    const { report } = await merged(dir);
    expect(report.files.map((f) => f.file)).toEqual([`${A}.gz`]);
    expect(report.ignored).toEqual([{ name: A, reason: expect.stringMatching(/^binary data/) }]);
    expect(report.kept).toBe(2);
  });

  it('a file that is no longer a regular file when it is opened is left out, not waited on', async () => {
    const dir = await folder({ [A]: null });
    const err = await openEventFile({ path: join(dir, A), name: A, date: '2018-11-01', bytes: 0 }).catch((e) => e);
    expect(err).toBeInstanceOf(EventFileLeftOut);
    expect(err.reason).toBe('no longer a regular file (replaced after the folder was listed)');
  });
});

describe('what the first bytes say (contentProblem)', () => {
  it.each<[string, Buffer, boolean, string | undefined]>([
    ['CSV text', Buffer.from(VALID), false, undefined],
    [
      'CSV text with a few NUL and invalid bytes (rows judged one by one)',
      Buffer.concat([Buffer.from(BIG), Buffer.from([0, 0xff, 0])]),
      false,
      undefined,
    ],
    ['bzip2', Buffer.from('BZh91AY&SY'), false, 'bzip2-compressed data, not CSV text'],
    ['xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1]), false, 'xz-compressed data, not CSV text'],
    ['zstd', Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1]), true, 'zstd-compressed data inside the gzip file, not CSV text'],
  ])('%s', (_name, head, gzip, problem) => {
    expect(contentProblem(head, gzip)).toBe(problem);
  });
});

describe('control characters and raw bytes in messages', () => {
  it('control characters kept in a field are counted per column, with the file and line of the first', async () => {
    const rows = [
      HEADER,
      PLAY.replace('Music Matters', 'Howlin\u0019 For You'),
      PLAY.replace('Faithless', 'Faith\u0000less').replace('Music Matters', 'Tab\there'),
      PLAY.replace('"New Haven-Milford, CT"', '"New\nHaven, CT"').replace('Music Matters', 'x\u007f'),
      PLAY.replace('Logged In', 'Logged\u0001In'),
    ];
    const dir = await folder({ [A]: `${rows.join('\n')}\n` });
    const { report } = await merged(dir);
    expect(report.kept).toBe(4);
    expect(report.quality.controlsTotal).toBe(5);
    const at = (line: number, chars: string[], excerpt: string) => ({ file: join(dir, A), line, chars, excerpt });
    expect(report.quality.controls).toEqual({
      song: { values: 3, ...at(2, ['U+0019'], 'Howlin\u0019 For You') },
      artist: { values: 1, ...at(3, ['U+0000'], 'Faith\u0000less') },
      location: { values: 1, ...at(4, ['U+000A'], 'New\nHaven, CT') },
    });
  });

  it('a wrong header with control characters and many columns: one line, escaped, clipped', async () => {
    const header = `\u001b[2J${'x'.repeat(100)},${Array.from({ length: 20 }, (_, i) => `c${i}`).join(',')}\u0007`;
    const dir = await folder({ [A]: `${header}\n${PLAY}\n` });
    const err = await merged(dir).catch((e) => e);
    expect(err).toBeInstanceOf(CsvFileError);
    // eslint-disable-next-line no-control-regex -- no control character may reach the message
    expect(err.message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(err.message).toContain(`unexpected "\\u001b[2J${'x'.repeat(36)}…", "c0", "c1", "c2", "c3" and 16 more`);
  });
});

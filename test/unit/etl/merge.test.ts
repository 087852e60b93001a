// merge: mergeEventFiles over the fixture folders — kept plays, counted page views, every skipped row
// with its reason and line, and the errors that leave the output untouched.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvFileError, mergeEventFiles, readPlays, type Play } from '../../../lib/index';

const FIX = join(__dirname, '..', '..', 'fixtures', 'events');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-merge-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const merge = (folder: string) => mergeEventFiles({ dir: join(FIX, folder), out: join(tmp, `${folder}.csv`) });
async function plays(file: string): Promise<Play[]> {
  const out: Play[] = [];
  for await (const b of readPlays(file)) out.push(...b.plays.map((p) => p.play));
  return out;
}

describe('mergeEventFiles on good files', () => {
  it.each(['plain', 'crlf-bom'])(
    '%s: keeps the 4 plays, counts the page view, writes every field quoted',
    async (folder) => {
      const r = await merge(folder);
      expect(r).toMatchObject({ rowsRead: 5, pageViews: 1, kept: 4, skippedTotal: 0, written: 4 });
      const text = await readFile(r.output, 'utf8');
      const lines = text.split('\n');
      expect(lines[0]).toBe(
        '"artist","firstName","gender","itemInSession","lastName","length","level","location","sessionId","song","userId"',
      );
      expect(lines[1]).toBe(
        '"Des\'ree","Kaylee","F","1","Summers","246.30812","free","Phoenix-Mesa-Scottsdale, AZ","139","You Gotta Be","8"',
      );
      expect(text).not.toContain('\r');
      expect(text).not.toContain('\ufeff');
    },
  );
  it('keeps quotes, commas, ampersands, UTF-8 and double-encoded text exactly', async () => {
    const got = await plays((await merge('crlf-bom')).output);
    expect(got.map((p) => p.song)).toEqual([
      'You Gotta Be',
      'Catch You Baby (Steve Pitron & Max Sanna Radio Edit)',
      'Halo, "Live"',
      'Repr\u00c3\u0083\u00c2\u00a9sente',
    ]);
    expect(got[2]).toMatchObject({
      artist: 'Beyoncé',
      firstName: 'Zoé',
      lastName: 'Müller',
      location: 'San José, CA',
      length: 201.5,
    });
    expect(got[1]).toMatchObject({ userId: 10, sessionId: 182, itemInSession: 3, length: 242.96444 });
  });
  it('reports double-encoded text per column, and repairs it only when asked', async () => {
    const kept = await merge('plain');
    expect(kept.quality).toMatchObject({ doubleEncoded: { song: 1 }, doubleEncodedTotal: 1, repaired: false });
    expect(kept.quality.examples[0]).toMatchObject({ line: 6, column: 'song', repaired: 'Représente', layers: 2 });
    expect(await readFile(kept.output, 'utf8')).toContain('Repr\u00c3\u0083\u00c2\u00a9sente');
    const fixed = await mergeEventFiles({
      dir: join(FIX, 'plain'),
      out: join(tmp, 'repaired.csv'),
      repairEncoding: true,
    });
    expect((await plays(fixed.output)).map((p) => p.song)).toContain('Représente');
  });
  it('merges files in date order', async () => {
    expect((await plays((await merge('order')).output)).map((p) => p.song)).toEqual(['First', 'Second']);
  });
  it('reports an empty file and still merges the others', async () => {
    const r = await merge('empty-file');
    expect(r.files.map((f) => [f.file, f.kept, f.note])).toEqual([
      ['2019-11-05-events.csv', 0, 'empty file (no header): no rows'],
      ['2019-11-06-events.csv', 4, undefined],
    ]);
    expect(r.written).toBe(4);
  });
});

describe('mergeEventFiles on bad rows', () => {
  it('skips each bad row with its reason and line, keeps every valid one', async () => {
    const r = await merge('bad-rows');
    expect(r.skipped).toEqual({
      'wrong number of fields': 2,
      'itemInSession not a non-negative integer': 1,
      'sessionId not a non-negative integer': 1,
      'userId not a non-negative integer': 1,
      'length not a non-negative decimal number': 1,
      'empty song': 1,
      'blank line': 1,
    });
    expect(r.skippedExamples.map((s) => [s.line, s.reason])).toEqual([
      [3, 'wrong number of fields'],
      [4, 'itemInSession not a non-negative integer'],
      [5, 'sessionId not a non-negative integer'],
      [6, 'userId not a non-negative integer'],
      [7, 'length not a non-negative decimal number'],
      [8, 'empty song'],
      [9, 'blank line'],
      [10, 'wrong number of fields'],
    ]);
    expect(r.skippedExamples[0].detail).toBe('expected 17 fields, found 6');
    expect(r.skippedExamples[0].file).toMatch(/bad-rows\/2019-11-03-events\.csv$/);
    expect(r).toMatchObject({ rowsRead: 11, kept: 3, written: 3, skippedTotal: 8 });
    expect(r.rowsRead).toBe(r.pageViews + r.kept + r.skippedTotal);
    const got = await plays(r.output);
    expect(got.map((p) => p.song)).toEqual([
      'Music Matters (Mark Knight Dub)',
      'Insomnia\n(two-line title)',
      'After The Break',
    ]);
  });
  it('skips a row with bytes that are not UTF-8 and keeps the good row after it', async () => {
    const r = await merge('invalid-utf8');
    expect(r.skipped).toEqual({ 'not valid UTF-8': 1 });
    expect(r.skippedExamples[0].line).toBe(2);
    expect(r.written).toBe(1);
  });
});

describe('mergeEventFiles errors', () => {
  it('names the file and what differs in a wrong header, and writes no output', async () => {
    const out = join(tmp, 'wrong.csv');
    const err = await mergeEventFiles({ dir: join(FIX, 'wrong-header'), out }).catch((e) => e);
    expect(err).toBeInstanceOf(CsvFileError);
    expect(err.message).toMatch(
      /2019-11-04-events\.csv, line 1: header is not the 17-column event header \(missing "sessionId", "userId"; unexpected "session_id"\)/,
    );
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });
  it('names the file and line of an unterminated quote', async () => {
    await expect(merge('unterminated')).rejects.toThrow(
      /2019-11-11-events\.csv, line 3: a quoted field is never closed/,
    );
  });
  it('says a folder has no event files', async () => {
    await expect(mergeEventFiles({ dir: join(FIX), out: join(tmp, 'x.csv') })).rejects.toThrow(
      /no event files \(named YYYY-MM-DD-events\.csv or \.csv\.gz\)/,
    );
  });
});

// filemerge: one daily file's rows into the output — the header check, the fast path on bytes and the
// general way on strings writing the same bytes, skips counted with their reason, double-encoded text.
import { describe, expect, it } from 'vitest';
import { emptyPlainRecord, splitPlain } from '../../../lib/etl/csvscan';
import { FileMerge, mayBeDoubleEncoded } from '../../../lib/etl/filemerge';
import { OutputBuffer } from '../../../lib/etl/output';
import {
  addFileReport,
  CsvFileError,
  EVENT_COLUMNS,
  newMergeReport,
  QualityCheck,
  type EventFile,
} from '../../../lib/index';

const FILE: EventFile = {
  path: '/d/2019-11-01-events.csv',
  name: '2019-11-01-events.csv',
  date: '2019-11-01',
  bytes: 0,
};
const PLAY = [
  'Beyoncé',
  'Logged In',
  'Zoé',
  'F',
  '0',
  'Müller',
  '201.5',
  'free',
  'San José, CA',
  'PUT',
  'NextSong',
  '1',
  '7',
  'Halo',
  '200',
  '1',
  '3',
];
const MERGED = '"Beyoncé","Zoé","F","0","Müller","201.5","free","San José, CA","7","Halo","3"\n';

function setup(repair = false) {
  const quality = new QualityCheck(repair);
  const report = newMergeReport('/d', '/o.csv', [], quality.report);
  const output = new OutputBuffer();
  const merge = new FileMerge(FILE, addFileReport(report, FILE), { report, output, quality, maxExamples: 10 });
  return { merge, report, output, text: () => output.take().toString('utf8') };
}
/** A plain record of `fields` (joined with commas, fields with a comma quoted), as the scanner hands it over. */
function plain(fields: readonly string[]) {
  const buf = Buffer.from(fields.map((f) => (f.includes(',') ? `"${f}"` : f)).join(','));
  const rec = emptyPlainRecord();
  expect(splitPlain(buf, 0, buf.length, rec)).toBe(true);
  rec.buf = buf;
  return rec;
}

describe('FileMerge', () => {
  it('takes the first record as the header, dropping a BOM', () => {
    const { merge, report } = setup();
    merge.parsed([`\ufeff${EVENT_COLUMNS[0]}`, ...EVENT_COLUMNS.slice(1)], 1, false);
    expect(merge.headerSeen).toBe(true);
    expect(report.files[0].rowsRead).toBe(0);
  });
  it('names the file and line of a wrong header', () => {
    const { merge } = setup();
    expect(() => merge.plain(plain(['a', 'b']), 1)).toThrow(CsvFileError);
    expect(() => setup().merge.plain(plain(['a', 'b']), 1)).toThrow(
      /^\/d\/2019-11-01-events\.csv, line 1: header is not the 17-column event header/,
    );
  });
  it.each(['plain', 'parsed'] as const)('writes a play the same way on the %s path', (path) => {
    const { merge, report, text } = setup();
    merge.parsed([...EVENT_COLUMNS], 1, false);
    if (path === 'plain') merge.plain(plain(PLAY), 2);
    else merge.parsed([...PLAY], 2, false);
    expect(text()).toBe(MERGED);
    expect(report.files[0]).toMatchObject({ rowsRead: 1, kept: 1, pageViews: 0, skipped: 0 });
    expect(report.written).toBe(1);
  });
  it("takes a plain record the byte checks do not accept the general way, with classifyRow's reason", () => {
    const { merge, report, text } = setup();
    merge.parsed([...EVENT_COLUMNS], 1, false);
    merge.plain(plain(PLAY.map((f, i) => (i === 6 ? '1e3' : f))), 2); // classifyRow keeps it
    merge.plain(plain(PLAY.map((f, i) => (i === 12 ? 'x' : f))), 3); // classifyRow skips it
    merge.plain(plain(PLAY.map((f, i) => (i === 0 ? '' : f))), 4); // a page view on the fast path
    expect(text()).toBe(MERGED.replace('"201.5"', '"1e3"'));
    expect(report.files[0]).toMatchObject({ rowsRead: 3, kept: 1, pageViews: 1, skipped: 1 });
    expect(report.skippedExamples).toEqual([
      {
        file: FILE.path,
        line: 3,
        reason: 'sessionId not a non-negative integer',
        detail: 'sessionId is "x", expected a whole number 0…2147483647',
      },
    ]);
  });
  it('skips a record whose bytes are not UTF-8', () => {
    const { merge, report } = setup();
    merge.parsed([...EVENT_COLUMNS], 1, false);
    merge.parsed([...PLAY], 2, true);
    expect(report.skipped).toEqual({ 'not valid UTF-8': 1 });
    expect(report.written).toBe(0);
  });
  it.each([false, true])('checks double-encoded text on the fast path (repair: %s)', (repair) => {
    const { merge, report, text } = setup(repair);
    merge.parsed([...EVENT_COLUMNS], 1, false);
    merge.plain(plain(PLAY.map((f, i) => (i === 13 ? 'Repr\u00c3\u0083\u00c2\u00a9sente' : f))), 2);
    expect(report.quality).toMatchObject({ doubleEncoded: { song: 1 }, doubleEncodedTotal: 1 });
    expect(text()).toContain(repair ? '"Représente"' : '"Repr\u00c3\u0083\u00c2\u00a9sente"');
  });
});

describe('mayBeDoubleEncoded', () => {
  it.each([
    ['Repr\u00c3\u0083\u00c2\u00a9sente', true], // two layers: Ã, U+0083, Â, ©
    ['Caf\u00c3\u00a9', true], // one layer: Ã© (C3 83 C2 A9)
    ['Café', false], // a plain é (C3 A9) is not decoded
    ['Caf\u00c3', false], // Ã with nothing after it
    ['ReprÃƒÂ©sente', true], // cp1252 ƒ (C6 92)
    ['plain ascii', false],
  ])('%j → %s', (text, expected) => {
    const buf = Buffer.from(text);
    expect(mayBeDoubleEncoded(buf, 0, buf.length)).toBe(expected);
  });
});

// csvscan: the steps of scanCsvChunks — splitting a plain line on its bytes, where a parsed record ends,
// the record scanner's lines, BOM and waiting, and the bytes kept between reads.
import { describe, expect, it } from 'vitest';
import {
  emptyPlainRecord,
  MAX_PLAIN_FIELDS,
  parseRecordAt,
  PendingBytes,
  RecordScanner,
  recordEnd,
  splitPlain,
} from '../../../lib/etl/csvscan';
import { CsvFileError, plainFields, type CsvScanHandler } from '../../../lib/index';

describe('splitPlain', () => {
  it.each<[string, string[] | false]>([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a, b",,"c"', ['a, b', '', 'c']],
    ['', ['']],
    ['a,', ['a', '']],
    ['é,ü', ['é', 'ü']],
    ['"x""y"', false], // an escaped quote
    ['"open', false], // the quote is not closed on this line
    ['"a"b', false], // text after the closing quote
    ['a"b', false], // a quote inside an unquoted field
    ['a\rb', false], // a stray CR
    [Array(MAX_PLAIN_FIELDS).fill('x').join(','), Array(MAX_PLAIN_FIELDS).fill('x')],
    [
      Array(MAX_PLAIN_FIELDS + 1)
        .fill('x')
        .join(','),
      false,
    ],
  ])('%j → %j', (line, expected) => {
    const buf = Buffer.from(line);
    const rec = emptyPlainRecord();
    const ok = splitPlain(buf, 0, buf.length, rec);
    rec.buf = buf;
    expect(ok ? plainFields(rec) : false).toEqual(expected);
  });
  it('says whether every byte is ASCII', () => {
    const rec = emptyPlainRecord();
    for (const [line, ascii] of [
      ['a,b', true],
      ['a,é', false],
      ['"é",b', false],
    ] as const) {
      const buf = Buffer.from(line);
      splitPlain(buf, 0, buf.length, rec);
      expect(rec.ascii).toBe(ascii);
    }
  });
});

describe('parseRecordAt and recordEnd', () => {
  it('ends a record after the line breaks inside its fields', () => {
    const buf = Buffer.from('"a\nb",c\nnext\n');
    expect(parseRecordAt(buf, 0, false, 'f.csv', 1)).toEqual({
      fields: ['a\nb', 'c'],
      next: 8,
      newlines: 2,
      invalid: false,
    });
    expect(recordEnd(buf, 0, buf.length, ['a\nb', 'c'])).toEqual({ next: 8, newlines: 2 });
  });
  it('waits for more bytes when the buffer ends inside a quoted field, and names the line at the end of the file', () => {
    const buf = Buffer.from('"a\nb');
    expect(parseRecordAt(buf, 0, false, 'f.csv', 4)).toBeUndefined();
    expect(() => parseRecordAt(buf, 0, true, 'f.csv', 4)).toThrow(/^f\.csv, line 4: a quoted field is never closed/);
  });
  it('marks a record whose bytes are not UTF-8', () => {
    const buf = Buffer.concat([Buffer.from('a,'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(parseRecordAt(buf, 0, true, 'f.csv', 1)).toMatchObject({ fields: ['a', '\ufffd'], invalid: true });
  });
});

/** A handler that writes down every record as [kind, line, fields]. */
function recorder() {
  const seen: [string, number, string[]][] = [];
  const handler: CsvScanHandler = {
    plain: (r, line) => void seen.push(['plain', line, plainFields(r)]),
    parsed: (fields, line, invalid) => void seen.push([invalid ? 'invalid' : 'parsed', line, fields]),
  };
  return { seen, handler };
}

describe('RecordScanner', () => {
  it('hands over plain and parsed records with their physical lines, CRLF or LF', () => {
    const { seen, handler } = recorder();
    const scanner = new RecordScanner('f.csv', handler);
    const buf = Buffer.from('h1,h2\r\n"two\nlines",x\nlast,1');
    expect(scanner.step(buf, false)).toBe(buf.indexOf('last'));
    scanner.finish(buf.subarray(buf.indexOf('last')));
    expect(seen).toEqual([
      ['plain', 1, ['h1', 'h2']],
      ['parsed', 2, ['two\nlines', 'x']],
      ['plain', 4, ['last', '1']],
    ]);
    expect(scanner.line).toBe(4);
  });
  it('waits for three bytes before deciding on a BOM, then skips it', () => {
    const { seen, handler } = recorder();
    const scanner = new RecordScanner('f.csv', handler);
    const bytes = Buffer.from('\ufeffa,b\n');
    expect(scanner.step(bytes.subarray(0, 2), false)).toBe(0);
    expect(scanner.atStart).toBe(true);
    expect(scanner.step(bytes, false)).toBe(bytes.length);
    expect(seen).toEqual([['plain', 1, ['a', 'b']]]);
  });
  it('asks for twice the unfinished bytes before trying a record the full parser could not finish', () => {
    const { seen, handler } = recorder();
    const scanner = new RecordScanner('f.csv', handler);
    const buf = Buffer.from('a\n"open\nstill');
    expect(scanner.step(buf, false)).toBe(2);
    expect(scanner.slowWait).toBe(2 * (buf.length - 2));
    expect(seen).toEqual([['plain', 1, ['a']]]);
  });
  it('sees an empty file through (no records), and tells its own errors from read errors', () => {
    const { seen, handler } = recorder();
    const empty = new RecordScanner('f.csv', handler);
    empty.finish(Buffer.alloc(0));
    expect([seen, empty.atStart]).toEqual([[], false]);
    const boom = new Error('handler says no');
    const failing = new RecordScanner('f.csv', {
      plain: () => {
        throw boom;
      },
      parsed: () => undefined,
    });
    expect(() => failing.step(Buffer.from('abc\n'), false)).toThrow(boom);
    expect(failing.threw(boom)).toBe(true);
    expect(failing.threw(new CsvFileError('f.csv', undefined, 'x'))).toBe(false);
  });
});

describe('PendingBytes', () => {
  it('joins the reads since the last step and keeps only the unfinished rest', () => {
    const p = new PendingBytes();
    p.add(Buffer.from('ab'));
    const one = p.join();
    expect(one.toString()).toBe('ab');
    p.add(Buffer.from('cd'));
    const buf = p.join();
    expect([buf.toString(), p.length]).toEqual(['abcd', 4]);
    p.keepFrom(buf, 3);
    expect([p.join().toString(), p.length]).toEqual(['d', 1]);
    p.keepFrom(buf, 4);
    expect([p.join().length, p.length]).toEqual([0, 0]);
  });
});

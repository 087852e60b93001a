// csvscan: cutting a CSV byte stream into records, the steps of `scanCsvChunks` (csv.ts). Owns the
// record scanner (BOM, CRLF/LF, the physical line of every record), splitting a plain one-line record on
// its bytes, handing every other record to papaparse's own core parser, and the bytes read but not yet
// handed over. Each part holds its state as fields; csv.ts only drives them over the reads of a file.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import type { CsvScanHandler, PlainRecord } from './csv';
import { CsvFileError } from '../errors';

/** The most fields a record may have to come back as byte ranges; wider records are parsed as text. */
export const MAX_PLAIN_FIELDS = 64;

/** A PlainRecord with room for MAX_PLAIN_FIELDS fields, to be filled by `splitPlain`. */
export function emptyPlainRecord(): PlainRecord {
  return {
    buf: Buffer.alloc(0),
    count: 0,
    starts: new Int32Array(MAX_PLAIN_FIELDS),
    ends: new Int32Array(MAX_PLAIN_FIELDS),
    ascii: true,
    controls: false,
  };
}

/** Splits the line `buf[p, e)` into `rec` when it is plain; false when it needs the full parser. */
export function splitPlain(buf: Buffer, p: number, e: number, rec: PlainRecord): boolean {
  let n = 0;
  let ascii = true;
  let controls = false;
  let i = p;
  for (;;) {
    if (n === MAX_PLAIN_FIELDS) return false;
    if (i < e && buf[i] === 0x22) {
      const s = i + 1;
      let j = s;
      for (; j < e; j++) {
        const c = buf[j];
        if (c === 0x22) break;
        if (c >= 0x80) ascii = false;
        else if (c < 0x20 || c === 0x7f) {
          if (c === 0x0d) return false;
          controls = true;
        }
      }
      if (j >= e) return false; // the quote is not closed on this line
      rec.starts[n] = s;
      rec.ends[n] = j;
      n++;
      j++;
      if (j === e) break;
      if (buf[j] !== 0x2c) return false; // an escaped quote, or text after the closing quote
      i = j + 1;
    } else {
      let j = i;
      for (; j < e; j++) {
        const c = buf[j];
        if (c === 0x2c) break;
        if (c >= 0x80) ascii = false;
        else if (c === 0x22) return false;
        else if (c < 0x20 || c === 0x7f) {
          if (c === 0x0d) return false;
          controls = true;
        }
      }
      rec.starts[n] = i;
      rec.ends[n] = j;
      n++;
      if (j === e) break;
      i = j + 1;
    }
  }
  rec.count = n;
  rec.ascii = ascii;
  rec.controls = controls;
  return true;
}

/** A record papaparse parsed: its fields, where the next record starts, the line breaks it spans. */
export interface ParsedRecord {
  fields: string[];
  next: number;
  newlines: number;
  /** Its bytes are not UTF-8 (they show as U+FFFD in `fields`). */
  invalid: boolean;
}

/**
 * The record at `pos` through papaparse; undefined when the buffer ends inside it and more may come
 * (`last` false). At the end of the file a quote never closed is a CsvFileError naming `file` and `line`.
 */
export function parseRecordAt(
  buf: Buffer,
  pos: number,
  last: boolean,
  file: string,
  line: number,
): ParsedRecord | undefined {
  const first = buf.indexOf(0x0a, pos);
  let end = first === -1 ? buf.length : first + 1;
  for (;;) {
    const atEnd = end === buf.length;
    const fields = parseFirstRecord(buf.toString('utf8', pos, end), atEnd && last, file, line);
    if (fields) {
      const { next, newlines } = recordEnd(buf, pos, end, fields);
      return { fields, next, newlines, invalid: !isUtf8(buf.subarray(pos, next)) };
    }
    if (atEnd) return undefined;
    end = widerEnd(buf, pos, end);
  }
}

/** The first record of `text` as papaparse parses it; undefined when it may go on past the text (`final` false). */
function parseFirstRecord(text: string, final: boolean, file: string, line: number): string[] | undefined {
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  const parser = new Papa.Parser({ delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1 });
  const result = parser.parse(text, 0, !final);
  const rows = result.data as string[][];
  if (final && (result.errors as { code: string }[]).some((e) => e.code === 'MissingQuotes')) {
    throw new CsvFileError(
      file,
      line,
      'a quoted field is never closed (unterminated quote before the end of the file)',
    );
  }
  return rows.length > 0 ? rows[0] : undefined;
}

/** Where a record parsed from `buf[pos, end)` ends (never past `end`), and how many line breaks it spans. */
export function recordEnd(
  buf: Buffer,
  pos: number,
  end: number,
  fields: readonly string[],
): { next: number; newlines: number } {
  // The record ends after its own line break and those inside its fields (a CRLF is one '\n' byte too).
  let newlines = 1;
  for (const f of fields) if (f.includes('\n')) newlines += countOf(f, '\n');
  let next = pos;
  for (let k = 0; k < newlines; k++) {
    const at = buf.indexOf(0x0a, next);
    if (at === -1 || at >= end) {
      next = end;
      break;
    }
    next = at + 1;
  }
  return { next, newlines };
}

/** The next end to try for a record at `pos` that papaparse could not finish before `end`: twice as much, to a line end. */
function widerEnd(buf: Buffer, pos: number, end: number): number {
  const target = pos + 2 * (end - pos);
  const more = target >= buf.length ? -1 : buf.indexOf(0x0a, target);
  return more === -1 ? buf.length : more + 1;
}

function countOf(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Hands the records of a file's bytes to a handler, one buffer at a time (`step`), keeping the line
 * count, the BOM check and how long to wait before a record that needs the full parser is tried again.
 */
export class RecordScanner {
  /** The physical line (1-based) the next record starts on. */
  line = 1;
  /** No bytes looked at yet (a BOM may come). */
  atStart = true;
  /** Set when the last step stopped inside a record that needs the full parser: wait for this many bytes. */
  slowWait = 0;
  private readonly rec = emptyPlainRecord();
  /** An error thrown while handing over records (passed on as it is, not taken for a read error). */
  private ownError: unknown;

  constructor(
    private readonly file: string,
    private readonly handler: CsvScanHandler,
  ) {}

  /** Hands over every complete record of `buf` (all of it when `last`); returns where the unfinished rest starts. */
  step(buf: Buffer, last: boolean): number {
    try {
      return this.scan(buf, last);
    } catch (err) {
      this.ownError = err;
      throw err;
    }
  }

  /** The end of the file: hands over what is left in `rest` (or sees an empty file through). */
  finish(rest: Buffer): void {
    if (rest.length > 0 || this.atStart) this.step(rest, true);
  }

  /** Whether `err` came from `step` (a handler's error or a CsvFileError about the records). */
  threw(err: unknown): boolean {
    return err === this.ownError;
  }

  private scan(buf: Buffer, last: boolean): number {
    this.slowWait = 0;
    let pos = this.start(buf, last);
    if (pos < 0) return 0;
    this.rec.buf = buf;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1 && !last) break;
      if (this.plainLine(buf, pos, nl)) {
        if (nl === -1) return buf.length;
        pos = nl + 1;
        this.line++;
        continue;
      }
      const next = this.parsedRecord(buf, pos, last);
      if (next < 0) {
        this.slowWait = 2 * (buf.length - pos);
        break;
      }
      pos = next;
    }
    return pos;
  }

  /** Where the records of `buf` start: past a BOM at the start of the file; -1 to wait for more bytes. */
  private start(buf: Buffer, last: boolean): number {
    if (!this.atStart) return 0;
    if (buf.length < 3 && !last) return -1;
    this.atStart = false;
    return buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0; // BOM
  }

  /** Hands over the line at `pos` (ending at `nl`, or the buffer's end when -1) as a PlainRecord, when it is one. */
  private plainLine(buf: Buffer, pos: number, nl: number): boolean {
    let e = nl === -1 ? buf.length : nl;
    if (nl !== -1 && e > pos && buf[e - 1] === 0x0d) e--;
    const rec = this.rec;
    if (!splitPlain(buf, pos, e, rec) || !(rec.ascii || isUtf8(buf.subarray(pos, e)))) return false;
    this.handler.plain(rec, this.line);
    return true;
  }

  /** Hands over the record at `pos` as papaparse parses it; returns where the next starts, -1 when it is unfinished. */
  private parsedRecord(buf: Buffer, pos: number, last: boolean): number {
    const r = parseRecordAt(buf, pos, last, this.file, this.line);
    if (!r) return -1;
    this.handler.parsed(r.fields, this.line, r.invalid);
    this.line += r.newlines;
    return r.next;
  }
}

/** The bytes read but not yet handed over: the unfinished end of the last step plus the reads since. */
export class PendingBytes {
  private parts: Buffer[] = [];
  length = 0;

  add(chunk: Buffer): void {
    this.parts.push(chunk);
    this.length += chunk.length;
  }

  /** All pending bytes as one buffer (no copy when there is one part). */
  join(): Buffer {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.length);
  }

  /** Keeps `buf[pos..]` as the only pending bytes. */
  keepFrom(buf: Buffer, pos: number): void {
    this.parts = pos < buf.length ? [buf.subarray(pos)] : [];
    this.length = buf.length - pos;
  }
}

// csv: streaming CSV reading for every file the project touches. Owns the byte → text step (UTF-8
// check, BOM, CRLF/LF), cutting the stream into records, and the physical line of every record, so
// callers can name the file and line of a bad row while memory stays bounded by one read (plus the
// longest record), whatever the file's size. One scanner does it (`scanCsvChunks`): a record on one
// line whose fields are plain or simply quoted — nearly every row of an event file — is split on its
// bytes and handed over as byte ranges (no string per field unless the caller wants one); every other
// record (quotes inside fields, line breaks inside quotes, stray CRs, bytes that are not UTF-8) goes
// through papaparse's own core parser. `readCsv` gives the same records as strings, in batches.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { CsvFileError } from '../errors';

/** One parsed record: its fields and the physical line (1-based) it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A batch of consecutive records as parsed from one chunk of the file. */
export interface CsvBatch {
  records: CsvRecord[];
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
}

export interface CsvReadOptions {
  /** Bytes per read; also the rough batch size. */
  chunkBytes?: number;
  /** The longest a single record may grow before the file is declared broken (unterminated quote). */
  maxRecordChars?: number;
}

/** Text that stands for bytes that were not valid UTF-8 (U+FFFD, the replacement character). */
export const INVALID_UTF8_MARK = '\uFFFD';

function countOf(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Reads `file` as CSV in batches (one per read of the file). Fields are kept exactly as the file holds
 * them (no trimming, no type guessing). Records whose bytes are not UTF-8 come back with U+FFFD in place
 * of those bytes and their line in the batch's `invalidUtf8Lines`, so the caller can skip them with a reason.
 */
export async function* readCsv(
  file: string,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvBatch & { invalidUtf8Lines: Set<number> }> {
  let records: CsvRecord[] = [];
  let invalidUtf8Lines = new Set<number>();
  const handler: CsvScanHandler = {
    plain: (r, line) => void records.push({ fields: plainFields(r), line }),
    parsed: (fields, line, invalid) => {
      records.push({ fields, line });
      if (invalid) invalidUtf8Lines.add(line);
    },
  };
  for await (const bytesRead of scanCsvChunks(file, handler, options)) {
    if (!records.length) continue;
    const batch = { records, invalidUtf8Lines, bytesRead };
    records = [];
    invalidUtf8Lines = new Set();
    yield batch;
  }
}

function tooLong(file: string, line: number, max: number): CsvFileError {
  return new CsvFileError(
    file,
    line,
    `a record grows past ${Math.round(max / (1 << 20))} MB: a quoted field is probably never closed (unterminated quote)`,
  );
}

/** CSV text for rows with every field quoted (Python's csv.QUOTE_ALL, as the original merge wrote). */
export function quoteAllCsv(rows: readonly (readonly string[])[]): string {
  let out = '';
  for (const row of rows) out += row.map(quoteField).join(',') + '\n';
  return out;
}

/** The most fields a record may have to come back as byte ranges; wider records are parsed as text. */
const MAX_PLAIN_FIELDS = 64;

/**
 * A record on one physical line whose fields need no unescaping: each is either unquoted (no `"`,
 * no CR) or wholly quoted with no `"` inside. Its fields are byte ranges of `buf`, quotes excluded.
 * Valid only during the callback that receives it (the buffer is reused).
 */
export interface PlainRecord {
  buf: Buffer;
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Every byte is ASCII; otherwise the record is valid UTF-8 (else it would not be plain). */
  ascii: boolean;
}

export interface CsvScanHandler {
  /** A plain record (see PlainRecord) starting on physical line `line`. */
  plain(record: PlainRecord, line: number): void;
  /**
   * Any other record, parsed by papaparse from its text as `readCsv` would; `invalidUtf8` when its
   * bytes are not UTF-8 (they show as U+FFFD in `fields`).
   */
  parsed(fields: string[], line: number, invalidUtf8: boolean): void;
}

/** The fields of a plain record as strings. */
export function plainFields(r: PlainRecord): string[] {
  const out: string[] = new Array(r.count);
  for (let i = 0; i < r.count; i++) out[i] = r.buf.toString(r.ascii ? 'latin1' : 'utf8', r.starts[i], r.ends[i]);
  return out;
}

/** Splits the line `buf[p, e)` into `rec` when it is plain; false when it needs the full parser. */
function splitPlain(buf: Buffer, p: number, e: number, rec: PlainRecord): boolean {
  let n = 0;
  let ascii = true;
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
        else if (c === 0x0d) return false;
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
        else if (c === 0x22 || c === 0x0d) return false;
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
  return true;
}

/**
 * Reads `file` as CSV and hands every record to `handler` in order, with its physical line: plain
 * one-line records as byte ranges, all others parsed by papaparse (same fields as `readCsv`). After each
 * read's records it yields the bytes read so far, so the caller can pass on what the handler collected
 * (with back-pressure). Memory is bounded by one read plus the longest record. Throws CsvFileError naming
 * the file (and line) for an unreadable file, a quote never closed, or a record longer than
 * `maxRecordChars` bytes.
 */
export async function* scanCsvChunks(file: string, handler: CsvScanHandler, options: CsvReadOptions = {}): AsyncGenerator<number> {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const maxRecord = options.maxRecordChars ?? 64 << 20;
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  const rec: PlainRecord = {
    buf: Buffer.alloc(0), count: 0, starts: new Int32Array(MAX_PLAIN_FIELDS), ends: new Int32Array(MAX_PLAIN_FIELDS), ascii: true,
  };
  let line = 1;
  let atStart = true;
  /** Set when the last step stopped inside a record that needs the full parser: wait for this many bytes. */
  let slowWait = 0;

  /** The record at `pos` through papaparse; undefined when the buffer ends inside it and more may come. */
  const slowRecord = (buf: Buffer, pos: number, last: boolean) => {
    const first = buf.indexOf(0x0a, pos);
    let end = first === -1 ? buf.length : first + 1;
    for (;;) {
      const atEnd = end === buf.length;
      let text = buf.toString('utf8', pos, end);
      if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
      const parser = new Papa.Parser({ delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', preview: 1 });
      const result = parser.parse(text, 0, !(atEnd && last));
      const rows = result.data as string[][];
      if (atEnd && last && (result.errors as { code: string }[]).some((e) => e.code === 'MissingQuotes')) {
        throw new CsvFileError(file, line, 'a quoted field is never closed (unterminated quote before the end of the file)');
      }
      if (rows.length > 0) {
        const fields = rows[0];
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
        return { fields, next, newlines, invalid: !isUtf8(buf.subarray(pos, next)) };
      }
      if (atEnd) return undefined;
      const target = pos + 2 * (end - pos);
      const more = target >= buf.length ? -1 : buf.indexOf(0x0a, target);
      end = more === -1 ? buf.length : more + 1;
    }
  };

  /** Hands over every complete record of `buf`; returns where the unfinished rest starts. */
  const step = (buf: Buffer, last: boolean): number => {
    let pos = 0;
    slowWait = 0;
    if (atStart) {
      if (buf.length < 3 && !last) return 0;
      atStart = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3; // BOM
    }
    rec.buf = buf;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl === -1 && !last) break;
      let e = nl === -1 ? buf.length : nl;
      if (nl !== -1 && e > pos && buf[e - 1] === 0x0d) e--;
      if (splitPlain(buf, pos, e, rec) && (rec.ascii || isUtf8(buf.subarray(pos, e)))) {
        handler.plain(rec, line);
        if (nl === -1) return buf.length;
        pos = nl + 1;
        line++;
        continue;
      }
      const r = slowRecord(buf, pos, last);
      if (!r) {
        slowWait = 2 * (buf.length - pos);
        break;
      }
      handler.parsed(r.fields, line, r.invalid);
      pos = r.next;
      line += r.newlines;
    }
    return pos;
  };

  let parts: Buffer[] = [];
  let partsLength = 0;
  let bytesRead = 0;
  /** An error thrown by the handler (passed on as it is, not taken for a read error). */
  let ownError: unknown;
  const own = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      ownError = err;
      throw err;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      parts.push(chunk);
      partsLength += chunk.length;
      if (slowWait && partsLength < slowWait && partsLength <= maxRecord) continue;
      const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, partsLength);
      let pos = 0;
      own(() => {
        pos = step(buf, false);
      });
      parts = pos < buf.length ? [buf.subarray(pos)] : [];
      partsLength = buf.length - pos;
      if (partsLength > maxRecord) throw tooLong(file, line, maxRecord);
      yield bytesRead;
    }
    const rest = parts.length === 1 ? parts[0] : Buffer.concat(parts, partsLength);
    own(() => (partsLength > 0 || atStart ? step(rest, true) : undefined));
    yield bytesRead;
  } catch (err) {
    if (err === ownError || err instanceof CsvFileError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e && e.code === 'EACCES') throw new CsvFileError(file, undefined, 'cannot be read (permission denied)');
    if (e && e.code === 'EISDIR') throw new CsvFileError(file, undefined, 'is a directory, not a file');
    if (e && e.code === 'ENOENT') throw new CsvFileError(file, undefined, 'does not exist');
    throw new CsvFileError(file, undefined, `cannot be read: ${e && e.message ? e.message : String(err)}`);
  } finally {
    stream.destroy();
  }
}

/** One field as QUOTE_ALL writes it: always quoted, `"` doubled. */
export function quoteField(value: string): string {
  return `"${value.includes('"') ? value.replace(/"/g, '""') : value}"`;
}

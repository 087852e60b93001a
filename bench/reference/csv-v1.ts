// A frozen copy of lib/csv.ts as it was before the byte-level scanner (papaparse for every record):
// bench/equivalence.ts checks that lib/ still gives exactly what this gave.
// csv: streaming CSV reading for every file the project touches. Owns the byte → text step (strict
// UTF-8 check, BOM, CRLF/LF), cutting the stream at record boundaries with papaparse's own core
// parser, and physical line numbers for every record, so callers can name the file and line of a bad
// row while memory stays bounded by one chunk (plus one record), whatever the file's size.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

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

/** An error tied to a place in a file: the message always names the file, and the line when known. */
export class CsvFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}, line ${line}: ${problem}`);
    this.name = 'CsvFileError';
  }
}

/** Text that stands for bytes that were not valid UTF-8 (U+FFFD, the replacement character). */
export const INVALID_UTF8_MARK = '\uFFFD';

const REPLACEMENT_BYTES = Buffer.from(INVALID_UTF8_MARK, 'utf8');

function countOf(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

function countBytes(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Reads `file` as CSV in batches. Fields are kept exactly as the file holds them (no trimming, no type
 * guessing). Records whose text held bytes that are not UTF-8 come back with U+FFFD in place of those
 * bytes and their line in the batch's `invalidUtf8Lines`, so the caller can skip them with a reason.
 */
export async function* readCsv(
  file: string,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvBatch & { invalidUtf8Lines: Set<number> }> {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const maxRecordChars = options.maxRecordChars ?? 64 << 20;
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  const stream = createReadStream(file, { highWaterMark: chunkBytes });

  let pending = '';
  let pendingLine = 1; // physical line on which `pending` starts
  let heldCR = false; // a '\r' at the end of the previous chunk, not yet known to be part of CRLF
  let bytesRead = 0;
  let invalidBytesSeen = false;

  const parse = (text: string, last: boolean) => {
    const parser = new Papa.Parser({ delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"' });
    const result = parser.parse(text, 0, !last);
    const unterminated = (result.errors as { code: string }[]).some((e) => e.code === 'MissingQuotes');
    return { rows: result.data as string[][], cursor: result.meta.cursor as number, unterminated };
  };

  const toBatch = (rows: string[][], consumed: string) => {
    const records: CsvRecord[] = new Array(rows.length);
    const invalidUtf8Lines = new Set<number>();
    // Fast path: one '\n' per record means no field spans lines.
    const newlines = countOf(consumed, '\n');
    let line = pendingLine;
    const simple = newlines === rows.length || (newlines === rows.length - 1 && !consumed.endsWith('\n'));
    for (let i = 0; i < rows.length; i++) {
      const fields = rows[i];
      records[i] = { fields, line };
      if (invalidBytesSeen) {
        for (const f of fields) if (f.includes(INVALID_UTF8_MARK)) invalidUtf8Lines.add(line);
      }
      if (simple) line += 1;
      else {
        let inner = 0;
        for (const f of fields) if (f.includes('\n')) inner += countOf(f, '\n');
        line += 1 + inner;
      }
    }
    pendingLine += newlines;
    return { records, invalidUtf8Lines };
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      let text = decoder.decode(chunk, { stream: true });
      if (!invalidBytesSeen && text.includes(INVALID_UTF8_MARK)) {
        invalidBytesSeen = countOf(text, INVALID_UTF8_MARK) > countBytes(chunk, REPLACEMENT_BYTES);
      }
      if (heldCR) text = '\r' + text;
      heldCR = text.endsWith('\r');
      if (heldCR) text = text.slice(0, -1);
      if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
      pending += text;
      if (!pending.includes('\n')) {
        if (pending.length > maxRecordChars) throw tooLong(file, pendingLine, maxRecordChars);
        continue;
      }
      const { rows, cursor } = parse(pending, false);
      if (rows.length === 0) {
        if (pending.length > maxRecordChars) throw tooLong(file, pendingLine, maxRecordChars);
        continue;
      }
      const consumed = pending.slice(0, cursor);
      pending = pending.slice(cursor);
      const batch = toBatch(rows, consumed);
      yield { ...batch, bytesRead };
      if (pending.length > maxRecordChars) throw tooLong(file, pendingLine, maxRecordChars);
    }
    let tail = decoder.decode();
    if (heldCR) tail = '\r' + tail;
    pending += tail;
    if (pending.length > 0) {
      const { rows, unterminated } = parse(pending, true);
      // A file that ends with a newline leaves nothing here; one that does not leaves its last record.
      const usable = rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '' && pending.endsWith('\n')
        ? rows.slice(0, -1)
        : rows;
      if (unterminated) {
        throw new CsvFileError(file, pendingLine, 'a quoted field is never closed (unterminated quote before the end of the file)');
      }
      if (usable.length) yield { ...toBatch(usable, pending), bytesRead };
    }
  } catch (err) {
    if (err instanceof CsvFileError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e && e.code === 'EACCES') throw new CsvFileError(file, undefined, 'cannot be read (permission denied)');
    if (e && e.code === 'EISDIR') throw new CsvFileError(file, undefined, 'is a directory, not a file');
    if (e && e.code === 'ENOENT') throw new CsvFileError(file, undefined, 'does not exist');
    throw new CsvFileError(file, undefined, `cannot be read: ${e && e.message ? e.message : String(err)}`);
  } finally {
    stream.destroy();
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
  return rows.length ? Papa.unparse(rows as string[][], { quotes: true, newline: '\n', header: false }) + '\n' : '';
}

// csv: streaming CSV reading for every file the project touches. Owns the byte → text step (UTF-8
// check, BOM, CRLF/LF), cutting the stream into records, and the physical line of every record, so
// callers can name the file and line of a bad row while memory stays bounded by one read (plus the
// longest record), whatever the file's size. One scanner does it (`scanCsvChunks`, its steps in
// csvscan.ts): a record on one line whose fields are plain or simply quoted — nearly every row of an
// event file — is split on its bytes and handed over as byte ranges (no string per field unless the
// caller wants one); every other record (quotes inside fields, line breaks inside quotes, stray CRs,
// bytes that are not UTF-8) goes through papaparse's own core parser. `readCsv` gives the same records
// as strings, in batches.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { createReadStream } from 'node:fs';
import { PendingBytes, RecordScanner } from './csvscan';
import { CsvFileError, EventFileLeftOut } from '../errors';

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
  /** The file's bytes from elsewhere (decompressed, sniffed: etl/eventinput) instead of reading `file`. */
  input?: { chunks: AsyncIterable<Buffer>; bytesRead(): number };
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
  /** Some field holds a control byte (C0 other than CR, or DEL). */
  controls: boolean;
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

/**
 * Reads `file` as CSV and hands every record to `handler` in order, with its physical line: plain
 * one-line records as byte ranges, all others parsed by papaparse (same fields as `readCsv`). After each
 * read's records it yields the bytes read so far, so the caller can pass on what the handler collected
 * (with back-pressure). Memory is bounded by one read plus the longest record. Throws CsvFileError naming
 * the file (and line) for an unreadable file, a quote never closed, or a record longer than
 * `maxRecordChars` bytes.
 */
export async function* scanCsvChunks(
  file: string,
  handler: CsvScanHandler,
  options: CsvReadOptions = {},
): AsyncGenerator<number> {
  const maxRecord = options.maxRecordChars ?? 64 << 20;
  const stream = options.input ? undefined : createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  const chunks = options.input ? options.input.chunks : (stream as AsyncIterable<Buffer>);
  const scanner = new RecordScanner(file, handler);
  const pending = new PendingBytes();
  let bytesRead = 0;
  const position = () => (options.input ? options.input.bytesRead() : bytesRead);
  try {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      pending.add(chunk);
      if (scanner.slowWait && pending.length < scanner.slowWait && pending.length <= maxRecord) continue;
      const buf = pending.join();
      pending.keepFrom(buf, scanner.step(buf, false));
      if (pending.length > maxRecord) throw tooLong(file, scanner.line, maxRecord);
      yield position();
    }
    scanner.finish(pending.join());
    yield position();
  } catch (err) {
    const own = scanner.threw(err) || err instanceof CsvFileError || err instanceof EventFileLeftOut;
    throw own ? err : readFileError(file, err);
  } finally {
    stream?.destroy();
  }
}

/** A CsvFileError naming `file` for an error of reading it (permission, a folder, missing, other). */
export function readFileError(file: string, err: unknown): CsvFileError {
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'EACCES') return new CsvFileError(file, undefined, 'cannot be read (permission denied)');
  if (e && e.code === 'EISDIR') return new CsvFileError(file, undefined, 'is a directory, not a file');
  if (e && e.code === 'ENOENT') return new CsvFileError(file, undefined, 'does not exist');
  return new CsvFileError(file, undefined, `cannot be read: ${e && e.message ? e.message : String(err)}`);
}

/** One field as QUOTE_ALL writes it: always quoted, `"` doubled. */
export function quoteField(value: string): string {
  return `"${value.includes('"') ? value.replace(/"/g, '""') : value}"`;
}

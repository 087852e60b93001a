// events: the daily event files and the merged file. Owns finding `YYYY-MM-DD-events.csv` files,
// checking their header and every play row, the merge into `event_datafile_new.csv` (through a
// temporary file, renamed only when complete) with a report that counts every row, and reading the
// merged file back as typed plays. Streams everything: memory does not grow with the data.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { plainFields, quoteAllCsv, quoteField, scanCsvChunks, type CsvReadOptions, type PlainRecord } from './csv';
import { QualityCheck, type QualityReport } from './quality';
import { CsvFileError } from '../errors';

/** The 17 columns of a daily event file, in order. */
export const EVENT_COLUMNS = [
  'artist', 'auth', 'firstName', 'gender', 'itemInSession', 'lastName', 'length', 'level', 'location',
  'method', 'page', 'registration', 'sessionId', 'song', 'status', 'ts', 'userId',
] as const;

/** The 11 columns of the merged file, in order (the original exercise's projection). */
export const PLAY_COLUMNS = [
  'artist', 'firstName', 'gender', 'itemInSession', 'lastName', 'length', 'level', 'location',
  'sessionId', 'song', 'userId',
] as const;

export type PlayColumn = (typeof PLAY_COLUMNS)[number];

/** One song play: a kept row of the merged file, typed. */
export interface Play {
  artist: string;
  firstName: string;
  gender: string;
  itemInSession: number;
  lastName: string;
  length: number;
  level: string;
  location: string;
  sessionId: number;
  song: string;
  userId: number;
}

export interface EventFile {
  /** Absolute path. */
  path: string;
  name: string;
  /** `YYYY-MM-DD` from the name. */
  date: string;
  bytes: number;
}

export const EVENT_FILE_PATTERN = /^(\d{4}-\d{2}-\d{2})-events\.csv$/;

/** Why a row was skipped; the keys of `MergeReport.skipped`. */
export type SkipReason =
  | 'wrong number of fields'
  | 'blank line'
  | 'not valid UTF-8'
  | 'empty song'
  | 'itemInSession not a non-negative integer'
  | 'sessionId not a non-negative integer'
  | 'userId not a non-negative integer'
  | 'length not a non-negative decimal number';

export interface SkippedRow {
  file: string;
  line: number;
  reason: SkipReason;
  detail: string;
}

export interface FileReport {
  file: string;
  date: string;
  bytes: number;
  rowsRead: number;
  /** Rows with an empty artist: page views (Home, Logout, …), not plays. Not an error. */
  pageViews: number;
  kept: number;
  skipped: number;
  /** Set when the file is empty (no header at all); it contributes no rows. */
  note?: string;
}

export interface MergeReport {
  dir: string;
  output: string;
  files: FileReport[];
  /** Entries of the folder that were not merged, with the reason (other files, folders named like event files). */
  ignored: IgnoredEntry[];
  rowsRead: number;
  pageViews: number;
  kept: number;
  /** Skipped rows counted by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  skippedTotal: number;
  /** The first `maxExamples` skipped rows, with file and line. */
  skippedExamples: SkippedRow[];
  written: number;
  /** Values that look double-encoded, per column (repaired in the output only with `repairEncoding`). */
  quality: QualityReport;
  ms: number;
}

export interface MergeProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  rowsRead: number;
  kept: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface MergeOptions {
  /** Folder of daily files. */
  dir: string;
  /** The merged file to write. */
  out: string;
  onProgress?: (p: MergeProgress) => void;
  /** How many skipped rows to keep as examples (all are counted). Default 100. */
  maxExamples?: number;
  /** Repair text that looks double-encoded (off by default: the tables hold what the files hold). */
  repairEncoding?: boolean;
  /** Bytes per read of each daily file (default 1 MiB); small values test chunk boundaries. */
  chunkBytes?: number;
}

/** An entry of the event folder that is not merged, and why. */
export interface IgnoredEntry {
  name: string;
  reason: string;
}

/** The daily event files of `dir` in date order, and every other entry with the reason it is left out. */
export async function scanEventFolder(dir: string): Promise<{ files: EventFile[]; ignored: IgnoredEntry[] }> {
  const abs = resolve(dir);
  let names: string[];
  try {
    names = await readdir(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CsvFileError(abs, undefined, 'event folder does not exist');
    if (code === 'ENOTDIR') throw new CsvFileError(abs, undefined, 'is not a folder');
    if (code === 'EACCES') throw new CsvFileError(abs, undefined, 'event folder cannot be read (permission denied)');
    throw err;
  }
  const files: EventFile[] = [];
  const ignored: IgnoredEntry[] = [];
  for (const name of names.sort()) {
    const m = EVENT_FILE_PATTERN.exec(name);
    if (!m) {
      ignored.push({ name, reason: 'not named YYYY-MM-DD-events.csv' });
      continue;
    }
    const path = join(abs, name);
    const st = await stat(path);
    if (!st.isFile()) {
      ignored.push({ name, reason: st.isDirectory() ? 'a folder named like an event file' : 'not a regular file' });
      continue;
    }
    files.push({ path, name, date: m[1], bytes: st.size });
  }
  return { files, ignored };
}

/** Lists the daily event files of `dir` in date order. Other files and folders are left out. */
export async function findEventFiles(dir: string): Promise<EventFile[]> {
  return (await scanEventFolder(dir)).files;
}

/** Describes how `header` differs from the expected 17 columns, or returns undefined when it matches. */
export function headerProblem(header: readonly string[]): string | undefined {
  const expected: readonly string[] = EVENT_COLUMNS;
  if (header.length === expected.length && header.every((h, i) => h === expected[i])) return undefined;
  const missing = expected.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !expected.includes(c));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.map((c) => `"${c}"`).join(', ')}`);
  if (extra.length) parts.push(`unexpected ${extra.map((c) => `"${c}"`).join(', ')}`);
  if (!parts.length) {
    const i = header.findIndex((h, k) => h !== expected[k]);
    parts.push(`columns out of order: column ${i + 1} is "${header[i]}", expected "${expected[i]}"`);
  }
  return `header is not the 17-column event header (${parts.join('; ')}); expected: ${expected.join(',')}`;
}

const INT_RE = /^\d+$/;
const DECIMAL_RE = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;
const INT32_MAX = 2147483647;

const col = Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, i])) as Record<(typeof EVENT_COLUMNS)[number], number>;
const PROJECTION = PLAY_COLUMNS.map((c) => col[c]);
/** Text columns of the merged file checked for double-encoding: [index in the merged row, name]. */
const TEXT_COLUMNS = PLAY_COLUMNS.map((c, i) => [i, c] as const).filter(([, c]) =>
  ['artist', 'firstName', 'lastName', 'location', 'song'].includes(c),
);
/** The same by position: for each column of the merged row, its name when it is a text column checked. */
const TEXT_COLUMN_AT: (string | undefined)[] = PLAY_COLUMNS.map(() => undefined);
for (const [i, name] of TEXT_COLUMNS) TEXT_COLUMN_AT[i] = name;

function checkInt(value: string): boolean {
  return INT_RE.test(value) && Number(value) <= INT32_MAX;
}

/** Checks one data row of a daily file: 'page view', a skip reason with detail, or 'play'. */
export function classifyRow(fields: readonly string[]): 'play' | 'page view' | { reason: SkipReason; detail: string } {
  if (fields.length === 1 && fields[0] === '') return { reason: 'blank line', detail: 'the line is empty' };
  if (fields.length !== EVENT_COLUMNS.length) {
    return { reason: 'wrong number of fields', detail: `expected ${EVENT_COLUMNS.length} fields, found ${fields.length}` };
  }
  if (fields[col.artist] === '') return 'page view';
  if (fields[col.song] === '') return { reason: 'empty song', detail: `artist "${fields[col.artist]}" has no song title` };
  for (const name of ['itemInSession', 'sessionId', 'userId'] as const) {
    const v = fields[col[name]];
    if (!checkInt(v)) {
      return { reason: `${name} not a non-negative integer`, detail: `${name} is "${clip(v)}", expected a whole number 0…${INT32_MAX}` };
    }
  }
  const len = fields[col.length];
  if (!DECIMAL_RE.test(len) || !Number.isFinite(Number(len))) {
    return { reason: 'length not a non-negative decimal number', detail: `length is "${clip(len)}"` };
  }
  return 'play';
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The merged file's bytes, built up between two writes (fields are written quoted, as QUOTE_ALL does). */
class OutputBuffer {
  private buf = Buffer.allocUnsafe(1 << 20);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  /** `"bytes"` of a field that holds no quote, straight from the input buffer. */
  quotedBytes(src: Buffer, start: number, end: number): void {
    this.room(end - start + 2);
    const buf = this.buf;
    let n = this.length;
    buf[n++] = 0x22;
    // A loop beats Buffer#copy for fields this short (copy's own checks cost more than the bytes).
    if (end - start < 64) for (let i = start; i < end; i++) buf[n++] = src[i];
    else n += src.copy(buf, n, start, end);
    buf[n++] = 0x22;
    this.length = n;
  }

  text(s: string): void {
    this.room(Buffer.byteLength(s));
    this.length += this.buf.write(s, this.length);
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** The bytes so far (a fresh buffer takes over: the writer keeps this one until it is written). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.length = 0;
    return out;
  }
}

/** Whether `buf[s, e)` is a whole number the checks accept (digits only, at most INT32_MAX). */
function intBytes(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > 15) return false;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v <= INT32_MAX;
}

/** Whether `buf[s, e)` is a plain decimal (digits, optionally `.digits`): a length the checks accept. */
function decimalBytes(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > 300) return false;
  let i = s;
  while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) i++;
  if (i === s) return false;
  if (i === e) return true;
  if (buf[i] !== 0x2e || ++i === e) return false;
  while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) i++;
  return i === e;
}

/**
 * Whether a field's bytes may hold text that looks double-encoded (quality's SUSPECT pattern, in UTF-8):
 * a character Â…ô (C3 82…C3 B4) followed by one in U+0080…U+00BF (C2 xx) or one of the cp1252
 * characters (C5, C6, CB or E2 lead bytes). Only such fields are decoded and checked; a plain `é`
 * is not.
 */
function mayBeDoubleEncoded(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e - 2; i++) {
    if (buf[i] !== 0xc3) continue;
    const b = buf[i + 1];
    const c = buf[i + 2];
    if (b >= 0x82 && b <= 0xb4 && (c === 0xc2 || c === 0xc5 || c === 0xc6 || c === 0xcb || c === 0xe2)) return true;
  }
  return false;
}

/**
 * Merges the daily files of `dir` into one CSV of plays (header + 11 quoted columns), as the original
 * exercise did, checking every row. Throws a `CsvFileError` naming the file for a folder without event
 * files, a wrong header or an unreadable file; the output is then left untouched.
 *
 * Fast path: most rows are one line of plain or simply quoted fields (`scanCsvChunks`' plain records); a
 * valid play among them is checked on its bytes and copied to the output without becoming strings.
 * Any row the byte checks do not accept outright is decoded and judged by `classifyRow`, so every
 * verdict, reason and detail comes from one place.
 */
export async function mergeEventFiles(options: MergeOptions): Promise<MergeReport> {
  const started = Date.now();
  const maxExamples = options.maxExamples ?? 100;
  const quality = new QualityCheck(options.repairEncoding ?? false);
  const { files, ignored } = await scanEventFolder(options.dir);
  if (files.length === 0) {
    throw new CsvFileError(resolve(options.dir), undefined, 'no event files (named YYYY-MM-DD-events.csv) in this folder');
  }
  const out = resolve(options.out);
  const tmp = `${out}.partial-${process.pid}`;
  const report: MergeReport = {
    dir: resolve(options.dir), output: out, files: [], ignored, rowsRead: 0, pageViews: 0, kept: 0,
    skipped: {}, skippedTotal: 0, skippedExamples: [], written: 0, quality: quality.report, ms: 0,
  };
  const bytesTotal = files.reduce((s, f) => s + f.bytes, 0);
  let bytesBefore = 0;
  const writer = createWriteStream(tmp);
  let writeError: Error | undefined;
  writer.on('error', (err) => { writeError ??= err; });
  const output = new OutputBuffer();
  const flush = async () => {
    if (writeError) throw writeError;
    if (output.length === 0) return;
    if (!writer.write(output.take())) await once(writer, 'drain');
  };
  try {
    output.text(quoteAllCsv([PLAY_COLUMNS as unknown as string[]]));
    for (const [index, file] of files.entries()) {
      const fr: FileReport = { file: file.name, date: file.date, bytes: file.bytes, rowsRead: 0, pageViews: 0, kept: 0, skipped: 0 };
      report.files.push(fr);
      let headerSeen = false;
      const header = (fields: string[], line: number) => {
        headerSeen = true;
        if (fields.length > 0 && fields[0].charCodeAt(0) === 0xfeff) fields[0] = fields[0].slice(1);
        const problem = headerProblem(fields);
        if (problem) throw new CsvFileError(file.path, line, problem);
      };
      /** The general way for one data row: strings, classifyRow, the quality check on each text value. */
      const row = (fields: readonly string[], line: number, invalidUtf8: boolean) => {
        const verdict = invalidUtf8
          ? { reason: 'not valid UTF-8' as const, detail: 'the row holds bytes that are not UTF-8 (shown as U+FFFD)' }
          : classifyRow(fields);
        if (verdict === 'page view') fr.pageViews++;
        else if (verdict === 'play') {
          fr.kept++;
          const values = PROJECTION.map((i) => fields[i]);
          for (const [i, name] of TEXT_COLUMNS) values[i] = quality.check(file.path, line, name, values[i]);
          for (let i = 0; i < values.length; i++) {
            if (i) output.byte(0x2c);
            output.text(quoteField(values[i]));
          }
          output.byte(0x0a);
          report.written++;
        } else {
          fr.skipped++;
          report.skipped[verdict.reason] = (report.skipped[verdict.reason] ?? 0) + 1;
          if (report.skippedExamples.length < maxExamples) {
            report.skippedExamples.push({ file: file.path, line, reason: verdict.reason, detail: verdict.detail });
          }
        }
      };
      const plain = (r: PlainRecord, line: number) => {
        if (!headerSeen) return header(plainFields(r), line);
        fr.rowsRead++;
        const { buf, starts: s, ends: e } = r;
        if (r.count === EVENT_COLUMNS.length) {
          if (s[col.artist] === e[col.artist]) {
            fr.pageViews++;
            return;
          }
          if (
            s[col.song] !== e[col.song] && intBytes(buf, s[col.itemInSession], e[col.itemInSession]) &&
            intBytes(buf, s[col.sessionId], e[col.sessionId]) && intBytes(buf, s[col.userId], e[col.userId]) &&
            decimalBytes(buf, s[col.length], e[col.length])
          ) {
            fr.kept++;
            for (let k = 0; k < PROJECTION.length; k++) {
              const i = PROJECTION[k];
              if (k) output.byte(0x2c);
              if (!r.ascii && TEXT_COLUMN_AT[k] && mayBeDoubleEncoded(buf, s[i], e[i])) {
                const value = buf.toString('utf8', s[i], e[i]);
                const checked = quality.check(file.path, line, TEXT_COLUMN_AT[k]!, value);
                if (checked !== value) {
                  output.text(quoteField(checked));
                  continue;
                }
              }
              output.quotedBytes(buf, s[i], e[i]);
            }
            output.byte(0x0a);
            report.written++;
            return;
          }
        }
        row(plainFields(r), line, false);
      };
      const handler = {
        plain,
        parsed(fields: string[], line: number, invalidUtf8: boolean) {
          if (!headerSeen) return header(fields, line);
          fr.rowsRead++;
          row(fields, line, invalidUtf8);
        },
      };
      for await (const bytesRead of scanCsvChunks(file.path, handler, { chunkBytes: options.chunkBytes })) {
        await flush();
        options.onProgress?.({
          file: file.name, filesDone: index, filesTotal: files.length,
          rowsRead: report.rowsRead + fr.rowsRead, kept: report.kept + fr.kept,
          bytesRead: bytesBefore + bytesRead, bytesTotal,
        });
      }
      if (!headerSeen) fr.note = 'empty file (no header): no rows';
      report.rowsRead += fr.rowsRead;
      report.pageViews += fr.pageViews;
      report.kept += fr.kept;
      report.skippedTotal += fr.skipped;
      bytesBefore += file.bytes;
    }
    await flush();
    writer.end();
    await once(writer, 'finish');
    if (writeError) throw writeError;
    await rename(tmp, out);
  } catch (err) {
    writer.destroy();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  options.onProgress?.({
    file: '', filesDone: files.length, filesTotal: files.length, rowsRead: report.rowsRead, kept: report.kept,
    bytesRead: bytesTotal, bytesTotal,
  });
  report.ms = Date.now() - started;
  return report;
}

/** A play read back from the merged file, with the line it came from. */
export interface PlayRecord {
  line: number;
  play: Play;
}

/** A merged-file row that cannot become a play (checked again: the file may come from elsewhere). */
export interface BadPlayRecord {
  line: number;
  problem: string;
}

const mergedCol = Object.fromEntries(PLAY_COLUMNS.map((c, i) => [c, i])) as Record<PlayColumn, number>;

/** Turns the 11 fields of a merged row into a play, or says what is wrong with them. */
export function toPlay(fields: readonly string[]): Play | string {
  if (fields.length !== PLAY_COLUMNS.length) return `expected ${PLAY_COLUMNS.length} fields, found ${fields.length}`;
  const int = (name: 'itemInSession' | 'sessionId' | 'userId') => {
    const v = fields[mergedCol[name]];
    return checkInt(v) ? Number(v) : `${name} is "${clip(v)}", expected a whole number`;
  };
  const itemInSession = int('itemInSession');
  const sessionId = int('sessionId');
  const userId = int('userId');
  const lengthText = fields[mergedCol.length];
  for (const v of [itemInSession, sessionId, userId]) if (typeof v === 'string') return v;
  if (!DECIMAL_RE.test(lengthText)) return `length is "${clip(lengthText)}", expected a decimal number`;
  return {
    artist: fields[mergedCol.artist],
    firstName: fields[mergedCol.firstName],
    gender: fields[mergedCol.gender],
    itemInSession: itemInSession as number,
    lastName: fields[mergedCol.lastName],
    length: Number(lengthText),
    level: fields[mergedCol.level],
    location: fields[mergedCol.location],
    sessionId: sessionId as number,
    song: fields[mergedCol.song],
    userId: userId as number,
  };
}

/**
 * Reads the merged file back in batches of plays (streaming, one batch per read of the file). Rows
 * that cannot be plays come back in `bad` with their line, so a loader can report them without stopping.
 */
export async function* readPlays(
  file: string,
  options: CsvReadOptions = {},
): AsyncGenerator<{ plays: PlayRecord[]; bad: BadPlayRecord[]; bytesRead: number }> {
  let headerSeen = false;
  let plays: PlayRecord[] = [];
  let bad: BadPlayRecord[] = [];
  const record = (fields: string[], line: number) => {
    if (!headerSeen) {
      headerSeen = true;
      if (fields.join(',') !== PLAY_COLUMNS.join(',')) {
        throw new CsvFileError(file, line, `header is not the merged-file header; expected: ${PLAY_COLUMNS.join(',')}`);
      }
      return;
    }
    const play = toPlay(fields);
    if (typeof play === 'string') bad.push({ line, problem: play });
    else plays.push({ line, play });
  };
  const handler = { plain: (r: PlainRecord, line: number) => record(plainFields(r), line), parsed: record };
  for await (const bytesRead of scanCsvChunks(file, handler, options)) {
    const batch = { plays, bad, bytesRead };
    plays = [];
    bad = [];
    yield batch;
  }
  if (!headerSeen) throw new CsvFileError(file, undefined, 'merged file is empty (no header)');
}

/** The default name of the merged file, as in the original exercise. */
export const MERGED_FILE_NAME = 'event_datafile_new.csv';

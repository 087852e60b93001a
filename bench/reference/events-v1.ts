// A frozen copy of lib/events.ts as it was before the byte-level scanner (every record through
// papaparse): bench/equivalence.ts checks the merge still gives exactly what this gave, and the bench
// measures it side by side ("before").
// events: the daily event files and the merged file. Owns finding `YYYY-MM-DD-events.csv` files,
// checking their header and every play row, the merge into `event_datafile_new.csv` (through a
// temporary file, renamed only when complete) with a report that counts every row, and reading the
// merged file back as typed plays. Streams everything: memory does not grow with the data.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CsvFileError, quoteAllCsv, readCsv } from './csv-v1';
import { QualityCheck, type QualityReport } from '../../lib/etl/quality';

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

/**
 * Merges the daily files of `dir` into one CSV of plays (header + 11 quoted columns), as the original
 * exercise did, checking every row. Throws a `CsvFileError` naming the file for a folder without event
 * files, a wrong header or an unreadable file; the output is then left untouched.
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
  const writeText = async (text: string) => {
    if (writeError) throw writeError;
    if (!writer.write(text)) await once(writer, 'drain');
  };
  try {
    await writeText(quoteAllCsv([PLAY_COLUMNS as unknown as string[]]));
    for (const [index, file] of files.entries()) {
      const fr: FileReport = { file: file.name, date: file.date, bytes: file.bytes, rowsRead: 0, pageViews: 0, kept: 0, skipped: 0 };
      report.files.push(fr);
      let headerSeen = false;
      for await (const batch of readCsv(file.path, { chunkBytes: options.chunkBytes })) {
        const out: string[][] = [];
        for (const { fields, line } of batch.records) {
          if (!headerSeen) {
            headerSeen = true;
            if (fields.length > 0 && fields[0].charCodeAt(0) === 0xfeff) fields[0] = fields[0].slice(1);
            const problem = headerProblem(fields);
            if (problem) throw new CsvFileError(file.path, line, problem);
            continue;
          }
          fr.rowsRead++;
          const verdict = batch.invalidUtf8Lines.has(line)
            ? { reason: 'not valid UTF-8' as const, detail: 'the row holds bytes that are not UTF-8 (shown as U+FFFD)' }
            : classifyRow(fields);
          if (verdict === 'page view') fr.pageViews++;
          else if (verdict === 'play') {
            fr.kept++;
            const row = PROJECTION.map((i) => fields[i]);
            for (const [i, name] of TEXT_COLUMNS) row[i] = quality.check(file.path, line, name, row[i]);
            out.push(row);
          } else {
            fr.skipped++;
            report.skipped[verdict.reason] = (report.skipped[verdict.reason] ?? 0) + 1;
            if (report.skippedExamples.length < maxExamples) {
              report.skippedExamples.push({ file: file.path, line, reason: verdict.reason, detail: verdict.detail });
            }
          }
        }
        if (out.length) {
          await writeText(quoteAllCsv(out));
          report.written += out.length;
        }
        options.onProgress?.({
          file: file.name, filesDone: index, filesTotal: files.length,
          rowsRead: report.rowsRead + fr.rowsRead, kept: report.kept + fr.kept,
          bytesRead: bytesBefore + batch.bytesRead, bytesTotal,
        });
      }
      if (!headerSeen) fr.note = 'empty file (no header): no rows';
      report.rowsRead += fr.rowsRead;
      report.pageViews += fr.pageViews;
      report.kept += fr.kept;
      report.skippedTotal += fr.skipped;
      bytesBefore += file.bytes;
    }
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
 * Reads the merged file back in batches of plays (streaming). Rows that cannot be plays come back in
 * `bad` with their line, so a loader can report them without stopping.
 */
export async function* readPlays(
  file: string,
): AsyncGenerator<{ plays: PlayRecord[]; bad: BadPlayRecord[]; bytesRead: number }> {
  let headerSeen = false;
  for await (const batch of readCsv(file)) {
    const plays: PlayRecord[] = [];
    const bad: BadPlayRecord[] = [];
    for (const { fields, line } of batch.records) {
      if (!headerSeen) {
        headerSeen = true;
        if (fields.join(',') !== PLAY_COLUMNS.join(',')) {
          throw new CsvFileError(file, line, `header is not the merged-file header; expected: ${PLAY_COLUMNS.join(',')}`);
        }
        continue;
      }
      const play = toPlay(fields);
      if (typeof play === 'string') bad.push({ line, problem: play });
      else plays.push({ line, play });
    }
    yield { plays, bad, bytesRead: batch.bytesRead };
  }
  if (!headerSeen) throw new CsvFileError(file, undefined, 'merged file is empty (no header)');
}

/** The default name of the merged file, as in the original exercise. */
export const MERGED_FILE_NAME = 'event_datafile_new.csv';

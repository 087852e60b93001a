// merge: the daily files into `event_datafile_new.csv`, as the original exercise did. Owns the order of
// the steps: find the files, merge each one (through filemerge, with progress after every read), and
// commit the output only when all are merged, with a report that counts every row; a file left out
// (etl/eventinput says why) has its rows and counts taken back, and the merge goes on with the others
// (with the day's `.csv.gz` twin when there is one). Streams everything: memory does not grow with the data.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { resolve } from 'node:path';
import { PLAY_COLUMNS } from './columns';
import { quoteAllCsv, scanCsvChunks } from './csv';
import { openEventFile } from './eventinput';
import { EVENT_FILE_PATTERN, scanEventFolder, sortByName, twinReason, type EventFile } from './files';
import { FileMerge, type FileMergeTarget } from './filemerge';
import { MergedFileWriter } from './output';
import { QualityCheck } from './quality';
import {
  addFileReport,
  addFileTotals,
  doneProgress,
  fileProgress,
  markReport,
  newMergeReport,
  restoreReport,
  type MergeProgress,
  type MergeReport,
} from './report';
import { CsvFileError, EventFileLeftOut } from '../errors';

/** The default name of the merged file, as in the original exercise. */
export const MERGED_FILE_NAME = 'event_datafile_new.csv';

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
  const quality = new QualityCheck(options.repairEncoding ?? false);
  const { files, ignored } = await scanEventFolder(options.dir);
  if (files.length === 0) {
    throw new CsvFileError(
      resolve(options.dir),
      undefined,
      'no event files (named YYYY-MM-DD-events.csv or .csv.gz) in this folder',
    );
  }
  const out = resolve(options.out);
  const report = newMergeReport(resolve(options.dir), out, ignored, quality.report);
  const writer = new MergedFileWriter(out);
  const target: FileMergeTarget = { report, output: writer.buffer, quality, maxExamples: options.maxExamples ?? 100 };
  const bytesTotal = files.reduce((s, f) => s + f.bytes, 0);
  try {
    writer.buffer.text(quoteAllCsv([PLAY_COLUMNS as unknown as string[]]));
    let bytesBefore = 0;
    for (const [index, file] of files.entries()) {
      const onRead = (bytesRead: number, merge: FileMerge) =>
        options.onProgress?.(fileProgress(report, merge.fr, index, files.length, bytesBefore + bytesRead, bytesTotal));
      await mergeOrLeaveOut(file, target, writer, options.chunkBytes, onRead);
      bytesBefore += file.bytes;
    }
    sortByName(report.ignored);
    if (report.files.length === 0) throw nothingMerged(report);
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  options.onProgress?.(doneProgress(report, bytesTotal));
  report.ms = Date.now() - started;
  return report;
}

/** The error when every event file of the folder was left out: the first three with their reasons. */
function nothingMerged(report: MergeReport): CsvFileError {
  const named = report.ignored.filter((e) => EVENT_FILE_PATTERN.test(e.name));
  const first = named.slice(0, 3).map((e) => `${e.name} (${e.reason})`);
  const more = named.length > 3 ? ` and ${named.length - 3} more` : '';
  return new CsvFileError(report.dir, undefined, `no event file could be merged; left out: ${first.join('; ')}${more}`);
}

/**
 * Merges one daily file; when it is to be left out (EventFileLeftOut), takes back what it wrote and
 * counted, lists it with the reason, and merges the day's `.csv.gz` twin instead when it has one.
 */
async function mergeOrLeaveOut(
  file: EventFile,
  target: FileMergeTarget,
  writer: MergedFileWriter,
  chunkBytes: number | undefined,
  onRead: (bytesRead: number, merge: FileMerge) => void,
): Promise<void> {
  const { report } = target;
  const marks = { output: writer.mark(), report: markReport(report) };
  try {
    await mergeFile(file, target, writer, chunkBytes, onRead);
  } catch (err) {
    if (!(err instanceof EventFileLeftOut)) throw err;
    const rowsRead = report.files[marks.report.files]?.rowsRead ?? 0;
    await writer.rewind(marks.output);
    restoreReport(report, marks.report);
    const taken = rowsRead ? `; none of its rows merged (${rowsRead} read before the damage)` : '';
    report.ignored.push({ name: file.name, reason: `${err.reason}${taken}` });
    const twin = file.twin;
    if (!twin) return;
    report.ignored = report.ignored.filter((e) => !(e.name === twin.name && e.reason === twinReason(file.name)));
    await mergeOrLeaveOut(twin, target, writer, chunkBytes, onRead);
  }
}

/** Merges one daily file: scans it through a FileMerge, writing out after every read, then adds its counts to the totals. */
async function mergeFile(
  file: EventFile,
  target: FileMergeTarget,
  writer: MergedFileWriter,
  chunkBytes: number | undefined,
  onRead: (bytesRead: number, merge: FileMerge) => void,
): Promise<void> {
  const merge = new FileMerge(file, addFileReport(target.report, file), target);
  const input = await openEventFile(file, chunkBytes);
  for await (const bytesRead of scanCsvChunks(file.path, merge, { chunkBytes, input })) {
    await writer.flush();
    onRead(bytesRead, merge);
  }
  if (!merge.headerSeen) merge.fr.note = 'empty file (no header): no rows';
  addFileTotals(target.report, merge.fr);
}

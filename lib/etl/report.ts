// report: what a merge tells about itself. Owns the merge report (per file and in total: rows read,
// page views, kept, skipped by reason with the first examples, written, quality), the counting that
// fills it in, taking back the counts of a file left out part-way, and the progress a merge hands out as
// it goes.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { EventFile, IgnoredEntry } from './files';
import { markQuality, restoreQuality, type QualityMark, type QualityReport } from './quality';
import type { SkipReason } from './rows';

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

/** An empty report for merging the folder `dir` into `output`. */
export function newMergeReport(
  dir: string,
  output: string,
  ignored: IgnoredEntry[],
  quality: QualityReport,
): MergeReport {
  return {
    dir,
    output,
    files: [],
    ignored,
    rowsRead: 0,
    pageViews: 0,
    kept: 0,
    skipped: {},
    skippedTotal: 0,
    skippedExamples: [],
    written: 0,
    quality,
    ms: 0,
  };
}

/** An empty report for one daily file, added to `report.files`. */
export function addFileReport(report: MergeReport, file: EventFile): FileReport {
  const fr: FileReport = {
    file: file.name,
    date: file.date,
    bytes: file.bytes,
    rowsRead: 0,
    pageViews: 0,
    kept: 0,
    skipped: 0,
  };
  report.files.push(fr);
  return fr;
}

/** Counts a skipped row in its file and by reason; keeps it as an example while there are fewer than `maxExamples`. */
export function countSkip(report: MergeReport, fr: FileReport, example: SkippedRow, maxExamples: number): void {
  fr.skipped++;
  report.skipped[example.reason] = (report.skipped[example.reason] ?? 0) + 1;
  if (report.skippedExamples.length < maxExamples) report.skippedExamples.push(example);
}

/** What `restoreReport` goes back to: the counts a file adds while it is read. */
export interface ReportMark {
  files: number;
  written: number;
  skipped: Partial<Record<SkipReason, number>>;
  examples: number;
  quality: QualityMark;
}

/** The counts before a file is read. */
export function markReport(report: MergeReport): ReportMark {
  return {
    files: report.files.length,
    written: report.written,
    skipped: { ...report.skipped },
    examples: report.skippedExamples.length,
    quality: markQuality(report.quality),
  };
}

/** Takes back everything a file added since `mark` (it is left out): its row, its counts, its examples, its findings. */
export function restoreReport(report: MergeReport, mark: ReportMark): void {
  report.files.length = mark.files;
  report.written = mark.written;
  report.skipped = mark.skipped;
  report.skippedExamples.length = mark.examples;
  restoreQuality(report.quality, mark.quality);
}

/** Adds a finished file's counts to the totals. */
export function addFileTotals(report: MergeReport, fr: FileReport): void {
  report.rowsRead += fr.rowsRead;
  report.pageViews += fr.pageViews;
  report.kept += fr.kept;
  report.skippedTotal += fr.skipped;
}

/** Progress while file number `filesDone` (0-based) is read: its counts so far plus those of the files before it. */
export function fileProgress(
  report: MergeReport,
  fr: FileReport,
  filesDone: number,
  filesTotal: number,
  bytesRead: number,
  bytesTotal: number,
): MergeProgress {
  return {
    file: fr.file,
    filesDone,
    filesTotal,
    rowsRead: report.rowsRead + fr.rowsRead,
    kept: report.kept + fr.kept,
    bytesRead,
    bytesTotal,
  };
}

/** Progress once every file is merged. */
export function doneProgress(report: MergeReport, bytesTotal: number): MergeProgress {
  const n = report.files.length;
  return {
    file: '',
    filesDone: n,
    filesTotal: n,
    rowsRead: report.rowsRead,
    kept: report.kept,
    bytesRead: bytesTotal,
    bytesTotal,
  };
}

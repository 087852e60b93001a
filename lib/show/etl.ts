// etl: the displays of the merge (lib/etl) in the notebook. Owns the one-line progress while the daily
// files merge, the rows of a merge report (per file, and the summary of counts) and its HTML tables (the
// files found, what was skipped, the text that looks double-encoded). Pure functions over the reports.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { escapeControls, formatCount } from './format';
import { cellText, escapeHtml, foldedHtml, htmlTable, progressBarHtml } from './html';
import type { FileReport, MergeProgress, MergeReport } from '../etl/report';

/** One line while the daily files merge: file k of n, rows read, plays kept, a progress bar. */
export function mergeProgressHtml(p: MergeProgress): string {
  const where = p.file
    ? `file ${Math.min(p.filesDone + 1, p.filesTotal)} of ${p.filesTotal} (${escapeHtml(p.file)})`
    : `${p.filesTotal} files`;
  const counts = `${formatCount(p.rowsRead)} rows read · ${formatCount(p.kept)} plays kept`;
  return `${progressBarHtml(p.bytesRead, p.bytesTotal)} · merging ${where} · ${counts}`;
}

/** The per-file rows of a merge report: file, rows, page views, plays kept, skipped (and a note). */
function fileRows(files: readonly FileReport[]): Record<string, string | number>[] {
  return files.map((f) => ({
    file: f.file,
    rows: f.rowsRead,
    'page views': f.pageViews,
    'plays kept': f.kept,
    skipped: f.skipped,
    ...(f.note ? { note: f.note } : {}),
  }));
}

/** A merge report as rows of (what, rows): read, page views, kept, each skip reason (or none), written, double-encoded text. */
export function mergeSummaryRows(r: MergeReport): { what: string; rows: number }[] {
  const rows = [
    { what: 'rows read (all files)', rows: r.rowsRead },
    { what: 'page views (no artist): not plays', rows: r.pageViews },
    { what: 'plays kept', rows: r.kept },
  ];
  const reasons = Object.entries(r.skipped);
  for (const [reason, n] of reasons) rows.push({ what: `skipped: ${reason}`, rows: n ?? 0 });
  if (reasons.length === 0) rows.push({ what: 'skipped', rows: 0 });
  rows.push({ what: `written to ${baseName(r.output)}`, rows: r.written });
  const q = r.quality;
  if (q && q.doubleEncodedTotal > 0) {
    const columns = Object.entries(q.doubleEncoded)
      .map(([c, n]) => `${c} ${formatCount(n)}`)
      .join(', ');
    const done = q.repaired ? 'repaired' : 'kept as stored';
    rows.push({ what: `text values that look double-encoded (${columns}): ${done}`, rows: q.doubleEncodedTotal });
  }
  if (q && q.controlsTotal > 0) {
    const columns = Object.entries(q.controls)
      .map(([c, f]) => `${c} ${formatCount(f.values)}, first ${baseName(f.file)} line ${f.line}`)
      .join('; ');
    rows.push({ what: `text values that keep control characters (${columns}): kept as stored`, rows: q.controlsTotal });
  }
  return rows;
}

const count = (v: unknown) => (typeof v === 'number' ? formatCount(v) : cellText(v));

/** The table of files found: file, rows, page views, plays kept, skipped, with a total row; then what was left out. */
export function mergeFilesHtml(r: MergeReport): string {
  const total = {
    file: 'all files',
    rows: r.rowsRead,
    'page views': r.pageViews,
    'plays kept': r.kept,
    skipped: r.skippedTotal,
  };
  const format = { rows: count, 'page views': count, 'plays kept': count, skipped: count };
  const table = htmlTable([...fileRows(r.files), total], {
    caption: `${r.files.length} event file${r.files.length === 1 ? '' : 's'} in ${r.dir}`,
    format,
  });
  const ignored = r.ignored ?? [];
  if (ignored.length === 0) return table;
  const listed = ignored
    .slice(0, 10)
    .map((e) => `<code>${escapeHtml(escapeControls(e.name))}</code> (${escapeHtml(e.reason)})`);
  const more = ignored.length > listed.length ? ` and ${formatCount(ignored.length - listed.length)} more` : '';
  return `${table}\n<p>Also in the folder, not merged: ${listed.join(', ')}${more}.</p>`;
}

/**
 * The merge report: the counts (every row read is a page view, a kept play or a skipped row), then the first
 * skipped rows, then the first values that look double-encoded (mojibake) next to their repair.
 */
export function mergeReportHtml(r: MergeReport, maxExamples = 10): string {
  const parts = [
    htmlTable(mergeSummaryRows(r), { caption: 'The merge report', headers: { what: '' }, format: { rows: count } }),
  ];
  if (r.skippedExamples.length > 0) {
    const examples = r.skippedExamples
      .slice(0, maxExamples)
      .map((s) => ({ file: baseName(s.file), line: s.line, reason: s.reason, detail: escapeControls(s.detail) }));
    parts.push(htmlTable(examples, { caption: `The first skipped rows (of ${formatCount(r.skippedTotal)})` }));
  }
  const q = r.quality;
  if (q && q.examples.length > 0) {
    const examples = q.examples.slice(0, 5).map((f) => ({
      file: baseName(f.file),
      line: f.line,
      column: f.column,
      'as stored': f.value,
      'should read': f.repaired,
      layers: f.layers,
    }));
    const caption = `Text that looks double-encoded: the first ${examples.length} of ${formatCount(q.doubleEncodedTotal)}`;
    parts.push(htmlTable(examples, { caption }));
  }
  return parts.join('\n');
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** The merge's closing line: files merged, rows read, plays written, and where; the file table folded below it. */
export function mergeDoneHtml(r: MergeReport): string {
  const line =
    `✔ Merged <b>${r.files.length}</b> files: ${formatCount(r.rowsRead)} rows read, ` +
    `<b>${formatCount(r.kept)}</b> plays written to <code>${escapeHtml(r.output)}</code>.`;
  return `${line}${foldedHtml(`The ${r.files.length} files, one row each`, mergeFilesHtml(r))}`;
}

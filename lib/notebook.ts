// notebook: display helpers for Apache_Cassandra_Sparkify.ipynb. Owns turning rows (objects, or a
// DataFrame's columns and values) into an escaped HTML table, CQL into a Markdown code block, the one-line
// progress shown through `tslab.newDisplay()` while files merge and tables load (and throttling it), and
// the tables of a merge report and the line of a load result; plus telling whether a contact point is this
// machine (where the notebook may start the local node). Pure functions: no I/O, no driver, no tslab
// import, so they are unit-tested outside Jupyter. TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { FileReport, MergeProgress, MergeReport } from './events';
import type { LoadProgress, LoadResult } from './load';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Thousands separators, always the same whatever the machine's locale: 6820 → "6,820". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "850 ms", "3.4 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** "512 B", "1.2 KB", "3.4 MB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** How a cell value reads in a table: numbers as JS prints them (495.3073 stays 495.3073), null as empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  // Driver types (Long, Uuid, LocalDate …) print themselves; plain objects and arrays as JSON.
  const own = (value as { toString?: unknown }).toString;
  return typeof own === 'function' && own !== Object.prototype.toString && !Array.isArray(value) ? String(value) : JSON.stringify(value);
}

export interface TableOptions {
  /** The columns, in order; default: the keys of the first row. */
  columns?: readonly string[];
  /** Header text per column (default: the column name). */
  headers?: Readonly<Record<string, string>>;
  /** A caption above the table. */
  caption?: string;
  /** Shown instead of an empty table. */
  empty?: string;
  /** Extra class on the <table> (it always has `sparkify-table`). */
  className?: string;
  /** How to print a column's values (default: `cellText`). */
  format?: Readonly<Record<string, (value: unknown) => string>>;
}

const isNumeric = (v: unknown) => typeof v === 'number' || typeof v === 'bigint';

/**
 * Rows (plain objects: the typed answers of lib/queries, report rows …) → an HTML table. Every header,
 * cell and the caption is escaped; numbers are right-aligned, text left-aligned.
 * With no rows it returns a paragraph saying so (`options.empty`), never an empty table.
 */
export function htmlTable(rows: readonly object[], options: TableOptions = {}): string {
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  if (rows.length === 0) {
    return `<p class="sparkify-empty">${caption ? `${escapeHtml(options.caption ?? '')}: ` : ''}${escapeHtml(options.empty ?? 'No rows.')}</p>`;
  }
  const columns = options.columns ?? Object.keys(rows[0]);
  // JupyterLab right-aligns every table cell; text reads better left-aligned, numbers stay right.
  const align = (v: unknown) => ` style="text-align: ${isNumeric(v) ? 'right' : 'left'}"`;
  const first = rows[0] as Record<string, unknown>;
  const head = columns.map((c) => `<th${align(first[c])}>${escapeHtml(options.headers?.[c] ?? c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((c) => {
        const v = (row as Record<string, unknown>)[c];
        const text = options.format?.[c] ? options.format[c](v) : cellText(v);
        return `<td${align(v)}>${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const cls = ['sparkify-table', options.className].filter(Boolean).join(' ');
  return `<table class="${escapeHtml(cls)}">${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The shape of a danfojs DataFrame this module needs (structural: danfojs itself is not imported). */
export interface FrameLike {
  columns: string[];
  values: unknown[] | unknown[][];
}

/** A danfojs DataFrame (or anything with `columns` and row-wise `values`) → an HTML table, with a row index. */
export function frameHtml(frame: FrameLike, options: Omit<TableOptions, 'columns'> & { index?: readonly unknown[] } = {}): string {
  const rows = (frame.values as unknown[]).map((r, i) => {
    const values = Array.isArray(r) ? r : [r];
    const row: Record<string, unknown> = { '': options.index?.[i] ?? i };
    frame.columns.forEach((c, k) => (row[c] = values[k]));
    return row;
  });
  return htmlTable(rows, { ...options, columns: ['', ...frame.columns] });
}

/** CQL as a Markdown code block (rendered with SQL highlighting in JupyterLab); the fence outgrows any backticks inside. */
export function cqlMarkdown(cql: string): string {
  const longest = Math.max(0, ...(cql.match(/`+/g) ?? []).map((s) => s.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}sql\n${cql.trim()}\n${fence}`;
}

function bar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return `<progress value="${ratio.toFixed(3)}" max="1" style="width: 12em; vertical-align: middle"></progress> ${Math.floor(ratio * 100)}%`;
}

/** One line while the daily files merge: file k of n, rows read, plays kept, a progress bar. */
export function mergeProgressHtml(p: MergeProgress): string {
  const where = p.file ? `file ${Math.min(p.filesDone + 1, p.filesTotal)} of ${p.filesTotal} (${escapeHtml(p.file)})` : `${p.filesTotal} files`;
  return `${bar(p.bytesRead, p.bytesTotal)} · merging ${where} · ${formatCount(p.rowsRead)} rows read · ${formatCount(p.kept)} plays kept`;
}

/** One line while a table loads: a progress bar over the file's bytes, rows read, rows written per table. */
export function loadProgressHtml(p: LoadProgress): string {
  const tables = Object.entries(p.loaded)
    .map(([name, n]) => `<code>${escapeHtml(name)}</code> ${formatCount(n)}`)
    .join(' · ');
  const trouble = [p.failed ? `${formatCount(p.failed)} failed` : '', p.retries ? `${formatCount(p.retries)} retried` : '']
    .filter(Boolean)
    .join(', ');
  return `${bar(p.bytesRead, p.bytesTotal)} · ${formatCount(p.rowsRead)} plays read · loaded ${tables}${trouble ? ` · ${trouble}` : ''} · ${formatDuration(p.elapsedMs)}`;
}

/**
 * The final line of a load, which replaces the progress line: plays read, inserts per table, time, failures,
 * and (given `tableRows`, e.g. from `SELECT COUNT(*)`) the rows each table holds — fewer than the inserts when
 * plays shared a primary key, since an INSERT with an existing key overwrites that row.
 */
export function loadResultHtml(r: LoadResult, tableRows: Readonly<Record<string, number>> = {}): string {
  const inserts = Object.entries(r.loaded)
    .map(([name, n]) => `${formatCount(n)} inserts into <code>${escapeHtml(name)}</code>`)
    .join(', ');
  const retried = r.retries ? ` (${formatCount(r.retries)} retried)` : '';
  const failed = r.failedCount
    ? ` <span style="color: #b00">${formatCount(r.failedCount)} failed; the first, line ${r.failures[0]?.line}: ${escapeHtml(r.failures[0]?.message ?? '')}</span>`
    : '';
  const counted = Object.entries(tableRows);
  const overwritten = counted.some(([name, n]) => n < (r.loaded[name] ?? 0));
  const held = counted.length
    ? `<br>Rows in the table${counted.length > 1 ? 's' : ''}: ${counted
        .map(([name, n]) => `${counted.length > 1 ? `<code>${escapeHtml(name)}</code> ` : ''}<b>${formatCount(n)}</b>`)
        .join(', ')}${overwritten ? ' — fewer than the inserts: an INSERT with a primary key already there overwrites that row.' : '.'}`
    : '';
  return `✔ Loaded ${formatCount(r.rowsRead)} plays in ${formatDuration(r.ms)}: ${inserts}${retried}.${failed}${held}`;
}

/** The per-file rows of a merge report: file, rows, page views, plays kept, skipped (and a note). */
export function fileRows(files: readonly FileReport[]): Record<string, string | number>[] {
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
    const columns = Object.entries(q.doubleEncoded).map(([c, n]) => `${c} ${formatCount(n)}`).join(', ');
    const done = q.repaired ? 'repaired' : 'kept as stored';
    rows.push({ what: `text values that look double-encoded (${columns}): ${done}`, rows: q.doubleEncodedTotal });
  }
  return rows;
}

const count = (v: unknown) => (typeof v === 'number' ? formatCount(v) : cellText(v));

/** The table of files found: file, rows, page views, plays kept, skipped, with a total row; then what was left out. */
export function mergeFilesHtml(r: MergeReport): string {
  const total = { file: 'all files', rows: r.rowsRead, 'page views': r.pageViews, 'plays kept': r.kept, skipped: r.skippedTotal };
  const format = { rows: count, 'page views': count, 'plays kept': count, skipped: count };
  const table = htmlTable([...fileRows(r.files), total], {
    caption: `${r.files.length} event file${r.files.length === 1 ? '' : 's'} in ${r.dir}`,
    format,
  });
  const ignored = r.ignored ?? [];
  if (ignored.length === 0) return table;
  const listed = ignored.slice(0, 10).map((e) => `<code>${escapeHtml(e.name)}</code> (${escapeHtml(e.reason)})`);
  const more = ignored.length > listed.length ? ` and ${formatCount(ignored.length - listed.length)} more` : '';
  return `${table}\n<p>Also in the folder, not merged: ${listed.join(', ')}${more}.</p>`;
}

/**
 * The merge report: the counts (every row read is a page view, a kept play or a skipped row), then the first
 * skipped rows, then the first values that look double-encoded (mojibake) next to their repair.
 */
export function mergeReportHtml(r: MergeReport, maxExamples = 10): string {
  const parts = [htmlTable(mergeSummaryRows(r), { caption: 'The merge report', headers: { what: '' }, format: { rows: count } })];
  if (r.skippedExamples.length > 0) {
    const examples = r.skippedExamples
      .slice(0, maxExamples)
      .map((s) => ({ file: baseName(s.file), line: s.line, reason: s.reason, detail: s.detail }));
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
    parts.push(htmlTable(examples, { caption: `Text that looks double-encoded: the first ${examples.length} of ${formatCount(q.doubleEncodedTotal)}` }));
  }
  return parts.join('\n');
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/**
 * Wraps a progress callback so it runs at most once every `ms` (the first call always runs): a display
 * rewritten hundreds of times a second floods the notebook's messages. The caller shows the final state.
 */
export function throttle<T>(fn: (value: T) => void, ms = 200, now: () => number = Date.now): (value: T) => void {
  let last = -Infinity;
  return (value: T) => {
    const t = now();
    if (t - last < ms) return;
    last = t;
    fn(value);
  };
}

/** True for a contact point on this machine (127.x.y.z, localhost, ::1; with or without a port). */
export function isLoopbackHost(host: string): boolean {
  let h = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed) h = bracketed[1];
  else if ((h.match(/:/g) ?? []).length === 1) h = h.replace(/:\d+$/, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

// notebook: display helpers for Apache_Cassandra_Sparkify.ipynb. Owns turning rows (objects, or a
// DataFrame's columns and values) into an escaped HTML table, CQL into a Markdown code block, the one-line
// progress shown through `tslab.newDisplay()` while files merge and tables load (and throttling it), and
// the tables of a merge report and the line of a load result; plus telling whether a contact point is this
// machine (where the notebook may start the local node). Part III's displays too: the questions as data,
// the checker's verdicts (question × table), trace summaries, Cassandra's ALLOW FILTERING refusal, the
// cost of a wrong key and the partition statistics. Pure functions: no I/O, no driver, no tslab import
// (lib modules are imported for their types only), so they are unit-tested outside Jupyter.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Question, Verdict } from '../teach/checker';
import type { FileReport, MergeProgress, MergeReport } from '../etl/events';
import type { LoadProgress, LoadResult } from '../load/progress';
import type { TableSpec } from '../model/tables';
import type { PartitionStats } from '../teach/partitions';
import type { AllowFilteringDemo, QuestionRun, WrongKeyLoss } from '../teach/trace';
import { formatBytes, formatCount, formatDuration } from './format';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
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

// ---------------------------------------------------------------------------------------------------
// Part III: why these tables.

const unique = <T>(xs: readonly T[]): T[] => xs.filter((x, i) => xs.indexOf(x) === i);
const GOOD = '#047857';
const BAD = '#b91c1c';
const CELL = 'text-align: left; vertical-align: top';

/**
 * Caps an SVG's displayed width: when its root `width` passes `maxWidth`, the root's width and height are
 * scaled down (a `viewBox` is added from the original size when missing, so the drawing scales with them).
 * JupyterLab renders an image/svg+xml output as an <img> at its own size, with no `max-width`: a diagram
 * wider than the output area is cut off there. Anything that is not an <svg> with a numeric width is returned as is.
 */
export function fitSvg(svg: string, maxWidth = 840): string {
  const root = /^(\s*<svg\b)([^>]*)>/.exec(svg);
  if (!root) return svg;
  const attrs = root[2];
  const width = /\swidth="([\d.]+)(?:px)?"/.exec(attrs);
  const height = /\sheight="([\d.]+)(?:px)?"/.exec(attrs);
  if (!width || !height) return svg;
  const w = Number(width[1]);
  const h = Number(height[1]);
  if (!(w > maxWidth) || !(h > 0)) return svg;
  const scaled = Math.round((h * maxWidth) / w);
  const selfClosing = /\/\s*$/.test(attrs);
  let fitted = attrs.replace(/\/\s*$/, '').replace(width[0], ` width="${maxWidth}"`).replace(height[0], ` height="${scaled}"`);
  if (!/\sviewBox=/.test(attrs)) fitted += ` viewBox="0 0 ${w} ${h}"`;
  return `${root[1]}${fitted}${selfClosing ? '/' : ''}>${svg.slice(root[0].length)}`;
}

/** `PRIMARY KEY ((a, b), c, d)` as CQL writes it. */
export function primaryKeyText(table: Pick<TableSpec, 'partitionKey' | 'clustering'>): string {
  const pk = table.partitionKey.length === 1 ? table.partitionKey[0] : `(${table.partitionKey.join(', ')})`;
  return `PRIMARY KEY (${[pk, ...table.clustering.map((c) => c.column)].join(', ')})`;
}

/** The questions as data: equality columns, range, order, returned columns, what makes an answer row unique. */
export function questionsHtml(questions: readonly Question[], options: { caption?: string } = {}): string {
  const rows = questions.map((q) => ({
    question: q.name,
    'in words': q.text,
    'equality on': q.equals.join(', '),
    range: q.range ?? '—',
    'order by': q.orderBy ? `${q.orderBy.column} ${q.orderBy.order}` : '—',
    returns: q.returns.join(', '),
    'one answer row per': q.unique?.join(', ') ?? '—',
  }));
  return htmlTable(rows, { caption: options.caption ?? 'The questions, as data', className: 'sparkify-questions' });
}

/**
 * The checker's verdicts as a table: one row per question, one column per table (in the order they first
 * appear), each cell "✔ served" with how, or "✘ not served" with the reasons; under each question, the
 * tables that serve it (or that none does). Cells carry `data-question`, `data-table` and `data-served`,
 * so tests read the verdicts without parsing words.
 */
export function verdictTableHtml(
  verdicts: readonly Verdict[],
  options: { caption?: string; questions?: readonly Pick<Question, 'name' | 'text'>[] } = {},
): string {
  if (verdicts.length === 0) return '<p class="sparkify-empty">No verdicts.</p>';
  const questions = unique(verdicts.map((v) => v.question));
  const tables = unique(verdicts.map((v) => v.table));
  const byPair = new Map(verdicts.map((v) => [`${v.question}\u0000${v.table}`, v]));
  const texts = new Map((options.questions ?? []).map((q) => [q.name, q.text]));
  const head = ['<th style="text-align: left">question</th>', ...tables.map((t) => `<th style="${CELL}"><code>${escapeHtml(t)}</code></th>`)].join('');
  const body = questions.map((q) => {
    const text = texts.get(q);
    const cells = tables.map((t) => {
      const v = byPair.get(`${q}\u0000${t}`);
      if (!v) return '<td></td>';
      const data = `data-question="${escapeHtml(q)}" data-table="${escapeHtml(t)}" data-served="${v.served}"`;
      if (v.served) {
        const how = v.summary.replace(/^.*?: served — /, '');
        return `<td class="served" ${data} style="${CELL}; background: #ecfdf5"><b style="color: ${GOOD}">✔ served</b><br><small>${escapeHtml(how)}</small></td>`;
      }
      const reasons = v.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
      return `<td class="not-served" ${data} style="${CELL}; background: #fef2f2"><b style="color: ${BAD}">✘ not served</b><ul style="margin: 0.2em 0 0 1.1em; padding: 0; font-size: 0.9em">${reasons}</ul></td>`;
    });
    const serving = tables.filter((t) => byPair.get(`${q}\u0000${t}`)?.served);
    const by = serving.length
      ? `<span class="served-by">served by ${serving.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</span>`
      : `<span class="served-by" style="color: ${BAD}">served by no table</span>`;
    const label = `<b>${escapeHtml(q)}</b>${text ? `<br><small style="font-weight: normal">${escapeHtml(text)}</small>` : ''}<br><small>${by}</small>`;
    return `<tr><th style="${CELL}; min-width: 9em; max-width: 14em">${label}</th>${cells.join('')}</tr>`;
  });
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  return `<table class="sparkify-table sparkify-checker">${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

/** One line: whether a key lets rows overwrite each other (from the checker's `overwriteWarnings`). */
export function keyCheckHtml(table: Pick<TableSpec, 'name' | 'partitionKey' | 'clustering'>, warnings: readonly string[]): string {
  const key = `<code>${escapeHtml(table.name)}</code>, <code>${escapeHtml(primaryKeyText(table))}</code>`;
  if (!warnings.length) return `<p class="sparkify-key-check"><span style="color: ${GOOD}">✔</span> ${key}: no two rows of an answer can share this key, so no INSERT overwrites another.</p>`;
  return `<p class="sparkify-key-check"><span style="color: ${BAD}">⚠</span> ${key}: ${warnings.map(escapeHtml).join('; ')}.</p>`;
}

/** How Cassandra read, in a few words, from a trace summary. */
function readKind(run: QuestionRun): string {
  const s = run.summary;
  if (s.kind === 'single-partition') return s.singlePartitionReads === 1 ? 'single-partition read' : `single-partition reads (${formatCount(s.singlePartitionReads)})`;
  if (s.kind === 'range scan') {
    const ranges = s.rangeRequests ?? s.seqScans.length;
    return `range scan: ${formatCount(ranges)} token range${ranges === 1 ? '' : 's'}${s.wholeRing ? ', the whole ring' : ''}`;
  }
  return 'no partition read traced';
}

/** Where the rows came from: "memtable + 2 SSTables (1 skipped)". */
function readFrom(s: QuestionRun['summary']): string {
  const sstables = `${formatCount(s.sstablesRead)} SSTable${s.sstablesRead === 1 ? '' : 's'}`;
  const skipped = s.sstablesSkipped ? ` (${formatCount(s.sstablesSkipped)} skipped)` : '';
  return `${s.memtablesRead ? 'memtable + ' : ''}${sstables}${skipped}`;
}

/**
 * Traced runs as a table: question, table, how Cassandra read (single-partition read or range scan), the
 * partitions read, where from (memtable, SSTables read and skipped), live rows read on the replica → rows
 * returned, coordinator and duration. For a range scan the partitions read are the table's partitions
 * (`partitionsInTable`, counted separately), since the scan reads every one.
 */
export function traceSummaryHtml(
  runs: readonly QuestionRun[],
  options: { caption?: string; partitionsInTable?: Readonly<Record<string, number>> } = {},
): string {
  const rows = runs.map((run) => {
    const s = run.summary;
    const all = options.partitionsInTable?.[run.table];
    const partitions =
      s.kind === 'single-partition' ? formatCount(s.singlePartitionReads) : s.kind === 'range scan' ? (all !== undefined ? `all ${formatCount(all)}` : 'all') : '0';
    return {
      question: run.question,
      table: run.table,
      'how Cassandra read it': readKind(run),
      partitions,
      'read from': readFrom(s),
      'rows read → returned': `${formatCount(s.liveRowsRead)} → ${formatCount(s.rowsReturned)}`,
      coordinator: s.coordinator,
      duration: `${formatCount(s.durationMicros)} µs`,
    };
  });
  return htmlTable(rows, { caption: options.caption ?? 'What the traces say', className: 'sparkify-trace', empty: 'No traced runs.' });
}

/**
 * The ALLOW FILTERING demonstration: the query as a learner would write it, Cassandra's refusal (its own
 * words), why, then the trace of the same query WITH ALLOW FILTERING (the range scan it takes).
 */
export function allowFilteringHtml(demo: AllowFilteringDemo): string {
  const parts = [`<p>The query, as a learner would write it: <code>${escapeHtml(demo.cql)}</code></p>`];
  let explanation = demo.explanation;
  if (demo.refusal) {
    parts.push(
      `<div class="sparkify-refusal" style="border-left: 4px solid ${BAD}; background: #fef2f2; padding: 0.4em 0.8em; margin: 0.4em 0">` +
        `<b style="color: ${BAD}">✘ Cassandra refused it</b> (InvalidRequest, code 0x${demo.refusal.code.toString(16)}):<br>` +
        `<code>${escapeHtml(demo.refusal.message)}</code></div>`,
    );
    explanation = explanation.slice(1); // the first line repeats the refusal shown above
  }
  parts.push(`<ul>${explanation.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  parts.push(
    traceSummaryHtml([demo.filtered], {
      caption: `The same query WITH ALLOW FILTERING, traced`,
      partitionsInTable: { [demo.table]: demo.partitionsInTable },
    }),
  );
  return parts.join('\n');
}

/**
 * The cost of a wrong key: both tables with their primary key (given the specs) and the rows they hold,
 * the rows that silently disappeared, and one song's listeners in each table.
 */
export function wrongKeyHtml(loss: WrongKeyLoss, tables: readonly Pick<TableSpec, 'name' | 'partitionKey' | 'clustering'>[] = []): string {
  const key = (name: string) => {
    const t = tables.find((x) => x.name === name);
    return t ? primaryKeyText(t) : '';
  };
  const listeners = `listeners of "${loss.song}"`;
  const rows = [
    { table: loss.right, 'primary key': key(loss.right), rows: loss.rightRows, [listeners]: loss.rightListeners.join(', ') },
    { table: loss.wrong, 'primary key': key(loss.wrong), rows: loss.wrongRows, [listeners]: loss.wrongListeners.join(', ') },
  ];
  const table = htmlTable(rows, {
    caption: `${formatCount(loss.plays)} plays written to both tables, without a single error`,
    className: 'sparkify-wrong-key',
    format: { rows: (v) => formatCount(v as number) },
  });
  const share = ((100 * loss.lost) / Math.max(1, loss.rightRows)).toFixed(1);
  const verdict =
    `<p class="sparkify-loss"><b style="color: ${BAD}">✘ ${formatCount(loss.lost)} of ${formatCount(loss.rightRows)} listener rows silently disappeared</b> ` +
    `(${share} %): ${formatCount(loss.rightRows)} in <code>${escapeHtml(loss.right)}</code>, ${formatCount(loss.wrongRows)} in ` +
    `<code>${escapeHtml(loss.wrong)}</code>. Every INSERT succeeded; each one for a song already there replaced its listener.</p>`;
  return `${table}\n${verdict}`;
}

/** One line while the merged file is read for the partition analysis. */
export function analyzeProgressHtml(p: { plays: number; bytesRead: number; bytesTotal: number }): string {
  return `${bar(p.bytesRead, p.bytesTotal)} · ${formatCount(p.plays)} plays read`;
}

/**
 * Per table: partitions, rows, rows per partition (min / median / p99 / max), the estimated size per partition
 * (median / p99 / max), all partitions together, and how many partitions pass the guidance; then the warnings.
 */
export function partitionStatsHtml(stats: readonly PartitionStats[], options: { caption?: string } = {}): string {
  const r = (s: PartitionStats) => s.rowsPerPartition;
  const b = (s: PartitionStats) => s.bytesPerPartition;
  const rows = stats.map((s) => ({
    table: s.table,
    'partition key': s.partitionKey.join(', '),
    partitions: s.partitions,
    rows: s.rows,
    rowsPer: [r(s).min, r(s).median, r(s).p99, r(s).max].map(formatCount).join(' / '),
    // A no-break space keeps each size on one line when the column wraps.
    sizePer: [b(s).median, b(s).p99, b(s).max].map((x) => formatBytes(x).replace(' ', '\u00a0')).join(' / '),
    'all partitions': formatBytes(s.totalBytes),
    over: Math.max(s.over.rows, s.over.bytes),
  }));
  const format = Object.fromEntries(['partitions', 'rows', 'over'].map((c) => [c, (v: unknown) => formatCount(v as number)]));
  const table = htmlTable(rows, {
    caption: options.caption ?? 'Partitions per table (sizes estimated with the partition-size formula)',
    className: 'sparkify-partitions',
    headers: {
      rowsPer: 'rows per partition: min / median / p99 / max',
      sizePer: 'estimated size per partition: median / p99 / max',
      over: 'over the guidance',
    },
    format,
  });
  const warnings = stats.flatMap((s) => s.warnings);
  if (!warnings.length) {
    const limits = stats[0]?.limits;
    const within = limits ? ` (${formatCount(limits.maxRows)} rows, ${formatBytes(limits.maxBytes)})` : '';
    return `${table}\n<p class="sparkify-partition-ok"><span style="color: ${GOOD}">✔</span> Every partition is within the usual guidance${within}.</p>`;
  }
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `${table}\n<div class="sparkify-partition-warnings" style="border-left: 4px solid #d97706; background: #fffbeb; padding: 0.4em 0.8em"><b style="color: #b45309">⚠ Partitions over the usual guidance</b><ul style="margin: 0.2em 0 0 1.2em; padding: 0">${items}</ul></div>`;
}

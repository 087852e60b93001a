// html: the HTML primitives every display of the notebook is built from. Owns escaping text for HTML,
// how a cell value reads, rows (objects, or a DataFrame's columns and values) as an escaped HTML table,
// CQL as a Markdown code block, the progress bar of the one-line progress displays, and capping an SVG's
// displayed width. Pure functions: no I/O, no driver, no tslab import, so they are unit-tested outside Jupyter.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { PROGRESS_BAR } from './style';

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
  return typeof own === 'function' && own !== Object.prototype.toString && !Array.isArray(value)
    ? String(value)
    : JSON.stringify(value);
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
export function frameHtml(
  frame: FrameLike,
  options: Omit<TableOptions, 'columns'> & { index?: readonly unknown[] } = {},
): string {
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

/** A progress bar and its percentage: the start of every one-line progress display. */
export function progressBarHtml(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return `<progress value="${ratio.toFixed(3)}" max="1" style="${PROGRESS_BAR}"></progress> ${Math.floor(ratio * 100)}%`;
}

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
  let fitted = attrs
    .replace(/\/\s*$/, '')
    .replace(width[0], ` width="${maxWidth}"`)
    .replace(height[0], ` height="${scaled}"`);
  if (!/\sviewBox=/.test(attrs)) fitted += ` viewBox="0 0 ${w} ${h}"`;
  return `${root[1]}${fitted}${selfClosing ? '/' : ''}>${svg.slice(root[0].length)}`;
}

/** HTML folded behind a one-line summary (a `<details>`): what a reader opens only when they want it. */
export function foldedHtml(summary: string, html: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>${html}</details>`;
}

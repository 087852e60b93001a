// load: the displays of a load (lib/load) in the notebook. Owns the one-line progress while a table loads
// and the line of its result (inserts per table, time, failures, the rows each table holds).
// Pure functions over the load's progress and result.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { formatCount, formatDuration } from './format';
import { escapeHtml, progressBarHtml } from './html';
import { FAILED } from './style';
import type { LoadProgress, LoadResult } from '../load/progress';
import type { TableSpec } from '../model/tables';

/** One line while a table loads: a progress bar over the file's bytes, rows read, rows written per table. */
export function loadProgressHtml(p: LoadProgress): string {
  const tables = Object.entries(p.loaded)
    .map(([name, n]) => `<code>${escapeHtml(name)}</code> ${formatCount(n)}`)
    .join(' · ');
  const trouble = [
    p.failed ? `${formatCount(p.failed)} failed` : '',
    p.retries ? `${formatCount(p.retries)} retried` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const loaded = `loaded ${tables}${trouble ? ` · ${trouble}` : ''}`;
  return `${progressBarHtml(p.bytesRead, p.bytesTotal)} · ${formatCount(p.rowsRead)} plays read · ${loaded} · ${formatDuration(p.elapsedMs)}`;
}

/**
 * The final line of a load, which replaces the progress line: plays read, inserts per table, failures (no time:
 * one run's time on a shared machine says little; the benchmark measures speed),
 * and (given `tableRows`, e.g. from `SELECT COUNT(*)`) the rows each table holds — fewer than the inserts when
 * plays shared a primary key, since an INSERT with an existing key overwrites that row.
 */
export function loadResultHtml(r: LoadResult, tableRows: Readonly<Record<string, number>> = {}): string {
  const inserts = Object.entries(r.loaded)
    .map(([name, n]) => `${formatCount(n)} inserts into <code>${escapeHtml(name)}</code>`)
    .join(', ');
  const retried = r.retries ? ` (${formatCount(r.retries)} retried)` : '';
  const failed = r.failedCount
    ? ` <span style="color: ${FAILED}">${formatCount(r.failedCount)} failed; ` +
      `the first, line ${r.failures[0]?.line}: ${escapeHtml(r.failures[0]?.message ?? '')}</span>`
    : '';
  const counted = Object.entries(tableRows);
  const overwritten = counted.some(([name, n]) => n < (r.loaded[name] ?? 0));
  const held = counted.length
    ? `<br>Rows in the table${counted.length > 1 ? 's' : ''}: ${counted
        .map(([name, n]) => `${counted.length > 1 ? `<code>${escapeHtml(name)}</code> ` : ''}<b>${formatCount(n)}</b>`)
        .join(
          ', ',
        )}${overwritten ? ' — fewer than the inserts: an INSERT with a primary key already there overwrites that row.' : '.'}`
    : '';
  return `✔ Loaded ${formatCount(r.rowsRead)} plays: ${inserts}${retried}.${failed}${held}`;
}

/** Which field of the merged file fed which column: "session_id ← sessionId, item_in_session ← itemInSession …". */
export function insertFieldsHtml(table: Pick<TableSpec, 'columns'>): string {
  const pairs = table.columns.map((c) => `<code>${escapeHtml(c.name)}</code> ← <code>${escapeHtml(c.from)}</code>`);
  return `Columns filled from the merged file's fields: ${pairs.join(', ')}.`;
}

// partitions: the displays of the partition analysis (lib/teach/partitions). Owns the one-line progress
// while the merged file is read, the statistics per table as an HTML table with the warnings (or that
// every partition is within the guidance), the same statistics as lines of text for the terminal, the
// words of a warning (a partition key as CQL restricts it) and of a partition's values (cells: "360,000
// values (120,000 rows × 3 cells)"), which is what the guidance counts. Pure functions over the statistics.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { CellShape, PartitionInfo, PartitionLimits, PartitionStats } from '../teach/partitions';
import type { TableSpec } from '../model/tables';
import { formatBytes, formatCount, formatSize, plural } from './format';
import { escapeHtml, htmlTable, progressBarHtml } from './html';
import { GOOD, WARN, WARNING_BOX, WARNING_LIST } from './style';

/** One line while the merged file is read for the partition analysis. */
export function analyzeProgressHtml(p: { plays: number; bytesRead: number; bytesTotal: number }): string {
  return `${progressBarHtml(p.bytesRead, p.bytesTotal)} · ${formatCount(p.plays)} plays read`;
}

/** A partition's values in words, with the rows they come from: "360,000 values (120,000 rows × 3 cells)". */
export function valuesInWords(p: Pick<PartitionInfo, 'rows' | 'values'>, cells: CellShape): string {
  return `${plural(p.values, 'value')} (${rowsTimesCells(p.rows, cells)})`;
}

/** "120,000 rows × 3 cells", "+ 2 static cells" when the table has static columns. */
function rowsTimesCells(rows: number, cells: CellShape): string {
  const statics = cells.staticCells ? ` + ${plural(cells.staticCells, 'static cell')}` : '';
  return `${plural(rows, 'row')} × ${plural(cells.cellsPerRow, 'cell')}${statics}`;
}

/** The guidance in words: "100,000 values (cells) and 100.0 MB". */
const guidanceText = (limits: PartitionLimits) =>
  `${formatCount(limits.maxValues)} values (cells) and ${formatBytes(limits.maxBytes)}`;

/**
 * Per table: partitions, rows, rows and values (cells) per partition (min / median / p99 / max), the estimated
 * size per partition (median / p99 / max), all partitions together, and how many partitions pass the guidance;
 * then the warnings.
 */
export function partitionStatsHtml(stats: readonly PartitionStats[], options: { caption?: string } = {}): string {
  const r = (s: PartitionStats) => s.rowsPerPartition;
  const v = (s: PartitionStats) => s.valuesPerPartition;
  const b = (s: PartitionStats) => s.bytesPerPartition;
  const rows = stats.map((s) => ({
    table: s.table,
    'partition key': s.partitionKey.join(', '),
    partitions: s.partitions,
    rows: s.rows,
    rowsPer: [r(s).min, r(s).median, r(s).p99, r(s).max].map(formatCount).join(' / '),
    valuesPer: [v(s).min, v(s).median, v(s).p99, v(s).max].map(formatCount).join(' / '),
    // A no-break space keeps each size on one line when the column wraps.
    sizePer: [b(s).median, b(s).p99, b(s).max].map((x) => formatBytes(x).replace(' ', '\u00a0')).join(' / '),
    'all partitions': formatBytes(s.totalBytes),
    over: Math.max(s.over.values, s.over.bytes),
  }));
  const format = Object.fromEntries(
    ['partitions', 'rows', 'over'].map((c) => [c, (v: unknown) => formatCount(v as number)]),
  );
  const table = htmlTable(rows, {
    caption: options.caption ?? 'Partitions per table (sizes estimated with the partition-size formula)',
    className: 'sparkify-partitions',
    headers: {
      rowsPer: 'rows per partition: min / median / p99 / max',
      valuesPer: 'values (cells) per partition: min / median / p99 / max',
      sizePer: 'estimated size per partition: median / p99 / max',
      over: 'over the guidance',
    },
    format,
  });
  const warnings = stats.flatMap((s) => s.warnings);
  if (!warnings.length) {
    const limits = stats[0]?.limits;
    const within = limits ? `: at most ${guidanceText(limits)} per partition` : '';
    const ok = `<span style="color: ${GOOD}">✔</span> Every partition is within the usual guidance${within}.`;
    return `${table}\n<p class="sparkify-partition-ok">${ok}</p>`;
  }
  const items = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return (
    `${table}\n<div class="sparkify-partition-warnings" style="${WARNING_BOX}">` +
    `<b style="color: ${WARN}">⚠ Partitions over the usual guidance</b><ul style="${WARNING_LIST}">${items}</ul></div>`
  );
}

/** The statistics as a few lines for people. */
export function describePartitionStats(s: PartitionStats): string[] {
  const r = s.rowsPerPartition;
  const v = s.valuesPerPartition;
  const b = s.bytesPerPartition;
  const perRow = `${plural(s.cells.cellsPerRow, 'cell')} a row${s.cells.staticCells ? ` + ${formatCount(s.cells.staticCells)} static` : ''}`;
  const lines = [
    `${s.table} (partition key ${s.partitionKey.join(', ')}): ` +
      `${formatCount(s.partitions)} partitions, ${formatCount(s.rows)} rows from ${formatCount(s.plays)} plays`,
    `  rows per partition: min ${formatCount(r.min)}, median ${formatCount(r.median)}, p99 ${formatCount(r.p99)}, max ${formatCount(r.max)}`,
    `  values (cells) per partition: min ${formatCount(v.min)}, median ${formatCount(v.median)}, p99 ${formatCount(v.p99)}, max ${formatCount(v.max)} (${perRow})`,
    `  estimated bytes per partition: min ${formatCount(b.min)}, median ${formatCount(b.median)}, p99 ${formatCount(b.p99)}, ` +
      `max ${formatCount(b.max)} (${formatSize(b.max)}); all partitions ${formatSize(s.totalBytes)}`,
  ];
  const top = s.largest[0];
  if (top)
    lines.push(`  largest: ${describeKey(top.key)} with ${valuesInWords(top, s.cells)}, ${formatSize(top.bytes)}`);
  for (const w of s.warnings) lines.push(`  WARNING: ${w}`);
  if (!s.warnings.length)
    lines.push(
      `  every partition is under ${formatCount(s.limits.maxValues)} values (cells) and ${formatSize(s.limits.maxBytes)}`,
    );
  return lines;
}

/** A partition key as CQL would restrict it: `song = 'It''s', user_id = 7`. */
function describeKey(key: Record<string, string | number>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v}`)
    .join(', ');
}

/** A partition over a limit, in words; null when it is within both. */
export function overLimitWarning(
  table: Pick<TableSpec, 'name'>,
  info: PartitionInfo,
  limits: PartitionLimits,
  cells: CellShape,
): string | null {
  const tooMany = info.values > limits.maxValues;
  const tooBig = info.bytes > limits.maxBytes;
  if (!tooMany && !tooBig) return null;
  const what = [
    tooMany
      ? `${plural(info.values, 'value')} (${rowsTimesCells(info.rows, cells)}; over ${formatCount(limits.maxValues)})`
      : '',
    tooBig ? `about ${formatSize(info.bytes)} (over ${formatSize(limits.maxBytes)})` : '',
  ].filter(Boolean);
  return `partition ${describeKey(info.key)} of ${table.name} holds ${what.join(' and ')}`;
}

/** The warning after the first ten: how many more partitions of the table pass the limits. */
export function morePartitionsOverText(table: Pick<TableSpec, 'name'>, more: number): string {
  return `… and ${formatCount(more)} more partitions of ${table.name} over the limits`;
}

/** Tables side by side by their totals: partitions, rows, values (cells) and estimated bytes — e.g. a table and its static-column twin. */
export function partitionTotalsHtml(stats: readonly PartitionStats[], options: { caption?: string } = {}): string {
  const rows = stats.map((s) => ({
    table: s.table,
    partitions: formatCount(s.partitions),
    rows: formatCount(s.rows),
    'values (cells)': formatCount(s.valueCounts.reduce((a, b) => a + b, 0)),
    'estimated size': formatBytes(s.totalBytes),
  }));
  return htmlTable(rows, { caption: options.caption, className: 'sparkify-totals' });
}

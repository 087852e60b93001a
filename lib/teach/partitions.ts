// partitions: how the plays spread over each table's partitions, computed by streaming the merged file
// (no Cassandra needed). Owns the partition size estimate, the per-table statistics (partitions, rows
// per partition min / median / p99 / max, estimated bytes), the warnings when a partition passes the
// usual guidance (100 MB or 100,000 rows), the histogram charts (Vega-Lite specs rendered to SVG in
// Node by vega@5 / vega-lite@5) and a generator of merged-format files with one deliberately hot key.
//
// Size estimate: the partition-size formula of Carpenter & Hewitt, "Cassandra: The Definitive Guide"
// (2nd ed., O'Reilly 2016, ch. 5 "Estimating Partition Size"; also DataStax DS220):
//   Nv = Nr × (Nc − Npk − Ns) + Ns                                   (values, i.e. cells)
//   Ps = Σ sizeOf(ck) + Σ sizeOf(cs) + Nr × (Σ sizeOf(cr) + Σ sizeOf(cc)) + Nv × sizeOf(t_avg)
// with Nr rows, Nc columns, Npk primary-key columns (partition + clustering), Ns static columns; ck
// partition key, cs static, cr regular and cc clustering columns; t_avg = 8 bytes of write timestamp
// per cell. Text sizes are the real UTF-8 byte lengths of each value, so the Nr × Σ term is the sum
// over the partition's rows; int 4, bigint/double/timestamp 8, float 4, boolean 1 bytes.
// It estimates the data, not the on-disk SSTable size (no row headers, index or compression).
//
// Memory: one entry per partition (row count, byte sum). When the table's key does not determine a
// play (it lacks session_id and item_in_session, as listeners_by_song), two plays can be the same row
// (an upsert): those tables also keep one entry per distinct clustering key to count rows exactly.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { closure } from './checker';
import { quoteAllCsv } from '../etl/csv';
import { PLAY_COLUMNS, type Play } from '../etl/columns';
import { readPlays } from '../etl/plays';
import { TABLES, type CqlType, type TableSpec } from '../model/tables';
import { formatCount, formatSize } from '../show/format';

/** The usual guidance: keep partitions under 100 MB and under 100,000 rows. */
export const PARTITION_LIMITS = { maxRows: 100_000, maxBytes: 100 * 1024 * 1024 } as const;

export interface PartitionLimits {
  maxRows: number;
  maxBytes: number;
}

const FIXED: Record<Exclude<CqlType, 'text'>, number> = { int: 4, bigint: 8, double: 8, float: 4, boolean: 1, timestamp: 8 };

/** Bytes of one value: the fixed size of its type, or the UTF-8 byte length of text. */
export function valueSize(type: CqlType, value: unknown): number {
  if (type === 'text') return Buffer.byteLength(String(value ?? ''), 'utf8');
  return FIXED[type];
}

/** Bytes of a write timestamp, per cell. */
export const TIMESTAMP_BYTES = 8;

export interface SizeEstimate {
  /** Nr: rows (after upserts: plays with the same primary key are one row). */
  rows: number;
  /** Nv = Nr × (Nc − Npk − Ns) + Ns. */
  values: number;
  partitionKeyBytes: number;
  staticBytes: number;
  /** Σ over rows of Σ sizeOf(clustering + regular columns). */
  rowBytes: number;
  /** Nv × 8. */
  timestampBytes: number;
  /** The estimate Ps: the four parts summed. */
  bytes: number;
}

interface Shape {
  pk: { name: string; type: CqlType; field: keyof Play }[];
  statics: { name: string; type: CqlType; field: keyof Play }[];
  perRow: { name: string; type: CqlType; field: keyof Play }[];
  clustering: { name: string; field: keyof Play }[];
  /** Nc − Npk − Ns: cells per row. */
  cellsPerRow: number;
  staticCount: number;
  /** True when two plays can land on the same row (the key does not determine a play). */
  dedupe: boolean;
}

function shapeOf(table: TableSpec, dedupe: 'auto' | 'always' | 'never'): Shape {
  const col = (name: string) => {
    const c = table.columns.find((x) => x.name === name);
    if (!c) throw new Error(`Table ${table.name} has no column ${name}`);
    return { name, type: c.type, field: c.from as keyof Play };
  };
  const key = [...table.partitionKey, ...table.clustering.map((c) => c.column)];
  const statics = table.columns.filter((c) => c.static).map((c) => col(c.name));
  const perRow = [
    ...table.clustering.map((c) => col(c.column)),
    ...table.columns.filter((c) => !c.static && !key.includes(c.name)).map((c) => col(c.name)),
  ];
  const determined = closure(key);
  const keyIdentifiesPlay = determined.has('session_id') && determined.has('item_in_session');
  return {
    pk: table.partitionKey.map(col),
    statics,
    perRow,
    clustering: table.clustering.map((c) => col(c.column)),
    cellsPerRow: table.columns.length - key.length - statics.length,
    staticCount: statics.length,
    dedupe: dedupe === 'always' || (dedupe === 'auto' && !keyIdentifiesPlay),
  };
}

function finish(shape: Shape, rows: number, partitionKeyBytes: number, staticBytes: number, rowBytes: number): SizeEstimate {
  const values = rows * shape.cellsPerRow + shape.staticCount;
  const timestampBytes = values * TIMESTAMP_BYTES;
  return { rows, values, partitionKeyBytes, staticBytes, rowBytes, timestampBytes, bytes: partitionKeyBytes + staticBytes + rowBytes + timestampBytes };
}

const sizeOf = (cols: Shape['pk'], play: Play) => cols.reduce((s, c) => s + valueSize(c.type, play[c.field]), 0);
const keyOf = (cols: { field: keyof Play }[], play: Play) => JSON.stringify(cols.map((c) => play[c.field]));

/**
 * The estimate for one partition's plays (all must share the partition key): later plays with the
 * same clustering key replace earlier ones, as INSERTs do.
 */
export function estimatePartitionSize(table: TableSpec, plays: readonly Play[]): SizeEstimate {
  if (!plays.length) throw new Error('A partition needs at least one play');
  const shape = shapeOf(table, 'always');
  const pkKey = keyOf(shape.pk, plays[0]);
  const rows = new Map<string, number>();
  for (const p of plays) {
    if (keyOf(shape.pk, p) !== pkKey) throw new Error(`Play of another partition: ${keyOf(shape.pk, p)} is not ${pkKey}`);
    rows.set(keyOf(shape.clustering, p), sizeOf(shape.perRow, p));
  }
  const last = plays[plays.length - 1];
  let rowBytes = 0;
  for (const b of rows.values()) rowBytes += b;
  return finish(shape, rows.size, sizeOf(shape.pk, plays[0]), sizeOf(shape.statics, last), rowBytes);
}

export interface Distribution {
  min: number;
  /** The middle value (the mean of the two middle values for an even count). */
  median: number;
  /** Nearest-rank 99th percentile: the value 99 % of partitions do not exceed. */
  p99: number;
  max: number;
  mean: number;
}

/** min / median / p99 / max / mean of a list of numbers (sorted or not). */
export function distribution(values: readonly number[]): Distribution {
  if (!values.length) return { min: 0, median: 0, p99: 0, max: 0, mean: 0 };
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return {
    min: v[0],
    median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2,
    p99: v[Math.max(0, Math.ceil(0.99 * v.length) - 1)],
    max: v[v.length - 1],
    mean: v.reduce((s, x) => s + x, 0) / v.length,
  };
}

export interface PartitionInfo {
  /** Partition key values by column. */
  key: Record<string, string | number>;
  rows: number;
  bytes: number;
}

export interface PartitionStats {
  table: string;
  partitionKey: string[];
  /** Plays read from the file. */
  plays: number;
  partitions: number;
  /** Rows after upserts. */
  rows: number;
  rowsPerPartition: Distribution;
  bytesPerPartition: Distribution;
  /** Σ of the partition estimates. */
  totalBytes: number;
  /** The five largest partitions by rows (then bytes). */
  largest: PartitionInfo[];
  /** Partitions over a limit, in words (at most 10 listed, then a count). */
  warnings: string[];
  /** How many partitions pass each limit. */
  over: { rows: number; bytes: number };
  limits: PartitionLimits;
  /** Whether rows were deduplicated by clustering key (see the header comment). */
  deduplicated: boolean;
  /** Per partition, sorted ascending: the data of the histograms. */
  rowCounts: number[];
  byteSizes: number[];
}

export interface AnalyzeOptions {
  tables?: readonly TableSpec[];
  limits?: Partial<PartitionLimits>;
  /** `auto` (default): deduplicate rows only where two plays can share a primary key. */
  dedupe?: 'auto' | 'always' | 'never';
  onProgress?: (p: { plays: number; bytesRead: number; bytesTotal: number }) => void;
}

interface Acc {
  rows: number;
  rowBytes: number;
  pkBytes: number;
  staticBytes: number;
  seen?: Map<string, number>;
}

function describeKey(key: Record<string, string | number>): string {
  return Object.entries(key)
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v}`)
    .join(', ');
}

/**
 * Streams the merged file once and computes, for every table, its partitions, rows per partition and
 * estimated partition sizes, with warnings for partitions over the limits.
 */
export async function analyzePartitions(file: string, opts: AnalyzeOptions = {}): Promise<PartitionStats[]> {
  const tables = opts.tables ?? TABLES;
  const limits: PartitionLimits = { ...PARTITION_LIMITS, ...opts.limits };
  const shapes = tables.map((t) => shapeOf(t, opts.dedupe ?? 'auto'));
  const maps = tables.map(() => new Map<string, Acc>());
  const bytesTotal = (await stat(file)).size;
  let plays = 0;
  for await (const batch of readPlays(file)) {
    for (const { play } of batch.plays) {
      plays++;
      shapes.forEach((shape, i) => {
        const k = keyOf(shape.pk, play);
        let acc = maps[i].get(k);
        if (!acc) {
          acc = { rows: 0, rowBytes: 0, pkBytes: sizeOf(shape.pk, play), staticBytes: 0 };
          if (shape.dedupe) acc.seen = new Map();
          maps[i].set(k, acc);
        }
        const size = sizeOf(shape.perRow, play);
        acc.staticBytes = sizeOf(shape.statics, play); // static: the last write wins
        if (acc.seen) {
          const ck = keyOf(shape.clustering, play);
          const before = acc.seen.get(ck);
          if (before === undefined) acc.rows++;
          acc.rowBytes += size - (before ?? 0);
          acc.seen.set(ck, size);
        } else {
          acc.rows++;
          acc.rowBytes += size;
        }
      });
    }
    opts.onProgress?.({ plays, bytesRead: batch.bytesRead, bytesTotal });
  }

  return tables.map((table, i) => {
    const shape = shapes[i];
    const rowCounts: number[] = [];
    const byteSizes: number[] = [];
    const infos: PartitionInfo[] = [];
    const over = { rows: 0, bytes: 0 };
    const warnings: string[] = [];
    let rows = 0;
    let totalBytes = 0;
    for (const [k, acc] of maps[i]) {
      const est = finish(shape, acc.rows, acc.pkBytes, acc.staticBytes, acc.rowBytes);
      rowCounts.push(est.rows);
      byteSizes.push(est.bytes);
      rows += est.rows;
      totalBytes += est.bytes;
      const values = JSON.parse(k) as (string | number)[];
      const info: PartitionInfo = { key: Object.fromEntries(table.partitionKey.map((c, j) => [c, values[j]])), rows: est.rows, bytes: est.bytes };
      const tooMany = est.rows > limits.maxRows;
      const tooBig = est.bytes > limits.maxBytes;
      if (tooMany) over.rows++;
      if (tooBig) over.bytes++;
      if ((tooMany || tooBig) && warnings.length < 10) {
        const what = [
          tooMany ? `${formatCount(est.rows)} rows (over ${formatCount(limits.maxRows)})` : '',
          tooBig ? `about ${formatSize(est.bytes)} (over ${formatSize(limits.maxBytes)})` : '',
        ].filter(Boolean);
        warnings.push(`partition ${describeKey(info.key)} of ${table.name} holds ${what.join(' and ')}`);
      }
      infos.push(info);
      if (infos.length > 50) {
        infos.sort((a, b) => b.rows - a.rows || b.bytes - a.bytes);
        infos.length = 5;
      }
    }
    const totalOver = countOver(rowCounts, byteSizes, limits);
    if (totalOver > warnings.length) warnings.push(`… and ${formatCount(totalOver - warnings.length)} more partitions of ${table.name} over the limits`);
    infos.sort((a, b) => b.rows - a.rows || b.bytes - a.bytes);
    rowCounts.sort((a, b) => a - b);
    byteSizes.sort((a, b) => a - b);
    return {
      table: table.name,
      partitionKey: [...table.partitionKey],
      plays,
      partitions: maps[i].size,
      rows,
      rowsPerPartition: distribution(rowCounts),
      bytesPerPartition: distribution(byteSizes),
      totalBytes,
      largest: infos.slice(0, 5),
      warnings,
      over,
      limits,
      deduplicated: shape.dedupe,
      rowCounts,
      byteSizes,
    };
  });
}

function countOver(rows: readonly number[], bytes: readonly number[], limits: PartitionLimits): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i] > limits.maxRows || bytes[i] > limits.maxBytes) n++;
  return n;
}

/** The statistics as a few lines for people. */
export function describePartitionStats(s: PartitionStats): string[] {
  const r = s.rowsPerPartition;
  const b = s.bytesPerPartition;
  const lines = [
    `${s.table} (partition key ${s.partitionKey.join(', ')}): ${formatCount(s.partitions)} partitions, ${formatCount(s.rows)} rows from ${formatCount(s.plays)} plays`,
    `  rows per partition: min ${formatCount(r.min)}, median ${formatCount(r.median)}, p99 ${formatCount(r.p99)}, max ${formatCount(r.max)}`,
    `  estimated bytes per partition: min ${formatCount(b.min)}, median ${formatCount(b.median)}, p99 ${formatCount(b.p99)}, max ${formatCount(b.max)} (${formatSize(b.max)}); all partitions ${formatSize(s.totalBytes)}`,
  ];
  if (s.largest[0]) lines.push(`  largest: ${describeKey(s.largest[0].key)} with ${formatCount(s.largest[0].rows)} rows, ${formatSize(s.largest[0].bytes)}`);
  for (const w of s.warnings) lines.push(`  WARNING: ${w}`);
  if (!s.warnings.length) lines.push(`  every partition is under ${formatCount(s.limits.maxRows)} rows and ${formatSize(s.limits.maxBytes)}`);
  return lines;
}

export interface HistogramBin {
  from: number;
  to: number;
  partitions: number;
}

function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/** Equal-width bins over [0, max] with a round step (whole numbers), about `maxBins` of them. */
export function histogramBins(values: readonly number[], maxBins = 30): HistogramBin[] {
  if (!values.length) return [];
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const step = Math.max(1, Math.ceil(niceStep(Math.max(1, max + 1) / maxBins)));
  const count = Math.floor(max / step) + 1;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({ from: i * step, to: (i + 1) * step, partitions: 0 }));
  for (const v of values) bins[Math.floor(v / step)].partitions++;
  return bins;
}

/** Tick values for a symlog count axis: 0, 1, 2, 5, 10, 20, 50, … up to `max`. */
function symlogTicks(max: number): number[] {
  const ticks = [0];
  for (let p = 1; p <= max; p *= 10) for (const m of [1, 2, 5]) if (m * p <= max) ticks.push(m * p);
  return ticks;
}

/** A Vega-Lite spec: histogram of rows (or estimated bytes) per partition, with the limit drawn when it is in view. */
export function partitionHistogramSpec(stats: PartitionStats, measure: 'rows' | 'bytes' = 'rows'): Record<string, unknown> {
  const values = measure === 'rows' ? stats.rowCounts : stats.byteSizes;
  const bins = histogramBins(values);
  const d = measure === 'rows' ? stats.rowsPerPartition : stats.bytesPerPartition;
  const title = measure === 'rows' ? 'Rows per partition' : 'Estimated partition size (bytes)';
  const limit = measure === 'rows' ? stats.limits.maxRows : stats.limits.maxBytes;
  const maxCount = Math.max(1, ...bins.map((b) => b.partitions));
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', color: '#2563eb', tooltip: true },
      encoding: {
        x: { field: 'from', type: 'quantitative', bin: { binned: true }, title },
        x2: { field: 'to' },
        y: {
          field: 'partitions',
          type: 'quantitative',
          title: 'Partitions',
          ...(maxCount > 50 ? { scale: { type: 'symlog' }, axis: { values: symlogTicks(maxCount), format: ',d' } } : {}),
        },
      },
    },
  ];
  if (d.max >= limit / 2) {
    layers.push({
      data: { values: [{ limit, label: measure === 'rows' ? `${formatCount(limit)}-row guidance` : `${formatSize(limit)} guidance` }] },
      layer: [
        { mark: { type: 'rule', color: '#dc2626', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x: { field: 'limit', type: 'quantitative' } } },
        {
          mark: { type: 'text', color: '#dc2626', align: 'right', dx: -4, baseline: 'top', fontSize: 11 },
          encoding: { x: { field: 'limit', type: 'quantitative' }, y: { value: 4 }, text: { field: 'label' } },
        },
      ],
    });
  }
  const fmtV = (v: number) => (measure === 'rows' ? formatCount(v) : formatSize(v));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `${stats.table}: ${measure === 'rows' ? 'rows' : 'estimated bytes'} per partition`,
      subtitle: `${formatCount(stats.partitions)} partitions · min ${fmtV(d.min)} · median ${fmtV(d.median)} · p99 ${fmtV(d.p99)} · max ${fmtV(d.max)}${maxCount > 50 ? ' · symlog scale' : ''}`,
    },
    width: 480,
    height: 220,
    data: { values: bins },
    layer: layers,
    config: { font: 'sans-serif', view: { stroke: null } },
  };
}

/** Renders a Vega-Lite spec to SVG text in Node (vega@5 + vega-lite@5, no browser, no canvas). */
export async function renderVegaLiteSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The histogram of a table's partitions as SVG. */
export function partitionHistogramSvg(stats: PartitionStats, measure: 'rows' | 'bytes' = 'rows'): Promise<string> {
  return renderVegaLiteSvg(partitionHistogramSpec(stats, measure));
}

export interface HotFileOptions {
  /** Plays of the hot session (one partition of songs_by_session). Default 120,000: over the 100,000-row guidance. */
  hotRows?: number;
  /** Ordinary sessions around it. Default 200, each with `rowsPerSession` plays. */
  sessions?: number;
  rowsPerSession?: number;
  /** The hot session's id. Default 999999. */
  hotSessionId?: number;
  /** Length of each song title (characters). Default 24. */
  titleLength?: number;
}

/**
 * Writes a merged-format file (header + 11 quoted columns) where one session is deliberately hot: its
 * plays all land in one partition of songs_by_session and of songs_by_user_session.
 */
export async function writeHotPartitionFile(path: string, opts: HotFileOptions = {}): Promise<{ file: string; plays: number; hotSessionId: number }> {
  const hotRows = opts.hotRows ?? 120_000;
  const sessions = opts.sessions ?? 200;
  const perSession = opts.rowsPerSession ?? 10;
  const hotSessionId = opts.hotSessionId ?? 999_999;
  const titleLength = opts.titleLength ?? 24;
  const title = (i: number) => `Song ${i}`.padEnd(titleLength, '.');
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const row = (user: number, session: number, item: number, song: number): string[] => [
    `Artist ${song % 97}`, `First${user}`, user % 2 ? 'F' : 'M', String(item), `Last${user}`, '200.5', 'free', 'Springfield, IL',
    String(session), title(song), String(user),
  ];
  let plays = 0;
  await write(quoteAllCsv([[...PLAY_COLUMNS]]));
  for (let s = 1; s <= sessions; s++) {
    const rows: string[][] = [];
    for (let i = 0; i < perSession; i++) rows.push(row(1 + (s % 50), s, i, s * 7 + i));
    await write(quoteAllCsv(rows));
    plays += rows.length;
  }
  for (let start = 0; start < hotRows; start += 5000) {
    const rows: string[][] = [];
    for (let i = start; i < Math.min(hotRows, start + 5000); i++) rows.push(row(7, hotSessionId, i, i % 500));
    await write(quoteAllCsv(rows));
    plays += rows.length;
  }
  out.end();
  await once(out, 'finish');
  return { file: path, plays, hotSessionId };
}

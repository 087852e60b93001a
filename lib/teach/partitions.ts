// partitions: how the plays spread over each table's partitions, computed by streaming the merged file
// (no Cassandra needed). Owns the usual guidance (100 MiB or 100,000 values, i.e. cells, per partition),
// the per-table statistics (partitions, rows and values per partition min / median / p99 / max, estimated
// bytes, the largest partitions) and which partitions pass the guidance. Sizes come from partition-size.ts; the warnings' words and the
// displays from lib/show/partitions.ts and lib/show/partition-chart.ts.
//
// Memory: one entry per partition (row count, byte sum). When the table's key does not determine a
// play (it lacks session_id and item_in_session, as listeners_by_song), two plays can be the same row
// (an upsert): those tables also keep one entry per distinct clustering key to count rows exactly.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { stat } from 'node:fs/promises';
import { estimateFromParts, keyOfColumns, sizeShapeOf, bytesOfColumns, type SizeShape } from './partition-size';
import { distribution, type Distribution } from './statistics';
import { TABLES, type TableSpec } from '../model/tables';
import { morePartitionsOverText, overLimitWarning } from '../show/partitions';
import { readPlays } from '../etl/plays';
import type { Play } from '../etl/columns';

/**
 * The usual guidance: keep a partition under 100,000 values (cells, Nv of the formula) and under 100 MiB,
 * as the partition-size formula's sources give it (Carpenter & Hewitt ch. 5; DataStax DS220). Values, not
 * rows: a row holds one cell per column outside the primary key.
 */
export const PARTITION_LIMITS = { maxValues: 100_000, maxBytes: 100 * 1024 * 1024 } as const;

export interface PartitionLimits {
  maxValues: number;
  maxBytes: number;
}

/** How a table's rows become values: Nv = rows × cellsPerRow + staticCells. */
export interface CellShape {
  /** Nc − Npk − Ns: the cells of one row. */
  cellsPerRow: number;
  /** Ns: the static cells, once per partition. */
  staticCells: number;
}

export interface PartitionInfo {
  /** Partition key values by column. */
  key: Record<string, string | number>;
  rows: number;
  /** Nv: the values (cells) of the partition. */
  values: number;
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
  /** Values (cells) per partition: what the guidance counts. */
  valuesPerPartition: Distribution;
  bytesPerPartition: Distribution;
  /** Σ of the partition estimates. */
  totalBytes: number;
  /** The five largest partitions by values (then bytes). */
  largest: PartitionInfo[];
  /** Partitions over a limit, in words (at most 10 listed, then a count). */
  warnings: string[];
  /** How many partitions pass each limit. */
  over: { values: number; bytes: number };
  limits: PartitionLimits;
  /** How a row of this table becomes values. */
  cells: CellShape;
  /** Whether rows were deduplicated by clustering key (see the header comment). */
  deduplicated: boolean;
  /** Per partition, sorted ascending: the data of the histograms. */
  rowCounts: number[];
  valueCounts: number[];
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

/** One table's partitions while the file streams: per partition key, its row count and byte sums. */
class PartitionTally {
  readonly partitions = new Map<string, Acc>();

  constructor(
    readonly table: TableSpec,
    readonly shape: SizeShape,
  ) {}

  /** Adds one play to its partition: a new row, or (deduplicating) the row with its clustering key replaced. */
  add(play: Play): void {
    const shape = this.shape;
    const k = keyOfColumns(shape.pk, play);
    let acc = this.partitions.get(k);
    if (!acc) {
      acc = { rows: 0, rowBytes: 0, pkBytes: bytesOfColumns(shape.pk, play), staticBytes: 0 };
      if (shape.dedupe) acc.seen = new Map();
      this.partitions.set(k, acc);
    }
    const size = bytesOfColumns(shape.perRow, play);
    acc.staticBytes = bytesOfColumns(shape.statics, play); // static: the last write wins
    if (acc.seen) {
      const ck = keyOfColumns(shape.clustering, play);
      const before = acc.seen.get(ck);
      if (before === undefined) acc.rows++;
      acc.rowBytes += size - (before ?? 0);
      acc.seen.set(ck, size);
    } else {
      acc.rows++;
      acc.rowBytes += size;
    }
  }
}

const byValuesThenBytes = (a: PartitionInfo, b: PartitionInfo) => b.values - a.values || b.bytes - a.bytes;

/** What the partitions of one tally add up to, before sorting. */
interface PartitionTotals {
  rowCounts: number[];
  valueCounts: number[];
  byteSizes: number[];
  infos: PartitionInfo[];
  over: { values: number; bytes: number };
  warnings: string[];
  rows: number;
  totalBytes: number;
}

/** Estimates every partition of a tally: its rows, values and bytes, the limits it passes, the largest kept. */
function totalsOf(tally: PartitionTally, limits: PartitionLimits): PartitionTotals {
  const t: PartitionTotals = {
    rowCounts: [],
    valueCounts: [],
    byteSizes: [],
    infos: [],
    over: { values: 0, bytes: 0 },
    warnings: [],
    rows: 0,
    totalBytes: 0,
  };
  const cells = cellsOf(tally.shape);
  for (const [k, acc] of tally.partitions) {
    const est = estimateFromParts(tally.shape, acc.rows, acc.pkBytes, acc.staticBytes, acc.rowBytes);
    t.rowCounts.push(est.rows);
    t.valueCounts.push(est.values);
    t.byteSizes.push(est.bytes);
    t.rows += est.rows;
    t.totalBytes += est.bytes;
    const keyValues = JSON.parse(k) as (string | number)[];
    const key = Object.fromEntries(tally.table.partitionKey.map((c, j) => [c, keyValues[j]]));
    const info: PartitionInfo = { key, rows: est.rows, values: est.values, bytes: est.bytes };
    if (est.values > limits.maxValues) t.over.values++;
    if (est.bytes > limits.maxBytes) t.over.bytes++;
    const warning = t.warnings.length < 10 ? overLimitWarning(tally.table, info, limits, cells) : null;
    if (warning) t.warnings.push(warning);
    t.infos.push(info);
    if (t.infos.length > 50) {
      t.infos.sort(byValuesThenBytes);
      t.infos.length = 5;
    }
  }
  return t;
}

/** The statistics of one table from its tally: totals, distributions, the largest partitions, the warnings. */
function statsOf(tally: PartitionTally, plays: number, limits: PartitionLimits): PartitionStats {
  const { table, shape } = tally;
  const { rowCounts, valueCounts, byteSizes, infos, over, warnings, rows, totalBytes } = totalsOf(tally, limits);
  const totalOver = countOver(valueCounts, byteSizes, limits);
  if (totalOver > warnings.length) warnings.push(morePartitionsOverText(table, totalOver - warnings.length));
  infos.sort(byValuesThenBytes);
  for (const list of [rowCounts, valueCounts, byteSizes]) list.sort((a, b) => a - b);
  return {
    table: table.name,
    partitionKey: [...table.partitionKey],
    plays,
    partitions: tally.partitions.size,
    rows,
    rowsPerPartition: distribution(rowCounts),
    valuesPerPartition: distribution(valueCounts),
    bytesPerPartition: distribution(byteSizes),
    totalBytes,
    largest: infos.slice(0, 5),
    warnings,
    over,
    limits,
    cells: cellsOf(shape),
    deduplicated: shape.dedupe,
    rowCounts,
    valueCounts,
    byteSizes,
  };
}

function countOver(values: readonly number[], bytes: readonly number[], limits: PartitionLimits): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > limits.maxValues || bytes[i] > limits.maxBytes) n++;
  return n;
}

const cellsOf = (shape: SizeShape): CellShape => ({ cellsPerRow: shape.cellsPerRow, staticCells: shape.staticCount });

/**
 * Streams the merged file once and computes, for every table, its partitions, rows and values per
 * partition and estimated partition sizes, with warnings for partitions over the limits.
 */
export async function analyzePartitions(file: string, opts: AnalyzeOptions = {}): Promise<PartitionStats[]> {
  const tables = opts.tables ?? TABLES;
  const limits: PartitionLimits = { ...PARTITION_LIMITS, ...opts.limits };
  const tallies = tables.map((t) => new PartitionTally(t, sizeShapeOf(t, opts.dedupe ?? 'auto')));
  const bytesTotal = (await stat(file)).size;
  let plays = 0;
  for await (const batch of readPlays(file)) {
    for (const { play } of batch.plays) {
      plays++;
      for (const tally of tallies) tally.add(play);
    }
    opts.onProgress?.({ plays, bytesRead: batch.bytesRead, bytesTotal });
  }
  return tallies.map((tally) => statsOf(tally, plays, limits));
}

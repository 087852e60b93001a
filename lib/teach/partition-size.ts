// partition-size: the estimated size of a partition. Owns the bytes of a value, a table's shape for the
// estimate (partition key, static, per-row and clustering columns; whether two plays can be one row) and
// the estimate of one partition's plays.
//
// Size estimate: the partition-size formula of Carpenter & Hewitt, "Cassandra: The Definitive Guide"
// (2nd ed., O'Reilly 2016, ch. 5 "Estimating Partition Size"; also DataStax DS220):
//   Nv = Nr × (Nc − Npk − Ns) + Ns                                   (values, i.e. cells)
//   Ps = Σ bytesOfColumns(ck) + Σ bytesOfColumns(cs) + Nr × (Σ bytesOfColumns(cr) + Σ bytesOfColumns(cc)) + Nv × bytesOfColumns(t_avg)
// with Nr rows, Nc columns, Npk primary-key columns (partition + clustering), Ns static columns; ck
// partition key, cs static, cr regular and cc clustering columns; t_avg = 8 bytes of write timestamp
// per cell. Text sizes are the real UTF-8 byte lengths of each value, so the Nr × Σ term is the sum
// over the partition's rows; int 4, bigint/double/timestamp 8, float 4, boolean 1 bytes.
// It estimates the data, not the on-disk SSTable size (no row headers, index or compression).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { closure } from './dependencies';
import type { CqlType, TableSpec } from '../model/tables';
import type { Play } from '../etl/columns';

const FIXED: Record<Exclude<CqlType, 'text'>, number> = {
  int: 4,
  bigint: 8,
  double: 8,
  float: 4,
  boolean: 1,
  timestamp: 8,
};

/** Bytes of one value: the fixed size of its type, or the UTF-8 byte length of text. */
export function valueSize(type: CqlType, value: unknown): number {
  if (type === 'text') return Buffer.byteLength(String(value ?? ''), 'utf8');
  return FIXED[type];
}

/** Bytes of a write timestamp, per cell. */
const TIMESTAMP_BYTES = 8;

export interface SizeEstimate {
  /** Nr: rows (after upserts: plays with the same primary key are one row). */
  rows: number;
  /** Nv = Nr × (Nc − Npk − Ns) + Ns. */
  values: number;
  partitionKeyBytes: number;
  staticBytes: number;
  /** Σ over rows of Σ bytesOfColumns(clustering + regular columns). */
  rowBytes: number;
  /** Nv × 8. */
  timestampBytes: number;
  /** The estimate Ps: the four parts summed. */
  bytes: number;
}

/** A table as the estimate reads it. */
export interface SizeShape {
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

/** The shape of a table; `dedupe`: `auto` when the key does not identify a play, or always / never. */
export function sizeShapeOf(table: TableSpec, dedupe: 'auto' | 'always' | 'never'): SizeShape {
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

/** The estimate from a partition's counts: Nv and the timestamps derived, the parts summed. */
export function estimateFromParts(
  shape: SizeShape,
  rows: number,
  partitionKeyBytes: number,
  staticBytes: number,
  rowBytes: number,
): SizeEstimate {
  const values = rows * shape.cellsPerRow + shape.staticCount;
  const timestampBytes = values * TIMESTAMP_BYTES;
  const bytes = partitionKeyBytes + staticBytes + rowBytes + timestampBytes;
  return { rows, values, partitionKeyBytes, staticBytes, rowBytes, timestampBytes, bytes };
}

/** Σ sizeOf of these columns' values in one play. */
export const bytesOfColumns = (cols: SizeShape['pk'], play: Play) =>
  cols.reduce((s, c) => s + valueSize(c.type, play[c.field]), 0);
/** These columns' values in one play, as one string key. */
export const keyOfColumns = (cols: { field: keyof Play }[], play: Play) =>
  JSON.stringify(cols.map((c) => play[c.field]));

/**
 * The estimate for one partition's plays (all must share the partition key): later plays with the
 * same clustering key replace earlier ones, as INSERTs do.
 */
export function estimatePartitionSize(table: TableSpec, plays: readonly Play[]): SizeEstimate {
  if (!plays.length) throw new Error('A partition needs at least one play');
  const shape = sizeShapeOf(table, 'always');
  const pkKey = keyOfColumns(shape.pk, plays[0]);
  const rows = new Map<string, number>();
  for (const p of plays) {
    if (keyOfColumns(shape.pk, p) !== pkKey)
      throw new Error(`Play of another partition: ${keyOfColumns(shape.pk, p)} is not ${pkKey}`);
    rows.set(keyOfColumns(shape.clustering, p), bytesOfColumns(shape.perRow, p));
  }
  const last = plays[plays.length - 1];
  let rowBytes = 0;
  for (const b of rows.values()) rowBytes += b;
  return estimateFromParts(
    shape,
    rows.size,
    bytesOfColumns(shape.pk, plays[0]),
    bytesOfColumns(shape.statics, last),
    rowBytes,
  );
}

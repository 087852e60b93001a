// batches: packing one table's rows of a window into UNLOGGED batches. Owns the grouping by replica set and
// partition, whole partitions packed together up to `batchRows` rows, and a repeated primary key sent once
// (the later row carrying the earlier), so that no batch holds one key twice.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** Where a row goes: the replica set that owns it (`''` when unknown) and its partition. */
export interface RowPlace {
  replica: string;
  partition: string;
}

/** A row to send, with the earlier rows of the window that had its primary key (it replaces them). */
export interface PackedRow<T> {
  item: T;
  superseded?: T[];
}

/**
 * Packs one table's rows of a window into batches: grouped by replica set, then by partition (both in
 * the order first seen); whole partitions go together into batches of up to `batchRows` rows, and a
 * partition of `batchRows` rows or more gets batches of its own. Inside a partition, a row whose primary
 * key (`keyOf`) comes again later in the window is not sent: the later row, which replaces it anyway,
 * carries it in `superseded`. So no batch holds one key twice: rows of a batch share its timestamp, and
 * Cassandra would then keep the larger value instead of the later line's.
 */
export function packBatches<T>(
  items: readonly T[],
  batchRows: number,
  placeOf: (item: T) => RowPlace,
  keyOf: (item: T) => string,
): PackedRow<T>[][] {
  const byReplica = new Map<string, Map<string, T[]>>();
  for (const item of items) {
    const { replica, partition } = placeOf(item);
    let parts = byReplica.get(replica);
    if (!parts) byReplica.set(replica, (parts = new Map()));
    const rows = parts.get(partition);
    if (rows) rows.push(item);
    else parts.set(partition, [item]);
  }
  const batches: PackedRow<T>[][] = [];
  for (const parts of byReplica.values()) {
    let batch: PackedRow<T>[] = [];
    for (const rows of parts.values()) {
      const packed = rows.length === 1 ? [{ item: rows[0] }] : latestPerKey(rows, keyOf);
      if (packed.length >= batchRows) {
        for (let i = 0; i < packed.length; i += batchRows) batches.push(packed.slice(i, i + batchRows));
        continue;
      }
      if (batch.length + packed.length > batchRows) {
        batches.push(batch);
        batch = [];
      }
      batch.push(...packed);
    }
    if (batch.length) batches.push(batch);
  }
  return batches;
}

/** The rows of one partition, one per primary key: the last one, carrying the earlier ones. */
function latestPerKey<T>(rows: readonly T[], keyOf: (item: T) => string): PackedRow<T>[] {
  const at = new Map<string, number>();
  const out: PackedRow<T>[] = [];
  for (const item of rows) {
    const key = keyOf(item);
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push({ item });
    } else {
      const prev = out[i];
      out[i] = { item, superseded: [...(prev.superseded ?? []), prev.item] };
    }
  }
  return out;
}

// routing: where a row goes. Owns a row's routing key (its partition key serialized as the native protocol
// does, which the driver hashes), the replica set the driver's token map names for it, and its place
// (replica set and partition) for packing batches.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { insertCql, type CqlType, type TableSpec } from '../model/tables';
import type { RowPlace } from './batches';
import type { Play, PlayColumn } from '../etl/columns';
import type { PlayRecord } from '../etl/plays';

/** A column value serialized as the native protocol sends it; undefined when it does not fit the type. */
function serializeValue(type: CqlType, v: unknown): Buffer | undefined {
  switch (type) {
    case 'text':
      return typeof v === 'string' ? Buffer.from(v, 'utf8') : undefined;
    case 'int': {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) return undefined;
      const b = Buffer.allocUnsafe(4);
      b.writeInt32BE(v);
      return b;
    }
    case 'bigint':
    case 'timestamp': {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return undefined;
      const b = Buffer.allocUnsafe(8);
      b.writeBigInt64BE(BigInt(v));
      return b;
    }
    case 'double': {
      if (typeof v !== 'number') return undefined;
      const b = Buffer.allocUnsafe(8);
      b.writeDoubleBE(v);
      return b;
    }
    case 'float': {
      if (typeof v !== 'number') return undefined;
      const b = Buffer.allocUnsafe(4);
      b.writeFloatBE(v);
      return b;
    }
    case 'boolean':
      return typeof v === 'boolean' ? Buffer.from([v ? 1 : 0]) : undefined;
    default:
      return undefined;
  }
}

/**
 * The routing key of a play's row in `table`: its partition key serialized as the native protocol does
 * (one column: the value's bytes; several: each as a 2-byte length, the bytes and a 0 byte), which is
 * what the driver hashes to find the row's replicas. Undefined when a value does not fit its column's
 * type: such a row is grouped apart, and the node says what is wrong with it.
 */
export function routingKey(table: TableSpec, play: Play): Buffer | undefined {
  const parts: Buffer[] = [];
  for (const name of table.partitionKey) {
    const c = table.columns.find((x) => x.name === name);
    const b = c && serializeValue(c.type, play[c.from]);
    if (!b) return undefined;
    parts.push(b);
  }
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) {
    if (p.length > 0xffff) return undefined;
    total += p.length + 3;
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const p of parts) {
    out.writeUInt16BE(p.length, at);
    at += 2;
    p.copy(out, at);
    at += p.length;
    out[at++] = 0;
  }
  return out;
}

/** One table's INSERT, with the play fields of its partition key and of its clustering columns. */
export interface TableInsert {
  table: TableSpec;
  cql: string;
  partition: PlayColumn[];
  clustering: PlayColumn[];
}

export function tableInsert(table: TableSpec, keyspace: string): TableInsert {
  return {
    table,
    cql: insertCql(table, keyspace),
    partition: table.partitionKey.map((k) => fieldOf(table, k)),
    clustering: table.clustering.map((c) => fieldOf(table, c.column)),
  };
}

function fieldOf(table: TableSpec, column: string): PlayColumn {
  const c = table.columns.find((x) => x.name === column);
  if (!c) throw new Error(`Table ${table.name} has no column ${column}`);
  return c.from;
}

/** A row's primary key within its partition (its clustering values), for packing. */
export function clusteringKeyOf(q: TableInsert, p: PlayRecord): string {
  return JSON.stringify(q.clustering.map((f) => p.play[f]));
}

/**
 * The token map must know the keyspace (created just now, perhaps) to name a row's replicas. Without it
 * every row is grouped under '' (one replica set): batches are still right, only not replica-aligned.
 */
export async function refreshTokenMap(client: Client, keyspace: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.resolve().then(() => client.metadata.refreshKeyspace(keyspace)),
    new Promise<void>((r) => {
      timer = setTimeout(r, 10_000);
    }),
  ]).catch(() => undefined);
  clearTimeout(timer);
}

/** Places rows by the replicas the driver's token map names for them. */
export class RowRouter {
  constructor(
    private readonly client: Client,
    private readonly keyspace: string,
  ) {}

  /** The replica set (sorted addresses) that owns a routing key; '' when unknown. */
  replicaOf(rk: Buffer | undefined): string {
    if (!rk) return '';
    try {
      const hosts = this.client.getReplicas(this.keyspace, rk);
      return hosts && hosts.length
        ? hosts
            .map((h) => h.address)
            .sort()
            .join(',')
        : '';
    } catch {
      return '';
    }
  }

  placeOf(q: TableInsert, p: PlayRecord): RowPlace {
    const rk = routingKey(q.table, p.play);
    if (rk) return { replica: this.replicaOf(rk), partition: rk.toString('latin1') };
    // A key that does not fit its column types: grouped apart by its values; the node will say what is wrong.
    return { replica: '(unroutable)', partition: JSON.stringify(q.partition.map((f) => p.play[f])) };
  }
}

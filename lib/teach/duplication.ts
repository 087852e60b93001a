// duplication: what one table per question costs in writes and copies. From the loads (inserts sent and
// rows each table holds) and the keyspace's replication: how many rows each play became, how many
// INSERTs it cost, and how many replica writes that is on the cluster. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Replication } from '../cassandra/config';

/** One table's load: the INSERTs sent and the rows it holds afterwards. */
export interface TableLoad {
  table: string;
  inserts: number;
  rows: number;
}

export interface Duplication {
  plays: number;
  tables: (TableLoad & { rowsPerPlay: number })[];
  /** INSERTs per play: one per table. */
  insertsPerPlay: number;
  /** Rows held per play, over every table: the duplication factor. */
  rowsPerPlay: number;
  replicationFactor: number;
  /** Replica writes per play: INSERTs per play × replication factor. */
  replicaWritesPerPlay: number;
}

/** Copies of the data a keyspace keeps: its replication factor (summed over datacenters). */
export function replicationFactorOf(replication: Replication): number {
  if (replication.class === 'SimpleStrategy') return replication.replicationFactor;
  return Object.values(replication.datacenters).reduce((a, b) => a + b, 0);
}

/** The writes and copies a play costs, from the loads of the tables it goes to. */
export function duplicationOf(plays: number, loads: readonly TableLoad[], replicationFactor: number): Duplication {
  const per = (n: number) => (plays > 0 ? n / plays : 0);
  const inserts = loads.reduce((a, l) => a + l.inserts, 0);
  const rows = loads.reduce((a, l) => a + l.rows, 0);
  return {
    plays,
    tables: loads.map((l) => ({ ...l, rowsPerPlay: per(l.rows) })),
    insertsPerPlay: per(inserts),
    rowsPerPlay: per(rows),
    replicationFactor,
    replicaWritesPerPlay: per(inserts) * replicationFactor,
  };
}

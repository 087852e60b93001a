// ways/disk: the extra disk each way takes, from Cassandra's own figures, with where each number comes from.
// An SAI index: system_views.sai_sstable_indexes (bytes per SSTable: the index's own components plus the
// per-SSTable ones SAI shares between a table's indexes; CQL, so it works on any node you can reach, for the
// node that answers). A table, a legacy index (a hidden table `<table>.<index>`) and a view: `nodetool
// tablestats` "Space used (live)" in bytes, when a nodetool is given (JMX: the local node); else
// system_views.disk_usage, whole mebibytes only, and nothing for a legacy index (it is not listed there).
// Parsing tablestats is pure; the rest reads Cassandra.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { wayIndexName, type WaySpec } from './spec';

/** Runs nodetool with some arguments and returns what it printed (see lib/dev/localnode/nodetool). */
export type NodetoolRunner = (args: readonly string[]) => Promise<string>;

export interface DiskFigure {
  /** Bytes on disk; null when Cassandra gives no figure for it here. */
  bytes: number | null;
  /** Where the number comes from, or why there is none. */
  source: string;
}

/** One table of `nodetool tablestats`: its name (`table` or `table.index`), whether it is an index, bytes live. */
export interface TablestatsEntry {
  name: string;
  index: boolean;
  liveBytes: number;
}

/** The tables of a `nodetool tablestats <keyspace>` printout with their "Space used (live)". */
export function parseTablestats(text: string): TablestatsEntry[] {
  const out: TablestatsEntry[] = [];
  let current: TablestatsEntry | undefined;
  for (const line of text.split('\n')) {
    const t = /^\s*Table( \(index\))?: (\S+)\s*$/.exec(line);
    if (t) {
      current = { name: t[2], index: !!t[1], liveBytes: 0 };
      out.push(current);
      continue;
    }
    const s = /^\s*Space used \(live\): (\d+)\s*$/.exec(line);
    if (s && current) current.liveBytes = Number(s[1]);
  }
  return out;
}

/** Bytes of an SAI index on this node, summed over its SSTables from system_views.sai_sstable_indexes. */
export async function saiIndexBytes(client: Client, keyspace: string, index: string): Promise<DiskFigure> {
  const rs = await client.execute(
    'SELECT per_column_disk_size, per_table_disk_size FROM system_views.sai_sstable_indexes WHERE keyspace_name = ? AND index_name = ?',
    [keyspace, index],
    { prepare: true },
  );
  let bytes = 0;
  for (const r of rs.rows) bytes += Number(r.get('per_column_disk_size')) + Number(r.get('per_table_disk_size'));
  return {
    bytes,
    source: `system_views.sai_sstable_indexes: per_column_disk_size + per_table_disk_size over ${rs.rows.length} SSTable(s), this node`,
  };
}

/** system_views.disk_usage of a table or view: whole mebibytes (null when it is not listed). */
async function diskUsage(client: Client, keyspace: string, table: string): Promise<DiskFigure> {
  const rs = await client.execute(
    'SELECT mebibytes FROM system_views.disk_usage WHERE keyspace_name = ? AND table_name = ?',
    [keyspace, table],
    { prepare: true },
  );
  const row = rs.first();
  if (!row) return { bytes: null, source: `system_views.disk_usage lists no ${table}` };
  const mib = Number(row.get('mebibytes'));
  return { bytes: mib * 1024 * 1024, source: `system_views.disk_usage: ${mib} MiB (whole mebibytes), this node` };
}

/** The table or hidden index table whose space is the way's extra disk (none for SAI: its own figure). */
function extraTableOf(way: WaySpec): { name: string; index: boolean } | undefined {
  if (way.index?.kind === 'legacy') return { name: `${way.tables[0].name}.${wayIndexName(way)}`, index: true };
  if (way.index?.kind === 'sai') return undefined;
  return { name: way.queried.name, index: false };
}

/** The extra disk of one way, after a flush; `stats` is the keyspace's tablestats when a nodetool ran. */
export async function extraDisk(
  client: Client,
  keyspace: string,
  way: WaySpec,
  stats: TablestatsEntry[] | undefined,
): Promise<DiskFigure> {
  if (way.index?.kind === 'sai') return saiIndexBytes(client, keyspace, wayIndexName(way)!);
  const target = extraTableOf(way)!;
  const entry = stats?.find((e) => e.name === target.name && e.index === target.index);
  if (entry) return { bytes: entry.liveBytes, source: `nodetool tablestats: Space used (live) of ${target.name}` };
  if (target.index)
    return {
      bytes: null,
      source:
        'no CQL figure for a legacy index (system_views.disk_usage does not list it); nodetool tablestats needs JMX',
    };
  return diskUsage(client, keyspace, target.name);
}

/** A flush and the keyspace's tablestats, or why there are none (no nodetool, or nodetool failed). */
export interface FlushOutcome {
  stats?: TablestatsEntry[];
  /** How the disk figures were taken, in one sentence. */
  method: string;
}

/**
 * Flushes the keyspace's memtables and reads its tablestats. Without a nodetool, or when it fails (no JMX
 * here), the figures are CQL's alone and the method says so: never an error.
 */
export async function flushAndStat(keyspace: string, nodetool: NodetoolRunner | undefined): Promise<FlushOutcome> {
  const unflushed = 'memtables not flushed, so rows not yet written to SSTables are not counted';
  if (!nodetool) return { method: `no nodetool given: ${unflushed}` };
  try {
    await nodetool(['flush', keyspace]);
    const stats = parseTablestats(await nodetool(['tablestats', keyspace]));
    return { stats, method: 'after nodetool flush of the keyspace: SSTables on disk as Cassandra reports them' };
  } catch (err) {
    return { method: `nodetool failed (${(err as Error).message.split('\n')[0]}): ${unflushed}` };
  }
}

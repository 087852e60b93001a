// verify: the tables hold what the file holds. A short orchestrator: the merged file's plays cut by token
// range onto disk (lib/verify/expected), then for each table its ranges read back from Cassandra several at
// a time (lib/verify/scan) and reconciled range by range (lib/verify/compare), one range's rows in memory
// at a time. Returns per table rows expected, present, missing, unexpected and different, with examples.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Client } from 'cassandra-driver';
import type { TableSpec } from '../model/tables';
import { addTally, compareRange, emptyTally, expectedRows, type RangeTally } from './compare';
import { bucketFile, bucketPlays, type ExpectedLine } from './expected';
import { tokenRanges, type TokenRange } from './ranges';
import { scanRange, type ConsistencyName } from './scan';

export interface VerifyOptions {
  file: string;
  keyspace: string;
  tables: readonly TableSpec[];
  /** Ranges read at once. Default 4. */
  concurrency?: number;
  /** Token ranges the ring is cut into; default from the file's size (about 8 MiB of plays per range). */
  ranges?: number;
  consistency?: ConsistencyName;
  /** Examples kept of each kind of difference. Default 5. */
  examples?: number;
  /** Where the range files go (removed afterwards). Default a temporary folder. */
  workDir?: string;
  onRange?: (done: number, total: number) => void;
}

export interface TableVerdict extends RangeTally {
  table: string;
  /** Plays whose key cannot be written to this table. */
  skipped: number;
  ok: boolean;
}

export interface VerifyReport {
  file: string;
  keyspace: string;
  plays: number;
  ranges: number;
  consistency: ConsistencyName;
  tables: TableVerdict[];
  ok: boolean;
}

/** Reconciles every table with the plays of `file`; ok when nothing is missing, unexpected or different. */
export async function verifyTables(client: Client, options: VerifyOptions): Promise<VerifyReport> {
  const ranges = options.ranges ?? defaultRanges(options.file);
  const consistency = options.consistency ?? 'localOne';
  const dir = fs.mkdtempSync(path.join(options.workDir ?? os.tmpdir(), 'sparkify-verify-'));
  try {
    const counts = await bucketPlays(client, options.file, options.tables, dir, ranges);
    const tables: TableVerdict[] = [];
    for (const table of options.tables) {
      const tally = await verifyTable(client, table, dir, tokenRanges(ranges), { ...options, consistency });
      const skipped = counts.skipped[table.name];
      tables.push({
        table: table.name,
        ...tally,
        skipped,
        ok: !tally.missing && !tally.unexpected && !tally.different,
      });
    }
    const { file, keyspace } = options;
    return { file, keyspace, plays: counts.plays, ranges, consistency, tables, ok: tables.every((t) => t.ok) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** About 8 MiB of the merged file per range, between 16 and 4096 ranges. */
export function defaultRanges(file: string): number {
  return Math.min(4096, Math.max(16, Math.ceil(fs.statSync(file).size / (8 << 20))));
}

async function verifyTable(
  client: Client,
  table: TableSpec,
  dir: string,
  ranges: TokenRange[],
  options: VerifyOptions & { consistency: ConsistencyName },
): Promise<RangeTally> {
  const total = emptyTally();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ranges.length) {
      const i = next++;
      const expected = expectedRows(table, readBucket(bucketFile(dir, table.name, i)));
      const found = scanRange(client, options.keyspace, table, ranges[i], { consistency: options.consistency });
      addTally(total, await compareRange(table, expected, found, options.examples), options.examples);
      options.onRange?.(++done, ranges.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return total;
}

function* readBucket(file: string): Generator<ExpectedLine> {
  if (!fs.existsSync(file)) return;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) if (line) yield JSON.parse(line) as ExpectedLine;
}

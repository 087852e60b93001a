// expected: what the merged file says each table must hold, cut by token range onto disk so that memory
// stays flat whatever the file's size. One pass over the plays: each play becomes one row per table (its
// columns from the play fields the table names), hashed by the driver's own tokenizer on the row's
// partition key and appended to the file of its range. A play whose key does not fit its column's type is
// counted as skipped (the loader cannot write it either).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'fs';
import * as path from 'path';
import type { Client } from 'cassandra-driver';
import { readPlays } from '../etl/plays';
import type { Play } from '../etl/columns';
import type { TableSpec } from '../model/tables';
import { routingKey } from '../load/routing';
import { rangeOf } from './ranges';

/** A row as the file implies it: its line, then its column values in the table's column order. */
export type ExpectedLine = [line: number, ...values: unknown[]];

export interface BucketCounts {
  /** Plays read from the file (one row per table each). */
  plays: number;
  /** Per table: plays whose key cannot be written (a value that does not fit its key column). */
  skipped: Record<string, number>;
}

/** The file of one table's range `i` under `dir`. */
export const bucketFile = (dir: string, table: string, i: number): string => path.join(dir, table, `${i}.jsonl`);

/**
 * Buffers appends per file: `push` only buffers (no promise per row); `flushLarge` — once per chunk of
 * plays — writes out each buffer past 64 KiB, then, while all buffers together hold more than 8 MiB, the
 * largest ones: with hundreds of range files (one per 4 MiB of a large file, per table) memory stays
 * bounded by that total, not by the number of files.
 */
export class BucketWriter {
  private readonly buffers = new Map<string, { lines: string[]; size: number }>();
  private total = 0;

  push(file: string, line: string): void {
    let buf = this.buffers.get(file);
    if (!buf) this.buffers.set(file, (buf = { lines: [], size: 0 }));
    buf.lines.push(line);
    buf.size += line.length;
    this.total += line.length;
  }

  async flushLarge(limit = 64 * 1024, totalLimit = 8 * 1024 * 1024): Promise<void> {
    for (const [file, buf] of this.buffers) if (buf.size > limit) await this.flush(file);
    if (this.total <= totalLimit) return;
    const largest = [...this.buffers].sort((a, b) => b[1].size - a[1].size);
    for (const [file] of largest) {
      if (this.total <= totalLimit / 2) break;
      await this.flush(file);
    }
  }

  async flush(file: string): Promise<void> {
    const buf = this.buffers.get(file);
    if (!buf?.lines.length) return;
    const text = buf.lines.join('');
    this.total -= buf.size;
    buf.lines = [];
    buf.size = 0;
    await fs.promises.appendFile(file, text);
  }

  async flushAll(): Promise<void> {
    for (const file of this.buffers.keys()) await this.flush(file);
  }
}

/** Writes each table's expected rows into `ranges` files by token range; returns what was read and skipped. */
export async function bucketPlays(
  client: Client,
  file: string,
  tables: readonly TableSpec[],
  dir: string,
  ranges: number,
): Promise<BucketCounts> {
  for (const t of tables) fs.mkdirSync(path.join(dir, t.name), { recursive: true });
  const writer = new BucketWriter();
  const counts: BucketCounts = { plays: 0, skipped: Object.fromEntries(tables.map((t) => [t.name, 0])) };
  for await (const { plays } of readPlays(file)) {
    for (const { line, play } of plays) {
      counts.plays++;
      for (const t of tables) {
        const at = rangeOfPlay(client, t, play, ranges);
        if (at === undefined) counts.skipped[t.name]++;
        else writer.push(bucketFile(dir, t.name, at), JSON.stringify([line, ...rowValues(t, play)]) + '\n');
      }
    }
    await writer.flushLarge();
  }
  await writer.flushAll();
  return counts;
}

/** The row a play becomes in a table: its column values, in the table's column order. */
export function rowValues(table: TableSpec, play: Play): unknown[] {
  return table.columns.map((c) => play[c.from]);
}

/** The Murmur3 token of a partition key, as the driver's own tokenizer hashes it. */
export function tokenOf(client: Client, key: Buffer): bigint {
  const token = client.metadata.newToken(key).getValue() as { toString(): string };
  return BigInt(token.toString());
}

function rangeOfPlay(client: Client, table: TableSpec, play: Play, ranges: number): number | undefined {
  const key = routingKey(table, play);
  return key ? rangeOf(tokenOf(client, key), ranges) : undefined;
}

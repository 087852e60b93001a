// order: the rows of each table cut by token range into files and put in the order Cassandra keeps
// partitions — by the Murmur3 token of the partition key, then by the key's bytes (a DecoratedKey's
// order) — so that Cassandra's CQLSSTableWriter can write them in its sorted mode: partition after
// partition straight to disk, no buffer. Each stored line starts with a sort key that puts it in that
// order as plain text (the token shifted to 0…2^64-1, 20 digits, then the key in hex), so one range file
// is sorted in memory as strings at a time: memory stays flat whatever the file's size. Tokens come from
// the driver's own tokenizer, remembered per key (a bounded cache: a session's or a song's plays share it).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import * as fs from 'fs';
import * as path from 'path';
import { readPlays, type BadPlayRecord } from '../../etl/plays';
import { rowValues, type TableSpec } from '../../model/tables';
import { routingKey } from '../routing';
import { BucketWriter, bucketFile, tokenOf } from '../../verify/expected';
import { rangeOf } from '../../verify/ranges';
import { rowLine, rowTimestamp } from './protocol';

const SHIFT = BigInt(1) << BigInt(63);

/** A text that sorts as Cassandra orders partitions: token first (as unsigned, fixed width), then key bytes. */
export function sortKey(token: bigint, key: Buffer): string {
  return `${(token + SHIFT).toString().padStart(20, '0')}${key.toString('hex')}`;
}

/** Where a key goes: its sort key and its range. Remembered per key lately seen (bounded: cleared past `limit`). */
class KeyPlaces {
  private readonly seen = new Map<string, { sortKey: string; range: number }>();
  constructor(
    private readonly client: Client,
    private readonly ranges: number,
    private readonly limit = 50_000,
  ) {}

  of(key: Buffer): { sortKey: string; range: number } {
    const hex = key.toString('hex');
    let place = this.seen.get(hex);
    if (place === undefined) {
      if (this.seen.size >= this.limit) this.seen.clear();
      const token = tokenOf(this.client, key);
      place = { sortKey: sortKey(token, key), range: rangeOf(token, this.ranges) };
      this.seen.set(hex, place);
    }
    return place;
  }
}

export interface Bucketed {
  plays: number;
  /** Per table: rows whose partition key value does not fit its column's type (left out). */
  unroutable: Record<string, number>;
}

/** Pass 1: every play's row of each table, with its sort key, into the file of its table and token range. */
export async function bucketRows(
  client: Client,
  file: string,
  tables: readonly TableSpec[],
  dir: string,
  ranges: number,
  onBad: (bad: BadPlayRecord) => void,
): Promise<Bucketed> {
  for (const t of tables) fs.mkdirSync(path.join(dir, t.name), { recursive: true });
  const writer = new BucketWriter();
  const places = tables.map(() => new KeyPlaces(client, ranges));
  const files = tables.map((t) => Array.from({ length: ranges }, (_, r) => bucketFile(dir, t.name, r)));
  const result: Bucketed = { plays: 0, unroutable: Object.fromEntries(tables.map((t) => [t.name, 0])) };
  const startMicros = Date.now() * 1000;
  for await (const { plays, bad } of readPlays(file)) {
    bad.forEach(onBad);
    for (const { line, play } of plays) {
      result.plays++;
      for (const [i, t] of tables.entries()) {
        const key = routingKey(t, play);
        if (!key) {
          result.unroutable[t.name]++;
          continue;
        }
        const place = places[i].of(key);
        const row = rowLine(i, line, rowValues(t, play), rowTimestamp(startMicros, line));
        writer.push(files[i][place.range], `${place.sortKey}\t${row}`);
      }
    }
    await writer.flushLarge();
  }
  await writer.flushAll();
  return result;
}

/** Pass 2: one range file's rows in partition order, as the writer's input lines. A missing file is empty. */
export function sortedRange(file: string): string {
  if (!fs.existsSync(file)) return '';
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.pop();
  lines.sort();
  return lines.map((l) => l.slice(l.indexOf('\t') + 1)).join('\n') + (lines.length ? '\n' : '');
}

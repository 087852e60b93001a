// loadfile: the file every loader loads: the first --load-plays plays of our merged file, rewritten
// only when the merged file is newer; and how many plays it holds.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { quoteAllCsv, readCsv } from '../lib/etl/csv';
import type { Bench } from './context';
import { countLines } from './files';
import { facts, fmtNum, log } from './figures';

/** Writes the first `plays` plays of `merged` (header kept) to `loadFile`. */
export async function writeLoadFile(merged: string, loadFile: string, plays: number): Promise<void> {
  log(`writing ${basename(loadFile)}: the first ${fmtNum(plays)} plays of ${basename(merged)} …`);
  const w = createWriteStream(loadFile);
  let n = -1;
  outer: for await (const b of readCsv(merged)) {
    const rows: string[][] = [];
    for (const rec of b.records) {
      if (n++ >= plays) break;
      rows.push(rec.fields);
    }
    if (rows.length && !w.write(quoteAllCsv(rows))) await new Promise<void>((r) => w.once('drain', () => r()));
    if (n > plays) break outer;
  }
  await new Promise((r) => w.end(r));
}

/** Writes the load file when needed; returns the plays it holds. */
export async function prepareLoadFile(b: Bench): Promise<number> {
  const { loadFile, mergedOurs } = b.paths;
  if (!existsSync(loadFile) || statSync(loadFile).mtimeMs < statSync(mergedOurs).mtimeMs) {
    await writeLoadFile(mergedOurs, loadFile, b.o.loadPlays);
  }
  const loadedPlays = Math.min(b.o.loadPlays, (await countLines(loadFile)) - 1);
  facts.set('loadPlays', fmtNum(loadedPlays));
  facts.set('loadBytes', `${fmtNum(statSync(loadFile).size / 1e6, 0)} MB`);
  return loadedPlays;
}

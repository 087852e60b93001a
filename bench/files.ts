// files: the byte-level file helpers of the bench: a sha256 over several files, counting lines,
// copying the first N lines, and the memory available now (for what may be held in memory).
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { freemem } from 'node:os';

export async function sha256Of(files: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of files) {
    await new Promise<void>((res, rej) => {
      createReadStream(f)
        .on('data', (d) => h.update(d))
        .on('end', () => res())
        .on('error', rej);
    });
  }
  return h.digest('hex');
}

export async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

export async function headLines(src: string, dst: string, lines: number): Promise<void> {
  const w = createWriteStream(dst);
  let n = 0;
  for await (const chunk of createReadStream(src) as AsyncIterable<Buffer>) {
    let cut = -1;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      if (++n === lines) {
        cut = i + 1;
        break;
      }
    }
    w.write(cut === -1 ? chunk : chunk.subarray(0, cut));
    if (cut !== -1) break;
  }
  await new Promise((r) => w.end(r));
}

export function availableMemory(): number {
  try {
    const m = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return freemem();
}

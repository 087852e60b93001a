// writer: the daily files on disk — creating the output folder, one `YYYY-MM-DD-events.csv` per day
// with its header, rows batched into ~64 KB chunks written through a write stream that is awaited on
// backpressure, the per-file counts (events, plays, bytes) that the report lists, and progress calls.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { DAY_MS, isoDay, type GenerateProgress, type Settings } from './options';
import { EVENT_HEADER } from './rows';

const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY = 20000;

export interface GeneratedFile {
  /** File name, `YYYY-MM-DD-events.csv`. */
  file: string;
  /** Absolute path. */
  path: string;
  /** Day, `YYYY-MM-DD` (UTC). */
  date: string;
  /** Data rows (header excluded). */
  events: number;
  /** Rows with page NextSong (non-empty artist). */
  plays: number;
  /** Size in bytes. */
  bytes: number;
}

/**
 * mkdir -p without `{ recursive: true }`: Node 20's recursive mkdir spins forever when the parent
 * exists but refuses the child with ENOENT (e.g. under /proc).
 */
export async function ensureDir(dir: string, depth = 0): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
      return;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir || depth > 100) throw e;
    await ensureDir(parent, depth + 1);
  }
  try {
    await mkdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    throw e;
  }
}

/** Writes the day files of one run in order: `open(day)`, rows, `close()`, next day. */
export class DayWriter {
  /** The files opened so far, in day order. */
  readonly files: GeneratedFile[] = [];
  /** Events written so far (all files). */
  events = 0;
  private chunk = '';
  private fileEvents = 0;
  private filePlays = 0;
  private lastProgress = 0;
  private stream: WriteStream | null = null;
  private streamError: Error | null = null;
  private cur: GeneratedFile | null = null;
  private readonly outDir: string;
  private readonly startMs: number;
  private readonly eol: string;
  private readonly totalEstimate: number;
  private readonly onProgress?: (p: GenerateProgress) => void;

  constructor(s: Settings) {
    this.outDir = s.outDir;
    this.startMs = s.startMs;
    this.eol = s.eol;
    this.totalEstimate = s.totalEstimate;
    this.onProgress = s.onProgress;
  }

  /** Open the file of day `d` (0-based) and start its chunk with the header. */
  open(d: number): void {
    const date = isoDay(this.startMs + d * DAY_MS);
    const file = `${date}-events.csv`;
    const path = join(this.outDir, file);
    const cur: GeneratedFile = { file, path, date, events: 0, plays: 0, bytes: 0 };
    this.cur = cur;
    this.files.push(cur);
    const stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    stream.on('error', (e) => {
      this.streamError = e;
    });
    this.stream = stream;
    this.chunk = EVENT_HEADER + this.eol;
    if (this.onProgress) this.onProgress({ events: this.events, totalEstimate: this.totalEstimate, file });
  }

  /** Append a page-view row. */
  page(row: string): void {
    this.chunk += row;
    this.fileEvents++;
    this.events++;
  }

  /** Append a play row. */
  play(row: string): void {
    this.chunk += row;
    this.filePlays++;
    this.fileEvents++;
    this.events++;
  }

  /** Whether the chunk has reached ~64 KB and should be flushed. */
  full(): boolean {
    return this.chunk.length >= CHUNK_CHARS;
  }

  /** Write the chunk, waiting for the stream to drain when it asks to; report progress now and then. */
  async flush(): Promise<void> {
    if (this.streamError) throw this.streamError;
    const s = this.stream!;
    const ok = s.write(this.chunk);
    this.chunk = '';
    if (!ok) await once(s, 'drain');
    if (this.onProgress && this.events - this.lastProgress >= PROGRESS_EVERY) {
      this.lastProgress = this.events;
      this.onProgress({ events: this.events, totalEstimate: this.totalEstimate, file: this.cur!.file });
    }
  }

  /** Write the rest, close the file and record its counts and size. */
  async close(): Promise<void> {
    const cur = this.cur!;
    cur.events = this.fileEvents;
    cur.plays = this.filePlays;
    this.fileEvents = 0;
    this.filePlays = 0;
    const s = this.stream!;
    if (this.chunk.length > 0) s.write(this.chunk);
    this.chunk = '';
    s.end();
    await once(s, 'close');
    if (this.streamError) throw this.streamError;
    cur.bytes = s.bytesWritten;
    this.stream = null;
  }

  /** Leave no open file behind after a failure; the partial file stays for inspection. */
  destroy(): void {
    if (this.stream) this.stream.destroy();
  }
}

// output: the merged file's bytes on their way to disk. Owns the buffer rows are written into between two
// writes (fields quoted, as QUOTE_ALL does) and the temporary file beside the output, renamed over it only
// when complete and removed when the merge fails, so a reader never sees half a merged file; the rows of
// a daily file left out part-way (a corrupt gzip stream) are taken back (`mark`, `rewind`).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';

/** The merged file's bytes, built up between two writes (fields are written quoted, as QUOTE_ALL does). */
export class OutputBuffer {
  private buf = Buffer.allocUnsafe(1 << 20);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  /** `"bytes"` of a field that holds no quote, straight from the input buffer. */
  quotedBytes(src: Buffer, start: number, end: number): void {
    this.room(end - start + 2);
    const buf = this.buf;
    let n = this.length;
    buf[n++] = 0x22;
    // A loop beats Buffer#copy for fields this short (copy's own checks cost more than the bytes).
    if (end - start < 64) for (let i = start; i < end; i++) buf[n++] = src[i];
    else n += src.copy(buf, n, start, end);
    buf[n++] = 0x22;
    this.length = n;
  }

  text(s: string): void {
    this.room(Buffer.byteLength(s));
    this.length += this.buf.write(s, this.length);
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** Keeps only the first `length` bytes (a rewind within the buffer). */
  truncate(length: number): void {
    this.length = Math.min(this.length, length);
  }

  /** The bytes so far (a fresh buffer takes over: the writer keeps this one until it is written). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.length = 0;
    return out;
  }
}

/**
 * Writes the merged file through `<out>.partial-<pid>`, one write in flight at a time at positions it keeps
 * itself, so `rewind` can take back what a file left out had written; `commit` truncates the file to its
 * length and renames it over `out`, `abort` removes it.
 */
export class MergedFileWriter {
  /** Where rows go; `flush` hands its bytes to the file. */
  readonly buffer = new OutputBuffer();
  private readonly tmp: string;
  private readonly handle: Promise<FileHandle>;
  /** Where the next write goes: the bytes handed to the file so far. */
  private position = 0;
  private inFlight: Promise<void> = Promise.resolve();
  private writeError: unknown;

  constructor(private readonly out: string) {
    this.tmp = `${out}.partial-${process.pid}`;
    this.handle = open(this.tmp, 'w');
    this.handle.catch((err: unknown) => {
      this.writeError ??= err;
    });
  }

  /** Starts writing what the buffer holds, after the write before it is done (back-pressure); throws a write error. */
  async flush(): Promise<void> {
    await this.inFlight;
    if (this.writeError) throw this.writeError;
    if (this.buffer.length === 0) return;
    const bytes = this.buffer.take();
    const at = this.position;
    this.position += bytes.length;
    const handle = await this.handle;
    this.inFlight = writeAll(handle, bytes, at).catch((err: unknown) => {
      this.writeError ??= err;
    });
  }

  /** The merged file's length so far, rows in the buffer included: what `rewind` goes back to. */
  mark(): number {
    return this.position + this.buffer.length;
  }

  /** Takes back every byte written since `mark` (later writes overwrite them; `commit` cuts the rest). */
  async rewind(mark: number): Promise<void> {
    await this.inFlight;
    if (mark >= this.position) this.buffer.truncate(mark - this.position);
    else {
      this.buffer.truncate(0);
      this.position = mark;
    }
  }

  /** Writes the rest, cuts the file to its length, closes it and renames it over the output. */
  async commit(): Promise<void> {
    await this.flush();
    await this.inFlight;
    if (this.writeError) throw this.writeError;
    const handle = await this.handle;
    await handle.truncate(this.position);
    await handle.close();
    await rename(this.tmp, this.out);
  }

  /** Stops writing and removes the temporary file (the output is left untouched). */
  async abort(): Promise<void> {
    await this.inFlight;
    await this.handle.then((h) => h.close()).catch(() => undefined);
    await unlink(this.tmp).catch(() => undefined);
  }
}

/** Writes all of `bytes` at `position` (a write may take fewer bytes than asked). */
async function writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

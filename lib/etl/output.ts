// output: the merged file's bytes on their way to disk. Owns the buffer rows are written into between two
// writes (fields quoted, as QUOTE_ALL does) and the temporary file beside the output, renamed over it only
// when complete and removed when the merge fails, so a reader never sees half a merged file.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';

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

  /** The bytes so far (a fresh buffer takes over: the writer keeps this one until it is written). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.length = 0;
    return out;
  }
}

/** Writes the merged file through `<out>.partial-<pid>`: `commit` renames it over `out`, `abort` removes it. */
export class MergedFileWriter {
  /** Where rows go; `flush` hands its bytes to the file. */
  readonly buffer = new OutputBuffer();
  private readonly tmp: string;
  private readonly stream: WriteStream;
  private writeError: Error | undefined;

  constructor(private readonly out: string) {
    this.tmp = `${out}.partial-${process.pid}`;
    this.stream = createWriteStream(this.tmp);
    this.stream.on('error', (err) => {
      this.writeError ??= err;
    });
  }

  /** Writes what the buffer holds, waiting while the file is behind (back-pressure); throws a write error. */
  async flush(): Promise<void> {
    if (this.writeError) throw this.writeError;
    if (this.buffer.length === 0) return;
    if (!this.stream.write(this.buffer.take())) await once(this.stream, 'drain');
  }

  /** Writes the rest, closes the file and renames it over the output. */
  async commit(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.writeError) throw this.writeError;
    await rename(this.tmp, this.out);
  }

  /** Stops writing and removes the temporary file (the output is left untouched). */
  async abort(): Promise<void> {
    this.stream.destroy();
    await unlink(this.tmp).catch(() => undefined);
  }
}

// eventinput: the bytes of one daily file on their way to the CSV scanner. Owns opening it without ever
// blocking (O_NONBLOCK, then fstat: a FIFO swapped in after the folder was listed is left out, not
// waited on), gunzip through Node's zlib for a `.csv.gz` (streamed, a read at a time), and the look at
// the first bytes that leaves out what is no CSV text: compressed data under a `.csv` name, UTF-16,
// binary data (NUL, control or non-UTF-8 bytes), a `.gz` that is not gzip, a corrupt or truncated gzip
// stream. Each comes back as an EventFileLeftOut with its reason; the merge leaves the file out.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { constants, type ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { readFileError } from './csv';
import type { EventFile } from './files';
import { EventFileLeftOut } from '../errors';

/** A file's bytes as the scanner reads them (decompressed), and how far into the file itself the reads are. */
export interface EventInput {
  chunks: AsyncIterable<Buffer>;
  /** Bytes of the file on disk read so far (compressed bytes for a `.csv.gz`). */
  bytesRead(): number;
}

/** How many bytes at the start of a file are looked at before any is handed over. */
export const SNIFF_BYTES = 8192;

/** Leading bytes of compressed or archive formats: what they mean under a `.csv` name. */
const MAGIC: readonly [string, readonly number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/**
 * Opens a daily file for the scanner: never blocks on a FIFO, checks it is still a regular file, and for
 * a `.csv.gz` that it starts like gzip. Throws EventFileLeftOut with the reason, or CsvFileError when the
 * file cannot be read at all (permission, gone).
 */
export async function openEventFile(file: EventFile, chunkBytes = 1 << 20): Promise<EventInput> {
  let handle: FileHandle;
  try {
    handle = await open(file.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw readFileError(file.path, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile())
      throw new EventFileLeftOut(file.path, 'no longer a regular file (replaced after the folder was listed)');
    if (file.gzip) await checkGzipStart(handle, file.path);
  } catch (err) {
    await handle.close();
    throw err;
  }
  const raw = handle.createReadStream({ highWaterMark: chunkBytes });
  const source: Readable = file.gzip
    ? pipeline(raw, createGunzip({ chunkSize: Math.max(64, chunkBytes) }), () => undefined)
    : raw;
  return { chunks: sniffed(source, raw, file), bytesRead: () => raw.bytesRead };
}

/** A `.gz` must start with gzip's two bytes 1f 8b. */
async function checkGzipStart(handle: FileHandle, path: string): Promise<void> {
  const head = Buffer.alloc(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0);
  if (bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b) return;
  const what =
    bytesRead === 0 ? 'an empty file' : `it starts with the bytes ${head.subarray(0, bytesRead).toString('hex')}`;
  const hint = bytesRead > 0 && head[0] >= 0x20 && head[0] < 0x7f ? '; if it is plain CSV, name it .csv' : '';
  throw new EventFileLeftOut(path, `not gzip data (a .gz file starts with the bytes 1f8b; ${what}${hint})`);
}

/**
 * The chunks of `source`, the first SNIFF_BYTES held back until `contentProblem` has looked at them;
 * a zlib error becomes an EventFileLeftOut with its reason. Destroys the streams when the reader stops.
 */
async function* sniffed(source: Readable, raw: ReadStream, file: EventFile): AsyncGenerator<Buffer> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let sniffing = true;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (!sniffing) {
        yield chunk;
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) continue;
      sniffing = false;
      yield checked(Buffer.concat(head), file);
    }
    if (sniffing && headBytes > 0) yield checked(Buffer.concat(head), file);
  } catch (err) {
    throw zlibLeftOut(err, file) ?? err;
  } finally {
    source.destroy();
    raw.destroy();
  }
}

/** `head` when it looks like CSV text, else an EventFileLeftOut saying what it is. */
function checked(head: Buffer, file: EventFile): Buffer {
  const problem = contentProblem(head.subarray(0, SNIFF_BYTES), file.gzip === true);
  if (problem) throw new EventFileLeftOut(file.path, problem);
  return head;
}

/** Why the first bytes of a file (decompressed) are no CSV text, or undefined when they may be. */
export function contentProblem(head: Buffer, gzip: boolean): string | undefined {
  for (const [kind, magic] of MAGIC) {
    if (head.length < magic.length || !magic.every((b, i) => head[i] === b)) continue;
    const hint = kind === 'gzip' && !gzip ? ' (name it .csv.gz to have it merged)' : '';
    return `${kind}-compressed data${gzip ? ' inside the gzip file' : ''}, not CSV text${hint}`;
  }
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)))
    return 'UTF-16 text, not UTF-8 (save it as UTF-8 to have it merged)';
  const text = head.toString('utf8');
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) bad++;
  }
  if (bad * 10 <= text.length) return undefined;
  return `binary data, not CSV text (${bad} of its first ${text.length} characters are NUL or other control bytes, or not UTF-8)`;
}

/** The reason to leave out a `.csv.gz` whose gzip stream zlib refused, or undefined for any other error. */
function zlibLeftOut(err: unknown, file: EventFile): EventFileLeftOut | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!file.gzip || !e || typeof e.code !== 'string' || !e.code.startsWith('Z_')) return undefined;
  const reason =
    e.code === 'Z_BUF_ERROR'
      ? 'a truncated gzip file (it ends before its compressed data does)'
      : `a corrupt gzip file (zlib: ${String(e.message).slice(0, 60)})`;
  return new EventFileLeftOut(file.path, reason);
}

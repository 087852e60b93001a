// files: finding the daily event files. Owns the `YYYY-MM-DD-events.csv[.gz]` name, listing a folder's
// event files in date order, and saying why every other entry of the folder is left out: other names,
// and entries named like an event file that are no file to read (a folder, a FIFO, a socket, a device,
// a link that leads nowhere or in circles, the `.csv.gz` of a day whose `.csv` is merged). A FIFO is
// never opened here (opening one waits for a writer); entries are only stat'ed.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Stats } from 'node:fs';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CsvFileError } from '../errors';
import { quoteText } from '../show/format';

export interface EventFile {
  /** Absolute path. */
  path: string;
  name: string;
  /** `YYYY-MM-DD` from the name. */
  date: string;
  /** Its size on disk (compressed, for a `.csv.gz`). */
  bytes: number;
  /** A `.csv.gz`: read through zlib's gunzip. */
  gzip?: boolean;
  /** The same day's `.csv.gz`, left out because this `.csv` is merged; merged instead when this one is left out. */
  twin?: EventFile;
}

export const EVENT_FILE_PATTERN = /^(\d{4}-\d{2}-\d{2})-events\.csv(\.gz)?$/;
export const NOT_AN_EVENT_NAME = 'not named YYYY-MM-DD-events.csv or .csv.gz';

/** An entry of the event folder that is not merged, and why. */
export interface IgnoredEntry {
  name: string;
  reason: string;
}

/** The daily event files of `dir` in date order, and every other entry with the reason it is left out. */
export async function scanEventFolder(dir: string): Promise<{ files: EventFile[]; ignored: IgnoredEntry[] }> {
  const abs = resolve(dir);
  const files: EventFile[] = [];
  const ignored: IgnoredEntry[] = [];
  for (const name of (await readFolder(abs)).sort()) {
    const m = EVENT_FILE_PATTERN.exec(name);
    if (!m) {
      ignored.push({ name, reason: NOT_AN_EVENT_NAME });
      continue;
    }
    const path = join(abs, name);
    const entry = await examine(path);
    if (typeof entry === 'string') ignored.push({ name, reason: entry });
    else files.push({ path, name, date: m[1], bytes: entry.size, gzip: m[2] !== undefined });
  }
  const merged = pairTwins(files, ignored);
  return { files: merged, ignored: sortByName(ignored) };
}

/** Entries in name order (as the folder is listed). */
export function sortByName(entries: IgnoredEntry[]): IgnoredEntry[] {
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A day with both `X.csv` and `X.csv.gz` is merged once, from the `.csv` (what `gzip -k` leaves beside the
 * copy it makes; merging both would count the day twice): the `.csv.gz` is listed as left out, and kept as
 * the `.csv`'s twin in case the `.csv` turns out unreadable as CSV. `files` is in name order, so a `.csv`
 * comes just before its `.csv.gz`.
 */
function pairTwins(files: EventFile[], ignored: IgnoredEntry[]): EventFile[] {
  const out: EventFile[] = [];
  for (const f of files) {
    const prev = out[out.length - 1];
    if (prev && prev.date === f.date) {
      prev.twin = f;
      ignored.push({ name: f.name, reason: twinReason(prev.name) });
    } else out.push(f);
  }
  return out;
}

/** Why the `.csv.gz` of a day is left out when its `.csv` is merged. */
export function twinReason(plainName: string): string {
  return `the same day as ${plainName}, which is merged instead (a day is merged once; remove one of the two)`;
}

/** A regular file's size, following a link; else why the entry is no file to read. */
async function examine(path: string): Promise<{ size: number } | string> {
  let st: Stats;
  try {
    st = await lstat(path);
  } catch (err) {
    return `cannot be examined (${codeOf(err)})`;
  }
  if (!st.isSymbolicLink()) {
    if (st.isFile()) return { size: st.size };
    return `${kindOf(st)} named like an event file${st.isFIFO() ? ' (not opened: reading a FIFO waits for a writer)' : ''}`;
  }
  try {
    st = await stat(path);
  } catch (err) {
    const code = codeOf(err);
    if (code === 'ELOOP') return 'a symbolic link that leads in circles (its links point back at each other)';
    if (code === 'ENOENT') {
      const target = await readlink(path).then(quoteText, () => 'a path');
      return `a symbolic link that leads nowhere (to ${target}, which does not exist)`;
    }
    return `a symbolic link whose target cannot be examined (${code})`;
  }
  return st.isFile() ? { size: st.size } : `a symbolic link to ${kindOf(st)}, not to a file`;
}

/** What a non-file entry is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'an entry that is not a regular file';
}

function codeOf(err: unknown): string {
  return String((err as NodeJS.ErrnoException).code ?? (err as Error).message);
}

/** The entry names of the folder `abs`; a CsvFileError naming it when it is missing, not a folder or unreadable. */
async function readFolder(abs: string): Promise<string[]> {
  try {
    return await readdir(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CsvFileError(abs, undefined, 'event folder does not exist');
    if (code === 'ENOTDIR') throw new CsvFileError(abs, undefined, 'is not a folder');
    if (code === 'EACCES') throw new CsvFileError(abs, undefined, 'event folder cannot be read (permission denied)');
    throw err;
  }
}

/** Lists the daily event files of `dir` in date order. Other files and folders are left out. */
export async function findEventFiles(dir: string): Promise<EventFile[]> {
  return (await scanEventFolder(dir)).files;
}

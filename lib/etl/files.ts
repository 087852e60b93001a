// files: finding the daily event files. Owns the `YYYY-MM-DD-events.csv` name, listing a folder's
// event files in date order, and saying why every other entry of the folder is left out.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CsvFileError } from '../errors';

export interface EventFile {
  /** Absolute path. */
  path: string;
  name: string;
  /** `YYYY-MM-DD` from the name. */
  date: string;
  bytes: number;
}

export const EVENT_FILE_PATTERN = /^(\d{4}-\d{2}-\d{2})-events\.csv$/;

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
      ignored.push({ name, reason: 'not named YYYY-MM-DD-events.csv' });
      continue;
    }
    const path = join(abs, name);
    const st = await stat(path);
    if (!st.isFile()) {
      ignored.push({ name, reason: st.isDirectory() ? 'a folder named like an event file' : 'not a regular file' });
      continue;
    }
    files.push({ path, name, date: m[1], bytes: st.size });
  }
  return { files, ignored };
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

// files: writing a small JSON state file so a reader never sees half of it (checkpoints, node state).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { renameSync, writeFileSync } from 'fs';

/** Writes `value` as indented JSON to a temporary file beside `file`, then renames it over `file`. */
export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, file);
}

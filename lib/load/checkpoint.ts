// checkpoint: `<file>.load-checkpoint.json`, which records the line below which every play is in every
// table. Owns its path, reading it, why one cannot be used for a load (mismatch), starting a load from it
// (resume) or afresh, and writing it as the load goes (at most every `checkpointEveryMs`).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TABLES, type TableSpec } from '../model/tables';
import { writeJsonAtomic } from '../common/files';
import type { LineWatermark } from './watermark';

/** What `<file>.load-checkpoint.json` holds. */
export interface LoadCheckpoint {
  version: 1;
  /** Absolute path of the merged file, with its size and mtime when the load started. */
  file: string;
  size: number;
  mtimeMs: number;
  keyspace: string;
  tables: string[];
  /** Every play on a line below this one is in every table. */
  doneBelowLine: number;
  /** Plays below `doneBelowLine` (for messages). */
  playsDone: number;
  updatedAt: string;
}

/** The default checkpoint file of a merged file. */
export function checkpointPathFor(file: string): string {
  return `${resolve(file)}.load-checkpoint.json`;
}

/** Reads a checkpoint; undefined when there is none. A file that is not a checkpoint is an error naming it. */
export function readLoadCheckpoint(checkpointFile: string): LoadCheckpoint | undefined {
  if (!existsSync(checkpointFile)) return undefined;
  let cp: LoadCheckpoint;
  try {
    cp = JSON.parse(readFileSync(checkpointFile, 'utf8')) as LoadCheckpoint;
  } catch (err) {
    throw new Error(
      `${checkpointFile} is not a readable load checkpoint (${(err as Error).message}); delete it to load from the start.`,
    );
  }
  if (cp?.version !== 1 || !Number.isInteger(cp.doneBelowLine) || !Array.isArray(cp.tables)) {
    throw new Error(
      `${checkpointFile} is not a load checkpoint this version understands; delete it to load from the start.`,
    );
  }
  return cp;
}

/** Why a checkpoint cannot be used for this load (undefined: it can). */
export function checkpointMismatch(
  cp: LoadCheckpoint,
  want: Pick<LoadCheckpoint, 'file' | 'size' | 'mtimeMs' | 'keyspace' | 'tables'>,
): string | undefined {
  if (cp.file !== want.file) return `it is for ${cp.file}, not ${want.file}`;
  if (cp.size !== want.size || Math.trunc(cp.mtimeMs) !== Math.trunc(want.mtimeMs)) {
    return `the file changed since (size ${cp.size} → ${want.size} bytes, mtime ${new Date(cp.mtimeMs).toISOString()} → ${new Date(want.mtimeMs).toISOString()})`;
  }
  if (cp.keyspace !== want.keyspace) return `it is for keyspace ${cp.keyspace}, not ${want.keyspace}`;
  if (cp.tables.join(',') !== want.tables.join(','))
    return `it is for tables ${cp.tables.join(', ')}, not ${want.tables.join(', ')}`;
  return undefined;
}

/**
 * The checkpoint a `resume: true` load of `file` into `keyspace` would use, if there is one and it still
 * describes the file as it is now (for `run --resume`, which then skips the merge); undefined otherwise.
 */
export async function resumableCheckpoint(
  file: string,
  keyspace: string,
  tables: readonly TableSpec[] = TABLES,
): Promise<LoadCheckpoint | undefined> {
  const cp = readLoadCheckpoint(checkpointPathFor(file));
  if (!cp) return undefined;
  const st = await stat(file).catch(() => undefined);
  if (!st) return undefined;
  const why = checkpointMismatch(cp, {
    file: resolve(file),
    size: st.size,
    mtimeMs: st.mtimeMs,
    keyspace,
    tables: tables.map((t) => t.name),
  });
  return why ? undefined : cp;
}

/** What a checkpoint is for: the merged file as it was when the load started, the keyspace and the tables. */
export type LoadIdentity = Pick<LoadCheckpoint, 'file' | 'size' | 'mtimeMs' | 'keyspace' | 'tables'>;

export async function loadIdentity(
  file: string,
  keyspace: string,
  tables: readonly TableSpec[],
): Promise<LoadIdentity> {
  const st = await stat(file);
  return { file: resolve(file), size: st.size, mtimeMs: st.mtimeMs, keyspace, tables: tables.map((t) => t.name) };
}

/** The checkpoint of one load: where it starts from, and writing it as the watermark moves. */
export class LoadCheckpointFile {
  private lastWrite = 0;
  constructor(
    /** Undefined: no checkpoint (checkpointFile: false). */
    readonly path: string | undefined,
    private readonly identity: LoadIdentity,
    private readonly everyMs: number,
  ) {}

  /**
   * The line to resume below, when resuming from a checkpoint; undefined: from the start. With `resume`,
   * the old checkpoint, if any, must describe this load; without, an old one is removed (it would describe
   * another load).
   */
  begin(resume: boolean | undefined): number | undefined {
    if (!this.path) return undefined;
    const old = resume ? readLoadCheckpoint(this.path) : undefined;
    if (old) {
      const why = checkpointMismatch(old, this.identity);
      if (why) {
        throw new Error(
          `Cannot resume from ${this.path}: ${why}. Load without resume to start from the first line (inserts are upserts, nothing is duplicated), or delete the checkpoint.`,
        );
      }
      return old.doneBelowLine;
    }
    if (!resume) rmSync(this.path, { force: true });
    return undefined;
  }

  write(watermark: LineWatermark, skipped: number): void {
    if (!this.path) return;
    this.lastWrite = Date.now();
    const cp: LoadCheckpoint = {
      version: 1,
      ...this.identity,
      doneBelowLine: watermark.line,
      playsDone: skipped + watermark.playsDone,
      updatedAt: new Date().toISOString(),
    };
    writeJsonAtomic(this.path, cp);
  }

  /** Writes it when `everyMs` passed since the last write; a checkpoint that cannot be written must not break the load (the last one stays). */
  writeIfDue(watermark: LineWatermark, skipped: number): void {
    if (Date.now() - this.lastWrite < this.everyMs) return;
    try {
      this.write(watermark, skipped);
    } catch {
      /* the last one stays */
    }
  }

  remove(): void {
    if (this.path) rmSync(this.path, { force: true });
  }
}

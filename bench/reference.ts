// reference: lib/'s merge and CSV reader as they were before the byte-level scanner (papaparse for
// every record), read from git history rather than kept as copies: lib/events.ts and lib/csv.ts at
// REFERENCE_COMMIT, with every file they import, written under build/bench/reference-<sha>/ and loaded
// at run time. bench/equivalence.ts checks lib/ still gives exactly what they gave; the ETL section
// times them side by side ("before"). A clone without that commit (shallow) gets the reason instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { readCsv } from '../lib/etl/csv';
import { ROOT } from './options';
import type { mergeEventFiles } from '../lib/etl/merge';

/** The last commit whose lib/events.ts and lib/csv.ts put every record through papaparse (the parent of b8c62cd). */
export const REFERENCE_COMMIT = '922578d238bade0d941886091587ffbc40199815';
const ENTRIES = ['lib/events.ts', 'lib/csv.ts'];

export interface ReferenceLib {
  mergeEventFiles: typeof mergeEventFiles;
  readCsv: typeof readCsv;
}

export type Reference = { lib: ReferenceLib; commit: string } | { why: string };

function git(args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ok: r.status === 0, out: r.stdout ?? '', err: r.error ? String(r.error.message) : (r.stderr ?? '').trim() };
}

/** Why the commit cannot be read here, or undefined when it can. */
function whyAbsent(commit: string): string | undefined {
  const r = git(['cat-file', '-e', `${commit}^{commit}`]);
  if (r.ok) return undefined;
  if (/ENOENT/.test(r.err)) return 'git is not installed';
  return (
    `commit ${commit.slice(0, 7)} (lib/ before the byte-level scanner) is not in this clone's history ` +
    `(a shallow clone? \`git fetch --unshallow\` brings it)`
  );
}

/** The relative imports of a TypeScript file, as repository paths next to `path` ('./csv' → lib/csv.ts). */
export function relativeImports(path: string, source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/^import[^'"]*from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    out.push(`${posix.join(posix.dirname(path), m[1])}.ts`);
  }
  return out;
}

/** The entries and every file they import, transitively: repository path → text at `commit`. */
export function closure(entries: string[], show: (path: string) => string): Map<string, string> {
  const files = new Map<string, string>();
  const queue = [...entries];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    if (files.has(path)) continue;
    const text = show(path);
    files.set(path, text);
    queue.push(...relativeImports(path, text));
  }
  return files;
}

/** Writes the files under build/bench/reference-<sha>/ once (through a temporary folder, renamed when complete). */
function extract(commit: string): string {
  const dir = join(ROOT, 'build', 'bench', `reference-${commit}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  const files = closure(ENTRIES, (path) => {
    const r = git(['show', `${commit}:${path}`]);
    if (!r.ok) throw new Error(`git show ${commit.slice(0, 7)}:${path} failed: ${r.err}`);
    return r.out;
  });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(join(tmp, posix.dirname(path)), { recursive: true });
    writeFileSync(join(tmp, path), text);
  }
  writeFileSync(join(tmp, '.complete'), `${[...files.keys()].join('\n')}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/** The reference merge and reader, or why they cannot be had in this clone. */
export function loadReference(commit = REFERENCE_COMMIT): Reference {
  const why = whyAbsent(commit);
  if (why) return { why };
  const dir = extract(commit);
  // Loaded at run time from build/ (tsx compiles them); papaparse resolves from the project's node_modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const events = require(join(dir, 'lib', 'events.ts')) as Pick<ReferenceLib, 'mergeEventFiles'>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const csv = require(join(dir, 'lib', 'csv.ts')) as Pick<ReferenceLib, 'readCsv'>;
  return { lib: { mergeEventFiles: events.mergeEventFiles, readCsv: csv.readCsv }, commit };
}

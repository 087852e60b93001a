// The command line as a user runs it from a shell: `tsx cli/sparkify.ts …` in a real process, from a
// working folder of the test's choosing, with the environment the test gives (the run's own by default).
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROJECT_DIR = join(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

export interface CliOptions {
  cwd: string;
  /** The whole environment of the process (default: this run's). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs `sparkify <args>` and returns its exit code and output. */
export function sparkify(args: string[], options: CliOptions): CliRun {
  const tsx = join(PROJECT_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, join(PROJECT_DIR, 'cli', 'sparkify.ts'), ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
  });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** This environment without any CASSANDRA_* or SPARKIFY_* variable: what a newcomer's shell has. */
export function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...withoutVariables(/^(CASSANDRA_|SPARKIFY_)/), ...extra };
}

/**
 * This environment without the project's own SPARKIFY_* variables (a run with SPARKIFY_EVENT_DATA set must
 * not change what the defaults mean), but with CASSANDRA_*, which say where this run's node is.
 */
export function defaultsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...withoutVariables(/^SPARKIFY_/), ...extra };
}

function withoutVariables(names: RegExp): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !names.test(k)));
}

/** A fresh temporary folder laid out like the project for the command line: `event_data/` is the sample. */
export async function projectLikeFolder(tag: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sparkify-${tag}-`));
  symlinkSync(join(PROJECT_DIR, 'event_data'), join(dir, 'event_data'));
  return dir;
}

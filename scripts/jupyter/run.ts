// scripts/jupyter/run.ts: running the venv's programs and reporting on them. Owns the log line type and
// its default (stderr), `run` (a program to completion, its failure as a SetupError quoting the last
// output lines) and the last lines of a text or a log file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { SetupError } from '../../lib/errors';

export type Log = (line: string) => void;
export const defaultLog: Log = (line) => process.stderr.write(`${line}\n`);

/** The last `lines` lines of a program's stdout and stderr, for an error message. */
export function outputTail(stdout: string | null | undefined, stderr: string | null | undefined, lines = 15): string {
  return `${stdout ?? ''}\n${stderr ?? ''}`.trim().split('\n').slice(-lines).join('\n');
}

/** The last `lines` lines of a log file, or '(no log)' when it cannot be read. */
export function fileTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs `cmd` to completion and returns its output; `what` names the step in the SetupError it throws. */
export function run(
  cmd: string,
  args: string[],
  what: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  const r = spawnSync(cmd, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new SetupError(
      code === 'ENOENT'
        ? `${what} failed: the program "${cmd}" was not found on PATH.`
        : `${what} failed: ${r.error.message}`,
    );
  }
  if (r.status !== 0) {
    const tail = outputTail(r.stdout, r.stderr);
    throw new SetupError(
      `${what} failed (\`${cmd} ${args.join(' ')}\` exited with ${r.status ?? r.signal}). Its last output:\n${tail}`,
    );
  }
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

// logs: what a node's failure shows — the last lines of its system.log (and the ERROR lines a little
// above them) and what the JVM printed for this start, and the errors that carry that excerpt.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'node:fs';
import { LocalCassandraError } from '../../errors';
import type { NodeLayout } from './layout';

export function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A copy of `e` with `note` appended to its summary (keeps the log excerpt apart). */
export function withNote(e: unknown, note: string): LocalCassandraError {
  if (e instanceof LocalCassandraError) return new LocalCassandraError(`${e.summary} ${note}`, e.logTail);
  return new LocalCassandraError(`${errMessage(e)} ${note}`);
}

/** Last `lines` lines of a file (reads at most the last 64 KiB); '' if missing. */
function tailFile(file: string, lines = 20): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      const all = buf.toString('utf8').split('\n');
      if (all.length && all[all.length - 1] === '') all.pop();
      return all.slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** The JVM's known startup chatter on stdout/stderr that says nothing about a failure. */
export function isJvmNoise(line: string): boolean {
  return /^WARNING: (A terminally deprecated method|System::setSecurityManager|Please consider reporting)/.test(line);
}

const clip = (l: string) => (l.length > 400 ? `${l.slice(0, 400)} …` : l);

/** The last `lines` lines of system.log, and the last ERROR lines before them (usually the cause; the last lines are often just the shutdown that followed). */
export function systemLogExcerpt(text: string, lines: number): { errors: string[]; last: string[] } {
  const all = text.split('\n').filter((l) => l !== '');
  const last = all.slice(-lines).map(clip);
  const errors = all
    .slice(0, -lines)
    .filter((l) => /^ERROR /.test(l))
    .slice(-5)
    .map(clip);
  return { errors, last };
}

/** stdout.log: only what this start printed (after the last "==== … starting" marker), without the JVM's chatter. */
export function jvmOutputExcerpt(text: string, lines: number): string[] {
  const all = text.split('\n');
  const marker = all.map((l) => l.startsWith('==== ')).lastIndexOf(true);
  return all
    .slice(marker + 1)
    .filter((l) => l.trim() !== '' && !isJvmNoise(l))
    .slice(-lines)
    .map(clip);
}

/** The log excerpt a LocalCassandraError carries for `node`. */
export function logTail(node: Pick<NodeLayout, 'systemLog' | 'stdoutLog'>, lines = 15): string {
  const sys = systemLogExcerpt(tailFile(node.systemLog, 2000), lines);
  const out = jvmOutputExcerpt(tailFile(node.stdoutLog, 400), lines);
  const parts: string[] = [];
  if (sys.errors.length) parts.push(`Errors in ${node.systemLog}:\n${sys.errors.join('\n')}`);
  if (sys.last.length) parts.push(`Last lines of ${node.systemLog}:\n${sys.last.join('\n')}`);
  if (out.length) parts.push(`Output of the JVM (${node.stdoutLog}):\n${out.join('\n')}`);
  if (!parts.length) parts.push(`(${node.systemLog} and ${node.stdoutLog} are empty or missing)`);
  return parts.join('\n');
}

// ui: what the command line shows a person — tables, progress (a bar on a terminal, periodic lines
// otherwise) and the one-paragraph failure message with a non-zero exit code.
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import { InvalidArgumentError } from 'commander';

/** Prints rows as a table with the given columns (key → heading). */
export function printTable(title: string, rows: Record<string, unknown>[], columns: Record<string, string>): void {
  const table = new Table({ head: Object.values(columns), style: { head: [], border: [] } });
  for (const row of rows) table.push(Object.keys(columns).map((k) => String(row[k] ?? '')));
  console.log(`\n${title}`);
  console.log(rows.length ? table.toString() : '(no rows)');
}

export interface Progress {
  update(done: number, total: number, text: string): void;
  stop(): void;
}

/** A progress bar on a terminal; elsewhere (CI, pipes) a line every few seconds. */
export function progress(label: string): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {text} | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, text) {
        if (!started) {
          bar.start(total, 0, { text });
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, { text });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = 0;
  let lastText = '';
  return {
    update(_done, _total, text) {
      lastText = text;
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.error(`${label}: ${text}`);
      }
    },
    stop() {
      if (lastText) console.error(`${label}: ${lastText}`);
    },
  };
}

/** Whether a failing command prints its stack too (SPARKIFY_DEBUG, read once by cli/sparkify.ts). */
let showStacks = false;
export function setShowStacks(on: boolean): void {
  showStacks = on;
}

/**
 * Ends the command with a clear one-paragraph message and exit code 1 (no stack trace); a local node's
 * error carries its last log lines, shown indented below the paragraph.
 */
export function fail(err: unknown, prefix = 'sparkify'): never {
  const e = err as { summary?: unknown; logTail?: unknown };
  const summary = typeof e?.summary === 'string' ? e.summary : err instanceof Error ? err.message : String(err);
  console.error(`\n${prefix}: ${summary.replace(/\s*\n\s*/g, ' ')}`);
  if (typeof e?.logTail === 'string' && e.logTail)
    console.error(
      `\n${e.logTail
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n')}`,
    );
  if (showStacks && err instanceof Error && err.stack) console.error(err.stack);
  process.exit(1);
}

/** A commander action that ends with `fail` on any error. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
  prefix?: string,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      fail(err, prefix);
    }
  };
}

/**
 * commander argument parser for a whole number of at least `min`: 0 for ids, 1 for ports, counts and
 * sizes (the message says "of at least 1" then).
 */
export const wholeNumber =
  (name: string, min = 0) =>
  (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min) {
      throw new InvalidArgumentError(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}`);
    }
    return Number(v);
  };

/** A whole number of at least 1 (ports, counts, sizes). */
export const positiveInt = (name: string) => wholeNumber(name, 1);

// scripts/jupyter/execute.ts: running the notebook headless. Owns executing it under the tslab kernel with
// nbclient (scripts/execute_notebook.py, in the venv's python), the summary that script prints, the HTML
// export of the executed copy (nbconvert), and the paragraph naming a failing cell.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SetupError } from '../../lib/errors';
import { jupyterEnv } from './kernel';
import { KERNEL_NAME, NOTEBOOK_NAME, PROJECT_ROOT } from './paths';
import { outputTail, run, type Log } from './run';
import { ensureJupyter } from './venv';

/** The failing cell, as scripts/execute_notebook.py reports it. */
export interface CellFailure {
  /** Index among all cells, and 1-based number among the code cells (null: the kernel itself failed). */
  index: number | null;
  code_cell: number | null;
  source: string;
  error: string;
}

export interface ExecuteResult {
  ok: boolean;
  /** Code cells in the notebook, and how many ran (up to and including a failing one). */
  cells: number;
  ran: number;
  failed: CellFailure | null;
  /** Time spent executing cells, kernel start included. */
  ms: number;
  notebook: string;
  html: string;
}

export interface ExecuteOptions {
  root?: string;
  /** The notebook to run (default: the project's); its kernel still starts at the project root. */
  input?: string;
  outDir?: string;
  /** Base name of the executed copy and the HTML export (default: the notebook's). */
  output?: string;
  /** Added to the kernel's environment (e.g. SPARKIFY_EVENT_DATA, SPARKIFY_KEYSPACE). */
  env?: NodeJS.ProcessEnv;
  timeoutSec?: number;
  log?: Log;
}

type Summary = Omit<ExecuteResult, 'notebook' | 'html'>;

/** One paragraph naming the failing cell and its error. */
export function describeFailure(f: CellFailure, executedCopy: string): string {
  const first =
    f.source
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const where = f.code_cell === null ? 'The tslab kernel failed' : `Code cell ${f.code_cell} (\`${first}\`) failed`;
  // The message without its stack trace (tslab prints `Name: message` then `    at …` lines).
  const lines = f.error.trim().split('\n');
  const stack = lines.findIndex((l) => /^\s+at /.test(l));
  const message = (stack > 0 ? lines.slice(0, stack) : lines)
    .map((l) => l.trim())
    .join(' ')
    .replace(/\.$/, '');
  return `${where}: ${message}. The cells that ran, with their outputs, are in ${executedCopy}.`;
}

/**
 * The summary scripts/execute_notebook.py prints as its last stdout line (JSON); a SetupError quoting its
 * last output when there is none (the script failed before any result).
 */
export function parseSummary(stdout: string, stderr: string, exit: number | string | null): Summary {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as Summary;
  } catch {
    throw new SetupError(
      `Executing the notebook with nbclient failed before any result (exit ${exit}):\n${outputTail(stdout, stderr)}`,
    );
  }
}

/** Runs scripts/execute_notebook.py: `input` executed cell by cell into `executed`. */
function runNbclient(
  python: string,
  root: string,
  input: string,
  executed: string,
  env: NodeJS.ProcessEnv,
  timeoutSec: number,
): Summary {
  const r = spawnSync(
    python,
    [
      path.join(root, 'scripts', 'execute_notebook.py'),
      input,
      executed,
      '--cwd',
      root,
      '--kernel',
      KERNEL_NAME,
      '--timeout',
      String(timeoutSec),
    ],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return parseSummary(r.stdout ?? '', r.stderr ?? '', r.status ?? r.signal);
}

/**
 * Executes the notebook headless under the tslab kernel (nbclient, cell by cell, the kernel's working
 * directory at the project root) and writes the executed copy and an HTML export into `outDir` — also
 * when a cell fails, so the outputs up to the failure can be read. A failing cell is returned, not thrown.
 */
export async function executeNotebook(options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const root = options.root ?? PROJECT_ROOT;
  const outDir = path.resolve(root, options.outDir ?? 'build');
  const p = await ensureJupyter({ root, log: options.log });
  fs.mkdirSync(outDir, { recursive: true });
  const base = options.output ?? path.basename(NOTEBOOK_NAME, '.ipynb');
  const notebook = path.join(outDir, `${base}.ipynb`);
  const env = jupyterEnv(root, options.env);
  const input = options.input ?? path.join(root, NOTEBOOK_NAME);
  const summary = runNbclient(p.python, root, input, notebook, env, options.timeoutSec ?? 900);
  run(
    p.jupyter,
    ['nbconvert', '--to', 'html', '--output-dir', outDir, notebook],
    'Exporting the executed notebook to HTML',
    {
      cwd: root,
      env,
    },
  );
  return { ...summary, notebook, html: path.join(outDir, `${base}.html`) };
}

// scripts/jupyter.ts: the Python/Jupyter side of the notebook. Owns the project-local virtualenv
// `.venv/` (created from the `python3` on PATH and refreshed from the pinned requirements.txt when it
// is missing or the file changed: a stamp holds the requirements' hash), the tslab kernelspec inside it
// (`.venv/share/jupyter/kernels/tslab/kernel.json`, pointing at this project's node_modules/.bin/tslab),
// running the venv's jupyter (headless execution into build/, JupyterLab), and making sure a Cassandra
// node answers first. Used by `npm run lab`, `npm run notebook` and the tests in test/notebook/.
//
//   tsx scripts/jupyter.ts setup      the venv and the kernelspec only
//   tsx scripts/jupyter.ts notebook   execute the notebook headless → build/*.ipynb and build/*.html
//   tsx scripts/jupyter.ts lab [...]  open JupyterLab on the notebook (extra args go to `jupyter lab`)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { SetupError } from '../lib/errors';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const NOTEBOOK_NAME = 'Apache_Cassandra_Sparkify.ipynb';
export const KERNEL_NAME = 'tslab';

export interface VenvPaths {
  venv: string;
  bin: string;
  python: string;
  jupyter: string;
  requirements: string;
  stamp: string;
  kernelDir: string;
}

export function venvPaths(root = PROJECT_ROOT): VenvPaths {
  const venv = path.join(root, '.venv');
  const bin = path.join(venv, 'bin');
  return {
    venv,
    bin,
    python: path.join(bin, 'python'),
    jupyter: path.join(bin, 'jupyter'),
    requirements: path.join(root, 'requirements.txt'),
    stamp: path.join(venv, '.requirements.sha256'),
    kernelDir: path.join(venv, 'share', 'jupyter', 'kernels', KERNEL_NAME),
  };
}

type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stderr.write(`${line}\n`);

function run(cmd: string, args: string[], what: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new SetupError(
      code === 'ENOENT' ? `${what} failed: the program "${cmd}" was not found on PATH.` : `${what} failed: ${r.error.message}`,
    );
  }
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new SetupError(`${what} failed (\`${cmd} ${args.join(' ')}\` exited with ${r.status ?? r.signal}). Its last output:\n${tail}`);
  }
  return `${r.stdout ?? ''}${r.stderr ?? ''}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` holding `<root>/build/venv.lock` (a directory, created atomically), so parallel runs install once. */
async function withLock<T>(root: string, fn: () => Promise<T> | T): Promise<T> {
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  const lock = path.join(root, 'build', 'venv.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        // The owner has not written its pid yet (or just left): look again shortly.
      }
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SetupError(`Waited 15 minutes for ${lock} (another set-up running?); remove it if stale.`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function requirementsHash(file: string): string {
  if (!fs.existsSync(file)) throw new SetupError(`${file} is missing: it pins the Python side (JupyterLab, nbclient).`);
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Creates `.venv` with the `python3` on PATH (or $PYTHON) when missing, installs requirements.txt into it
 * when the stamp's hash differs, and (re)writes the tslab kernelspec. Returns the venv's paths.
 */
export async function ensureJupyter(options: { root?: string; log?: Log } = {}): Promise<VenvPaths> {
  const root = options.root ?? PROJECT_ROOT;
  const log = options.log ?? defaultLog;
  const p = venvPaths(root);
  return withLock(root, () => {
    const hash = requirementsHash(p.requirements);
    if (!fs.existsSync(p.python)) {
      const python = process.env.PYTHON ?? 'python3';
      log(`Creating the Python virtualenv ${p.venv} with ${python} …`);
      fs.rmSync(p.venv, { recursive: true, force: true });
      run(python, ['-m', 'venv', p.venv], 'Creating the virtualenv .venv');
    }
    const stamp = fs.existsSync(p.stamp) ? fs.readFileSync(p.stamp, 'utf8').trim() : '';
    if (stamp !== hash) {
      log('Installing the Python side from requirements.txt into .venv (JupyterLab, nbclient, nbconvert) …');
      run(
        p.python,
        ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', p.requirements],
        'Installing requirements.txt into .venv (is PyPI reachable?)',
      );
      fs.writeFileSync(p.stamp, `${hash}\n`);
    }
    registerKernel(root);
    return p;
  });
}

/** The kernelspec Jupyter finds in the venv's data path: tslab from this project's node_modules. */
export function kernelSpec(root = PROJECT_ROOT): { argv: string[]; display_name: string; language: string } {
  const tslab = path.join(root, 'node_modules', '.bin', 'tslab');
  if (!fs.existsSync(tslab)) throw new SetupError(`${tslab} is missing: run \`npm install\` first (tslab is a devDependency).`);
  return { argv: [tslab, 'kernel', '--config-path', '{connection_file}'], display_name: 'TypeScript', language: 'typescript' };
}

export function registerKernel(root = PROJECT_ROOT): string {
  const { kernelDir } = venvPaths(root);
  const file = path.join(kernelDir, 'kernel.json');
  const text = `${JSON.stringify(kernelSpec(root), null, 2)}\n`;
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    fs.mkdirSync(kernelDir, { recursive: true });
    fs.writeFileSync(file, text);
  }
  return file;
}

/**
 * The environment for the venv's jupyter: its bin first on PATH, then the folder of the Node running
 * this script (node_modules/.bin/tslab starts with `#!/usr/bin/env node`; tslab must run on this Node).
 */
export function jupyterEnv(root = PROJECT_ROOT, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { bin } = venvPaths(root);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [bin, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter),
    VIRTUAL_ENV: path.join(root, '.venv'),
    JUPYTER_PLATFORM_DIRS: '1',
    ...extra,
  };
  // A variable `extra` sets to undefined is removed, not passed on as the text "undefined".
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env;
}

/**
 * Makes sure a Cassandra node answers where the configuration (CASSANDRA_CONTACT_POINTS, CASSANDRA_PORT)
 * points: on this machine's loopback the local node is started when none answers (lib/localnode); a
 * remote cluster is only waited for.
 */
export async function ensureCassandra(log: Log = defaultLog): Promise<string> {
  // Loaded lazily: `setup` does not need the driver.
  const { describeTarget, ensureCassandra: ensure, settingsFromEnv } = await import('../lib/index');
  const config = settingsFromEnv().cassandra;
  try {
    const r = await ensure(config, { log });
    return r.started ? (r.startMessage ?? 'Started the local node.') : `Cassandra answers at ${describeTarget(config)}.`;
  } catch (e) {
    throw new SetupError(`No Cassandra node answers at ${describeTarget(config)}, and none could be started: ${(e as Error).message}`);
  }
}

interface NbOutput {
  output_type: string;
  name?: string;
  ename?: string;
  evalue?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
export interface NbCell {
  cell_type: string;
  id?: string;
  source: string | string[];
  outputs?: NbOutput[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
}
export interface Notebook {
  cells: NbCell[];
  metadata: Record<string, unknown>;
}

export const joinText = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join('') : (t ?? ''));

export function readNotebook(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Notebook;
}

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

/** One paragraph naming the failing cell and its error. */
export function describeFailure(f: CellFailure, executedCopy: string): string {
  const first = f.source.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  const where = f.code_cell === null ? 'The tslab kernel failed' : `Code cell ${f.code_cell} (\`${first}\`) failed`;
  // The message without its stack trace (tslab prints `Name: message` then `    at …` lines).
  const lines = f.error.trim().split('\n');
  const stack = lines.findIndex((l) => /^\s+at /.test(l));
  const message = (stack > 0 ? lines.slice(0, stack) : lines).map((l) => l.trim()).join(' ').replace(/\.$/, '');
  return `${where}: ${message}. The cells that ran, with their outputs, are in ${executedCopy}.`;
}

/**
 * Executes the notebook headless under the tslab kernel (nbclient, cell by cell, the kernel's working
 * directory at the project root) and writes the executed copy and an HTML export into `outDir` — also
 * when a cell fails, so the outputs up to the failure can be read. A failing cell is returned, not thrown.
 */
export async function executeNotebook(
  options: {
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
  } = {},
): Promise<ExecuteResult> {
  const root = options.root ?? PROJECT_ROOT;
  const outDir = path.resolve(root, options.outDir ?? 'build');
  const p = await ensureJupyter({ root, log: options.log });
  fs.mkdirSync(outDir, { recursive: true });
  const base = options.output ?? path.basename(NOTEBOOK_NAME, '.ipynb');
  const notebook = path.join(outDir, `${base}.ipynb`);
  const env = jupyterEnv(root, options.env);
  const r = spawnSync(
    p.python,
    [
      path.join(root, 'scripts', 'execute_notebook.py'), options.input ?? path.join(root, NOTEBOOK_NAME), notebook,
      '--cwd', root, '--kernel', KERNEL_NAME, '--timeout', String(options.timeoutSec ?? 900),
    ],
    { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let summary: Omit<ExecuteResult, 'notebook' | 'html'>;
  try {
    summary = JSON.parse(last) as typeof summary;
  } catch {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new SetupError(`Executing the notebook with nbclient failed before any result (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  run(p.jupyter, ['nbconvert', '--to', 'html', '--output-dir', outDir, notebook], 'Exporting the executed notebook to HTML', {
    cwd: root,
    env,
  });
  return { ...summary, notebook, html: path.join(outDir, `${base}.html`) };
}

/** A free TCP port on 127.0.0.1 (asked from the OS). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface LabServer {
  url: string;
  token: string;
  port: number;
  pid: number;
  logFile: string;
  /** Stops this JupyterLab (SIGTERM to its process group, SIGKILL after 10 s). Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Common JupyterLab flags: the project root as the notebook folder, checkpoints (JupyterLab makes one when it
 * opens a notebook) outside the working tree, no update checks, no news pop-up.
 */
function labFlags(root: string, checkpoints = path.join(root, 'build', 'checkpoints')): string[] {
  return [
    `--ServerApp.root_dir=${root}`,
    `--FileCheckpoints.checkpoint_dir=${checkpoints}`,
    '--LabApp.news_url=None',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    // Jupyter refuses to run as root without it (containers and CI machines often are root).
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
}

/**
 * Starts JupyterLab in the background on 127.0.0.1:`port` with `token`, its output in `logFile` (stdin from
 * /dev/null, its own process group), and waits until its API answers. Settings, workspaces and runtime
 * files go to a fresh temporary folder (removed by `stop`), so a person's ~/.jupyter is neither read nor changed.
 */
export async function startLab(options: {
  root?: string;
  port?: number;
  token: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /** JupyterLab settings by plugin id, e.g. `{'@jupyterlab/docmanager-extension:plugin': {autosave: false}}`. */
  settings?: Record<string, Record<string, unknown>>;
  timeoutMs?: number;
}): Promise<LabServer> {
  const root = options.root ?? PROJECT_ROOT;
  const p = await ensureJupyter({ root });
  const port = options.port ?? (await freePort());
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-lab-'));
  for (const [plugin, values] of Object.entries(options.settings ?? {})) {
    const [pkg, name] = plugin.split(':');
    const file = path.join(state, 'settings', pkg, `${name}.jupyterlab-settings`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(values, null, 2));
  }
  const out = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = spawn(
    p.jupyter,
    [
      'lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0', `--IdentityProvider.token=${options.token}`,
      ...labFlags(root, path.join(state, 'checkpoints')),
    ],
    {
      cwd: root,
      env: jupyterEnv(root, {
        JUPYTER_CONFIG_DIR: path.join(state, 'config'),
        JUPYTERLAB_SETTINGS_DIR: path.join(state, 'settings'),
        JUPYTERLAB_WORKSPACES_DIR: path.join(state, 'workspaces'),
        JUPYTER_RUNTIME_DIR: path.join(state, 'runtime'),
        ...options.env,
      }),
      stdio: ['ignore', out, out],
      detached: true,
    },
  );
  fs.closeSync(out);
  const pid = child.pid!;
  let exited = false;
  const exitedPromise = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  child.unref();
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      // Kernels run in sessions of their own: shut them down through the API, then the server.
      try {
        const res = await fetch(`${url}/api/kernels?token=${options.token}`);
        const kernels = res.ok ? ((await res.json()) as { id: string }[]) : [];
        await Promise.all(kernels.map((k) => fetch(`${url}/api/kernels/${k.id}?token=${options.token}`, { method: 'DELETE' })));
      } catch {
        // The server is not answering: the signals below still stop it.
      }
      const signal = (sig: NodeJS.Signals) => {
        try {
          process.kill(-pid, sig);
        } catch {
          // already gone
        }
      };
      signal('SIGTERM');
      const t = setTimeout(() => signal('SIGKILL'), 10_000);
      await exitedPromise;
      clearTimeout(t);
    }
    fs.rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      await stop();
      throw new SetupError(`JupyterLab exited while starting; see ${options.logFile}:\n${tail(options.logFile)}`);
    }
    try {
      const res = await fetch(`${url}/api/status?token=${options.token}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new SetupError(`JupyterLab did not answer on ${url} within ${(options.timeoutMs ?? 60_000) / 1000} s; see ${options.logFile}.`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, token: options.token, port, pid, logFile: options.logFile, stop };
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = defaultLog;
  switch (command) {
    case 'setup': {
      const p = await ensureJupyter({ log });
      log(`Ready: ${p.venv} with the tslab kernelspec in ${p.kernelDir}.`);
      return 0;
    }
    case 'notebook': {
      await ensureJupyter({ log });
      await ensureCassandra(log);
      log(`Executing ${NOTEBOOK_NAME} headless …`);
      const r = await executeNotebook({ log });
      const rel = (f: string) => path.relative(process.cwd(), f);
      if (r.failed) throw new SetupError(describeFailure(r.failed, rel(r.notebook)));
      log(`Executed ${r.ran} code cells in ${(r.ms / 1000).toFixed(1)} s: ${rel(r.notebook)} and ${rel(r.html)}.`);
      return 0;
    }
    case 'lab': {
      const p = await ensureJupyter({ log });
      await ensureCassandra(log);
      const child = spawn(p.jupyter, ['lab', '--ip=127.0.0.1', ...labFlags(PROJECT_ROOT), ...rest, NOTEBOOK_NAME], {
        cwd: PROJECT_ROOT,
        env: jupyterEnv(PROJECT_ROOT),
        stdio: 'inherit',
      });
      return new Promise<number>((resolve) => {
        child.on('error', (e) => {
          log(`Could not start JupyterLab: ${e.message}`);
          resolve(1);
        });
        child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 0 : 1)));
      });
    }
    default:
      log('Usage: tsx scripts/jupyter.ts setup | notebook | lab [jupyter lab options]');
      return command === undefined || command === '--help' ? 0 : 1;
  }
}

// Run as a script (tsx scripts/jupyter.ts …), not when imported by the tests.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${e instanceof SetupError ? e.message : `Unexpected failure: ${(e as Error)?.stack ?? e}`}\n`);
      process.exit(1);
    },
  );
}

// scripts/jupyter/lab.ts: JupyterLab on the notebook. Owns a free loopback port, the flags every
// JupyterLab here gets, the background server the browser test and the screenshots drive (LabServer: its
// process, its temporary settings folder, waiting until it answers, stopping it and its kernels), and the
// foreground JupyterLab `npm run lab` opens.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { sleep } from '../../lib/common/async';
import { SetupError } from '../../lib/errors';
import { jupyterEnv } from './kernel';
import { NOTEBOOK_NAME, PROJECT_ROOT } from './paths';
import { fileTail, type Log } from './run';
import { ensureJupyter } from './venv';

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

/**
 * Common JupyterLab flags: the project root as the notebook folder, checkpoints (JupyterLab makes one when it
 * opens a notebook) outside the working tree, no update checks, no news pop-up.
 */
export function labFlags(root: string, checkpoints = path.join(root, 'build', 'checkpoints')): string[] {
  return [
    `--ServerApp.root_dir=${root}`,
    `--FileCheckpoints.checkpoint_dir=${checkpoints}`,
    '--LabApp.news_url=None',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    // Jupyter refuses to run as root without it (containers and CI machines often are root).
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
}

/** JupyterLab settings by plugin id, e.g. `{'@jupyterlab/docmanager-extension:plugin': {autosave: false}}`. */
export type LabSettings = Record<string, Record<string, unknown>>;

/** A fresh temporary folder for a server's settings, workspaces and runtime files, `settings` written into it. */
export function makeStateDir(settings: LabSettings = {}): string {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-lab-'));
  for (const [plugin, values] of Object.entries(settings)) {
    const [pkg, name] = plugin.split(':');
    const file = path.join(state, 'settings', pkg, `${name}.jupyterlab-settings`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(values, null, 2));
  }
  return state;
}

/** The variables that point JupyterLab's config, settings, workspaces and runtime files into `state`. */
export function stateEnv(state: string): NodeJS.ProcessEnv {
  return {
    JUPYTER_CONFIG_DIR: path.join(state, 'config'),
    JUPYTERLAB_SETTINGS_DIR: path.join(state, 'settings'),
    JUPYTERLAB_WORKSPACES_DIR: path.join(state, 'workspaces'),
    JUPYTER_RUNTIME_DIR: path.join(state, 'runtime'),
  };
}

interface LabSpawn {
  jupyter: string;
  root: string;
  port: number;
  token: string;
  logFile: string;
  /** The temporary folder from makeStateDir: this server's, removed by `stop`. */
  state: string;
  env?: NodeJS.ProcessEnv;
}

/** A JupyterLab running in the background (its own process group, output in `logFile`). */
export class LabServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly pid: number;
  readonly logFile: string;
  private readonly state: string;
  private exited = false;
  private readonly exitedPromise: Promise<void>;

  private constructor(child: ChildProcess, s: LabSpawn) {
    this.port = s.port;
    this.token = s.token;
    this.logFile = s.logFile;
    this.state = s.state;
    this.url = `http://127.0.0.1:${s.port}`;
    this.pid = child.pid!;
    this.exitedPromise = new Promise<void>((r) => child.once('exit', () => ((this.exited = true), r())));
    child.unref();
  }

  /** Starts `jupyter lab` on 127.0.0.1:`port` with `token` (stdin from /dev/null); does not wait for it. */
  static spawn(s: LabSpawn): LabServer {
    const out = fs.openSync(s.logFile, 'w');
    const args = [
      'lab',
      '--no-browser',
      '--ip=127.0.0.1',
      `--port=${s.port}`,
      '--port-retries=0',
      `--IdentityProvider.token=${s.token}`,
      ...labFlags(s.root, path.join(s.state, 'checkpoints')),
    ];
    const child = spawn(s.jupyter, args, {
      cwd: s.root,
      env: jupyterEnv(s.root, { ...stateEnv(s.state), ...s.env }),
      stdio: ['ignore', out, out],
      detached: true,
    });
    fs.closeSync(out);
    return new LabServer(child, s);
  }

  /** Polls the API until it answers; stops the server and throws when it exits or `timeoutMs` passes first. */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.answers())) {
      if (this.exited) {
        await this.stop();
        throw new SetupError(`JupyterLab exited while starting; see ${this.logFile}:\n${fileTail(this.logFile)}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new SetupError(
          `JupyterLab did not answer on ${this.url} within ${timeoutMs / 1000} s; see ${this.logFile}.`,
        );
      }
      await sleep(300);
    }
  }

  /** Stops this JupyterLab (SIGTERM to its process group, SIGKILL after 10 s). Safe to call twice. */
  readonly stop = async (): Promise<void> => {
    if (!this.exited) {
      await this.shutdownKernels();
      this.signal('SIGTERM');
      const t = setTimeout(() => this.signal('SIGKILL'), 10_000);
      await this.exitedPromise;
      clearTimeout(t);
    }
    fs.rmSync(this.state, { recursive: true, force: true });
  };

  /** True once the server's API answers (false while it is not listening yet, or has exited). */
  private async answers(): Promise<boolean> {
    if (this.exited) return false;
    try {
      return (await fetch(`${this.url}/api/status?token=${this.token}`)).ok;
    } catch {
      return false; // not listening yet
    }
  }

  /** Kernels run in sessions of their own: shut them down through the API before the server. */
  private async shutdownKernels(): Promise<void> {
    try {
      const res = await fetch(`${this.url}/api/kernels?token=${this.token}`);
      const kernels = res.ok ? ((await res.json()) as { id: string }[]) : [];
      await Promise.all(
        kernels.map((k) => fetch(`${this.url}/api/kernels/${k.id}?token=${this.token}`, { method: 'DELETE' })),
      );
    } catch {
      // The server is not answering: the signals still stop it.
    }
  }

  private signal(sig: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, sig);
    } catch {
      // already gone
    }
  }
}

export interface StartLabOptions {
  root?: string;
  port?: number;
  token: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /** JupyterLab settings by plugin id, e.g. `{'@jupyterlab/docmanager-extension:plugin': {autosave: false}}`. */
  settings?: LabSettings;
  timeoutMs?: number;
}

/**
 * Starts JupyterLab in the background on 127.0.0.1:`port` with `token`, its output in `logFile` (stdin from
 * /dev/null, its own process group), and waits until its API answers. Settings, workspaces and runtime
 * files go to a fresh temporary folder (removed by `stop`), so a person's ~/.jupyter is neither read nor changed.
 */
export async function startLab(options: StartLabOptions): Promise<LabServer> {
  const root = options.root ?? PROJECT_ROOT;
  const p = await ensureJupyter({ root });
  const port = options.port ?? (await freePort());
  const state = makeStateDir(options.settings);
  const server = LabServer.spawn({
    jupyter: p.jupyter,
    root,
    port,
    token: options.token,
    logFile: options.logFile,
    state,
    env: options.env,
  });
  await server.waitUntilReady(options.timeoutMs ?? 60_000);
  return server;
}

/**
 * JupyterLab in the foreground on the notebook (`npm run lab`), `args` passed on to `jupyter lab`; resolves
 * to its exit code (0 when stopped with Ctrl+C, 1 when it could not start).
 */
export function runLab(jupyter: string, args: string[], log: Log): Promise<number> {
  const child = spawn(jupyter, ['lab', '--ip=127.0.0.1', ...labFlags(PROJECT_ROOT), ...args, NOTEBOOK_NAME], {
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

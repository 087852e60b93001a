// scripts/jupyter/venv.ts: the project-local virtualenv `.venv/`. Owns creating it from the `python3` on
// PATH (or $PYTHON) when missing, refreshing it from the pinned requirements.txt when that file changed
// (a stamp in the venv holds the requirements' hash), and `ensureJupyter`, which does both under the
// set-up lock and (re)writes the tslab kernelspec.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { SetupError } from '../../lib/errors';
import { registerKernel } from './kernel';
import { withLock } from './lock';
import { PROJECT_ROOT, venvPaths, type VenvPaths } from './paths';
import { defaultLog, run, type Log } from './run';

function requirementsHash(file: string): string {
  if (!fs.existsSync(file)) throw new SetupError(`${file} is missing: it pins the Python side (JupyterLab, nbclient).`);
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Creates the venv when its python is missing (a half-made venv is removed first). */
function createVenv(p: VenvPaths, log: Log): void {
  if (fs.existsSync(p.python)) return;
  const python = process.env.PYTHON ?? 'python3';
  log(`Creating the Python virtualenv ${p.venv} with ${python} …`);
  fs.rmSync(p.venv, { recursive: true, force: true });
  run(python, ['-m', 'venv', p.venv], 'Creating the virtualenv .venv');
}

/** Installs requirements.txt into the venv unless the stamp already holds `hash`; then writes the stamp. */
function installRequirements(p: VenvPaths, hash: string, log: Log): void {
  const stamp = fs.existsSync(p.stamp) ? fs.readFileSync(p.stamp, 'utf8').trim() : '';
  if (stamp === hash) return;
  log('Installing the Python side from requirements.txt into .venv (JupyterLab, nbclient, nbconvert) …');
  run(
    p.python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', p.requirements],
    'Installing requirements.txt into .venv (is PyPI reachable?)',
  );
  fs.writeFileSync(p.stamp, `${hash}\n`);
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
    createVenv(p, log);
    installRequirements(p, hash, log);
    registerKernel(root);
    return p;
  });
}

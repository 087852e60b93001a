// venv: the Python peers (the notebook's merge and load, cqlsh) in their own virtualenv under build/,
// installed from bench/requirements.txt and reinstalled only when that file changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './figures';
import { run } from './measure';
import { ROOT } from './options';

const VENV = join(ROOT, 'build', 'bench-venv');
export const PY = join(VENV, 'bin', 'python');
export const CQLSH = join(VENV, 'bin', 'cqlsh');

/** Makes the venv current; returns why the Python peers cannot run, or undefined when they can. */
export async function ensureVenv(): Promise<string | undefined> {
  const req = join(ROOT, 'bench', 'requirements.txt');
  const stamp = join(VENV, '.requirements.sha256');
  const want = createHash('sha256').update(readFileSync(req)).digest('hex');
  if (existsSync(PY) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return undefined;
  log(`installing the Python peers (${req}) into ${VENV} …`);
  const py = spawnSync('python3', ['--version']);
  if (py.status !== 0) return 'python3 is not installed';
  if (!existsSync(PY)) {
    const v = await run('python3', ['-m', 'venv', VENV]);
    if (v.code !== 0) return `python3 -m venv failed: ${v.stderr.trim().split('\n').pop()}`;
  }
  const pip = await run(PY, ['-m', 'pip', 'install', '--quiet', '-r', req], { timeoutMs: 15 * 60_000 });
  if (pip.code !== 0)
    return `pip install -r bench/requirements.txt failed: ${pip.stderr.trim().split('\n').slice(-3).join(' ')}`;
  writeFileSync(stamp, want);
  return undefined;
}

// scripts/jupyter/kernel.ts: the tslab kernel as the venv's jupyter sees it. Owns the kernelspec
// (`.venv/share/jupyter/kernels/tslab/kernel.json`, pointing at this project's node_modules/.bin/tslab),
// writing it when it differs, and the environment the venv's jupyter (and so the kernel) runs in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SetupError } from '../../lib/errors';
import { PROJECT_ROOT, venvPaths } from './paths';

/** The kernelspec Jupyter finds in the venv's data path: tslab from this project's node_modules. */
export function kernelSpec(root = PROJECT_ROOT): { argv: string[]; display_name: string; language: string } {
  const tslab = path.join(root, 'node_modules', '.bin', 'tslab');
  if (!fs.existsSync(tslab))
    throw new SetupError(`${tslab} is missing: run \`npm install\` first (tslab is a devDependency).`);
  return {
    argv: [tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript',
    language: 'typescript',
  };
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

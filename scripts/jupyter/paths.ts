// scripts/jupyter/paths.ts: where the Python/Jupyter side lives. Owns the project root (the repository's
// folder, two levels above this file), the notebook's and the kernel's names, and the paths inside the
// project-local virtualenv `.venv/` (its python and jupyter, the requirements stamp, the tslab kernelspec).
import * as path from 'node:path';

/** The repository's folder: this file is scripts/jupyter/paths.ts. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
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

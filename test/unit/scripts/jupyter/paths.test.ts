// The project root is the repository's folder (computed from the file's own folder), and the venv's paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_NAME, PROJECT_ROOT, venvPaths } from '../../../../scripts/jupyter/paths';

describe('PROJECT_ROOT', () => {
  it('is the repository root: package.json, the notebook and the entry point scripts/jupyter.ts are there', () => {
    expect(PROJECT_ROOT).toBe(path.resolve(__dirname, '..', '..', '..', '..'));
    for (const f of ['package.json', NOTEBOOK_NAME, 'scripts/jupyter.ts', 'requirements.txt']) {
      expect(fs.existsSync(path.join(PROJECT_ROOT, f)), f).toBe(true);
    }
  });
});

describe('venvPaths', () => {
  it('puts everything under <root>/.venv, the tslab kernelspec in its data path', () => {
    const p = venvPaths('/r');
    expect(p).toEqual({
      venv: '/r/.venv',
      bin: '/r/.venv/bin',
      python: '/r/.venv/bin/python',
      jupyter: '/r/.venv/bin/jupyter',
      requirements: '/r/requirements.txt',
      stamp: '/r/.venv/.requirements.sha256',
      kernelDir: '/r/.venv/share/jupyter/kernels/tslab',
    });
  });
});

// The environment the venv's jupyter runs in.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jupyterEnv } from '../../../../scripts/jupyter/kernel';

describe('jupyterEnv', () => {
  it("puts the venv's bin, then this Node's folder, first on PATH", () => {
    const env = jupyterEnv('/r');
    expect(env.PATH?.split(path.delimiter).slice(0, 2)).toEqual(['/r/.venv/bin', path.dirname(process.execPath)]);
    expect(env.VIRTUAL_ENV).toBe('/r/.venv');
    expect(env.JUPYTER_PLATFORM_DIRS).toBe('1');
  });
  it('adds `extra` and removes the variables it sets to undefined', () => {
    const env = jupyterEnv('/r', { SPARKIFY_KEYSPACE: 'k', HOME: undefined });
    expect(env.SPARKIFY_KEYSPACE).toBe('k');
    expect('HOME' in env).toBe(false);
  });
});

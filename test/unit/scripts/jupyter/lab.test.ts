// JupyterLab's flags and the temporary state folder with its settings (freePort opens a socket: it is tested
// in test/integration/scripts/jupyter/lab.test.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labFlags, makeStateDir, stateEnv } from '../../../../scripts/jupyter/lab';

describe('labFlags', () => {
  it('roots JupyterLab at the project, checkpoints in build/ by default, no news or update checks', () => {
    const flags = labFlags('/r').filter((f) => f !== '--allow-root');
    expect(flags).toEqual([
      '--ServerApp.root_dir=/r',
      '--FileCheckpoints.checkpoint_dir=/r/build/checkpoints',
      '--LabApp.news_url=None',
      '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    ]);
  });
  it('allows root only when running as root', () => {
    expect(labFlags('/r', '/c').includes('--allow-root')).toBe(process.getuid?.() === 0);
  });
});

describe('makeStateDir', () => {
  let dir = '';
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  it("writes each plugin's settings where JUPYTERLAB_SETTINGS_DIR points", () => {
    dir = makeStateDir({ '@jupyterlab/docmanager-extension:plugin': { autosave: false } });
    const file = path.join(
      stateEnv(dir).JUPYTERLAB_SETTINGS_DIR!,
      '@jupyterlab/docmanager-extension',
      'plugin.jupyterlab-settings',
    );
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ autosave: false });
  });
  it('points config, workspaces and runtime files into the folder', () => {
    dir = makeStateDir();
    expect(Object.values(stateEnv(dir)).every((v) => v?.startsWith(`${dir}${path.sep}`))).toBe(true);
  });
});

// A learner changes the project while the kernel runs, and the next cell still runs: under the tslab
// kernel (headless, the project's kernelspec, as `npm run notebook` starts it), cells save an edited lib/
// module the way JupyterLab's editor saves (a temporary file renamed over it), create a .ts, a .json and a
// .csv file in the project folder, and run `npm install` of a package. Each of these used to leave tslab
// with a second pending TypeScript timer, and every later cell failed with "Unexpected pending
// rebuildTimer" (patches/tslab+1.0.22.patch). The cell after each must run, a re-imported module must show
// the edit (and its undoing), and the installed package must load.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeNotebook, type ExecuteResult } from '../../scripts/jupyter/execute';
import { joinText, readNotebook, type Notebook } from '../../scripts/jupyter/notebook-file';
import { PROJECT_ROOT } from '../../scripts/jupyter/paths';
import { writeCodeNotebook } from './support';

const OUT_DIR = path.join(PROJECT_ROOT, 'build', 'notebook-test', 'edits');
const EDITED = path.join(PROJECT_ROOT, 'lib', 'cassandra', 'queries.ts');
const PACKAGE = 'left-pad';
const id = randomBytes(4).toString('hex');
const created = ['ts', 'json', 'csv'].map((ext) => path.join(PROJECT_ROOT, `scratch-${id}.${ext}`));

/** Each cell with a name, so that a failure says which step broke. */
const CELLS: [string, string][] = [
  ['import lib', `import { TABLES } from './lib/index';\nTABLES.length`],
  [
    'save an edited lib/cassandra/queries.ts (temporary file renamed over it, as JupyterLab saves)',
    `import * as fs from 'fs';
const original = fs.readFileSync('lib/cassandra/queries.ts', 'utf8');
const save = (file: string, text: string) => { fs.writeFileSync(file + '.~save', text); fs.renameSync(file + '.~save', file); };
save('lib/cassandra/queries.ts', original + "\\nexport const EDIT_PROBE = '${id}';\\n");
'saved'`,
  ],
  ['re-import the edited module through lib/index', `import { EDIT_PROBE } from './lib/index';\nEDIT_PROBE`],
  [
    'create a .ts, a .json and a .csv file in the project folder',
    `fs.writeFileSync('scratch-${id}.ts', 'export const scratch = 1;\\n');
fs.writeFileSync('scratch-${id}.json', '{"scratch": 1}\\n');
fs.writeFileSync('scratch-${id}.csv', 'a,b\\n1,2\\n');
'created'`,
  ],
  ['a cell after the new files', `TABLES.map((t) => t.name).join(' ')`],
  [
    `npm install ${PACKAGE}`,
    `import { execSync } from 'child_process';
execSync('npm install --no-save --no-audit --no-fund --loglevel=error ${PACKAGE}@1.3.0', { encoding: 'utf8', stdio: 'pipe' });
'installed'`,
  ],
  ['use the installed package', `import leftPad from '${PACKAGE}';\nleftPad('7', 3, '0')`],
  [
    'undo the edit and remove the files',
    `save('lib/cassandra/queries.ts', original);\nfor (const ext of ['ts', 'json', 'csv']) fs.rmSync('scratch-${id}.' + ext);\n'undone'`,
  ],
  ['re-import lib/index after the undo', `import * as again from './lib/index';\n'EDIT_PROBE' in again`],
];

/** What each cell showed (tslab shows a cell's last value as text), by step name. */
function results(nb: Notebook): Record<string, string> {
  const code = nb.cells.filter((c) => c.cell_type === 'code');
  return Object.fromEntries(
    CELLS.map(([name], i) => [
      name,
      (code[i]?.outputs ?? [])
        .map((o) => joinText(o.data?.['text/plain'] ?? o.text))
        .join('')
        .trim(),
    ]),
  );
}

describe('a learner edits the project while the kernel runs', () => {
  const original = fs.readFileSync(EDITED);
  let run: ExecuteResult;
  let shown: Record<string, string>;

  beforeAll(async () => {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const input = path.join(OUT_DIR, 'edits-input.ipynb');
    writeCodeNotebook(
      input,
      CELLS.map(([, source]) => source),
    );
    run = await executeNotebook({ input, outDir: OUT_DIR, output: 'edits' });
    shown = results(readNotebook(run.notebook));
  }, 300_000);

  afterAll(() => {
    // Whatever happened in the kernel, the project comes out as it went in.
    if (!fs.readFileSync(EDITED).equals(original)) fs.writeFileSync(EDITED, original);
    for (const f of created) fs.rmSync(f, { force: true });
    fs.rmSync(path.join(PROJECT_ROOT, 'node_modules', PACKAGE), { recursive: true, force: true });
  });

  it('runs every cell', () => {
    const failed = run.failed ? `step "${CELLS[(run.failed.code_cell ?? 1) - 1][0]}" failed: ${run.failed.error}` : '';
    expect(failed).toBe('');
    expect(run.ran).toBe(CELLS.length);
  });

  it('sees the edited module when it is imported again, and its undoing', () => {
    expect(shown['re-import the edited module through lib/index']).toBe(id);
    expect(shown['re-import lib/index after the undo']).toBe('false');
  });

  it('runs the cell after new files appear, and loads a package installed meanwhile', () => {
    expect(shown['a cell after the new files']).toBe('songs_by_session songs_by_user_session listeners_by_song');
    expect(shown['use the installed package']).toBe('007');
  });

  it('leaves the project as it was', () => {
    expect(fs.readFileSync(EDITED).equals(original)).toBe(true);
    for (const f of created) expect(fs.existsSync(f), f).toBe(false);
  });
});

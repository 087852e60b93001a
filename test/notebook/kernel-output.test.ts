// A cell that prints a lot at once, and the cells after it: under the tslab kernel (headless, the project's
// kernelspec, as `npm run notebook` starts it) one cell prints 900 lines in one go and another shows 600
// displays, more than the 512 messages zeromq sends before it makes the next send wait. tslab sent each
// message without waiting, so the send after that one threw "Socket is busy writing": the line was lost,
// the cell failed — or, when the lost message was a reply or a status, JupyterLab waited for it forever
// (the browser test's Run All stopped at a random cell). patches/tslab+1.0.22.patch sends one message after
// the other; each line and display must arrive, in order, and the cell after them must run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { executeNotebook, type ExecuteResult } from '../../scripts/jupyter/execute';
import { joinText, readNotebook, type NbCell } from '../../scripts/jupyter/notebook-file';
import { PROJECT_ROOT } from '../../scripts/jupyter/paths';
import { writeCodeNotebook } from './support';

const OUT_DIR = path.join(PROJECT_ROOT, 'build', 'notebook-test', 'kernel-output');
const LINES = 900;
const DISPLAYS = 600;

const CELLS = [
  `for (let i = 0; i < ${LINES}; i++) console.log('line ' + i);\n'printed'`,
  `import * as tslab from 'tslab';\nfor (let i = 0; i < ${DISPLAYS}; i++) tslab.display.text('display ' + i);\n'displayed'`,
  `'the cell after'`,
];

/** The lines a cell printed (its stream outputs, in order); tslab prints the cell's value last. */
const printed = (cell: NbCell): string[] =>
  (cell.outputs ?? [])
    .filter((o) => o.output_type === 'stream')
    .map((o) => joinText(o.text))
    .join('')
    .trimEnd()
    .split('\n');

/** The texts a cell displayed (display_data outputs, in order). */
const displayed = (cell: NbCell): string[] =>
  (cell.outputs ?? []).filter((o) => o.output_type === 'display_data').map((o) => joinText(o.data?.['text/plain']));

const numbered = (n: number, what: string): string[] => Array.from({ length: n }, (_, i) => `${what} ${i}`);

describe('a cell that prints more messages than zeromq sends at once', () => {
  let run: ExecuteResult;
  let cells: NbCell[];

  beforeAll(async () => {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const input = path.join(OUT_DIR, 'kernel-output-input.ipynb');
    writeCodeNotebook(input, CELLS);
    run = await executeNotebook({ input, outDir: OUT_DIR, output: 'kernel-output' });
    cells = readNotebook(run.notebook).cells.filter((c) => c.cell_type === 'code');
  }, 300_000);

  it('runs every cell', () => {
    expect(run.failed?.error ?? '').toBe('');
    expect(run.ran).toBe(CELLS.length);
  });

  it('delivers every printed line, in order', () => {
    expect(printed(cells[0])).toEqual([...numbered(LINES, 'line'), 'printed']);
  });

  it('delivers every display, in order', () => {
    expect(displayed(cells[1])).toEqual(numbered(DISPLAYS, 'display'));
    expect(printed(cells[1])).toEqual(['displayed']);
  });

  it('runs the cell after them', () => {
    expect(printed(cells[2])).toEqual(['the cell after']);
  });
});

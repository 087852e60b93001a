// The notebook as a learner uses it: JupyterLab (started as `npm run lab` starts it, the project's kernelspec)
// and Debian's Chromium driven by playwright-core (scripts/lab-browser.ts). On the sample month with the
// defaults (no SPARKIFY_EVENT_DATA, no SPARKIFY_MERGED_FILE), and on the original files too when
// SPARKIFY_EVENT_DATA names them, each in a fresh keyspace:
// 1. every cell in turn with Shift+Enter; before the first question's answer cell — where a fresh clone used to
//    fail — the learner saves an edited lib/ file through JupyterLab (which writes a temporary file and
//    renames it over the old one), creates a .ts, a .json and a .csv file in the project folder and runs
//    `npm install` of a package; then the answers must be on the page as rendered tables, Part III's diagrams
//    and charts decoded images, its checker tables and Cassandra's refusal rendered;
// 2. Kernel → Restart Kernel and Run All Cells: the answers again;
// 3. Run → Run All Cells in the same kernel: the answers again.
// A cell that shows an error fails the test at once, naming the cell and its error. Screenshots go to
// test/artifacts/<sample|originals>/. JupyterLab, its kernel and the browser are stopped whatever happens; the
// notebook and every file the learner touched come out unchanged.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LabServer } from '../../scripts/jupyter/lab';
import { joinText, readNotebook } from '../../scripts/jupyter/notebook-file';
import { NOTEBOOK_NAME, PROJECT_ROOT } from '../../scripts/jupyter/paths';
import {
  CellFailedError,
  cellWith,
  imageSize,
  openNotebook,
  runAll,
  runCellByCell,
  screenshotNotebook,
  screenshotOf,
  svgOutputs,
  type LabSession,
} from '../../scripts/lab-browser';
import { answerRows, datasets, type Dataset, type Expected } from '../support/datasets';
import { bodyRows, dropKeyspace, freshKeyspace, kernelEnv, q4Rows, writeCodeNotebook } from './support';

const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts');
const log = (line: string) => console.log(`[browser.test] ${line}`);

/** The code cell (1-based) of question 1's answer: the first cell that asks Cassandra a question. */
const FIRST_ANSWER_CELL =
  readNotebook(path.join(PROJECT_ROOT, NOTEBOOK_NAME))
    .cells.filter((c) => c.cell_type === 'code')
    .findIndex((c) => joinText(c.source).startsWith('// Question 1 as CQL')) + 1;

/** The answer tables on the page, found by the values their SELECT bound: the three questions' rows, then question 4's. */
async function expectAnswers(page: Page, e: Expected, when: string): Promise<void> {
  const answers = page.locator('.jp-OutputArea-output table.sparkify-answer');
  const bound = (values: string) =>
    answers.filter({ has: page.locator('caption', { hasText: new RegExp(`bound: ${values}$`) }) });
  for (const [values, answer] of [
    ['338, 4', 0],
    ['10, 182', 1],
    ["'All Hands Against His Own'", 2],
  ] as const) {
    const table = bound(values).first();
    expect(await table.evaluate((el) => el.tagName)).toBe('TABLE');
    expect(bodyRows(await table.innerText()), `${when}: Q${answer + 1}`).toEqual(answerRows(e)[answer].rows);
  }
  const q4 = bodyRows(await bound('10').first().innerText());
  expect(q4, `${when}: Q4`).toHaveLength(q4Rows(e).rows);
  expect(q4[0]).toBe(q4Rows(e).first);
}

/**
 * What a learner does between two cells, through JupyterLab's own file API (the same save as its editor)
 * and a shell: returns the undo, which puts every file back as it was.
 */
async function learnerEdits(lab: LabServer, id: string): Promise<() => Promise<void>> {
  const api = (p: string, init: RequestInit) =>
    fetch(`${lab.url}/api/contents/${p}`, {
      ...init,
      headers: { Authorization: `token ${lab.token}`, 'Content-Type': 'application/json' },
    });
  const save = async (p: string, content: string) => {
    const res = await api(p, { method: 'PUT', body: JSON.stringify({ type: 'file', format: 'text', content }) });
    expect(res.ok, `saving ${p} through JupyterLab: HTTP ${res.status}`).toBe(true);
  };
  const edited = 'lib/cassandra/queries.ts';
  const original = fs.readFileSync(path.join(PROJECT_ROOT, edited), 'utf8');
  const scratch = ['ts', 'json', 'csv'].map((ext) => `scratch-${id}.${ext}`);
  const undo = async () => {
    if (fs.readFileSync(path.join(PROJECT_ROOT, edited), 'utf8') !== original)
      fs.writeFileSync(path.join(PROJECT_ROOT, edited), original);
    for (const f of scratch) fs.rmSync(path.join(PROJECT_ROOT, f), { force: true });
    fs.rmSync(path.join(PROJECT_ROOT, 'node_modules', 'left-pad'), { recursive: true, force: true });
  };
  try {
    await save(edited, `${original}\n// A learner's note, saved while the kernel runs.\n`);
    await save(scratch[0], 'export const scratch = 1;\n');
    await save(scratch[1], '{"scratch": 1}\n');
    await save(scratch[2], 'a,b\n1,2\n');
    const npm = spawnSync(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'left-pad@1.3.0'],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      },
    );
    expect(npm.status, `npm install left-pad: ${npm.stderr}`).toBe(0);
    log(`learner: saved ${edited}, created ${scratch.join(', ')}, ran npm install left-pad`);
  } catch (e) {
    await undo();
    throw e;
  }
  return undo;
}

/** Part III as rendered: diagrams and charts decoded as images, checker tables, the refusal; element screenshots. */
async function checkPartThree(page: Page, dir: string): Promise<void> {
  // Element screenshots need the element inside the window: make it tall enough for the checker's table.
  await page.setViewportSize({ width: 1280, height: 2400 });
  const svg = async (marker: string, count: number, file?: string) => {
    const outputs = svgOutputs(cellWith(page, marker));
    expect(await outputs.count(), marker).toBe(count);
    for (let i = 0; i < count; i++) {
      const size = await imageSize(outputs.nth(i));
      expect(size.width, `${marker}: image ${i + 1} decoded`).toBeGreaterThan(100);
      expect(size.height, `${marker}: image ${i + 1} decoded`).toBeGreaterThan(100);
    }
    if (file) await screenshotOf(outputs.nth(count - 1), path.join(dir, file));
  };
  await svg('// The dependencies, measured', 1, 'conceptual.png');
  await svg('// The three tables read back from Cassandra', 1, 'diagram.png');
  await svg('// The workflow, and each question', 1, 'workflow.png');
  await svg('// Values per partition as histograms', 2, 'chart.png');
  await svg('// Generated plays with one hot session', 1, 'chart-hot.png');

  const grid = cellWith(page, '// The workflow, and each question').locator('table.sparkify-checker');
  const served = await grid
    .locator('td[data-question]')
    .evaluateAll((tds) =>
      tds
        .filter((td) => td.getAttribute('data-served') === 'true')
        .map((td) => `${td.getAttribute('data-question')} ${td.getAttribute('data-table')}`),
    );
  expect(served).toEqual(['Q1 songs_by_session', 'Q2 songs_by_user_session', 'Q3 listeners_by_song']);
  await screenshotOf(grid, path.join(dir, 'checker.png'));
  const q4 = cellWith(page, "// Question 4's table as CQL").locator('table.sparkify-checker td[data-question="Q4"]');
  expect(await q4.getAttribute('data-served')).toBe('true');

  expect(await page.locator('.jp-OutputArea-output .sparkify-refused').innerText()).toContain('What it means:');
  const refusal = page.locator('.jp-OutputArea-output .sparkify-refusal');
  expect(await refusal.innerText()).toMatch(
    /Cassandra refused it[^]*Cannot execute this query as it might involve data filtering/,
  );
  const trace = page.locator('.jp-OutputArea-output table.sparkify-trace').first();
  expect(await trace.innerText()).toContain('single-partition read');
}

describe.each(datasets())('the notebook on $label in JupyterLab, driven through Chromium', (ds: Dataset) => {
  it('steps through with Shift+Enter while a learner edits the project, then Restart and Run All, then Run All again', async () => {
    const notebookFile = path.join(PROJECT_ROOT, NOTEBOOK_NAME);
    const committed = fs.readFileSync(notebookFile);
    const keyspace = freshKeyspace(`nb_browser_${ds.id}`);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-browser-'));
    const dir = path.join(ARTIFACTS, ds.id);
    fs.mkdirSync(dir, { recursive: true });
    let session: LabSession | undefined;
    let undo: (() => Promise<void>) | undefined;
    let notebookChanged = false;
    const started = Date.now();
    try {
      session = await openNotebook({
        env: kernelEnv(ds, keyspace),
        logFile: path.join(dir, 'jupyterlab.log'),
        profileDir: path.join(tmp, 'profile'),
        log,
      });
      const { lab, page } = session;
      log(`${ds.id}: JupyterLab at ${lab.url}, notebook open after ${((Date.now() - started) / 1000).toFixed(1)} s`);

      const t0 = Date.now();
      const ran = await runCellByCell(page, {
        log,
        before: async (n) => {
          if (n === FIRST_ANSWER_CELL) undo = await learnerEdits(lab, randomBytes(4).toString('hex'));
        },
      });
      expect(undo, 'the learner edited the project between two cells').toBeDefined();
      log(`${ds.id}: ${ran} code cells with Shift+Enter in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await expectAnswers(page, ds.expected, 'Shift+Enter');
      await checkPartThree(page, dir);
      await screenshotNotebook(page, path.join(dir, 'notebook.png'));
      await undo!();
      undo = undefined;

      await runAll(page, 'restart-run-all', log, lab);
      await expectAnswers(page, ds.expected, 'Restart Kernel and Run All Cells');
      await runAll(page, 'run-all', log, lab);
      await expectAnswers(page, ds.expected, 'Run All Cells again in the same kernel');
      log(`${ds.id}: whole browser run ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      // What the page looked like when it went wrong, for the CI artifacts.
      await session?.page.screenshot({ path: path.join(dir, 'notebook-failure.png') }).catch(() => undefined);
      throw err;
    } finally {
      await undo?.();
      await session?.close().catch((e: Error) => log(`stopping JupyterLab: ${e.message}`));
      fs.rmSync(tmp, { recursive: true, force: true });
      await dropKeyspace(keyspace).catch((e: Error) => log(`could not drop ${keyspace}: ${e.message}`));
      notebookChanged = !fs.readFileSync(notebookFile).equals(committed);
      if (notebookChanged) fs.writeFileSync(notebookFile, committed);
    }
    expect(notebookChanged, `JupyterLab changed ${NOTEBOOK_NAME} on disk during the run; it was restored`).toBe(false);
  }, 1_500_000);
});

describe('a cell that shows an error, in JupyterLab', () => {
  // A notebook of three cells, the second failing as a learner's typo would; the browser run must stop
  // there with the cell and its error, not wait for a prompt that never comes.
  const cells = ['1 + 1', "const n: number = 'not a number';", '2 + 2'];
  const dir = path.join(PROJECT_ROOT, 'build', 'notebook-test');
  const name = `failing-${randomBytes(4).toString('hex')}.ipynb`;

  it.each(['shift-enter', 'run-all', 'restart-run-all'] as const)(
    'stops the run at once, naming the cell and the error (%s)',
    async (how) => {
      fs.mkdirSync(dir, { recursive: true });
      writeCodeNotebook(path.join(dir, name), cells);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-browser-'));
      let session: LabSession | undefined;
      try {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const logFile = path.join(ARTIFACTS, `jupyterlab-failing-${how}.log`);
        session = await openNotebook({
          notebook: `build/notebook-test/${name}`,
          logFile,
          profileDir: path.join(tmp, 'profile'),
          log,
        });
        const run = how === 'shift-enter' ? runCellByCell(session.page) : runAll(session.page, how);
        const err = await run.then(
          () => undefined,
          (e: unknown) => e,
        );
        if (!(err instanceof CellFailedError))
          await session.page.screenshot({ path: path.join(ARTIFACTS, `failing-${how}.png`) });
        expect(err).toBeInstanceOf(CellFailedError);
        expect((err as CellFailedError).cell).toBe(2);
        expect((err as CellFailedError).message).toMatch(
          /^Cell 2 \(`const n: number = 'not a number';`\) failed: .*Type 'string' is not assignable to type 'number'/s,
        );
      } finally {
        await session?.close();
        fs.rmSync(tmp, { recursive: true, force: true });
        fs.rmSync(path.join(dir, name), { force: true });
      }
    },
    300_000,
  );
});

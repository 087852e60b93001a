// The exercise notebook (Sparkify_Exercise.ipynb) as a learner uses it: JupyterLab and Debian's Chromium
// (scripts/lab-browser.ts), the sample month, the defaults. Every cell with Shift+Enter as committed: each
// blank question says it is not written yet and no cell fails. Then the learner types CQL into the blanks
// in the browser's editor, line by line, and runs the answer cell and its grading cell again: question 1's
// reference solution passes on all eleven rules, question 2 clustered against the order asked fails `order`
// with its fix on the page, question 3 stays "not written yet". The notebook file comes out unchanged.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/jupyter/paths';
import { cellWith, openNotebook, runCellByCell, screenshotOf, type LabSession } from '../../scripts/lab-browser';
import { SAMPLE } from '../support/datasets';
import { dropKeyspace, freshKeyspace, kernelEnv } from './support';

const NAME = 'Sparkify_Exercise.ipynb';
const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts', 'exercise');
const log = (line: string) => console.log(`[exercise-browser.test] ${line}`);
const reference = (n: number) =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'grade', `reference-q${n}.cql`), 'utf8');

/** Question 2 clustered against the order it asks for: a typical mistake. */
const Q2_DESC = reference(2).replace(/\);\s*\nINSERT/, ') WITH CLUSTERING ORDER BY (item_in_session DESC);\nINSERT');

/** The grading cell's verdict lines (rule, mark, why, fix) as the page shows them. */
async function verdictRows(cell: Locator): Promise<string[][]> {
  const rows = await cell.locator('table.sparkify-grade tbody tr').allInnerTexts();
  return rows.map((r) => r.split('\t').map((c) => c.trim()));
}

/**
 * What a learner does: clicks the placeholder line between the backticks, selects it, types the CQL line by
 * line (Enter between lines, as on a keyboard), then Shift+Enter on the answer cell and on its grading cell.
 * Resolves when the grading cell shows a new headline.
 */
async function writeAndGrade(page: Page, question: number, cql: string): Promise<Locator> {
  const answer = cellWith(page, `const ANSWER_${question} =`);
  const grade = cellWith(page, `// Grade question ${question}:`);
  await answer.locator('.cm-line', { hasText: '✎ write your CQL' }).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  const lines = cql.trim().split('\n');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.insertText(line.trim());
    if (i < lines.length - 1) await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await grade.locator('.sparkify-grade-headline').waitFor({ timeout: 180_000 });
  return grade;
}

describe('the exercise notebook in JupyterLab, driven through Chromium, on the sample', () => {
  it('steps through as committed, then grades what a learner types into the blanks', async () => {
    const file = path.join(PROJECT_ROOT, NAME);
    const committed = fs.readFileSync(file);
    const keyspace = freshKeyspace('nb_exercise_browser');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-exercise-browser-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    let session: LabSession | undefined;
    let changed = false;
    try {
      session = await openNotebook({
        notebook: NAME,
        env: kernelEnv(SAMPLE, keyspace),
        logFile: path.join(ARTIFACTS, 'jupyterlab.log'),
        profileDir: path.join(tmp, 'profile'),
        log,
      });
      const { page } = session;
      log(`${await runCellByCell(page, { log })} code cells with Shift+Enter`);
      const pending = page.locator('.jp-OutputArea-output .sparkify-grade-pending');
      expect(await pending.allInnerTexts()).toEqual(
        [1, 2, 3].map(
          (n) =>
            `✎ question ${n}: not written yet: no CQL statement in it: write a CREATE TABLE, an INSERT with ` +
            'named markers and a SELECT, then run this cell again.',
        ),
      );

      const q1 = await writeAndGrade(page, 1, reference(1));
      expect(await q1.locator('.sparkify-grade-headline').innerText()).toBe(
        'Q1 songs_by_session: passed — every required rule holds',
      );
      const rows1 = await verdictRows(q1);
      expect(rows1.map((r) => r[1])).toEqual(Array(11).fill('✓'));
      await screenshotOf(q1.locator('.jp-OutputArea'), path.join(ARTIFACTS, 'q1-passed.png'));

      const q2 = await writeAndGrade(page, 2, Q2_DESC);
      expect(await q2.locator('.sparkify-grade-headline').innerText()).toBe(
        'Q2 songs_by_user_session: not passed — 1 required rule fails',
      );
      const order = (await verdictRows(q2)).find((r) => r[0] === 'order');
      expect(order).toEqual([
        'order',
        '✗',
        'required',
        'rows are not in item_in_session ASC order',
        'cluster the table on item_in_session (and ORDER BY it)',
      ]);
      await screenshotOf(q2.locator('.jp-OutputArea'), path.join(ARTIFACTS, 'q2-order.png'));
      expect(await cellWith(page, '// Grade question 3:').locator('.sparkify-grade-pending').count()).toBe(1);
    } catch (err) {
      await session?.page.screenshot({ path: path.join(ARTIFACTS, 'failure.png') }).catch(() => undefined);
      throw err;
    } finally {
      await session?.close().catch((e: Error) => log(`stopping JupyterLab: ${e.message}`));
      fs.rmSync(tmp, { recursive: true, force: true });
      await dropKeyspace(keyspace).catch((e: Error) => log(`could not drop ${keyspace}: ${e.message}`));
      changed = !fs.readFileSync(file).equals(committed);
      if (changed) fs.writeFileSync(file, committed);
    }
    expect(changed, `JupyterLab changed ${NAME} on disk during the run; it was restored`).toBe(false);
  }, 900_000);
});

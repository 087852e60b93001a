// scripts/screenshots.ts: `npm run screenshots` refreshes the images the README shows, with the code the
// browser test drives JupyterLab with (scripts/lab-browser.ts): JupyterLab on the sample month with the
// defaults, Run All from the menu, then docs/notebook.png (JupyterLab at question 2: the table's CQL, the
// load and the answer), docs/diagram.png (the Chebotko diagram of the three tables) and docs/checker.png
// (the query checker's verdicts). Starts the local node when none answers, as `npm run lab` does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCassandra } from './jupyter/cassandra';
import { PROJECT_ROOT } from './jupyter/paths';
import { ensureJupyter } from './jupyter/venv';
import {
  CellFailedError,
  cellWith,
  openNotebook,
  runAll,
  screenshotOf,
  screenshotWindowAt,
  svgOutputs,
  type LabSession,
} from './lab-browser';
import { SetupError } from '../lib/errors';

const DOCS = path.join(PROJECT_ROOT, 'docs');
const log = (line: string) => process.stderr.write(`${line}\n`);

async function shoot(session: LabSession): Promise<string[]> {
  const { page } = session;
  await runAll(page, 'run-all', log);
  const files = ['notebook.png', 'diagram.png', 'checker.png'].map((f) => path.join(DOCS, f));
  await screenshotWindowAt(page, page.locator('.jp-MarkdownCell', { hasText: 'Question 2 — a user' }), files[0], {
    width: 1280,
    height: 1400,
  });
  // Element screenshots need the element inside the window.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await screenshotOf(svgOutputs(cellWith(page, '// The three tables read back from Cassandra')).first(), files[1]);
  await screenshotOf(cellWith(page, '// The workflow, and each question').locator('table.sparkify-checker'), files[2]);
  return files;
}

async function main(): Promise<void> {
  await ensureJupyter({ log });
  log((await ensureCassandra(log)).trim());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-screenshots-'));
  let session: LabSession | undefined;
  try {
    // The sample, whatever the shell has set: the README shows what a newcomer sees.
    const env = { SPARKIFY_EVENT_DATA: undefined, SPARKIFY_MERGED_FILE: undefined };
    session = await openNotebook({
      env,
      logFile: path.join(tmp, 'jupyterlab.log'),
      profileDir: path.join(tmp, 'profile'),
      log,
    });
    const files = await shoot(session);
    log(`Wrote ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}.`);
  } finally {
    await session?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  const known = e instanceof SetupError || e instanceof CellFailedError;
  process.stderr.write(`screenshots: ${known ? (e as Error).message : ((e as Error)?.stack ?? String(e))}\n`);
  process.exit(1);
});

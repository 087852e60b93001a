// scripts/lab-browser.ts: the notebook in JupyterLab, driven through Debian's Chromium with playwright-core
// (never a downloaded browser), as a learner uses it: open it, step through it with Shift+Enter, Run All,
// Restart Kernel and Run All. A cell that shows an error stops the run at once with an error naming the
// cell and what it printed. Used by test/notebook/browser.test.ts and `npm run screenshots`.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { sleep } from '../lib/common/async';
import { KernelMessageLog, watchKernelMessages } from './jupyter/kernel-messages';
import { failIfKernelDead, kernelEvents, kernelReport, kernelStatus } from './jupyter/kernel-watch';
import { startLab, type LabServer } from './jupyter/lab';
import { NOTEBOOK_NAME, PROJECT_ROOT } from './jupyter/paths';
import { formatSeconds } from '../lib/show/format';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Longest a single cell may run (the loads take seconds; the hot-partition demo the longest). */
const CELL_TIMEOUT_MS = 300_000;

/** JupyterLab settings for an unattended run: never save the notebook, no news pop-up, every cell in the DOM. */
const LAB_SETTINGS = {
  '@jupyterlab/docmanager-extension:plugin': { autosave: false },
  '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false },
  '@jupyterlab/notebook-extension:tracker': { windowingMode: 'none' },
};

type Log = (line: string) => void;

/** Each open page's kernel messages, for the message of a run that stopped. */
const MESSAGES = new WeakMap<Page, KernelMessageLog>();

/** A cell showed an error (or never finished): which cell, its first line, and what it printed. */
export class CellFailedError extends Error {
  constructor(
    readonly cell: number,
    readonly firstLine: string,
    readonly output: string,
  ) {
    super(`Cell ${cell} (\`${firstLine}\`) failed: ${output.trim()}`);
    this.name = 'CellFailedError';
  }
}

export interface LabSession {
  lab: LabServer;
  page: Page;
  /** Closes the browser and stops JupyterLab and its kernels; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts JupyterLab (a free loopback port, a token, settings in a temporary folder) and opens the notebook
 * in Chromium. `env` is added to JupyterLab's (and so the kernel's) environment.
 */
export async function openNotebook(options: {
  env?: NodeJS.ProcessEnv;
  logFile: string;
  profileDir: string;
  /** The notebook to open, relative to the project folder (default: the project's). */
  notebook?: string;
  log?: Log;
}): Promise<LabSession> {
  const notebook = options.notebook ?? NOTEBOOK_NAME;
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium (\`apt-get install -y chromium\`; npm test's pretest does as root).`,
    );
  }
  const lab = await startLab({
    token: randomBytes(24).toString('hex'),
    logFile: options.logFile,
    settings: LAB_SETTINGS,
    env: options.env,
  });
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch((e: Error) => options.log?.(`closing the browser: ${e.message}`));
    context = undefined;
    await lab.stop();
  };
  try {
    context = await chromium.launchPersistentContext(options.profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    MESSAGES.set(page, watchKernelMessages(page));
    await page.goto(`${lab.url}/lab/tree/${notebook}?reset&token=${lab.token}`);
    const cells = cellCount(path.join(PROJECT_ROOT, notebook));
    await waitFor(
      async () => (await allCells(page).count()) === cells,
      120_000,
      `${notebook} to appear with its ${cells} cells`,
    );
    // A cell sent before the kernel is connected is dropped (its prompt stays `[ ]`): wait for "TypeScript | Idle".
    const status = page.locator('.jp-StatusBar-Widget', { hasText: /TypeScript \| Idle/ });
    await waitFor(async () => (await status.count()) > 0, 120_000, 'the tslab kernel to be idle');
    return { lab, page, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** How many cells a notebook file has. */
function cellCount(file: string): number {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: unknown[] }).cells.length;
}

const allCells = (page: Page): Locator => page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell');
const codeCells = (page: Page): Locator => page.locator('.jp-NotebookPanel .jp-Notebook .jp-CodeCell');

/** Polls `ok` every 100 ms until it holds; throws naming `what` after `timeoutMs`. */
async function waitFor(ok: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs / 1000} s for ${what}.`);
    await sleep(100);
  }
}

/** Where tslab's errors show: it reports a failing cell on stderr. */
const STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]';

/** What a code cell printed as an error, or '' when none. */
async function errorOutput(cell: Locator): Promise<string> {
  const err = cell.locator(STDERR);
  return (await err.count()) ? (await err.allInnerTexts()).join('\n') : '';
}

/** The execution count a code cell's prompt shows (`[7]:` → 7), or null while queued, running or never run. */
async function executionCount(cell: Locator): Promise<number | null> {
  const m = /^\[(\d+)\]:?$/.exec(((await cell.locator('.jp-InputPrompt').first().textContent()) ?? '').trim());
  return m ? Number(m[1]) : null;
}

async function firstLine(cell: Locator): Promise<string> {
  return ((await cell.locator('.jp-InputArea .cm-line').first().textContent()) ?? '').trim();
}

/** Throws CellFailedError naming the first code cell that shows an error (one query, however many cells). */
async function failIfAnyError(page: Page): Promise<void> {
  const failed = codeCells(page)
    .filter({ has: page.locator(STDERR) })
    .first();
  if (!(await failed.count())) return;
  const index = await failed.evaluate((el) =>
    Array.from(el.parentElement?.querySelectorAll('.jp-CodeCell') ?? []).indexOf(el),
  );
  throw new CellFailedError(index + 1, await firstLine(failed), await errorOutput(failed));
}

/**
 * Runs the notebook cell by cell from the first with Shift+Enter, waiting for each code cell to finish and
 * failing at once when one shows an error. `before(n)` runs before the n-th code cell (1-based) is sent, for
 * what a learner does between two cells. Returns the number of code cells run.
 */
export async function runCellByCell(
  page: Page,
  options: { before?: (codeCell: number) => Promise<void>; log?: Log } = {},
): Promise<number> {
  const cells = allCells(page);
  const total = await cells.count();
  await cells.first().locator('.jp-InputPrompt').first().click();
  await page.keyboard.press('Escape');
  let code = 0;
  for (let i = 0; i < total; i++) {
    const cell = cells.nth(i);
    await waitFor(
      () => cell.evaluate((el) => el.classList.contains('jp-mod-active')),
      10_000,
      `cell ${i + 1} to be selected`,
    );
    const isCode = await cell.evaluate((el) => el.classList.contains('jp-CodeCell'));
    if (isCode) await options.before?.(code + 1);
    const t0 = Date.now();
    await page.keyboard.press('Shift+Enter');
    if (!isCode) continue;
    code++;
    await waitFor(
      async () => {
        const out = await errorOutput(cell);
        if (out) throw new CellFailedError(code, await firstLine(cell), out);
        return (await executionCount(cell)) !== null;
      },
      CELL_TIMEOUT_MS,
      `code cell ${code} (\`${await firstLine(cell)}\`) to finish`,
    );
    options.log?.(`code cell ${code} ran in ${formatSeconds(Date.now() - t0)}`);
  }
  return code;
}

/**
 * The last code cell that holds code: Shift+Enter on the notebook's last cell adds an empty one below, which
 * Run All passes over without a number.
 */
async function lastCodeCellWithCode(page: Page): Promise<Locator> {
  const cells = codeCells(page);
  for (let i = (await cells.count()) - 1; i >= 0; i--) {
    if (((await cells.nth(i).locator('.jp-InputArea .cm-content').textContent()) ?? '').trim() !== '')
      return cells.nth(i);
  }
  throw new Error('The notebook has no code cell with code.');
}

/** Clicks a menu of JupyterLab's menu bar, then one of its items. */
async function menu(page: Page, name: string, item: string | RegExp): Promise<void> {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${name}$`) }).click();
  await page.locator('.lm-Menu-itemLabel', { hasText: item }).first().click();
}

/**
 * Runs every cell the way a learner does from the menus: `run-all` (Run → Run All Cells, in the running
 * kernel) or `restart-run-all` (Kernel → Restart Kernel and Run All Cells…, confirmed). Waits until the
 * last code cell has run again; fails at once naming the first cell that shows an error.
 */
export async function runAll(
  page: Page,
  how: 'run-all' | 'restart-run-all',
  log?: Log,
  lab?: Pick<LabServer, 'url' | 'token' | 'logFile'>,
): Promise<void> {
  const last = await lastCodeCellWithCode(page);
  const t0 = Date.now();
  if (how === 'run-all') {
    await menu(page, 'Run', /^Run All Cells$/);
  } else {
    await menu(page, 'Kernel', /^Restart Kernel and Run All Cells/);
    await page.locator('.jp-Dialog .jp-mod-accept').click();
  }
  // The last cell is queued (`[*]`) first, then shows its number once it ran: a restart numbers from 1
  // again, so the number alone cannot tell the new run from the one before.
  await waitFor(async () => (await executionCount(last)) === null, 60_000, `${how} to queue the cells`);
  await waitFor(
    async () => {
      await failIfAnyError(page);
      if ((await executionCount(last)) !== null) return true;
      failIfKernelDead(await kernelStatus(page));
      return false;
    },
    CELL_TIMEOUT_MS * 3,
    `${how} to reach the last cell`,
  ).catch(async (err: Error) => {
    // A cell that failed is the answer already; a timeout or a lost kernel gains from where the run stopped.
    if (err instanceof CellFailedError) throw err;
    throw new Error(await stoppedRunMessage(page, err.message, lab));
  });
  log?.(`${how}: every code cell ran in ${formatSeconds(Date.now() - t0)}`);
}

/**
 * Why a Run All stopped, most telling first (CI shows a failure's first lines): the first cell without a
 * number and what it shows, the kernel as the page, the server and the OS see it, JupyterLab's kernel lines,
 * then every cell without a number.
 */
async function stoppedRunMessage(
  page: Page,
  waited: string,
  lab?: Pick<LabServer, 'url' | 'token' | 'logFile'>,
): Promise<string> {
  const cells = codeCells(page);
  let stuck = 'no cell without a number';
  for (let i = 0; i < (await cells.count()); i++) {
    const cell = cells.nth(i);
    if ((await executionCount(cell)) !== null) continue;
    const shown = ((await cell.locator('.jp-OutputArea').first().innerText()) ?? '').replace(/\s+/g, ' ').trim();
    stuck = `first without a number: cell ${i + 1} (\`${await firstLine(cell)}\`), showing "${shown.slice(-240)}"`;
    break;
  }
  const shownStatus = (await kernelStatus(page)) ?? 'no kernel status shown';
  const server = lab ? await kernelReport(lab) : 'no server to ask';
  const events = lab ? kernelEvents(lab.logFile) : '';
  const messages = MESSAGES.get(page)?.last(25) ?? [];
  return [
    waited,
    stuck,
    `page: ${shownStatus}`,
    server,
    events,
    `Cells without a number: ${await unnumberedCells(page)}.`,
    messages.length ? `The last ${messages.length} kernel messages the page saw:` : '',
    ...messages,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Every code cell whose prompt shows no number (`[*]` queued or running, `[ ]` never run or skipped after
 * an error), as "n [*] (`first line`)", for a timeout's message: where a Run All stopped.
 */
async function unnumberedCells(page: Page): Promise<string> {
  const cells = codeCells(page);
  const found: string[] = [];
  for (let i = 0; i < (await cells.count()); i++) {
    const cell = cells.nth(i);
    const prompt = ((await cell.locator('.jp-InputPrompt').first().textContent()) ?? '').trim();
    if (!/^\[\d+\]/.test(prompt)) found.push(`${i + 1} ${prompt || '(no prompt)'} (\`${await firstLine(cell)}\`)`);
  }
  return found.slice(0, 5).join(', ') + (found.length > 5 ? ` and ${found.length - 5} more` : '') || 'none';
}

/** The code cell whose source contains `marker` (e.g. its first comment line). */
export function cellWith(page: Page, marker: string): Locator {
  return codeCells(page).filter({ has: page.locator('.jp-InputArea', { hasText: marker }) });
}

/** A cell's image/svg+xml outputs (JupyterLab renders each as an <img> with a data: URL). */
export function svgOutputs(cell: Locator): Locator {
  return cell.locator('.jp-OutputArea-output[data-mime-type="image/svg+xml"]');
}

/** The decoded size of an output's image: 0 × 0 when the browser could not render the SVG. */
export async function imageSize(output: Locator): Promise<{ width: number; height: number }> {
  const img = output.locator('img').first();
  await waitFor(
    () => img.evaluate((el) => (el as unknown as { complete: boolean }).complete),
    10_000,
    'an image to load',
  );
  return img.evaluate((el) => {
    const i = el as unknown as { naturalWidth: number; naturalHeight: number };
    return { width: i.naturalWidth, height: i.naturalHeight };
  });
}

/** A screenshot of one element, scrolled into view first (the window must be tall enough for it). */
export async function screenshotOf(element: Locator, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await element.scrollIntoViewIfNeeded();
  await element.screenshot({ path: file });
}

/** The little of the page's DOM the screenshots need (scripts are compiled without the DOM library). */
interface PageDocument {
  querySelector(selector: string): { scrollHeight: number; scrollTo(x: number, y: number): void } | null;
  body: { scrollHeight: number };
}
const NOTEBOOK_SCROLLER = '.jp-NotebookPanel .jp-WindowedPanel-outer';

/** A screenshot of the whole notebook (up to 16,000 px tall): the window is made as tall as its content. */
export async function screenshotNotebook(page: Page, file: string): Promise<void> {
  const contentHeight = await page.evaluate((selector) => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    return (doc.querySelector(selector) ?? doc.body).scrollHeight;
  }, NOTEBOOK_SCROLLER);
  const viewport = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: viewport.width, height: Math.min(16_000, contentHeight + 120) });
  await page.waitForTimeout(1000);
  await page.evaluate((selector) => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    doc.querySelector(selector)?.scrollTo(0, 0);
  }, NOTEBOOK_SCROLLER);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/** A screenshot of JupyterLab as a learner sees it, with the notebook scrolled to the cell holding `marker`. */
export async function screenshotWindowAt(
  page: Page,
  marker: Locator,
  file: string,
  size = { width: 1280, height: 900 },
): Promise<void> {
  await page.setViewportSize(size);
  await marker.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(500);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

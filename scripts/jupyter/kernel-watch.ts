// scripts/jupyter/kernel-watch.ts: the tslab kernel as a browser run sees it — its state in JupyterLab's
// status bar, a watch that notices a Run All whose kernel died, and
// what JupyterLab's log said about kernels, for the message of a run that stopped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

/** The kernel's state as JupyterLab's status bar shows it ("TypeScript | Busy"), or undefined. */
export async function kernelStatus(page: Page): Promise<string | undefined> {
  const text = await page
    .locator('.jp-StatusBar-Widget', { hasText: /TypeScript \| / })
    .first()
    .textContent({ timeout: 2000 })
    .catch(() => null);
  return text?.trim() || undefined;
}

/**
 * Notices a Run All whose kernel is lost: shown Dead. Not Idle: tslab publishes `idle` after every shell
 * message it handles (a history or completion request too), even while a cell still runs, so Idle with
 * cells queued proves nothing (a 60 s idle rule stopped a healthy run here); nor Unknown, which a
 * restart shows for a while.
 */
export function failIfKernelDead(status: string | undefined): void {
  if (status && /\| Dead\b/.test(status)) throw new Error(`The kernel is lost (${status}).`);
}

/** What JupyterLab's log says about kernels (started, restarted, died), its last five such lines. */
export function kernelEvents(logFile: string): string {
  let text = '';
  try {
    text = fs.readFileSync(logFile, 'utf8');
  } catch {
    return `(${logFile} unreadable)`;
  }
  const lines = text.split('\n').filter((l) => /kernel|restart|died|heap|out of memory|FATAL/i.test(l));
  return `${path.basename(logFile)}: ${lines.slice(-5).join(' | ') || 'nothing about kernels'}`;
}

// scripts/jupyter/kernel-watch.ts: the tslab kernel as a browser run sees it — its state in JupyterLab's
// status bar, a watch that notices a Run All whose kernel died or went idle with cells still queued, and
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
 * Notices a Run All whose kernel is lost: shown Dead, or idle for `idleMs` on end while cells still wait (a
 * kernel that died and was restarted by JupyterLab drops the cells queued for it).
 */
export class KernelWatch {
  private idleSince: number | undefined;
  constructor(private readonly idleMs = 60_000) {}

  check(status: string | undefined): void {
    // Only Dead: a restart shows Unknown (and Restarting) for a while, and Run All waits it out.
    if (status && /\| Dead\b/.test(status)) throw new Error(`The kernel is lost (${status}).`);
    if (!status || !/\| Idle/.test(status)) {
      this.idleSince = undefined;
      return;
    }
    this.idleSince ??= Date.now();
    if (Date.now() - this.idleSince > this.idleMs)
      throw new Error(`The kernel has been idle for ${this.idleMs / 1000} s with cells still waiting to run.`);
  }
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

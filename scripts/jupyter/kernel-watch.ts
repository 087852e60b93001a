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

/** The fields of /proc/<pid>/stat a report needs: CPU time (clock ticks) and resident pages. */
export interface ProcStat {
  ticks: number;
  rssPages: number;
}

/** Parses /proc/<pid>/stat (the command name, field 2, may hold spaces and parentheses: split after the last `)`). */
export function parseProcStat(text: string): ProcStat {
  const rest = text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state): utime is field 14, stime 15, rss 24.
  const field = (n: number) => Number(rest[n - 3]);
  return { ticks: field(14) + field(15), rssPages: field(24) };
}

/** The pid of the kernel whose connection file names `kernelId` (tslab's argv carries it), or undefined. */
function kernelPid(kernelId: string): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`kernel-${kernelId}.json`)) return Number(entry);
    } catch {
      // gone since the listing
    }
  }
  return undefined;
}

/** A process's CPU share over `ms` and its resident memory, e.g. "pid 123: 98 % CPU over 2 s, RSS 812 MB". */
async function processLoad(pid: number, ms: number): Promise<string> {
  const read = () => parseProcStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    const cpu = Math.round(((b.ticks - a.ticks) / 100 / (ms / 1000)) * 100); // USER_HZ is 100 on Linux
    return `pid ${pid}: ${cpu} % CPU over ${ms / 1000} s, RSS ${Math.round((b.rssPages * 4096) / 1e6)} MB`;
  } catch {
    return `pid ${pid}: gone`;
  }
}

/** A kernel as the server's `/api/kernels` lists it. */
export interface ServerKernel {
  id: string;
  execution_state: string;
  last_activity: string;
  connections: number;
}

/**
 * What the Jupyter server and the OS say about the running kernels, one clause each: the server's
 * execution state and last message (the server's view, apart from the browser's), and the process's
 * CPU — so a stopped run tells a kernel stuck in a cell (busy, CPU or not) from replies the page missed
 * (idle on the server, cells still queued).
 */
export async function kernelReport(lab: { url: string; token: string }): Promise<string> {
  let kernels: ServerKernel[];
  try {
    const res = await fetch(`${lab.url}/api/kernels?token=${lab.token}`);
    kernels = (await res.json()) as ServerKernel[];
  } catch (e) {
    return `the server's kernel list: ${(e as Error).message}`;
  }
  const now = Date.now();
  const parts = await Promise.all(kernels.map((k) => describeKernel(k, now, kernelPid(k.id))));
  return parts.join('; ') || 'the server lists no kernel';
}

/** One kernel: "server: busy, last message 10 s ago, 1 connection(s); pid 123: 0 % CPU over 2 s, RSS 370 MB". */
export async function describeKernel(k: ServerKernel, now: number, pid: number | undefined): Promise<string> {
  const ago = Math.round((now - Date.parse(k.last_activity)) / 1000);
  const load = pid === undefined ? 'no process found' : await processLoad(pid, 2000);
  return `server: ${k.execution_state}, last message ${ago} s ago, ${k.connections} connection(s); ${load}`;
}

// The watch that stops a Run All whose kernel is lost, and the kernel lines of JupyterLab's log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  describeKernel,
  failIfKernelDead,
  kernelEvents,
  kernelReport,
  parseProcStat,
} from '../../../../scripts/jupyter/kernel-watch';

describe('failIfKernelDead', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Feeds the watch (status, seconds since the start) in order; returns the first error's message. */
  function watch(steps: readonly [string | undefined, number][]): string | undefined {
    vi.useFakeTimers({ now: 0 });
    for (const [status, s] of steps) {
      vi.setSystemTime(s * 1000);
      try {
        failIfKernelDead(status);
      } catch (err) {
        return (err as Error).message;
      }
    }
    return undefined;
  }

  it.each<[string, [string | undefined, number][], string | undefined]>([
    [
      'busy for long is fine',
      [
        ['TypeScript | Busy', 0],
        ['TypeScript | Busy', 900],
      ],
      undefined,
    ],
    [
      'idle blips between cells are fine',
      [
        ['TypeScript | Idle', 0],
        ['TypeScript | Busy', 59],
        ['TypeScript | Idle', 61],
        ['TypeScript | Idle', 120],
      ],
      undefined,
    ],
    [
      'idle for long is not taken for lost',
      [
        ['TypeScript | Idle', 0],
        ['TypeScript | Idle', 30],
        ['TypeScript | Idle', 61],
      ],
      undefined, // tslab says idle after any shell message, even while a cell runs
    ],
    [
      'a dead kernel at once',
      [
        ['TypeScript | Busy', 0],
        ['TypeScript | Dead', 1],
      ],
      'The kernel is lost (TypeScript | Dead).',
    ],
    [
      'a restart shows Unknown for a while, waited out (the status bar as CI saw it)',
      [
        ['1TypeScript | UnknownUploading…Mode: Command', 0],
        ['1TypeScript | UnknownUploading…Mode: Command', 600],
      ],
      undefined,
    ],
    [
      'no status shown is not idle',
      [
        [undefined, 0],
        [undefined, 600],
      ],
      undefined,
    ],
  ])('%s', (_, steps, message) => {
    expect(watch(steps)).toBe(message);
  });
});

describe('kernelEvents', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-events-'));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the last five lines about kernels', () => {
    const file = path.join(dir, 'jupyterlab.log');
    const lines = [
      '[I ServerApp] Serving notebooks',
      ...Array.from({ length: 6 }, (_, i) => `[I ServerApp] Kernel started: k${i}`),
      '[W ServerApp] 200 GET /api/contents',
      '[I KernelRestarter] restarting kernel (1/5), new random ports',
    ];
    fs.writeFileSync(file, lines.join('\n'));
    expect(kernelEvents(file)).toBe(
      'jupyterlab.log: [I ServerApp] Kernel started: k2 | [I ServerApp] Kernel started: k3 | [I ServerApp] Kernel started: k4 | [I ServerApp] Kernel started: k5 | [I KernelRestarter] restarting kernel (1/5), new random ports',
    );
  });

  it.each([['a log with nothing about kernels', 'ready\n', 'x.log: nothing about kernels']])(
    '%s',
    (_, text, expected) => {
      const file = path.join(dir, 'x.log');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, text);
      expect(kernelEvents(file)).toBe(expected);
    },
  );

  it('names a log it cannot read', () => {
    expect(kernelEvents(path.join(dir, 'missing.log'))).toBe(`(${path.join(dir, 'missing.log')} unreadable)`);
  });
});

describe('parseProcStat', () => {
  // Fields 14 and 15 (utime, stime) and 24 (rss pages); the name (field 2) with a space and parentheses.
  const stat = (name: string) =>
    `4242 (${name}) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 123 1000000 7000 18446744073709551615`;

  it.each([
    ['a plain name', 'node', { ticks: 300, rssPages: 7000 }],
    ['a name with a space and a parenthesis', 'tslab (kernel) x', { ticks: 300, rssPages: 7000 }],
  ])('%s', (_, name, expected) => {
    expect(parseProcStat(stat(name))).toEqual(expected);
  });
});

describe('describeKernel', () => {
  it("says the server's state, the last message's age and the process's load", async () => {
    const k = { id: 'k', execution_state: 'busy', last_activity: new Date(90_000).toISOString(), connections: 1 };
    expect(await describeKernel(k, 100_000, process.pid)).toMatch(
      new RegExp(
        `^server: busy, last message 10 s ago, 1 connection\\(s\\); pid ${process.pid}: \\d+ % CPU over 2 s, RSS \\d+ MB$`,
      ),
    );
  });

  it.each([
    ['no process found', undefined, /; no process found$/],
    ['a process gone', 2 ** 22 + 1, /; pid 4194305: gone$/],
  ])('%s', async (_, pid, expected) => {
    const k = { id: 'k', execution_state: 'idle', last_activity: new Date(0).toISOString(), connections: 0 };
    expect(await describeKernel(k, 0, pid)).toMatch(expected);
  });
});

describe('kernelReport', () => {
  it('names a server that does not answer', async () => {
    expect(await kernelReport({ url: 'http://127.0.0.1:1', token: 't' })).toMatch(/^the server's kernel list: /);
  });
});

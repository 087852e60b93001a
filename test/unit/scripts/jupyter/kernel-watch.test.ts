// The watch that stops a Run All whose kernel is lost, and the kernel lines of JupyterLab's log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { failIfKernelDead, kernelEvents } from '../../../../scripts/jupyter/kernel-watch';

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

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, ROOT, SECTIONS } from '../../../bench/options';

describe('bench parseArgs', () => {
  it.each([
    [
      'full',
      [],
      {
        events: 10_000_000,
        days: 30,
        users: 10_000,
        loadPlays: 1_000_000,
        pythonSample: 10_000,
        reps: 3,
        queries: 10_000,
      },
    ],
    [
      'smoke',
      ['--smoke'],
      { events: 60_000, days: 3, users: 300, loadPlays: 20_000, pythonSample: 300, reps: 1, queries: 1_000 },
    ],
  ])('has the %s defaults', (_name, argv, want) => {
    const o = parseArgs(argv);
    expect(o).toMatchObject({ ...want, seed: 42, concurrency: 64, batchRows: 20, stressThreads: 128, keepNode: false });
    expect([...o.only]).toEqual([...SECTIONS]);
  });

  it('writes a full run to bench/RESULTS.md and a smoke run under build/bench', () => {
    expect(parseArgs([]).results).toBe(join(ROOT, 'bench', 'RESULTS.md'));
    expect(parseArgs(['--smoke']).results).toBe(join(ROOT, 'build', 'bench', 'RESULTS-smoke.md'));
    expect(parseArgs(['--smoke']).work).toBe(join(ROOT, 'build', 'bench', 'smoke'));
  });

  it('reads numbers with underscores, floors them, and takes --only and --keep-node', () => {
    const o = parseArgs(['--events', '2_000_000', '--reps', '1.7', '--only', 'etl, load', '--keep-node']);
    expect(o.events).toBe(2_000_000);
    expect(o.reps).toBe(1);
    expect([...o.only]).toEqual(['etl', 'load']);
    expect(o.keepNode).toBe(true);
  });

  it.each([
    [['--reps', '0'], '--reps must be a positive number, got 0'],
    [['--events', 'many'], '--events must be a positive number, got many'],
    [['--only', 'etl,nope'], '--only: unknown section nope'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

// options: the settings a load runs with (defaults filled in) and the counts it refuses.
import { describe, expect, it } from 'vitest';
import { checkpointPathFor, loadSettings, TABLES, type LoadOptions } from '../../../lib/index';

const base: LoadOptions = { file: '/d/merged.csv', keyspace: 'ks' };

describe('loadSettings', () => {
  it('fills in the defaults', () => {
    expect(loadSettings(base)).toEqual({
      tables: TABLES,
      concurrency: 64,
      batchRows: 20,
      window: 5000,
      maxTries: 6,
      progressEveryMs: 200,
      unavailableTimeoutMs: 60_000,
      maxBackoffMs: 2000,
      checkpointEveryMs: 1000,
      checkpointFile: checkpointPathFor('/d/merged.csv'),
    });
  });

  it.each<[string, Partial<LoadOptions>, string | undefined]>([
    ['the default checkpoint file', {}, '/d/merged.csv.load-checkpoint.json'],
    ['a checkpoint file of its own', { checkpointFile: '/e/cp.json' }, '/e/cp.json'],
    ['no checkpoint', { checkpointFile: false }, undefined],
  ])('%s', (_what, change, want) => {
    expect(loadSettings({ ...base, ...change }).checkpointFile).toBe(want);
  });

  it.each<[Partial<LoadOptions>, RegExp]>([
    [{ concurrency: 0 }, /^concurrency must be a whole number of at least 1, got 0$/],
    [{ batchRows: 0 }, /^batchRows must be a whole number of at least 1, got 0$/],
    [{ window: 0 }, /^window must be a whole number of at least 1, got 0$/],
    [{ batchRows: 2.5 }, /^batchRows must be a whole number of at least 1, got 2\.5$/],
    [{ concurrency: -3 }, /must be a whole number of at least 1/],
  ])('rejects %o', (bad, why) => {
    expect(() => loadSettings({ ...base, ...bad })).toThrow(why);
  });
});

// The project's own event_data/: it is exactly the seeded generator's output, and the job answers the
// three questions on it with the facts the generator planted.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATE_DEFAULTS, generateEventFiles, runJob, type GenerateReport, type JobResult } from '../../lib/index';
import { venvPaths } from '../../scripts/jupyter/paths';
import { datasets } from '../support/datasets';
import { closeSuite, openSuite, type Suite } from './support';

const EVENT_DATA = join(__dirname, '..', '..', 'event_data');

async function digest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = createHash('sha256')
      .update(await readFile(join(dir, name)))
      .digest('hex');
  return out;
}

describe('the sample month in event_data/', () => {
  let suite: Suite;
  let tmp: string;
  let generated: GenerateReport;
  let job: JobResult;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sparkify-sample-'));
    generated = await generateEventFiles({ ...GENERATE_DEFAULTS, out: join(tmp, 'event_data') });
    suite = await openSuite('sample');
    job = await runJob(suite.client, suite.config, { dataDir: EVENT_DATA, mergedFile: join(tmp, 'merged.csv') });
  });
  afterAll(async () => {
    await closeSuite(suite);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('is byte for byte what the generator makes with its defaults (regenerate: npm run sparkify -- generate)', async () => {
    expect(await digest(EVENT_DATA)).toEqual(await digest(join(tmp, 'event_data')));
  });

  it('merges and loads every play with nothing skipped or failed', () => {
    expect(job.merge.files).toHaveLength(30);
    expect(job.merge.skippedTotal).toBe(0);
    expect(job.merge.written).toBe(generated.plays);
    expect(job.load.failedCount).toBe(0);
    expect(job.load.rowsRead).toBe(generated.plays);
  });

  it('answers the three questions with the planted facts', () => {
    const c = generated.classic!;
    expect(job.answers.songInSession).toEqual([c.q1]);
    expect(job.answers.sessionPlaylist).toEqual(c.q2);
    expect(job.answers.sessionPlaylist.length).toBeGreaterThanOrEqual(4);
    expect(job.answers.listenersOf).toEqual(c.q3);
    expect(job.answers.listenersOf.length).toBeGreaterThanOrEqual(3);
  });
});

describe.each(datasets())('the figures the tests expect of $label', (ds) => {
  it('are what test/support/expected.py reads from the files (Python csv, no lib/ code)', () => {
    const script = join(__dirname, '..', 'support', 'expected.py');
    const r = spawnSync(venvPaths().python, [script, ds.dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(ds.expected);
  });
});

// checkpoint: why a checkpoint cannot be used for a load (mismatch), reading one (and naming a file that
// is not one), and where a load starts from it: resume, refuse a checkpoint of another load, or start
// afresh and drop the old one. Real files in a temporary folder; no Cassandra is involved in these decisions.
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointMismatch,
  checkpointPathFor,
  LoadCheckpointFile,
  loadIdentity,
  readLoadCheckpoint,
  resumableCheckpoint,
  TABLES,
  type LoadCheckpoint,
} from '../../../lib/index';
import { LineWatermark } from '../../../lib/load/watermark';

let tmp: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-checkpoint-unit-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('checkpointMismatch', () => {
  const cp: LoadCheckpoint = {
    version: 1,
    file: '/d/f.csv',
    size: 10,
    mtimeMs: 1000.4,
    keyspace: 'ks',
    tables: ['a', 'b'],
    doneBelowLine: 5,
    playsDone: 3,
    updatedAt: '',
  };
  const same = { file: '/d/f.csv', size: 10, mtimeMs: 1000.9, keyspace: 'ks', tables: ['a', 'b'] };
  it.each([
    ['the same load', {}, undefined],
    ['another file', { file: '/d/g.csv' }, /it is for \/d\/f\.csv, not \/d\/g\.csv/],
    ['a changed size', { size: 11 }, /the file changed since \(size 10 → 11 bytes/],
    ['a changed mtime', { mtimeMs: 2000 }, /the file changed since/],
    ['another keyspace', { keyspace: 'other' }, /keyspace ks, not other/],
    ['other tables', { tables: ['a'] }, /tables a, b, not a/],
  ])('%s', (_what, change, why) => {
    const got = checkpointMismatch(cp, { ...same, ...change });
    if (why === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(why);
  });
});

describe('readLoadCheckpoint', () => {
  it.each([
    ['not JSON', '{ nope', /is not a readable load checkpoint \(.*\); delete it to load from the start\./],
    [
      'another version',
      JSON.stringify({ version: 2, doneBelowLine: 3, tables: [] }),
      /is not a load checkpoint this version understands; delete it/,
    ],
    ['no line', JSON.stringify({ version: 1, tables: [] }), /is not a load checkpoint this version understands/],
    ['null', 'null', /is not a load checkpoint this version understands/],
  ])('names a file that is %s', (_what, text, why) => {
    const file = join(tmp, `bad-${n++}.json`);
    writeFileSync(file, text);
    expect(() => readLoadCheckpoint(file)).toThrow(why);
    expect(() => readLoadCheckpoint(file)).toThrow(file);
  });

  it('is undefined when there is none', () => {
    expect(readLoadCheckpoint(join(tmp, 'none.json'))).toBeUndefined();
  });
});

describe('LoadCheckpointFile: where a load starts', () => {
  /** A merged file, and a checkpoint of a load of it into `ks` that got below line 42 (12 plays done). */
  async function interrupted(): Promise<{ file: string; cp: LoadCheckpointFile }> {
    const file = join(tmp, `merged-${n++}.csv`);
    await writeFile(file, 'header\nrow\n');
    const cp = new LoadCheckpointFile(checkpointPathFor(file), await loadIdentity(file, 'ks', TABLES), 1000);
    const w = new LineWatermark(40);
    w.start(40, 1);
    w.start(41, 1);
    w.succeeded(40);
    w.succeeded(41);
    cp.write(w, 10);
    return { file, cp };
  }
  const of = async (file: string, keyspace = 'ks') =>
    new LoadCheckpointFile(checkpointPathFor(file), await loadIdentity(file, keyspace, TABLES), 1000);

  it('writes what the watermark says, with the load it is for', async () => {
    const { file } = await interrupted();
    expect(readLoadCheckpoint(checkpointPathFor(file))).toMatchObject({
      version: 1,
      file,
      keyspace: 'ks',
      tables: TABLES.map((t) => t.name),
      doneBelowLine: 42,
      playsDone: 12,
    });
    expect(await resumableCheckpoint(file, 'ks')).toMatchObject({ doneBelowLine: 42 });
    expect(await resumableCheckpoint(file, 'other')).toBeUndefined();
  });

  it('resume: from the checkpoint of the same load', async () => {
    const { file } = await interrupted();
    expect((await of(file)).begin(true)).toBe(42);
  });

  it.each([
    [
      'the file changed since',
      async (file: string) => {
        await utimes(file, new Date(), new Date(Date.now() + 5000));
        return of(file);
      },
      /^Cannot resume from .*: the file changed since/,
    ],
    [
      'another keyspace',
      (file: string) => of(file, 'other'),
      /^Cannot resume from .*: it is for keyspace ks, not other\. Load without resume to start from the first line \(inserts are upserts, nothing is duplicated\), or delete the checkpoint\.$/,
    ],
  ])('resume: refuses a checkpoint when %s', async (_what, make, why) => {
    const { file } = await interrupted();
    const cp = await make(file);
    expect(() => cp.begin(true)).toThrow(why);
    expect(existsSync(checkpointPathFor(file))).toBe(true);
    // Without resume, the old checkpoint is dropped and the load starts from the first line.
    expect(cp.begin(false)).toBeUndefined();
    expect(existsSync(checkpointPathFor(file))).toBe(false);
  });

  it('resume with no checkpoint starts from the first line', async () => {
    const file = join(tmp, `merged-${n++}.csv`);
    await writeFile(file, 'header\n');
    expect((await of(file)).begin(true)).toBeUndefined();
  });

  it('checkpointFile: false keeps none and reads none', async () => {
    const { file } = await interrupted();
    const none = new LoadCheckpointFile(undefined, await loadIdentity(file, 'ks', TABLES), 1000);
    expect(none.begin(true)).toBeUndefined();
    none.write(new LineWatermark(), 0);
    none.remove();
    expect(readLoadCheckpoint(checkpointPathFor(file))).toMatchObject({ doneBelowLine: 42 });
  });
});

// writer: the daily files (lib/dev/generate/writer): nested output folders are created, a file is not
// taken for a folder, and each day file holds the header, the rows in order and the counts reported.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../../lib/dev/generate/options';
import { EVENT_HEADER } from '../../../../lib/dev/generate/rows';
import { DayWriter, ensureDir } from '../../../../lib/dev/generate/writer';

const root = mkdtempSync(join(tmpdir(), 'sparkify-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ensureDir', () => {
  it('creates missing parents, accepts an existing folder, refuses a file', async () => {
    await ensureDir(join(root, 'a', 'b', 'c'));
    await ensureDir(join(root, 'a', 'b', 'c'));
    writeFileSync(join(root, 'file'), '');
    await expect(ensureDir(join(root, 'file'))).rejects.toThrow(/exists and is not a folder/);
  });
});

describe('DayWriter', () => {
  it('writes one file per day with the header, the rows and their counts', async () => {
    const s = resolveOptions({ days: 2, users: 5, seed: 1, out: join(root, 'out'), start: '2019-11-01', crlf: true });
    await ensureDir(s.outDir);
    const w = new DayWriter(s);
    w.open(0);
    w.play('p1\r\n');
    w.page('v1\r\n');
    await w.flush();
    w.play('p2\r\n');
    expect(w.full()).toBe(false);
    await w.close();
    w.open(1);
    await w.close();
    expect(w.files.map((f) => [f.file, f.date, f.events, f.plays])).toEqual([
      ['2019-11-01-events.csv', '2019-11-01', 3, 2],
      ['2019-11-02-events.csv', '2019-11-02', 0, 0],
    ]);
    expect(w.events).toBe(3);
    const text = readFileSync(w.files[0].path, 'utf8');
    expect(text).toBe(`${EVENT_HEADER}\r\np1\r\nv1\r\np2\r\n`);
    expect(w.files[0].bytes).toBe(Buffer.byteLength(text));
    expect(readFileSync(w.files[1].path, 'utf8')).toBe(`${EVENT_HEADER}\r\n`);
  });
});

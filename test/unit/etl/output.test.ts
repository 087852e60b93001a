// output: the merged file's buffer (quoted bytes, growth past its first size) and the temporary file
// that is renamed over the output only when complete.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MergedFileWriter, OutputBuffer } from '../../../lib/etl/output';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-output-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('OutputBuffer', () => {
  it.each([3, 64, 100])('quotes a field of %i bytes straight from the source buffer', (n) => {
    const src = Buffer.from(`,${'é'.repeat(n)},`);
    const out = new OutputBuffer();
    out.quotedBytes(src, 1, src.length - 1);
    out.byte(0x0a);
    expect(out.take().toString()).toBe(`"${'é'.repeat(n)}"\n`);
    expect(out.length).toBe(0);
  });
  it('grows past its first MiB and keeps every byte', () => {
    const out = new OutputBuffer();
    const piece = 'x'.repeat(1000);
    for (let i = 0; i < 3000; i++) out.text(piece);
    const big = 'y'.repeat(3 << 20);
    out.quotedBytes(Buffer.from(big), 0, big.length);
    const bytes = out.take();
    expect(bytes.length).toBe(3000 * 1000 + big.length + 2);
    expect(bytes.toString('latin1', 2_999_990, 3_000_002)).toBe(`${'x'.repeat(10)}"y`);
  });
});

describe('MergedFileWriter', () => {
  /** The temporary file is opened asynchronously: wait until it is there. */
  const opened = async (dir: string) => {
    for (let i = 0; i < 200 && (await readdir(dir)).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    return readdir(dir);
  };
  it('writes through <out>.partial-<pid> and renames it over the output on commit', async () => {
    const out = join(tmp, 'merged.csv');
    const w = new MergedFileWriter(out);
    w.buffer.text('"a"\n');
    await w.flush();
    expect(await opened(tmp)).toEqual([`merged.csv.partial-${process.pid}`]);
    w.buffer.text('"b"\n');
    await w.commit();
    expect(await readFile(out, 'utf8')).toBe('"a"\n"b"\n');
    expect(await readdir(tmp)).toEqual(['merged.csv']);
  });
  it('leaves nothing behind on abort', async () => {
    const dir = await mkdtemp(join(tmp, 'abort-'));
    const w = new MergedFileWriter(join(dir, 'merged.csv'));
    w.buffer.text('"a"\n');
    await w.flush();
    expect(await opened(dir)).toEqual([`merged.csv.partial-${process.pid}`]);
    await w.abort();
    expect(await readdir(dir)).toEqual([]);
  });
  it('passes on a write error', async () => {
    const w = new MergedFileWriter(join(tmp, 'no-such-folder', 'merged.csv'));
    w.buffer.text('"a"\n');
    await expect(w.commit()).rejects.toThrow(/ENOENT/);
    await w.abort();
  });
  it.each<[string, boolean]>([
    ['still in the buffer', false],
    ['already written', true],
  ])(
    'rewind takes back the bytes written since the mark (%s), commit cuts the file to its length',
    async (_, flushed) => {
      const out = join(tmp, `rewound-${flushed}.csv`);
      const w = new MergedFileWriter(out);
      w.buffer.text('"a"\n');
      await w.flush();
      w.buffer.text('"b"\n');
      const mark = w.mark();
      w.buffer.text('"left out"\n"rows"\n');
      if (flushed) await w.flush();
      await w.rewind(mark);
      w.buffer.text('"c"\n');
      await w.commit();
      expect(await readFile(out, 'utf8')).toBe('"a"\n"b"\n"c"\n');
    },
  );
});

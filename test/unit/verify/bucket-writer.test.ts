// BucketWriter (lib/verify/expected): appends buffered per file, written out past a file's limit, and
// largest first while all buffers together hold more than the total limit — so memory is bounded by the
// total, not by how many range files there are.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BucketWriter } from '../../../lib/verify/expected';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-buckets-'));
const file = (n: string) => path.join(dir, n);
const onDisk = (n: string) => (fs.existsSync(file(n)) ? fs.readFileSync(file(n), 'utf8') : '');

describe('BucketWriter', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a buffer past its own limit, then the largest while the total is over its limit, and the rest at the end', async () => {
    const w = new BucketWriter();
    w.push(file('a'), 'a'.repeat(12)); // past the per-file limit of 10
    w.push(file('b'), 'b'.repeat(8));
    w.push(file('c'), 'c'.repeat(5));
    w.push(file('d'), 'd'.repeat(3));
    // per file 10, total 12: a goes (12 > 10); then b, c, d hold 16 > 12, the largest go until ≤ 6: b, then c
    await w.flushLarge(10, 12);
    expect(['a', 'b', 'c', 'd'].map(onDisk)).toEqual(['a'.repeat(12), 'b'.repeat(8), 'c'.repeat(5), '']);
    w.push(file('a'), 'A');
    await w.flushAll();
    expect(['a', 'd'].map(onDisk)).toEqual([`${'a'.repeat(12)}A`, 'ddd']);
  });

  it('keeps everything in memory while under both limits', async () => {
    const w = new BucketWriter();
    w.push(file('e'), 'eee');
    await w.flushLarge(10, 12);
    expect(onDisk('e')).toBe('');
    await w.flushAll();
    expect(onDisk('e')).toBe('eee');
  });
});

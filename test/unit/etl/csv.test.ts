import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteAllCsv, readCsv, scanCsvChunks } from '../../../lib/index';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-csv-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function records(file: string, chunkBytes?: number) {
  const out: { fields: string[]; line: number }[] = [];
  for await (const b of readCsv(file, { chunkBytes })) out.push(...b.records);
  return out;
}

describe('readCsv', () => {
  const text = 'h1,h2\r\n"é, ü",2\r\n"two\nlines","x""y"\r\nñ,€\nlast,1';
  it.each([1, 2, 3, 7, 1 << 20])('gives the same records and lines for chunks of %i bytes', async (chunk) => {
    const file = join(tmp, 'mixed.csv');
    await writeFile(file, text);
    expect(await records(file, chunk)).toEqual([
      { fields: ['h1', 'h2'], line: 1 },
      { fields: ['é, ü', '2'], line: 2 },
      { fields: ['two\nlines', 'x"y'], line: 3 },
      { fields: ['ñ', '€'], line: 5 },
      { fields: ['last', '1'], line: 6 },
    ]);
  });
  it('gives up on a record that grows past the limit, naming the line', async () => {
    const file = join(tmp, 'open.csv');
    await writeFile(file, `a\n"${'x'.repeat(5000)}\n`.repeat(2));
    const read = async () => {
      for await (const b of readCsv(file, { chunkBytes: 512, maxRecordChars: 1000 })) void b;
    };
    await expect(read()).rejects.toThrow(/open\.csv, line 2: a record grows past/);
  });
  it('names a missing file', async () => {
    const read = async () => {
      for await (const b of readCsv(join(tmp, 'none.csv'))) void b;
    };
    await expect(read()).rejects.toThrow(/none\.csv: does not exist/);
  });
});

describe('quoteAllCsv', () => {
  it('quotes every field and doubles inner quotes, one LF per row', () => {
    expect(
      quoteAllCsv([
        ['a', 'b, "c"', ''],
        ['1', 'é', "it's"],
      ]),
    ).toBe('"a","b, ""c""",""\n"1","é","it\'s"\n');
    expect(quoteAllCsv([])).toBe('');
  });
});

describe('scanCsvChunks errors', () => {
  it('names a folder given as the file', async () => {
    const read = async () => {
      for await (const b of readCsv(tmp)) void b;
    };
    await expect(read()).rejects.toThrow(/: is a directory, not a file$/);
  });
  it('passes on an error the handler throws as it is', async () => {
    const file = join(tmp, 'h.csv');
    await writeFile(file, 'a\n');
    const boom = new Error('handler says no');
    const scan = async () => {
      for await (const n of scanCsvChunks(file, {
        plain: () => {
          throw boom;
        },
        parsed: () => undefined,
      }))
        void n;
    };
    await expect(scan()).rejects.toBe(boom);
  });
  it('yields the bytes read after every read, and once more at the end', async () => {
    const file = join(tmp, 'y.csv');
    await writeFile(file, 'a,b\nc,d\n');
    const seen: number[] = [];
    for await (const n of scanCsvChunks(file, { plain: () => undefined, parsed: () => undefined }, { chunkBytes: 3 }))
      seen.push(n);
    expect(seen).toEqual([3, 6, 8, 8]);
  });
});

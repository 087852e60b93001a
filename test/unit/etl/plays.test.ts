// plays: reading the merged file back as typed plays, with lines, bad rows and the header check.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CsvFileError,
  mergeEventFiles,
  PLAY_COLUMNS,
  readPlays,
  toPlay,
  type BadPlayRecord,
  type PlayRecord,
} from '../../../lib/index';

const FIX = join(__dirname, '..', '..', 'fixtures', 'events');
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'sparkify-plays-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const merge = (folder: string) => mergeEventFiles({ dir: join(FIX, folder), out: join(tmp, `${folder}.csv`) });
const HEADER = PLAY_COLUMNS.map((c) => `"${c}"`).join(',');
async function readAll(text: string, chunkBytes?: number) {
  const file = join(tmp, `read-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, text);
  const plays: PlayRecord[] = [];
  const bad: BadPlayRecord[] = [];
  for await (const b of readPlays(file, { chunkBytes })) {
    plays.push(...b.plays);
    bad.push(...b.bad);
  }
  return { plays, bad };
}

describe('readPlays', () => {
  it('counts lines after a record that spans two lines', async () => {
    const lines: number[] = [];
    for await (const b of readPlays((await merge('bad-rows')).output)) lines.push(...b.plays.map((p) => p.line));
    expect(lines).toEqual([2, 3, 5]);
  });
  it.each([3, 1 << 20])('gives plays and bad rows with their lines (chunks of %i bytes)', async (chunk) => {
    const text = `${HEADER}\n"A","F","F","1","L","2.5","free","X","7","S","3"\n"A","F","F","x","L","2.5","free","X","7","S","3"\n`;
    const { plays, bad } = await readAll(text, chunk);
    expect(plays).toEqual([
      {
        line: 2,
        play: {
          artist: 'A',
          firstName: 'F',
          gender: 'F',
          itemInSession: 1,
          lastName: 'L',
          length: 2.5,
          level: 'free',
          location: 'X',
          sessionId: 7,
          song: 'S',
          userId: 3,
        },
      },
    ]);
    expect(bad).toEqual([{ line: 3, problem: 'itemInSession is "x", expected a whole number' }]);
  });
  it('names a file whose header is not the merged-file header', async () => {
    const err = await readAll('a,b\n').catch((e) => e);
    expect(err).toBeInstanceOf(CsvFileError);
    expect(err.message).toMatch(/, line 1: header is not the merged-file header; expected: artist,firstName,/);
  });
  it('names an empty merged file', async () => {
    await expect(readAll('')).rejects.toThrow(/merged file is empty \(no header\)/);
  });
});

describe('toPlay', () => {
  const row = ['A', 'F', 'F', '1', 'L', '2.5', 'free', 'X', '7', 'S', '3'];
  const at = (i: number, v: string) => row.map((f, k) => (k === i ? v : f));
  it.each<[string, string[], string]>([
    ['too few fields', row.slice(1), 'expected 11 fields, found 10'],
    ['itemInSession not whole', at(3, '1.5'), 'itemInSession is "1.5", expected a whole number'],
    ['sessionId past INT32_MAX', at(8, '2147483648'), 'sessionId is "2147483648", expected a whole number'],
    ['userId empty', at(10, ''), 'userId is "", expected a whole number'],
    [
      'the first bad number wins',
      at(3, 'a').map((f, k) => (k === 10 ? 'b' : f)),
      'itemInSession is "a", expected a whole number',
    ],
    ['length not decimal', at(5, 'long'), 'length is "long", expected a decimal number'],
    ['a long value clipped', at(5, 'y'.repeat(50)), `length is "${'y'.repeat(40)}…", expected a decimal number`],
  ])('%s', (_name, fields, problem) => {
    expect(toPlay(fields)).toBe(problem);
  });
  it('types the numbers (a length may have an exponent)', () => {
    expect(toPlay(at(5, '1e3'))).toMatchObject({ itemInSession: 1, length: 1000, sessionId: 7, userId: 3 });
  });
});

// files: finding the daily event files of a folder, in date order, and naming a folder that is not there.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_FILE_PATTERN, findEventFiles, scanEventFolder } from '../../../lib/index';

const FIX = join(__dirname, '..', '..', 'fixtures', 'events');

describe('findEventFiles', () => {
  it('lists only YYYY-MM-DD-events.csv files, in date order', async () => {
    expect((await findEventFiles(join(FIX, 'empty-file'))).map((f) => f.name)).toEqual([
      '2019-11-05-events.csv',
      '2019-11-06-events.csv',
    ]);
    expect((await findEventFiles(join(FIX, 'order'))).map((f) => f.date)).toEqual(['2019-11-09', '2019-11-10']);
  });
  it('names a missing folder', async () => {
    await expect(findEventFiles(join(FIX, 'nope'))).rejects.toThrow(/nope: event folder does not exist/);
  });
});

describe('scanEventFolder', () => {
  it('lists every other entry of the folder with the reason it is left out', async () => {
    const { files, ignored } = await scanEventFolder(join(FIX, 'empty-file'));
    expect(files.map((f) => [f.name, f.date, f.path === join(FIX, 'empty-file', f.name)])).toEqual([
      ['2019-11-05-events.csv', '2019-11-05', true],
      ['2019-11-06-events.csv', '2019-11-06', true],
    ]);
    expect(ignored).toEqual([
      { name: '.DS_Store', reason: 'not named YYYY-MM-DD-events.csv or .csv.gz' },
      { name: '2019-11-07-events.csv.bak', reason: 'not named YYYY-MM-DD-events.csv or .csv.gz' },
      { name: 'notes.txt', reason: 'not named YYYY-MM-DD-events.csv or .csv.gz' },
    ]);
  });
  it('names a file given as the folder', async () => {
    await expect(scanEventFolder(join(FIX, 'plain', '2019-11-01-events.csv'))).rejects.toThrow(
      /2019-11-01-events\.csv: is not a folder/,
    );
  });
  it.each([
    ['2019-11-01-events.csv', '2019-11-01'],
    ['2019-11-01-events.csv.bak', undefined],
    ['2019-1-01-events.csv', undefined],
    ['events.csv', undefined],
  ])('EVENT_FILE_PATTERN: %s → %s', (name, date) => {
    expect(EVENT_FILE_PATTERN.exec(name)?.[1]).toBe(date);
  });
});

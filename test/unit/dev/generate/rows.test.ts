// rows: the event-row layout (lib/dev/generate/rows): papaparse-style quoting of one field, and the
// three row shapes — each parses back into the 17 columns of the header with the right values.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { P_HOME, P_LOGIN } from '../../../../lib/dev/generate/pages';
import {
  csvField,
  EVENT_HEADER,
  loggedOutRow,
  pageRow,
  playRow,
  rowFragments,
  type RowUser,
} from '../../../../lib/dev/generate/rows';

const COLUMNS = EVENT_HEADER.split(',');

function parse(row: string): Record<string, string> {
  const [fields] = Papa.parse<string[]>(row, { skipEmptyLines: true }).data;
  expect(fields).toHaveLength(17);
  return Object.fromEntries(COLUMNS.map((c, i) => [c, fields[i]]));
}

const user: RowUser = {
  ...rowFragments(10, 'Zoë', "O'Brien", 'F', 'Kansas City, MO-KS', 1541000000000, '\n'),
  item: 3,
  level: 1,
  sidStr: '182',
};
const songs = {
  artistCsv: [csvField('Earth, Wind & Fire')],
  titleCsv: [csvField('Theme From "Blue Sky"')],
  lengthText: ['225.5'],
};

describe('csvField', () => {
  it.each([
    ['', ''],
    ['plain', 'plain'],
    ["Guns N' Roses", "Guns N' Roses"],
    ['Déjà Vu', 'Déjà Vu'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    [' edge', '" edge"'],
    ['edge ', '"edge "'],
  ])('%j → %j', (input, quoted) => {
    expect(csvField(input)).toBe(quoted);
  });
});

describe('row shapes', () => {
  it('a play carries artist, song, length and every user field', () => {
    const r = parse(playRow(user, songs, 0, 1541100000000));
    expect(r).toEqual({
      artist: 'Earth, Wind & Fire',
      auth: 'Logged In',
      firstName: 'Zoë',
      gender: 'F',
      itemInSession: '3',
      lastName: "O'Brien",
      length: '225.5',
      level: 'paid',
      location: 'Kansas City, MO-KS',
      method: 'PUT',
      page: 'NextSong',
      registration: '1541000000000',
      sessionId: '182',
      song: 'Theme From "Blue Sky"',
      status: '200',
      ts: '1541100000000',
      userId: '10',
    });
  });

  it('a logged-in page view has no song fields', () => {
    const r = parse(pageRow({ ...user, level: 0 }, P_HOME, 1541100000001));
    expect([r.artist, r.song, r.length, r.page, r.method, r.status, r.level, r.userId]).toEqual([
      '',
      '',
      '',
      'Home',
      'GET',
      '200',
      'free',
      '10',
    ]);
  });

  it('a logged-out page view has no user fields and ends with the given line end', () => {
    const row = loggedOutRow(user, P_LOGIN, 1541100000002, '\r\n');
    expect(row.endsWith(',\r\n')).toBe(true);
    const r = parse(row);
    expect([r.auth, r.firstName, r.lastName, r.gender, r.location, r.registration, r.userId].join('|')).toBe(
      'Logged Out||||||',
    );
    expect([r.page, r.method, r.status, r.level, r.sessionId, r.itemInSession]).toEqual([
      'Login',
      'PUT',
      '307',
      'paid',
      '182',
      '3',
    ]);
  });
});

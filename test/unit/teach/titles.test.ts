// Unit tests of lib/teach/titles.ts: song titles played under more than one artist, measured on a
// small hand-written merged file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAY_COLUMNS, quoteAllCsv, titleCollisions } from '../../../lib/index';
import { play } from '../../support/fixtures';

// Home: 3 artists, 5 plays; Run: 2 artists, 3 plays; Closer and Smile: 2 artists, 2 plays each; Gone, Yellow: one artist.
const plays = [
  ['Home', 'Daughtry', 1],
  ['Home', 'Daughtry', 2],
  ['Home', 'Daughtry', 1],
  ['Home', 'Jami Smith', 3],
  ['Home', 'Edward Sharpe', 1],
  ['Smile', 'Lily Allen', 2],
  ['Smile', 'Eric Clapton', 2],
  ['Gone', 'M83', 1],
  ['Yellow', 'Coldplay', 1],
  ['Yellow', 'Coldplay', 2],
  ['Yellow', 'Coldplay', 3],
  ['Closer', 'Nine Inch Nails', 5],
  ['Closer', 'Kings Of Leon', 4],
  ['Run', 'Snow Patrol', 1],
  ['Run', 'Snow Patrol', 1],
  ['Run', 'Leona Lewis', 2],
] as const;

describe('titleCollisions', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-titles-'));
    file = join(dir, 'merged.csv');
    const rows = plays.map(([song, artist, userId], i) =>
      play({ song, artist, userId, sessionId: 1, itemInSession: i }),
    );
    await writeFile(file, quoteAllCsv([[...PLAY_COLUMNS], ...rows.map((p) => PLAY_COLUMNS.map((c) => String(p[c])))]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts titles, the shared ones and their plays; most artists first, then most plays, then by title', async () => {
    const c = await titleCollisions(file);
    expect(c).toEqual({
      plays: 16,
      titles: 6,
      sharedTitles: 4,
      playsOfSharedTitles: 12, // 5 + 3 + 2 + 2
      examples: [
        { song: 'Home', artists: ['Daughtry', 'Edward Sharpe', 'Jami Smith'], plays: 5 },
        { song: 'Run', artists: ['Leona Lewis', 'Snow Patrol'], plays: 3 },
        { song: 'Closer', artists: ['Kings Of Leon', 'Nine Inch Nails'], plays: 2 },
        { song: 'Smile', artists: ['Eric Clapton', 'Lily Allen'], plays: 2 },
      ],
    });
  });

  it.each([
    [
      'a shared title: each artist with its plays and distinct listeners, most plays first',
      'Home',
      [
        { artist: 'Daughtry', plays: 3, listeners: 2 },
        { artist: 'Edward Sharpe', plays: 1, listeners: 1 },
        { artist: 'Jami Smith', plays: 1, listeners: 1 },
      ],
    ],
    ['a title of one artist', 'Yellow', [{ artist: 'Coldplay', plays: 3, listeners: 3 }]],
    ['a title the file never plays', 'Nope', []],
  ])('asked: %s', async (_what, song, artists) => {
    const c = await titleCollisions(file, { song, examples: 1 });
    expect(c.asked).toEqual({ song, artists });
    expect(c.examples.map((e) => e.song)).toEqual(['Home']);
  });
});

// Unit tests of lib/show/titles.ts: the sentence and tables of song titles shared by several artists.
import { describe, expect, it } from 'vitest';
import type { TitleCollisions } from '../../../lib/teach/titles';
import { titleCollisionsHtml, titleCollisionsText } from '../../../lib/show/titles';
import { rowsOf, textOf } from './html-text';

const collisions = (over: Partial<TitleCollisions> = {}): TitleCollisions => ({
  plays: 7059,
  titles: 3912,
  sharedTitles: 355,
  playsOfSharedTitles: 1981,
  examples: [
    { song: "Don't Wait", artists: ['A & B', 'C', 'D', 'E', 'F'], plays: 32 },
    { song: 'Home', artists: ['G', 'H', 'I', 'J'], plays: 1200 },
  ],
  ...over,
});

describe('titleCollisionsText', () => {
  it.each([
    [
      {},
      // 355 / 3,912 = 9.07 %; 1,981 / 7,059 = 28.06 %.
      "355 of 3,912 song titles (9.1 %) are played under more than one artist — 1,981 of 7,059 plays (28.1 %). A table keyed by the title alone puts the listeners of all of a title's songs in one partition: asking for one song's listeners returns those of the others too.",
    ],
    [
      { sharedTitles: 0, playsOfSharedTitles: 0, titles: 12, examples: [] },
      'Each of the 12 song titles is played under one artist only: the title names one song here.',
    ],
  ] as [Partial<TitleCollisions>, string][])('%j', (over, text) => {
    expect(titleCollisionsText(collisions(over))).toBe(text);
  });
});

describe('titleCollisionsHtml', () => {
  it('the sentence, then the titles with the most artists (three named, then how many more), escaped', () => {
    const html = titleCollisionsHtml(collisions());
    expect(html).toContain('Don&#39;t Wait');
    expect(html).toContain('A &amp; B');
    expect(rowsOf(html)).toEqual([
      'Song titles played under the most artists',
      'title | artists | plays | played under',
      "Don't Wait | 5 | 32 | A & B, C, D and 2 more",
      'Home | 4 | 1,200 | G, H, I, J',
    ]);
    expect(textOf(html)).toMatch(/^355 of 3,912 song titles/);
  });

  it('an asked title by artist, or that the file never plays it', () => {
    const asked = titleCollisionsHtml(
      collisions({
        examples: [],
        asked: { song: 'Home', artists: [{ artist: 'Daughtry', plays: 1234, listeners: 2 }] },
      }),
    );
    expect(rowsOf(asked)).toEqual([
      "'Home' by artist: plays and distinct listeners",
      'artist | plays | listeners',
      'Daughtry | 1,234 | 2',
    ]);
    const never = titleCollisionsHtml(collisions({ asked: { song: 'Nope', artists: [] } }));
    expect(textOf(never)).toContain("'Nope' by artist: plays and distinct listeners: never played in this file");
  });
});

// titles: the display of song titles that are not unique (lib/teach/titles). Owns the sentence with the
// numbers (shared titles of all titles, their plays of all plays, what a table keyed by the title alone
// does with them), the short table of the titles with the most artists, and an asked title broken down
// by artist. Pure functions over the measurement.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TitleCollisions } from '../teach/titles';
import { formatCount, plural } from './format';
import { escapeHtml, htmlTable } from './html';

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

/** The artists of a title, the first few named: "A, B, C and 19 more". */
function artistsText(artists: readonly string[], named = 3): string {
  if (artists.length <= named + 1) return artists.join(', ');
  return `${artists.slice(0, named).join(', ')} and ${formatCount(artists.length - named)} more`;
}

/** The numbers in one sentence: "355 of 3,912 song titles (9.1 %) are played under more than one artist …". */
export function titleCollisionsText(c: TitleCollisions): string {
  if (!c.sharedTitles)
    return `Each of the ${plural(c.titles, 'song title')} is played under one artist only: the title names one song here.`;
  return (
    `${formatCount(c.sharedTitles)} of ${plural(c.titles, 'song title')} (${percent(c.sharedTitles, c.titles)}) are ` +
    `played under more than one artist — ${formatCount(c.playsOfSharedTitles)} of ${plural(c.plays, 'play')} ` +
    `(${percent(c.playsOfSharedTitles, c.plays)}). A table keyed by the title alone puts the listeners of all ` +
    `of a title's songs in one partition: asking for one song's listeners returns those of the others too.`
  );
}

/** The sentence, the titles with the most artists as a short table and, when asked, one title by artist. */
export function titleCollisionsHtml(c: TitleCollisions): string {
  const parts = [`<p class="sparkify-titles">${escapeHtml(titleCollisionsText(c))}</p>`];
  if (c.examples.length) {
    const rows = c.examples.map((e) => ({
      title: e.song,
      artists: e.artists.length,
      plays: e.plays,
      'played under': artistsText(e.artists),
    }));
    parts.push(
      htmlTable(rows, {
        caption: 'Song titles played under the most artists',
        className: 'sparkify-shared-titles',
        format: { artists: (v) => formatCount(v as number), plays: (v) => formatCount(v as number) },
      }),
    );
  }
  if (c.asked) {
    const rows = c.asked.artists.map((a) => ({ artist: a.artist, plays: a.plays, listeners: a.listeners }));
    parts.push(
      htmlTable(rows, {
        caption: `'${c.asked.song}' by artist: plays and distinct listeners`,
        className: 'sparkify-asked-title',
        empty: 'never played in this file',
        format: { plays: (v) => formatCount(v as number), listeners: (v) => formatCount(v as number) },
      }),
    );
  }
  return parts.join('\n');
}

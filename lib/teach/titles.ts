// titles: song titles that are not unique. Question 3 asks for the listeners of a song by its title, and
// listeners_by_song is keyed by that title alone, so the listeners of different songs that share a title
// (one per artist) land in the same partition. Owns measuring that on the merged file: how many distinct
// titles there are, how many are played under more than one artist and how many plays those carry, the
// titles with the most artists, and for one asked title its artists with their plays and listeners.
// Streams the file once (no Cassandra needed); the display is lib/show/titles.ts.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { readPlays } from '../etl/plays';

export interface SharedTitle {
  song: string;
  /** The artists it is played under, sorted. */
  artists: string[];
  /** Plays of the title, all artists together. */
  plays: number;
}

export interface AskedTitle {
  song: string;
  /** Each artist the title is played under: its plays and distinct listeners (user ids); most plays first. */
  artists: { artist: string; plays: number; listeners: number }[];
}

export interface TitleCollisions {
  plays: number;
  /** Distinct song titles. */
  titles: number;
  /** Titles played under more than one artist. */
  sharedTitles: number;
  /** Plays of those titles. */
  playsOfSharedTitles: number;
  /** The shared titles with the most artists first (then the most plays, then by title). */
  examples: SharedTitle[];
  /** `opts.song`'s artists, when asked (empty when the file never plays it). */
  asked?: AskedTitle;
}

export interface TitleOptions {
  /** A title to break down by artist (plays and listeners). */
  song?: string;
  /** How many shared titles to give as examples (default 5). */
  examples?: number;
}

/** Per title: plays per artist. */
type Tally = Map<string, Map<string, number>>;

function sharedTitles(tally: Tally, examples: number): Omit<TitleCollisions, 'plays' | 'asked'> {
  const shared: SharedTitle[] = [];
  let playsOfShared = 0;
  for (const [song, artists] of tally) {
    if (artists.size < 2) continue;
    let plays = 0;
    for (const n of artists.values()) plays += n;
    playsOfShared += plays;
    shared.push({ song, artists: [...artists.keys()].sort(), plays });
  }
  shared.sort(
    (a, b) =>
      b.artists.length - a.artists.length || b.plays - a.plays || (a.song < b.song ? -1 : a.song > b.song ? 1 : 0),
  );
  return {
    titles: tally.size,
    sharedTitles: shared.length,
    playsOfSharedTitles: playsOfShared,
    examples: shared.slice(0, examples),
  };
}

/**
 * Streams the merged file once: distinct titles, the titles played under more than one artist and their
 * plays, the shared titles with the most artists, and (`opts.song`) one title's artists with plays and listeners.
 */
export async function titleCollisions(file: string, opts: TitleOptions = {}): Promise<TitleCollisions> {
  const tally: Tally = new Map();
  const asked = new Map<string, { plays: number; users: Set<number> }>();
  let plays = 0;
  for await (const batch of readPlays(file)) {
    for (const { play } of batch.plays) {
      plays++;
      let artists = tally.get(play.song);
      if (!artists) tally.set(play.song, (artists = new Map()));
      artists.set(play.artist, (artists.get(play.artist) ?? 0) + 1);
      if (opts.song === undefined || play.song !== opts.song) continue;
      let a = asked.get(play.artist);
      if (!a) asked.set(play.artist, (a = { plays: 0, users: new Set() }));
      a.plays++;
      a.users.add(play.userId);
    }
  }
  const result: TitleCollisions = { plays, ...sharedTitles(tally, opts.examples ?? 5) };
  if (opts.song !== undefined) {
    const artists = [...asked].map(([artist, a]) => ({ artist, plays: a.plays, listeners: a.users.size }));
    artists.sort((x, y) => y.plays - x.plays || (x.artist < y.artist ? -1 : x.artist > y.artist ? 1 : 0));
    result.asked = { song: opts.song, artists };
  }
  return result;
}

// catalogue: the synthetic song catalogue of one seed — 6,500 procedural artists, 20,000 songs
// (procedural titles and lengths, the hand-written head songs on the first ranks, the classic song
// "All Hands Against His Own" at a middling rank), their pre-quoted CSV fields, and the Zipf–Mandelbrot
// popularity law that `sampleSong` draws plays from. Built once per seed and cached.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { CLASSIC_SONG } from './classic';
import { csvField } from './rows';
import { Rng } from './rng';
import {
  ACCENTED,
  ACCENTED_FIRST,
  ACCENTED_LAST,
  ADJECTIVES,
  FEMALE_NAMES,
  HEAD_SONGS,
  LAST_NAMES,
  MALE_NAMES,
  NOUNS,
  PLURALS,
  PREPS,
  SUFFIXES,
  VERBS,
} from './words';

/** Catalogue size and popularity law (Zipf–Mandelbrot weight 1/(rank + Q)^S). */
const CATALOGUE_SONGS = 20000;
const CATALOGUE_ARTISTS = 6500;
const ZIPF_Q = 40;
const ZIPF_S = 0.72;
const CLASSIC_SONG_RANK = 420;

/** The songs by index (= popularity rank): names, pre-quoted CSV fields, lengths, the popularity CDF. */
export interface Catalogue {
  artist: string[];
  title: string[];
  artistCsv: string[];
  titleCsv: string[];
  lengthText: string[];
  lengthMs: Float64Array;
  cdf: Float64Array;
  classicIndex: number;
  apostropheIndex: number;
  accentIndex: number;
}

function titleCaseJoin(...w: string[]): string {
  return w.join(' ');
}

function makeArtistName(rng: Rng): string {
  const r = rng.next();
  if (r < 0.2) return `The ${rng.pick(ADJECTIVES)} ${rng.pick(PLURALS)}`;
  if (r < 0.32) return `The ${rng.pick(PLURALS)}`;
  if (r < 0.52) {
    const f = rng.next() < 0.5 ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
    return `${f} ${rng.pick(LAST_NAMES)}`;
  }
  if (r < 0.58) return `${rng.pick(ACCENTED_FIRST)} ${rng.pick(ACCENTED_LAST)}`;
  if (r < 0.64) {
    const f = rng.next() < 0.5 ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
    return `${f} ${rng.pick(LAST_NAMES)} & The ${rng.pick(PLURALS)}`;
  }
  if (r < 0.74) return `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  if (r < 0.78) return `DJ ${rng.pick(NOUNS)}`;
  if (r < 0.84) return `${rng.pick(NOUNS)}${rng.pick(NOUNS).toLowerCase()}`;
  if (r < 0.88) return `${rng.pick(LAST_NAMES)}, ${rng.pick(LAST_NAMES)} & ${rng.pick(LAST_NAMES)}`;
  if (r < 0.92) return `${rng.pick(NOUNS)} ${rng.pick(PLURALS)}`;
  if (r < 0.95) {
    const f = rng.next() < 0.5 ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
    return `${f} ${rng.pick(LAST_NAMES)} feat. ${rng.pick(ACCENTED_FIRST)}`;
  }
  return `${rng.pick(ACCENTED)} ${rng.pick(PLURALS)}`;
}

function makeTitle(rng: Rng, artists: string[]): string {
  const r = rng.next();
  let t: string;
  if (r < 0.16) t = titleCaseJoin(rng.pick(ADJECTIVES), rng.pick(NOUNS));
  else if (r < 0.27) t = rng.pick(NOUNS);
  else if (r < 0.35) t = titleCaseJoin('The', rng.pick(ADJECTIVES), rng.pick(NOUNS));
  else if (r < 0.45) t = titleCaseJoin(rng.pick(VERBS), rng.pick(PREPS), 'The', rng.pick(NOUNS));
  else if (r < 0.49) t = `${rng.pick(NOUNS)} & ${rng.pick(NOUNS)}`;
  else if (r < 0.52) t = `Don't ${rng.pick(['Stop', 'Go', 'Wait', 'Look Back', 'Let Go', 'Call Me', 'Cry'])}`;
  else if (r < 0.55) t = `I'm ${rng.pick(ADJECTIVES)}`;
  else if (r < 0.58) t = `You're My ${rng.pick(NOUNS)}`;
  else if (r < 0.61) t = `${rng.pick(NOUNS)}'s ${rng.pick(NOUNS)}`;
  else if (r < 0.63) t = `Rock 'n' Roll ${rng.pick(NOUNS)}`;
  else if (r < 0.66) t = `${rng.pick(NOUNS)}, ${rng.pick(NOUNS)}`;
  else if (r < 0.68) t = `${rng.pick(ADJECTIVES)}, ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`;
  else if (r < 0.73) t = rng.pick(ACCENTED);
  else if (r < 0.77) t = `${rng.pick(ADJECTIVES)} ${rng.pick(ACCENTED)}`;
  else if (r < 0.8) t = `${rng.pick(ACCENTED)} ${rng.pick(PREPS)} ${rng.pick(ACCENTED)}`;
  else if (r < 0.81) t = `Theme From "${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}"`;
  else if (r < 0.86)
    t = titleCaseJoin(
      rng.pick(['Take Me', 'Bring Me', 'Send Me', 'Show Me', 'Carry Me']),
      rng.pick(['Home', 'Back', 'Higher', 'Away', 'Down']),
    );
  else if (r < 0.9)
    t = titleCaseJoin(
      rng.pick(NOUNS),
      rng.pick(['Blues', 'Waltz', 'Lullaby', 'Serenade', 'Anthem', 'Boogie', 'Stomp']),
    );
  else if (r < 0.93)
    t = `No. ${1 + rng.int(12)} in ${rng.pick(['C', 'D', 'E flat', 'F', 'G', 'A minor', 'B flat'])}: ${rng.pick(['I', 'II', 'III', 'IV'])}. ${rng.pick(['Allegro', 'Adagio', 'Andante cantabile', 'Presto', 'Largo'])}`;
  else t = titleCaseJoin(rng.pick(ADJECTIVES), rng.pick(NOUNS), rng.pick(PREPS), rng.pick(NOUNS));
  const s = rng.next();
  if (s < 0.09) t += rng.pick(SUFFIXES);
  else if (s < 0.12) t += ` (feat. ${rng.pick(artists)})`;
  else if (s < 0.135) t += ` (${rng.pick(ADJECTIVES)} Remix)`;
  return t;
}

function formatLength(rng: Rng, long: boolean): [string, number] {
  let sec: number;
  if (long) sec = 420 + rng.exp(420);
  else sec = Math.exp(Math.log(225) + 0.3 * rng.normal());
  if (sec < 20) sec = 20 + rng.next() * 40;
  if (sec > 2700) sec = 2700 - rng.next() * 300;
  const n = Math.round(sec * 100000);
  const text = String(n / 100000);
  return [text, Math.round(n / 100)];
}

/** Procedurally named songs at every rank: skewed artist, a title not reserved, a length. */
function proceduralSongs(
  rng: Rng,
  artists: string[],
  n: number,
): Pick<Catalogue, 'artist' | 'title' | 'lengthText' | 'lengthMs'> {
  const artist: string[] = new Array(n);
  const title: string[] = new Array(n);
  const lengthText: string[] = new Array(n);
  const lengthMs = new Float64Array(n);
  // Titles of the head songs and of the classic song are unique in the catalogue, so that a query
  // by title finds only them.
  const reserved = new Set<string>([CLASSIC_SONG.song, ...HEAD_SONGS.map((h) => h[1])]);
  for (let i = 0; i < n; i++) {
    // Popular artists get more songs: skewed artist index.
    const a = Math.floor(Math.pow(rng.next(), 1.6) * CATALOGUE_ARTISTS);
    artist[i] = artists[a];
    let t = makeTitle(rng, artists);
    while (reserved.has(t)) t = makeTitle(rng, artists);
    title[i] = t;
    const [lt, ms] = formatLength(rng, rng.next() < 0.015);
    lengthText[i] = lt;
    lengthMs[i] = ms;
  }
  return { artist, title, lengthText, lengthMs };
}

/** Hand-written head songs spread over the first ranks; returns the ranks of the first two. */
function placeHeadSongs(artist: string[], title: string[]): { apostropheIndex: number; accentIndex: number } {
  let apostropheIndex = -1;
  let accentIndex = -1;
  for (let h = 0; h < HEAD_SONGS.length; h++) {
    const rank = Math.floor(h * 2.6);
    artist[rank] = HEAD_SONGS[h][0];
    title[rank] = HEAD_SONGS[h][1];
    if (h === 0) apostropheIndex = rank;
    if (h === 1) accentIndex = rank;
  }
  return { apostropheIndex, accentIndex };
}

/** Cumulative popularity of ranks 0..n-1 (Zipf–Mandelbrot), normalised so the last is exactly 1. */
export function zipfCdf(n: number): Float64Array {
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += 1 / Math.pow(i + ZIPF_Q, ZIPF_S);
    cdf[i] = acc;
  }
  for (let i = 0; i < n; i++) cdf[i] /= acc;
  cdf[n - 1] = 1;
  return cdf;
}

const catalogueCache = new Map<number, Catalogue>();

/** The catalogue of `seed` (PRNG stream 1), cached for a few seeds. */
export function buildCatalogue(seed: number): Catalogue {
  const cached = catalogueCache.get(seed);
  if (cached) return cached;
  const rng = new Rng(seed, 1);
  const artists: string[] = [];
  for (let i = 0; i < CATALOGUE_ARTISTS; i++) artists.push(makeArtistName(rng));
  const { artist, title, lengthText, lengthMs } = proceduralSongs(rng, artists, CATALOGUE_SONGS);
  const { apostropheIndex, accentIndex } = placeHeadSongs(artist, title);
  // The classic song at a middling rank: a few natural plays besides the planted ones.
  artist[CLASSIC_SONG_RANK] = CLASSIC_SONG.artist;
  title[CLASSIC_SONG_RANK] = CLASSIC_SONG.song;
  lengthText[CLASSIC_SONG_RANK] = '196.91057';
  lengthMs[CLASSIC_SONG_RANK] = 196911;
  const cat: Catalogue = {
    artist,
    title,
    artistCsv: artist.map(csvField),
    titleCsv: title.map(csvField),
    lengthText,
    lengthMs,
    cdf: zipfCdf(CATALOGUE_SONGS),
    classicIndex: CLASSIC_SONG_RANK,
    apostropheIndex,
    accentIndex,
  };
  if (catalogueCache.size > 8) catalogueCache.clear();
  catalogueCache.set(seed, cat);
  return cat;
}

/** The song index whose CDF interval holds `r` in [0, 1) (binary search). */
export function sampleSong(cdf: Float64Array, r: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * lib/generate.ts — the seeded Sparkify event-file generator (eventsim-class).
 *
 * Owns: the PRNG (xoshiro128** seeded through splitmix32), the synthetic song
 * catalogue and user population, the session/page simulation, the CSV writer
 * for the daily `YYYY-MM-DD-events.csv` files, and the planting of the three
 * "classic" facts of the exercise (session 338 item 4; user 10 session 182;
 * listeners of "All Hands Against His Own").
 *
 * Format: the 17 columns of the original Sparkify files, fields quoted only
 * when they hold a comma, a double quote, a line break or edge spaces
 * (papaparse/Excel style), UTF-8 without BOM, LF line ends (CRLF on request),
 * `registration` and `ts` as integer epoch milliseconds.
 *
 * Determinism: the output depends only on the options (seed, days, users,
 * start, eventsPerDay, classic, crlf). No wall clock, no Math.random, no
 * third-party data lists: the same options give the same bytes.
 *
 * Speed: the simulation is a priority queue of users keyed by the time of
 * their next event, so every file is written in time order. Rows are built
 * from per-user and per-song pre-escaped fragments, batched into ~64 KB
 * chunks and written through a write stream that is awaited on backpressure.
 * Memory is bounded by the number of users and the catalogue, not by the
 * number of events.
 *
 * Compiles under TypeScript 5.0 as CommonJS (tslab): extensionless relative
 * imports only, no import.meta, no top-level await.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { EVENT_COLUMNS } from '../../etl/columns';

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/** The header line of every generated file (without line end): the 17 columns of lib/etl/columns. */
const EVENT_HEADER = EVENT_COLUMNS.join(',');

/** The song of the third classic question. */
export const CLASSIC_SONG = { artist: 'The Black Keys', song: 'All Hands Against His Own' } as const;
/** Session ids reserved for the first two classic questions. */
export const CLASSIC_SESSION_Q1 = 338;
export const CLASSIC_ITEM_Q1 = 4;
export const CLASSIC_USER_Q2 = 10;
export const CLASSIC_SESSION_Q2 = 182;

/** Events per user per day when `eventsPerDay` is not given (the original month: ~8,056 rows / 97 users / 30 days). */
export const EVENTS_PER_USER_PER_DAY = 2.8;

/** Defaults that reproduce the committed sample in `event_data/`. */
export const GENERATE_DEFAULTS = {
  days: 30,
  users: 96,
  seed: 42,
  out: 'event_data',
  start: '2019-11-01',
} as const;

export interface GenerateProgress {
  /** Events written so far (all files). */
  events: number;
  /** Expected total (days × eventsPerDay); the real total differs by a few percent. */
  totalEstimate: number;
  /** Name of the file being written. */
  file: string;
}

export interface GenerateOptions {
  /** Number of daily files (≥ 1). */
  days: number;
  /** Regular users, ids 1..users (a few "big" ids such as 100001 are added). */
  users: number;
  /** Seed of the PRNG: same options ⇒ same bytes. */
  seed: number;
  /** Output directory (created if missing). */
  out: string;
  /** First day, 'YYYY-MM-DD' (UTC), default '2019-11-01' (a month apart from the original 2018-11 files, so the two are never mistaken for each other). */
  start?: string;
  /** Target events per day; default users × EVENTS_PER_USER_PER_DAY. */
  eventsPerDay?: number;
  /** Plant the three classic facts (default true). */
  classic?: boolean;
  /** Write CRLF line ends instead of LF. */
  crlf?: boolean;
  /** Called every ~20,000 events and when a file is opened. */
  onProgress?: (p: GenerateProgress) => void;
}

export interface GeneratedFile {
  /** File name, `YYYY-MM-DD-events.csv`. */
  file: string;
  /** Absolute path. */
  path: string;
  /** Day, `YYYY-MM-DD` (UTC). */
  date: string;
  /** Data rows (header excluded). */
  events: number;
  /** Rows with page NextSong (non-empty artist). */
  plays: number;
  /** Size in bytes. */
  bytes: number;
}

export interface ClassicPlay {
  artist: string;
  song: string;
  itemInSession: number;
  firstName: string;
  lastName: string;
}

export interface ClassicListener {
  firstName: string;
  lastName: string;
  userId: number;
}

export interface ClassicFacts {
  /** The play with sessionId 338, itemInSession 4. */
  q1: { artist: string; song: string; length: number };
  /** Every play of user 10 in session 182, in itemInSession order. */
  q2: ClassicPlay[];
  /** Every distinct user who played "All Hands Against His Own", by userId. */
  q3: ClassicListener[];
  /** Other songs with several planted listeners (one title with an apostrophe, one accented). */
  extra: Array<{ artist: string; song: string; listeners: ClassicListener[] }>;
}

export interface GenerateReport {
  out: string;
  seed: number;
  start: string;
  days: number;
  /** Users in the population (regular ids + big ids). */
  users: number;
  eventsPerDay: number;
  files: GeneratedFile[];
  events: number;
  plays: number;
  sessions: number;
  bytes: number;
  /** Songs in the catalogue. */
  songs: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** Planted facts, or null with `classic: false`. */
  classic: ClassicFacts | null;
  /** Other `YYYY-MM-DD-events.csv` files found in `out` (left by an earlier run; not touched, but readers will see them). */
  otherEventFiles: string[];
}

// ---------------------------------------------------------------------------
// PRNG: xoshiro128** seeded with splitmix32
// ---------------------------------------------------------------------------

/** A small, fast, seeded PRNG (xoshiro128**). `next()` is uniform in [0, 1). */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    let x = (lo ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77)) | 0;
    const sm = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Uniform in [0, 1). */
  next(): number {
    const s0 = this.s0, s1 = this.s1, s2 = this.s2 ^ s0, s3 = this.s3 ^ s1;
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return r / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)];
  }
}

// ---------------------------------------------------------------------------
// CSV helpers
// ---------------------------------------------------------------------------

/** Quote a field the papaparse/Excel way: only when it holds `,` `"` CR LF or edge spaces. */
export function csvField(s: string): string {
  if (s === '') return s;
  if (/[",\r\n]/.test(s) || s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) {
    return '"' + s.replace(/"/g, '""') + '"';
  }
  return s;
}

/**
 * mkdir -p without `{ recursive: true }`: Node 20's recursive mkdir spins forever when the parent
 * exists but refuses the child with ENOENT (e.g. under /proc).
 */
async function ensureDir(dir: string, depth = 0): Promise<void> {
  try {
    await mkdir(dir);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} exists and is not a folder`);
      return;
    }
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir || depth > 100) throw e;
    await ensureDir(parent, depth + 1);
  }
  try {
    await mkdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    throw e;
  }
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseStart(start: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) throw new RangeError(`start must be a date written YYYY-MM-DD, got "${start}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || isoDay(ms) !== start) throw new RangeError(`start "${start}" is not a valid calendar date`);
  const year = Number(m[1]);
  if (year < 1980 || year > 2200) throw new RangeError(`start must be between 1980 and 2200, got "${start}"`);
  return ms;
}

// ---------------------------------------------------------------------------
// Word lists (hand-written; no external data)
// ---------------------------------------------------------------------------

const FEMALE_NAMES = [
  'Abigail', 'Addison', 'Alexa', 'Alice', 'Alyssa', 'Amelia', 'Anna', 'Aubrey', 'Ava', 'Avery', 'Bailey', 'Brooke',
  'Camila', 'Caroline', 'Chloé', 'Claire', 'Daisy', 'Delaney', 'Elena', 'Eliana', 'Elizabeth', 'Ella', 'Emily',
  'Emma', 'Evelyn', 'Faith', 'Gabriela', 'Grace', 'Hailey', 'Hannah', 'Harper', 'Isabella', 'Jasmine', 'Jayla',
  'Jocelyn', 'Julia', 'Kaitlyn', 'Katherine', 'Kayla', 'Kylie', 'Layla', 'Leah', 'Lily', 'Lucía', 'Lydia',
  'Madison', 'Makayla', 'Maya', 'Mia', 'Molly', 'Morgan', 'Natalie', 'Nora', 'Olivia', 'Paige', 'Penelope',
  'Piper', 'Rachel', 'Renée', 'Riley', 'Rylee', 'Samantha', 'Sara', 'Savannah', 'Scarlett', 'Sienna', 'Sofia',
  'Sophia', 'Stella', 'Sydney', 'Taylor', 'Tegan', 'Valentina', 'Victoria', 'Violet', 'Willow', 'Ximena', 'Zoë',
];

const MALE_NAMES = [
  'Aaron', 'Adrian', 'Aiden', 'Alexander', 'Andrés', 'Anthony', 'Austin', 'Benjamin', 'Brandon', 'Brayden',
  'Caleb', 'Cameron', 'Carter', 'Christian', 'Cody', 'Colin', 'Connor', 'Daniel', 'David', 'Dylan', 'Elijah',
  'Ethan', 'Evan', 'Gabriel', 'Gavin', 'Henry', 'Hunter', 'Ian', 'Isaac', 'Jack', 'Jackson', 'Jacob', 'James',
  'Jayden', 'Jesús', 'Jordan', 'José', 'Joseph', 'Joshua', 'Julian', 'Kevin', 'Landon', 'Liam', 'Logan', 'Lucas',
  'Luke', 'Mason', 'Matthew', 'Micah', 'Michael', 'Miles', 'Nathan', 'Nicolás', 'Noah', 'Oliver', 'Owen',
  'Parker', 'Quinn', 'Ryan', 'Samuel', 'Sebastian', 'Spencer', 'Theodore', 'Thomas', 'Tristan', 'Tyler',
  'Walter', 'Wesley', 'William', 'Wyatt', 'Xavier', 'Zachary',
];

const LAST_NAMES = [
  'Adams', 'Allen', 'Alvarez', 'Anderson', 'Bailey', 'Baker', 'Barnes', 'Bell', 'Bennett', 'Brooks', 'Brown',
  'Bryant', 'Butler', 'Campbell', 'Carter', 'Castillo', 'Chen', 'Clark', 'Coleman', 'Collins', 'Cook', 'Cooper',
  'Cox', 'Cruz', 'Davis', 'Díaz', 'Edwards', 'Evans', 'Fisher', 'Flores', 'Foster', 'García', 'Gómez',
  'Gonzalez', 'Graham', 'Gray', 'Green', 'Griffin', 'Hall', 'Harris', 'Hayes', 'Henderson', 'Hernández', 'Hill',
  'Howard', 'Hughes', 'Jackson', 'James', 'Jenkins', 'Johnson', 'Jones', 'Kelly', 'Kim', 'King', 'Lee', 'Levine',
  'Lewis', 'Long', 'López', 'Lynch', 'Martin', 'Martínez', 'Miller', 'Mitchell', 'Moore', 'Morales', 'Morgan',
  'Morris', 'Muñoz', 'Murphy', 'Myers', 'Nelson', "O'Brien", "O'Connor", 'Ortiz', 'Parker', 'Patel', 'Peña',
  'Perez', 'Perry', 'Peterson', 'Phillips', 'Powell', 'Price', 'Ramírez', 'Reed', 'Reyes', 'Richardson',
  'Rivera', 'Roberts', 'Robinson', 'Rodriguez', 'Rogers', 'Ross', 'Russell', 'Sanders', 'Schröder', 'Scott',
  'Simmons', 'Smith', 'Stewart', 'Sullivan', 'Summers', 'Taylor', 'Thomas', 'Thompson', 'Torres', 'Turner',
  'Walker', 'Ward', 'Washington', 'Watson', 'White', 'Williams', 'Wilson', 'Wood', 'Wright', 'Young',
];

/** US metropolitan areas, "City-City, ST" as in the originals (all contain a comma, so all are quoted). */
const LOCATIONS = [
  'New York-Newark-Jersey City, NY-NJ-PA', 'Los Angeles-Long Beach-Anaheim, CA', 'Chicago-Naperville-Elgin, IL-IN-WI',
  'Dallas-Fort Worth-Arlington, TX', 'Houston-The Woodlands-Sugar Land, TX', 'Washington-Arlington-Alexandria, DC-VA-MD-WV',
  'Miami-Fort Lauderdale-West Palm Beach, FL', 'Philadelphia-Camden-Wilmington, PA-NJ-DE-MD',
  'Atlanta-Sandy Springs-Roswell, GA', 'Boston-Cambridge-Newton, MA-NH', 'Phoenix-Mesa-Scottsdale, AZ',
  'San Francisco-Oakland-Hayward, CA', 'Riverside-San Bernardino-Ontario, CA', 'Detroit-Warren-Dearborn, MI',
  'Seattle-Tacoma-Bellevue, WA', 'Minneapolis-St. Paul-Bloomington, MN-WI', 'San Diego-Carlsbad, CA',
  'Tampa-St. Petersburg-Clearwater, FL', 'Denver-Aurora-Lakewood, CO', 'St. Louis, MO-IL',
  'Baltimore-Columbia-Towson, MD', 'Charlotte-Concord-Gastonia, NC-SC', 'Orlando-Kissimmee-Sanford, FL',
  'San Antonio-New Braunfels, TX', 'Portland-Vancouver-Hillsboro, OR-WA', 'Sacramento--Roseville--Arden-Arcade, CA',
  'Pittsburgh, PA', 'Las Vegas-Henderson-Paradise, NV', 'Austin-Round Rock, TX', 'Cincinnati, OH-KY-IN',
  'Kansas City, MO-KS', 'Columbus, OH', 'Indianapolis-Carmel-Anderson, IN', 'Cleveland-Elyria, OH',
  'San Jose-Sunnyvale-Santa Clara, CA', 'Nashville-Davidson--Murfreesboro--Franklin, TN',
  'Virginia Beach-Norfolk-Newport News, VA-NC', 'Providence-Warwick, RI-MA', 'Milwaukee-Waukesha-West Allis, WI',
  'Jacksonville, FL', 'Oklahoma City, OK', 'Raleigh, NC', 'Memphis, TN-MS-AR', 'Richmond, VA',
  'New Orleans-Metairie, LA', 'Louisville/Jefferson County, KY-IN', 'Salt Lake City, UT',
  'Hartford-West Hartford-East Hartford, CT', 'Buffalo-Cheektowaga-Niagara Falls, NY', 'Birmingham-Hoover, AL',
  'Grand Rapids-Wyoming, MI', 'Rochester, NY', 'Tucson, AZ', 'Urban Honolulu, HI', 'Tulsa, OK', 'Fresno, CA',
  'Worcester, MA-CT', 'Omaha-Council Bluffs, NE-IA', 'Bridgeport-Stamford-Norwalk, CT', 'Albuquerque, NM',
  'Albany-Schenectady-Troy, NY', 'Bakersfield, CA', 'Knoxville, TN', 'El Paso, TX', 'Baton Rouge, LA',
  'New Haven-Milford, CT', 'Allentown-Bethlehem-Easton, PA-NJ', 'Oxnard-Thousand Oaks-Ventura, CA', 'Columbia, SC',
  'Spokane-Spokane Valley, WA', 'Boise City, ID', 'Madison, WI', 'Anchorage, AK', 'Eugene, OR', 'Santa Rosa, CA',
  'Lansing-East Lansing, MI', 'Winston-Salem, NC', 'Ann Arbor, MI', 'Des Moines-West Des Moines, IA', 'Lubbock, TX',
  'Red Bluff, CA', 'Marinette, WI-MI', 'Klamath Falls, OR', 'London, KY', 'Plymouth, IN', 'La Crosse-Onalaska, WI-MN',
];

const NOUNS = [
  'Heart', 'Fire', 'River', 'Night', 'Love', 'Dream', 'Rain', 'Light', 'Shadow', 'Road', 'City', 'Sky', 'Ocean',
  'Star', 'Moon', 'Sun', 'Stone', 'Wire', 'Ghost', 'Mirror', 'Window', 'Summer', 'Winter', 'Highway', 'Garden',
  'Song', 'Radio', 'Diamond', 'Thunder', 'Echo', 'Angel', 'Island', 'Kingdom', 'Train', 'Letter', 'Rose', 'Wolf',
  'Horse', 'Machine', 'Satellite', 'Paper', 'Gold', 'Silver', 'Bridge', 'Storm', 'Daylight', 'Midnight', 'Morning',
  'Sunday', 'Friday', 'Heaven', 'Desert', 'Valley', 'Mountain', 'Harbor', 'Lantern', 'Compass', 'Arrow', 'Feather',
  'Candle', 'Ladder', 'Wave', 'Tide', 'Flame', 'Smoke', 'Glass', 'Honey', 'Thorn', 'Crown', 'Anchor', 'Ribbon',
  'Engine', 'Signal', 'Circus', 'Carnival', 'Parade', 'Memory', 'Secret', 'Promise', 'Story', 'Chance', 'Season',
  'Horizon', 'Skyline', 'Avenue', 'Boulevard', 'Runaway', 'Stranger', 'Lover', 'Sister', 'Brother', 'Mother',
  'Father', 'Child', 'Soldier', 'Sailor', 'Preacher', 'Dancer', 'Drummer', 'Hunter', 'Kid', 'Hands', 'Eyes',
  'Bones', 'Blood', 'Tears', 'Wings', 'Words', 'Lies', 'Days', 'Years', 'Miles', 'Streets', 'Lights', 'Waves',
];

const ADJECTIVES = [
  'Blue', 'Broken', 'Golden', 'Electric', 'Wild', 'Silent', 'Lonely', 'Crazy', 'Sweet', 'Dark', 'Bright', 'Little',
  'Last', 'Lost', 'Strange', 'Beautiful', 'Burning', 'Hollow', 'Velvet', 'Neon', 'Sugar', 'Cold', 'Restless',
  'Secret', 'Endless', 'Tender', 'Heavy', 'Simple', 'Holy', 'Quiet', 'Shiny', 'Lucky', 'Wicked', 'Gentle', 'Faded',
  'Crystal', 'Midnight', 'Scarlet', 'Silver', 'Northern', 'Southern', 'Western', 'Dirty', 'Pretty', 'Easy', 'Hard',
  'Long', 'Slow', 'Fast', 'Young', 'Old', 'New', 'Perfect', 'Familiar', 'Invisible', 'Magnetic', 'Cosmic',
  'Tropical', 'Radioactive', 'Paper', 'Plastic', 'Wooden', 'Iron', 'Glass', 'Emerald', 'Painted', 'Hidden',
];

const PLURALS = [
  'Keys', 'Wolves', 'Horses', 'Kids', 'Lights', 'Stones', 'Strangers', 'Rebels', 'Ghosts', 'Machines', 'Angels',
  'Brothers', 'Sisters', 'Pilots', 'Tigers', 'Ravens', 'Shadows', 'Kings', 'Queens', 'Drifters', 'Saints',
  'Sailors', 'Dreamers', 'Monsters', 'Lovers', 'Thieves', 'Foxes', 'Bears', 'Owls', 'Sparrows', 'Comets',
  'Satellites', 'Vandals', 'Heroes', 'Outlaws', 'Pirates', 'Prophets', 'Romantics', 'Wanderers', 'Echoes',
  'Hearts', 'Hands', 'Suns', 'Moons', 'Rivers', 'Engines', 'Radios', 'Diamonds', 'Feathers', 'Arrows',
];

const VERBS = [
  'Dancing', 'Running', 'Falling', 'Waiting', 'Walking', 'Driving', 'Dreaming', 'Burning', 'Shining', 'Singing',
  'Crying', 'Flying', 'Fading', 'Breaking', 'Chasing', 'Holding', 'Calling', 'Drowning', 'Rolling', 'Riding',
];

const PREPS = ['In', 'On', 'Under', 'Through', 'Across', 'Into', 'Over', 'Beyond', 'Without', 'Beneath'];

const ACCENTED = [
  'Café', 'Corazón', 'Mañana', 'Niño', 'Señorita', 'Déjà Vu', 'Fiancée', 'Naïve', 'Noël', 'Résumé',
  'Crème Brûlée', 'Zürich', 'São Paulo', 'Über', 'Mädchen', 'Göteborg', 'Piñata', 'Jalapeño', 'Éclair', 'Soirée',
  'Tête-à-Tête', 'Canción', 'Año Nuevo', 'Pájaro', 'Schön', 'Ça Va', 'Être', 'Mélodie', 'Lágrimas', 'Frühling',
  'Ålesund', 'Smörgåsbord', 'Björn', 'Señor', 'Adiós', 'Corações', 'Qué Será', 'Fête', 'Müde', 'Hjärta',
];

const ACCENTED_FIRST = [
  'José', 'Zoë', 'Björn', 'Sébastien', 'Anaïs', 'Søren', 'Jürgen', 'Inés', 'Raúl', 'Zoé', 'Hélène', 'Joaquín',
  'Ángel', 'Håkan', 'Mónica', 'Noémie', 'Jérôme', 'Ñico', 'Dagný', 'Óscar',
];

const ACCENTED_LAST = [
  'Gómez', 'Müller', 'Sjöberg', 'Lefèvre', 'Peña', 'Núñez', 'Østergaard', 'Żuławski', 'Jóhannsson', 'Grönholm',
  'Dvořák', 'Mäkelä', 'Ibáñez', 'Brønstad', 'Fernández', 'Castaño', 'Coutinho', 'Beaumé', 'Lindqvist', 'Ruíz',
];

const SUFFIXES = [
  ' (Radio Edit)', ' (Live)', ' (Album Version)', ' (Remastered)', ' (Acoustic)', ' (Extended Mix)', ' (Demo)',
  ' (Single Version)', ' (Live at the Fillmore)', ' (Instrumental)', ' (Original Mix)', ' (Reprise)',
];

/**
 * Hand-written head of the catalogue (the most played songs), with apostrophes,
 * ampersands, parentheses, commas, double quotes and non-ASCII UTF-8.
 */
const HEAD_SONGS: Array<[string, string]> = [
  ["Guns N' Roses", "Sweet Child O' Mine"],
  ['Beyoncé', 'Déjà Vu'],
  ['Kings Of Leon', 'Use Somebody'],
  ['Earth, Wind & Fire', 'September'],
  ['Sigur Rós', 'Hoppípolla'],
  ['Simon & Garfunkel', 'Bridge Over Troubled Water'],
  ['Florence + The Machine', "You've Got The Love"],
  ['Bob Marley & The Wailers', 'No Woman, No Cry'],
  ['Édith Piaf', 'Non, je ne regrette rien'],
  ['Mötley Crüe', 'Kickstart My Heart'],
  ['The Beatles', "Don't Let Me Down"],
  ['Céline Dion', 'My Heart Will Go On (Love Theme From "Titanic")'],
  ['Manu Chao', 'Me Gustas Tú'],
  ['Crosby, Stills, Nash & Young', 'Teach Your Children'],
  ['Nena', '99 Luftballons'],
  ['OutKast', 'Hey Ya!'],
  ['Die Ärzte', 'Männer sind Schweine'],
  ['Jason Mraz', "I'm Yours"],
  ['Röyksopp', 'Eple'],
  ['Shakira', "Hips Don't Lie (feat. Wyclef Jean)"],
  ['The Killers', 'Mr. Brightside'],
  ['Juanes', 'La Camisa Negra'],
  ['Motörhead', 'Ace Of Spades'],
  ['Alizée', 'Moi... Lolita'],
  ['Amy Winehouse', 'Rehab'],
  ['Café Tacvba', 'Eres'],
  ['Coldplay', 'Viva La Vida'],
  ['Jóhann Jóhannsson', 'Odi et Amo'],
  ['Plácido Domingo', 'Nessun dorma (from "Turandot")'],
  ['Weird Al Yankovic', 'White & Nerdy'],
  ['坂本龍一', 'Merry Christmas Mr. Lawrence'],
  ['Maná', 'Rayando el Sol'],
  ['The Black Keys', 'Tighten Up'],
  ['Los Lobos', 'La Bamba'],
  ['Kanye West', 'Love Lockdown'],
  ['Bonnie Tyler', 'Total Eclipse Of The Heart'],
];

/** Catalogue size and popularity law (Zipf–Mandelbrot weight 1/(rank + Q)^S). */
const CATALOGUE_SONGS = 20000;
const CATALOGUE_ARTISTS = 6500;
const ZIPF_Q = 40;
const ZIPF_S = 0.72;
const CLASSIC_SONG_RANK = 420;

// ---------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------

interface Catalogue {
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
  else if (r < 0.86) t = titleCaseJoin(rng.pick(['Take Me', 'Bring Me', 'Send Me', 'Show Me', 'Carry Me']), rng.pick(['Home', 'Back', 'Higher', 'Away', 'Down']));
  else if (r < 0.9) t = titleCaseJoin(rng.pick(NOUNS), rng.pick(['Blues', 'Waltz', 'Lullaby', 'Serenade', 'Anthem', 'Boogie', 'Stomp']));
  else if (r < 0.93) t = `No. ${1 + rng.int(12)} in ${rng.pick(['C', 'D', 'E flat', 'F', 'G', 'A minor', 'B flat'])}: ${rng.pick(['I', 'II', 'III', 'IV'])}. ${rng.pick(['Allegro', 'Adagio', 'Andante cantabile', 'Presto', 'Largo'])}`;
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

const catalogueCache = new Map<number, Catalogue>();

function buildCatalogue(seed: number): Catalogue {
  const cached = catalogueCache.get(seed);
  if (cached) return cached;
  const rng = new Rng(seed, 1);
  const artists: string[] = [];
  for (let i = 0; i < CATALOGUE_ARTISTS; i++) artists.push(makeArtistName(rng));

  const n = CATALOGUE_SONGS;
  const artist: string[] = new Array(n);
  const title: string[] = new Array(n);
  const lengthText: string[] = new Array(n);
  const lengthMs = new Float64Array(n);
  // Titles of the head songs and of the classic song are unique in the catalogue, so that a query
  // by title finds only them.
  const reserved = new Set<string>([CLASSIC_SONG.song, ...HEAD_SONGS.map((h) => h[1])]);
  // Procedural songs everywhere first.
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
  // Hand-written head songs spread over the first ranks.
  let apostropheIndex = -1;
  let accentIndex = -1;
  for (let h = 0; h < HEAD_SONGS.length; h++) {
    const rank = Math.floor(h * 2.6);
    artist[rank] = HEAD_SONGS[h][0];
    title[rank] = HEAD_SONGS[h][1];
    if (h === 0) apostropheIndex = rank;
    if (h === 1) accentIndex = rank;
  }
  // The classic song at a middling rank: a few natural plays besides the planted ones.
  artist[CLASSIC_SONG_RANK] = CLASSIC_SONG.artist;
  title[CLASSIC_SONG_RANK] = CLASSIC_SONG.song;
  lengthText[CLASSIC_SONG_RANK] = '196.91057';
  lengthMs[CLASSIC_SONG_RANK] = 196911;

  const cdf = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += 1 / Math.pow(i + ZIPF_Q, ZIPF_S);
    cdf[i] = acc;
  }
  for (let i = 0; i < n; i++) cdf[i] /= acc;
  cdf[n - 1] = 1;

  const cat: Catalogue = {
    artist,
    title,
    artistCsv: artist.map(csvField),
    titleCsv: title.map(csvField),
    lengthText,
    lengthMs,
    cdf,
    classicIndex: CLASSIC_SONG_RANK,
    apostropheIndex,
    accentIndex,
  };
  if (catalogueCache.size > 8) catalogueCache.clear();
  catalogueCache.set(seed, cat);
  return cat;
}

function sampleSong(cdf: Float64Array, r: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

const P_NEXT = 0, P_HOME = 1, P_LOGIN = 2, P_LOGOUT = 3, P_SETTINGS = 4, P_SAVE = 5, P_HELP = 6, P_ABOUT = 7;
const P_UPGRADE = 8, P_SUB_UP = 9, P_DOWNGRADE = 10, P_SUB_DOWN = 11, P_ERROR = 12;

const PAGE_NAME = ['NextSong', 'Home', 'Login', 'Logout', 'Settings', 'Save Settings', 'Help', 'About', 'Upgrade',
  'Submit Upgrade', 'Downgrade', 'Submit Downgrade', 'Error'];
const PAGE_METHOD = ['PUT', 'GET', 'PUT', 'PUT', 'GET', 'PUT', 'GET', 'GET', 'GET', 'PUT', 'GET', 'PUT', 'GET'];
const PAGE_STATUS = ['200', '200', '307', '307', '200', '307', '200', '200', '200', '307', '200', '307', '404'];
/** "method,page," */
const PAGE_TOK = PAGE_NAME.map((p, i) => `${PAGE_METHOD[i]},${p},`);
/** ",status," */
const STATUS_TOK = PAGE_STATUS.map((s) => `,${s},`);
const LEVEL_NAME = ['free', 'paid'];

/** Logged-in page choice when nothing forces a page: [page, weight] for free and paid users. */
const LI_FREE: Array<[number, number]> = [
  [P_NEXT, 0.892], [P_HOME, 0.034], [P_UPGRADE, 0.016], [P_LOGOUT, 0.0125], [P_SETTINGS, 0.0075],
  [P_HELP, 0.0055], [P_ABOUT, 0.0035], [P_ERROR, 0.0013],
];
const LI_PAID: Array<[number, number]> = [
  [P_NEXT, 0.898], [P_HOME, 0.034], [P_DOWNGRADE, 0.0095], [P_LOGOUT, 0.0125], [P_SETTINGS, 0.0075],
  [P_HELP, 0.0055], [P_ABOUT, 0.0035], [P_ERROR, 0.0013],
];
/** Logged-out page choice (after Logout or in a guest session). */
const LO_TABLE: Array<[number, number]> = [[P_LOGIN, 0.56], [P_HOME, 0.26], [P_ABOUT, 0.11], [P_HELP, 0.07]];

function cumulative(t: Array<[number, number]>): { pages: Int32Array; cum: Float64Array } {
  const total = t.reduce((s, [, w]) => s + w, 0);
  const pages = new Int32Array(t.length);
  const cum = new Float64Array(t.length);
  let acc = 0;
  t.forEach(([p, w], i) => {
    acc += w / total;
    pages[i] = p;
    cum[i] = acc;
  });
  cum[t.length - 1] = 1;
  return { pages, cum };
}

const CUM_FREE = cumulative(LI_FREE);
const CUM_PAID = cumulative(LI_PAID);
const CUM_LO = cumulative(LO_TABLE);

function pickFrom(tab: { pages: Int32Array; cum: Float64Array }, r: number): number {
  const cum = tab.cum;
  for (let i = 0; i < cum.length; i++) if (r < cum[i]) return tab.pages[i];
  return tab.pages[cum.length - 1];
}

// ---------------------------------------------------------------------------
// Simulation constants
// ---------------------------------------------------------------------------

const DAY_MS = 86400000;
const HOUR_MS = 3600000;
/** Probability that a session starts logged out (a guest visit that may log in). */
const GUEST_START = 0.08;
/** Probability that a logged-in session opens on Home (else straight to NextSong). */
const START_HOME = 0.4;
/** Average events per session of the model (measured), to turn events/day into sessions/day. */
const EVENTS_PER_SESSION = 8;
/** Average time between two events of a session (84% songs of ~235 s, page views of ~15 s), ms. */
const EVENT_SPACING_MS = 200000;
/** Diurnal activity (UTC hour → relative rate, peak in the US evening). */
const DIURNAL = Array.from({ length: 24 }, (_, h) => 0.3 + 0.7 * (0.5 + 0.5 * Math.cos((2 * Math.PI * (h - 2)) / 24)));
const DIURNAL_MEAN = DIURNAL.reduce((a, b) => a + b, 0) / 24;
const CHUNK_CHARS = 64 * 1024;
const PROGRESS_EVERY = 20000;

interface User {
  id: number;
  first: string;
  last: string;
  /** ",Logged In,first,gender," */
  pLI: string;
  /** ",last," */
  pLast: string;
  /** ",level,location," for free/paid */
  pMid: [string, string];
  /** "registration," */
  pReg: string;
  /** ",userId" + EOL */
  pTail: string;
  reg: number;
  level: number;
  /** Mean gap between sessions, ms (before diurnal thinning). */
  gapMean: number;
  // session state
  inSession: boolean;
  sid: number;
  sidStr: string;
  item: number;
  remaining: number;
  loggedIn: boolean;
  lastPage: number;
  forced: number[] | null;
  forcedPos: number;
}

function sessionLength(rng: Rng): number {
  const r = rng.next();
  const mean = r < 0.45 ? 0.9 : r < 0.75 ? 5 : 26;
  return 1 + Math.floor(rng.exp(mean));
}

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

function checkInt(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${String(v)}`);
  }
  return v;
}

/**
 * Write `days` daily event files into `opts.out` and return what was written.
 * Same options ⇒ same bytes.
 */
export async function generateEventFiles(opts: GenerateOptions): Promise<GenerateReport> {
  const t0 = Date.now();
  const days = checkInt('days', opts.days, 1, 3660);
  const nUsers = checkInt('users', opts.users, 1, 10000000);
  const seed = opts.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${String(seed)}`);
  if (typeof opts.out !== 'string' || opts.out === '') throw new RangeError('out must be a directory path');
  const classic = opts.classic !== false;
  if (classic && nUsers < 3) throw new RangeError('the classic facts need at least 3 users (use --no-classic for fewer)');
  const startStr = opts.start ?? GENERATE_DEFAULTS.start;
  const startMs = parseStart(startStr);
  const eventsPerDay = opts.eventsPerDay ?? Math.max(1, Math.round(nUsers * EVENTS_PER_USER_PER_DAY));
  if (typeof eventsPerDay !== 'number' || !Number.isFinite(eventsPerDay) || eventsPerDay <= 0 || eventsPerDay > 1e9) {
    throw new RangeError(`eventsPerDay must be a positive number, got ${String(eventsPerDay)}`);
  }
  const EOL = opts.crlf ? '\r\n' : '\n';
  const outDir = resolve(opts.out);
  const span = days * DAY_MS;
  const endMs = startMs + span;
  const totalEstimate = Math.round(days * eventsPerDay);
  const onProgress = opts.onProgress;

  const cat = buildCatalogue(seed);
  const rng = new Rng(seed, 2);

  // ---- users -------------------------------------------------------------
  const ids: number[] = [];
  for (let i = 1; i <= nUsers; i++) ids.push(i);
  if (classic && nUsers < CLASSIC_USER_Q2) ids.push(CLASSIC_USER_Q2);
  let bigBase = 100000;
  while (bigBase <= nUsers) bigBase *= 10;
  const bigCount = bigBase * 3 + 100 < 2147483647 ? Math.min(6, Math.max(1, Math.round(nUsers / 40))) : 0;
  for (let k = 0; k < bigCount; k++) ids.push(bigBase * (1 + (k % 3)) + 1 + Math.floor(k / 3));

  const users: User[] = [];
  const weights: number[] = [];
  for (const id of ids) {
    const female = rng.next() < 0.5;
    const first = female ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
    const last = rng.pick(LAST_NAMES);
    const gender = female ? 'F' : 'M';
    const loc = LOCATIONS[Math.floor(Math.pow(rng.next(), 1.7) * LOCATIONS.length)];
    const level = rng.next() < 0.5 ? 1 : 0;
    let reg: number;
    if (rng.next() < 0.1 && !(classic && id === CLASSIC_USER_Q2)) reg = startMs + Math.floor(rng.next() * span * 0.8);
    else reg = startMs - HOUR_MS - Math.floor(rng.exp(60 * DAY_MS));
    const w = Math.exp(1.1 * rng.normal()) * (level === 1 ? 2.5 : 1);
    weights.push(w);
    const fc = csvField(first);
    const lc = csvField(last);
    const locc = csvField(loc);
    users.push({
      id, first, last,
      pLI: `,Logged In,${fc},${gender},`,
      pLast: `,${lc},`,
      pMid: [`,free,${locc},`, `,paid,${locc},`],
      pReg: `${reg},`,
      pTail: `,${id}${EOL}`,
      reg, level, gapMean: 0,
      inSession: false, sid: 0, sidStr: '', item: 0, remaining: 0, loggedIn: true, lastPage: P_HOME,
      forced: null, forcedPos: 0,
    });
  }
  // Session rate per user ∝ weight, normalised over the time each user is registered; the gap after
  // a session is 1/rate minus the session's own length, scaled for the diurnal thinning.
  const sessionsPerDay = eventsPerDay / EVENTS_PER_SESSION;
  const sessionMs = (EVENTS_PER_SESSION - 1) * EVENT_SPACING_MS;
  let activeWeight = 0;
  for (let i = 0; i < users.length; i++) {
    const active = users[i].reg <= startMs ? 1 : (endMs - users[i].reg) / span;
    activeWeight += weights[i] * active;
  }
  for (let i = 0; i < users.length; i++) {
    const ratePerMs = (sessionsPerDay * weights[i]) / activeWeight / DAY_MS;
    const cycle = 1 / ratePerMs;
    users[i].gapMean = DIURNAL_MEAN * Math.max(cycle - sessionMs, cycle * 0.1);
  }
  const u10 = classic ? users.find((u) => u.id === CLASSIC_USER_Q2)! : null;

  /** Next session start after `t` (non-homogeneous Poisson process by thinning). */
  const nextSessionStart = (u: User, t: number): number => {
    let x = t < u.reg ? u.reg : t;
    for (let guard = 0; guard < 10000; guard++) {
      x += Math.floor(rng.exp(u.gapMean)) + 1000;
      if (x >= endMs) return x;
      const h = Math.floor((x % DAY_MS) / HOUR_MS);
      if (rng.next() < DIURNAL[h]) return x;
    }
    return x;
  };

  // ---- priority queue of users by next event time --------------------------
  // Slot `clock` (after the users) is not a user: its key is the time of the next planting
  // appointment, so appointments run at their exact time, in order with the events.
  const nu = users.length;
  const clock = nu;
  const n = nu + 1;
  const key = new Float64Array(n);
  const heap = new Int32Array(n);
  const pos = new Int32Array(n);
  const siftDown = (i0: number): void => {
    let i = i0;
    const item = heap[i];
    const k = key[item];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && key[heap[r]] < key[heap[l]]) c = r;
      if (key[heap[c]] >= k) break;
      heap[i] = heap[c];
      pos[heap[i]] = i;
      i = c;
    }
    heap[i] = item;
    pos[item] = i;
  };
  const siftUp = (i0: number): void => {
    let i = i0;
    const item = heap[i];
    const k = key[item];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (key[heap[p]] <= k) break;
      heap[i] = heap[p];
      pos[heap[i]] = i;
      i = p;
    }
    heap[i] = item;
    pos[item] = i;
  };
  for (let i = 0; i < nu; i++) key[i] = nextSessionStart(users[i], startMs - Math.floor(rng.next() * 2 * HOUR_MS));
  key[clock] = Infinity;
  for (let i = 0; i < n; i++) {
    heap[i] = i;
    pos[i] = i;
  }
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(i);
  const u10i = u10 ? users.indexOf(u10) : -1;

  // ---- classic planting ----------------------------------------------------
  // Session ids come from a counter that skips 182 and 338. Session 338 is the session that would
  // have received 338 from the counter, or else the first one to start after half the run; session 182 is
  // user 10's first session after the counter passes 182, or after 35% of the run. Planted songs go to
  // chosen users as their next play, at fixed fractions of the run. An appointment brings an idle
  // user's next session forward (by ~30 min), so even tiny runs hold every fact.
  let nextSid = 1;
  let q1Armed = false;
  let q1Done = !classic;
  let q2Armed = false;
  let q2Done = !classic;
  const q1Forced = [rng.next() < 0.5 ? P_HOME : P_NEXT, P_NEXT, P_NEXT, P_NEXT, P_NEXT];
  const q2Forced: number[] = [];
  for (let i = 0, m = 4 + rng.int(3); i < m; i++) q2Forced.push(P_NEXT);
  const plantFirst = [P_NEXT];
  let q1: ClassicFacts['q1'] | null = null;
  const q2: ClassicPlay[] = [];
  const watched = new Uint8Array(cat.artist.length);
  const listeners = new Map<number, Map<number, ClassicListener>>();
  const APPT_Q1 = 0, APPT_Q2 = 1, APPT_SONG = 2;
  const appts: Array<{ time: number; kind: number; song: number }> = [];
  if (classic) {
    for (const song of [cat.classicIndex, cat.apostropheIndex, cat.accentIndex]) {
      watched[song] = 1;
      listeners.set(song, new Map());
    }
    const at = (f: number) => startMs + Math.floor(span * f);
    appts.push({ time: at(0.35), kind: APPT_Q2, song: -1 }, { time: at(0.5), kind: APPT_Q1, song: -1 });
    for (const f of [0.12, 0.27, 0.42]) appts.push({ time: at(f), kind: APPT_SONG, song: cat.classicIndex });
    for (const f of [0.18, 0.38, 0.58]) appts.push({ time: at(f), kind: APPT_SONG, song: cat.apostropheIndex });
    for (const f of [0.22, 0.52]) appts.push({ time: at(f), kind: APPT_SONG, song: cat.accentIndex });
    appts.sort((a, b) => a.time - b.time || a.kind - b.kind);
    key[clock] = appts[0].time;
    siftUp(pos[clock]);
  }
  let apptPos = 0;
  const plantSong = new Int32Array(nu).fill(-1);

  /** Bring an idle user's next session forward to shortly after `t`. */
  const pull = (ui: number, t: number): void => {
    if (users[ui].inSession) return;
    const soon = t + 60000 + Math.floor(rng.exp(30 * 60000));
    if (soon < key[ui]) {
      key[ui] = soon;
      siftUp(pos[ui]);
    }
  };
  const armQ2 = (t: number): void => {
    if (q2Armed || q2Done || u10i < 0) return;
    q2Armed = true;
    pull(u10i, t);
  };
  /** A registered user, other than user 10, accepted by `ok`, starting from a random index. */
  const pickUser = (t: number, ok: (ui: number) => boolean): number => {
    const s0 = rng.int(nu);
    for (let k = 0; k < nu; k++) {
      const ui = (s0 + k) % nu;
      if (ui !== u10i && users[ui].reg <= t && ok(ui)) return ui;
    }
    return -1;
  };
  const runAppointment = (a: { time: number; kind: number; song: number }, t: number): void => {
    if (a.kind === APPT_Q2) armQ2(t);
    else if (a.kind === APPT_Q1) {
      if (q1Done) return;
      q1Armed = true;
      const ui = pickUser(t, (i) => !users[i].inSession);
      if (ui >= 0) pull(ui, t);
    } else {
      const heard = listeners.get(a.song)!;
      const ui = pickUser(t, (i) => plantSong[i] < 0 && !heard.has(users[i].id));
      if (ui < 0) return;
      plantSong[ui] = a.song;
      pull(ui, t);
    }
  };
  /** Whether user `ui` must start its next session soon (a planting waits on it). */
  const needsSoon = (ui: number): boolean =>
    plantSong[ui] >= 0 || (q1Armed && !q1Done) || (ui === u10i && q2Armed && !q2Done);

  const allocSid = (t: number): number => {
    for (;;) {
      const s = nextSid++;
      if (classic && s === CLASSIC_SESSION_Q2) {
        armQ2(t);
        continue;
      }
      if (classic && s === CLASSIC_SESSION_Q1) continue;
      return s;
    }
  };
  let sessions = 0;
  const startSession = (u: User, ui: number, t: number): void => {
    let sid = 0;
    let forced: number[] | null = null;
    let loggedIn = rng.next() >= GUEST_START;
    if (!q2Done && ui === u10i && q2Armed) {
      sid = CLASSIC_SESSION_Q2;
      q2Done = true;
      forced = q2Forced;
      loggedIn = true;
    } else if (!q1Done && (q1Armed || nextSid === CLASSIC_SESSION_Q1)) {
      sid = CLASSIC_SESSION_Q1;
      q1Done = true;
      forced = q1Forced;
      loggedIn = true;
    } else if (plantSong[ui] >= 0) {
      forced = plantFirst;
      loggedIn = true;
    }
    if (sid === 0) sid = allocSid(t);
    sessions++;
    u.inSession = true;
    u.sid = sid;
    u.sidStr = String(sid);
    u.item = 0;
    u.loggedIn = loggedIn;
    u.lastPage = -1;
    u.forced = forced;
    u.forcedPos = 0;
    let len = sessionLength(rng);
    if (forced && len < forced.length + 1) len = forced.length + 1 + rng.int(4);
    u.remaining = len;
  };

  // ---- output ----------------------------------------------------------------
  await ensureDir(outDir);
  const files: GeneratedFile[] = [];
  let stream: WriteStream | null = null;
  let streamError: Error | null = null;
  let chunk = '';
  let cur: GeneratedFile | null = null;
  let events = 0;
  let lastProgress = 0;

  const openDay = (d: number): void => {
    const date = isoDay(startMs + d * DAY_MS);
    const file = `${date}-events.csv`;
    const path = join(outDir, file);
    cur = { file, path, date, events: 0, plays: 0, bytes: 0 };
    files.push(cur);
    stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    stream.on('error', (e) => {
      streamError = e;
    });
    chunk = EVENT_HEADER + EOL;
    if (onProgress) onProgress({ events, totalEstimate, file });
  };
  const flush = async (): Promise<void> => {
    if (streamError) throw streamError;
    const s = stream!;
    const ok = s.write(chunk);
    chunk = '';
    if (!ok) await once(s, 'drain');
    if (onProgress && events - lastProgress >= PROGRESS_EVERY) {
      lastProgress = events;
      onProgress({ events, totalEstimate, file: cur!.file });
    }
  };
  const closeDay = async (): Promise<void> => {
    const s = stream!;
    if (chunk.length > 0) s.write(chunk);
    chunk = '';
    s.end();
    await once(s, 'close');
    if (streamError) throw streamError;
    cur!.bytes = s.bytesWritten;
    stream = null;
  };

  // ---- main loop ---------------------------------------------------------------
  const cdf = cat.cdf;
  const lengthMs = cat.lengthMs;
  const artistCsv = cat.artistCsv;
  const titleCsv = cat.titleCsv;
  const lengthText = cat.lengthText;
  let day = 0;
  let dayEnd = startMs + DAY_MS;
  openDay(0);
  let fileEvents = 0;
  let filePlays = 0;

  try {
    for (;;) {
      const ui = heap[0];
      const t = key[ui];
      if (t >= dayEnd) {
        cur!.events = fileEvents;
        cur!.plays = filePlays;
        fileEvents = 0;
        filePlays = 0;
        await closeDay();
        day++;
        if (day >= days) break;
        openDay(day);
        dayEnd += DAY_MS;
        continue;
      }
      if (ui === clock) {
        runAppointment(appts[apptPos++], t);
        key[clock] = apptPos < appts.length ? appts[apptPos].time : Infinity;
        siftDown(pos[clock]);
        continue;
      }
      const u = users[ui];
      if (!u.inSession) startSession(u, ui, t);

      // -- choose the page
      let page: number;
      if (u.forced !== null && u.forcedPos < u.forced.length) {
        page = u.forced[u.forcedPos++];
      } else if (!u.loggedIn) {
        page = u.lastPage === P_LOGOUT ? P_HOME : pickFrom(CUM_LO, rng.next());
      } else {
        const lp = u.lastPage;
        if (lp === P_LOGIN || lp === P_SUB_UP || lp === P_SUB_DOWN || lp === P_SAVE) page = P_HOME;
        else if (lp === -1) page = rng.next() < START_HOME ? P_HOME : P_NEXT;
        else {
          const r = rng.next();
          if (lp === P_UPGRADE && r < 0.35) page = P_SUB_UP;
          else if (lp === P_DOWNGRADE && r < 0.03) page = P_SUB_DOWN;
          else if (lp === P_SETTINGS && r < 0.2) page = P_SAVE;
          else page = pickFrom(u.level === 1 ? CUM_PAID : CUM_FREE, rng.next());
        }
      }

      // -- write the row
      let dur: number;
      if (page === P_NEXT) {
        let s: number;
        if (plantSong[ui] >= 0) {
          s = plantSong[ui];
          plantSong[ui] = -1;
        } else s = sampleSong(cdf, rng.next());
        chunk += artistCsv[s] + u.pLI + u.item + u.pLast + lengthText[s] + u.pMid[u.level] + 'PUT,NextSong,' +
          u.pReg + u.sidStr + ',' + titleCsv[s] + ',200,' + t + u.pTail;
        dur = lengthMs[s];
        filePlays++;
        if (watched[s] === 1) {
          const m = listeners.get(s)!;
          if (!m.has(u.id)) m.set(u.id, { firstName: u.first, lastName: u.last, userId: u.id });
        }
        if (classic) {
          if (u.sid === CLASSIC_SESSION_Q1 && u.item === CLASSIC_ITEM_Q1) {
            q1 = { artist: cat.artist[s], song: cat.title[s], length: Number(lengthText[s]) };
          } else if (u.sid === CLASSIC_SESSION_Q2 && ui === u10i) {
            q2.push({ artist: cat.artist[s], song: cat.title[s], itemInSession: u.item, firstName: u.first, lastName: u.last });
          }
        }
      } else {
        if (u.loggedIn) {
          chunk += u.pLI + u.item + u.pLast + u.pMid[u.level] + PAGE_TOK[page] + u.pReg + u.sidStr + ',' +
            STATUS_TOK[page] + t + u.pTail;
        } else {
          chunk += ',Logged Out,,,' + u.item + ',,,' + LEVEL_NAME[u.level] + ',,' + PAGE_TOK[page] + ',' + u.sidStr + ',' +
            STATUS_TOK[page] + t + ',' + EOL;
        }
        dur = PAGE_STATUS[page] === '307' ? 150 + rng.int(1200) : 1000 + Math.floor(rng.exp(18000));
      }
      fileEvents++;
      events++;

      // -- state after the page
      u.item++;
      u.lastPage = page;
      if (page === P_LOGOUT) u.loggedIn = false;
      else if (page === P_LOGIN) u.loggedIn = true;
      else if (page === P_SUB_UP) u.level = 1;
      else if (page === P_SUB_DOWN) u.level = 0;
      u.remaining--;
      let end = false;
      if (u.forced === null || u.forcedPos >= u.forced.length) {
        if (u.remaining <= 0) end = true;
        else if (!u.loggedIn && page !== P_LOGOUT && page !== P_LOGIN && rng.next() < 0.3) end = true;
      }
      const tn = t + Math.round(dur);
      if (end) {
        u.inSession = false;
        let next = nextSessionStart(u, tn);
        if (needsSoon(ui)) next = Math.min(next, tn + 60000 + Math.floor(rng.exp(30 * 60000)));
        key[ui] = next;
      } else key[ui] = tn;
      siftDown(0);

      if (chunk.length >= CHUNK_CHARS) await flush();
    }
  } catch (err) {
    // Leave no open file behind; the partial file stays for inspection.
    const open = stream as WriteStream | null;
    if (open) open.destroy();
    throw err;
  }

  // ---- report ------------------------------------------------------------------
  let classicFacts: ClassicFacts | null = null;
  if (classic) {
    const listOf = (s: number): ClassicListener[] =>
      [...(listeners.get(s) ?? new Map<number, ClassicListener>()).values()].sort((a, b) => a.userId - b.userId);
    if (!q1) throw new Error('the classic session 338 (item 4) could not be planted in this run');
    if (q2.length < 4) throw new Error('the classic session 182 of user 10 could not be planted in this run');
    classicFacts = {
      q1,
      q2,
      q3: listOf(cat.classicIndex),
      extra: [cat.apostropheIndex, cat.accentIndex].map((s) => ({ artist: cat.artist[s], song: cat.title[s], listeners: listOf(s) })),
    };
  }
  const plays = files.reduce((a, f) => a + f.plays, 0);
  const written = new Set(files.map((f) => f.file));
  const otherEventFiles = (await readdir(outDir)).filter((f) => /^\d{4}-\d{2}-\d{2}-events\.csv$/.test(f) && !written.has(f)).sort();
  const elapsedMs = Date.now() - t0;
  return {
    out: outDir,
    seed,
    start: startStr,
    days,
    users: users.length,
    eventsPerDay,
    files,
    events,
    plays,
    sessions,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    songs: cat.artist.length,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : events,
    classic: classicFacts,
    otherEventFiles,
  };
}

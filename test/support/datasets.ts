// test/support/datasets.ts: the event folders the tests run on, and what each must give. The sample month
// (event_data/, always in the clone) is what a newcomer's `npm test` runs on; the original 2018-11 files
// join it when SPARKIFY_EVENT_DATA names them (.ci/run sets it). The figures are in expected/*.json, made by
// expected.py with Python's csv module and no code of lib/ (regenerate:
// `python3 test/support/expected.py event_data > test/support/expected/sample.json`); an integration test
// checks the sample's file against the script, so a regenerated event_data/ cannot leave it stale.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/jupyter/paths';

/** What expected.py prints for a folder. */
export interface Expected {
  merge: { files: number; rowsRead: number; pageViews: number; plays: number };
  tableRows: Record<
    | 'songs_by_session'
    | 'songs_by_user_session'
    | 'listeners_by_song'
    | 'songs_by_user'
    | 'listeners_by_song_only'
    | 'listeners_by_song_artist',
    number
  >;
  /** Values (cells) of question 2's table, names per row and names static (the sizing formula, by hand). */
  values: { songs_by_user_session: number; songs_by_user_session_static: number };
  /** Question 3 asked with its artist (The Black Keys): userId, firstName, lastName, by userId. */
  q3b: [number, string, string][];
  /** Distinct titles, those under more than one artist and their plays, question 3's title by artist (artist, plays, listeners). */
  titles: { titles: number; shared: number; playsOfShared: number; asked: [string, number, number][] };
  /** Groups and groups where the dependency fails, per dependency of the conceptual model. */
  dependencies: Record<
    'session_id -> user_id' | 'user_id -> first_name, last_name' | 'user_id -> level',
    { groups: number; violations: number }
  >;
  /** artist, song, length */
  q1: [string, string, number][];
  /** itemInSession, artist, song, firstName, lastName */
  q2: [number, string, string, string, string][];
  /** userId, firstName, lastName, by userId */
  q3: [number, string, string][];
  /** Question 4 (every song user 10 played, newest session first): session, item, artist, song of the first and last row. */
  q4: {
    rows: number;
    sessions: number;
    first: [number, number, string, string];
    last: [number, number, string, string];
  };
  /** Question 3's listeners as "First Last", and the one a table keyed by song alone keeps (the last written). */
  wrongKey: { listeners: string[]; lastWritten: string };
  partitions: Record<
    string,
    { partitions: number; rows: number; min: number; median: number; p99: number; max: number }
  >;
}

export interface Dataset {
  /** `sample` or `originals`, for test titles and file names. */
  id: 'sample' | 'originals';
  label: string;
  dir: string;
  expected: Expected;
}

function readExpected(id: Dataset['id']): Expected {
  return JSON.parse(readFileSync(join(__dirname, 'expected', `${id}.json`), 'utf8')) as Expected;
}

export const SAMPLE: Dataset = {
  id: 'sample',
  label: 'the sample month in event_data/',
  dir: join(PROJECT_ROOT, 'event_data'),
  expected: readExpected('sample'),
};

/**
 * The original files when SPARKIFY_EVENT_DATA names them; undefined when it is unset. A value that names no
 * folder is an error, never a silent skip.
 */
export function originals(env: NodeJS.ProcessEnv = process.env): Dataset | undefined {
  const value = env.SPARKIFY_EVENT_DATA;
  if (value === undefined) return undefined;
  const dir = resolve(value);
  if (value.trim() === '' || !existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `SPARKIFY_EVENT_DATA=${JSON.stringify(value)} names no folder: point it at the original 2018-11 event files, or unset it to test on event_data/.`,
    );
  }
  return { id: 'originals', label: 'the original 2018-11 files', dir, expected: readExpected('originals') };
}

/** Every folder to test on: the sample, then the originals when named. */
export function datasets(env: NodeJS.ProcessEnv = process.env): Dataset[] {
  const o = originals(env);
  return o ? [SAMPLE, o] : [SAMPLE];
}

/** The one folder a suite that runs once uses: the originals when named, else the sample. */
export function primaryDataset(env: NodeJS.ProcessEnv = process.env): Dataset {
  return originals(env) ?? SAMPLE;
}

/** A count as the notebook and the command line print it: 6,820. */
export const thousands = (n: number): string => n.toLocaleString('en-US');

/** The three answers as rows of cells joined by a tab, the way the notebook's answer tables read. */
export function answerRows(e: Expected): { question: string; rows: string[] }[] {
  return [
    { question: 'Q1', rows: e.q1.map((r) => r.join('\t')) },
    { question: 'Q2', rows: e.q2.map((r) => r.join('\t')) },
    { question: 'Q3', rows: e.q3.map((r) => r.join('\t')) },
  ];
}

/** The answers as lib's typed functions return them. */
export function typedAnswers(e: Expected) {
  return {
    songInSession: e.q1.map(([artist, song, length]) => ({ artist, song, length })),
    sessionPlaylist: e.q2.map(([itemInSession, artist, song, firstName, lastName]) => ({
      itemInSession,
      artist,
      song,
      firstName,
      lastName,
    })),
    listenersOf: e.q3.map(([userId, firstName, lastName]) => ({ userId, firstName, lastName })),
  };
}

// columns: the columns of a daily event file and of the merged file, and the Play a merged row becomes.
// Every other etl file takes column names and positions from here.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** The 17 columns of a daily event file, in order. */
export const EVENT_COLUMNS = [
  'artist',
  'auth',
  'firstName',
  'gender',
  'itemInSession',
  'lastName',
  'length',
  'level',
  'location',
  'method',
  'page',
  'registration',
  'sessionId',
  'song',
  'status',
  'ts',
  'userId',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** The position of each column in a daily file's row. */
export const EVENT_COLUMN_INDEX = Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, i])) as Record<
  EventColumn,
  number
>;

/** The 11 columns of the merged file, in order (the original exercise's projection). */
export const PLAY_COLUMNS = [
  'artist',
  'firstName',
  'gender',
  'itemInSession',
  'lastName',
  'length',
  'level',
  'location',
  'sessionId',
  'song',
  'userId',
] as const;

export type PlayColumn = (typeof PLAY_COLUMNS)[number];

/** One song play: a kept row of the merged file, typed. */
export interface Play {
  artist: string;
  firstName: string;
  gender: string;
  itemInSession: number;
  lastName: string;
  length: number;
  level: string;
  location: string;
  sessionId: number;
  song: string;
  userId: number;
}

// questions: the exercise's questions, each written once — its words, the columns it restricts, the
// order it wants, what it returns, what identifies one answer row, and the values the exercise asks it
// with. The tables (model/tables), the checker, the typed queries, the generator's planted facts, the
// command line's answer titles and the notebook all read them from here.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

export type ClusteringOrder = 'ASC' | 'DESC';

/** A question as data. Column names are the tables' snake_case names; play field names (`sessionId`) are accepted too. */
export interface Question {
  /** Short label, e.g. `Q1`. */
  name: string;
  /** The question in words. */
  text: string;
  /** Columns restricted by equality (`= ?`), in order. */
  equals: string[];
  /** At most one column restricted by a range (`>= ? AND <= ?`). */
  range?: string;
  /** The order the answer must come in. */
  orderBy?: { column: string; order: ClusteringOrder };
  /** Columns returned, in order. */
  returns: string[];
  /** Columns that identify one answer row: a table whose key does not determine them loses rows. */
  unique?: string[];
}

/** A question of the notebook with what it returns in a few words and the values it is asked with. */
export interface AskedQuestion<
  P extends Record<string, string | number> = Record<string, string | number>,
> extends Question {
  /** What it returns, for titles: "artist, song and length". */
  brief: string;
  /** The exercise's values, keyed by play field, in `equals` order. */
  asked: Readonly<P>;
}

/** Question 1: artist, song and length of the item played at a given position of a session. */
export const QUESTION_1: AskedQuestion<{ sessionId: number; itemInSession: number }> = {
  name: 'Q1',
  text: 'Give me the artist, song title and song length of the play at itemInSession N of session S.',
  brief: 'artist, song and length',
  equals: ['session_id', 'item_in_session'],
  returns: ['artist', 'song', 'length'],
  unique: ['session_id', 'item_in_session'],
  asked: { sessionId: 338, itemInSession: 4 },
};

/** Question 2: a user's session as a playlist, in play order, with the user's name. */
export const QUESTION_2: AskedQuestion<{ userId: number; sessionId: number }> = {
  name: 'Q2',
  text: "Give me the artist and song (sorted by itemInSession) and the user's first and last name for user U in session S.",
  brief: "artist, song (by itemInSession) and user's name",
  equals: ['user_id', 'session_id'],
  orderBy: { column: 'item_in_session', order: 'ASC' },
  returns: ['item_in_session', 'artist', 'song', 'first_name', 'last_name'],
  unique: ['user_id', 'session_id', 'item_in_session'],
  asked: { userId: 10, sessionId: 182 },
};

/** Question 3: every user who played a song. */
export const QUESTION_3: AskedQuestion<{ song: string }> = {
  name: 'Q3',
  text: 'Give me the first and last name of every user who listened to song T.',
  brief: 'first and last name of every user who played the song',
  equals: ['song'],
  returns: ['user_id', 'first_name', 'last_name'],
  unique: ['song', 'user_id'],
  asked: { song: 'All Hands Against His Own' },
};

/** Question 4, the one a learner tries next: no table of the exercise serves it. */
export const QUESTION_4: AskedQuestion<{ userId: number }> = {
  name: 'Q4',
  text: 'Every song user U ever played, newest session first.',
  brief: 'every song the user played, newest session first',
  equals: ['user_id'],
  orderBy: { column: 'session_id', order: 'DESC' },
  returns: ['session_id', 'item_in_session', 'artist', 'song'],
  unique: ['user_id', 'session_id', 'item_in_session'],
  asked: { userId: 10 },
};

/** The four questions of the notebook, in order. */
export const QUESTIONS: readonly AskedQuestion[] = [QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4];

/** The values a question is asked with, in marker (`equals`) order. */
export function askedValues(q: AskedQuestion): (string | number)[] {
  return Object.values(q.asked);
}

/** "sessionId = 338, itemInSession = 4"; strings quoted as in CQL: "song = 'All Hands Against His Own'". */
export function askedText(q: AskedQuestion): string {
  return Object.entries(q.asked)
    .map(([field, v]) => `${field} = ${typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v}`)
    .join(', ');
}

/** A title for an answer: "Q1: artist, song and length for sessionId = 338, itemInSession = 4". */
export function askedTitle(q: AskedQuestion): string {
  return `${q.name}: ${q.brief} for ${askedText(q)}`;
}

/** The values the notebook asks them with (the exercise's own for Q1–Q3; user 10 for Q4), in marker order. */
export const QUESTION_VALUES: Readonly<Record<string, readonly (string | number)[]>> = Object.fromEntries(
  QUESTIONS.map((q) => [q.name, askedValues(q)]),
);

/** The exercise's own parameters for the three questions, as the typed query functions take them. */
export const CLASSIC_PARAMETERS = {
  songInSession: QUESTION_1.asked,
  sessionPlaylist: QUESTION_2.asked,
  listenersOf: QUESTION_3.asked,
} as const;

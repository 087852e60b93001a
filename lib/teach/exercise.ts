// exercise: the notebook's questions and the values it asks them with. Owns the four questions (the
// exercise's three and the one a learner tries next), their values in marker order, and question 3's data
// keyed by song alone (the wrong key of the lesson).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Question } from './question';
import type { TableSpec } from '../model/tables';

/** Question 1: one play by its session and position. */
export const QUESTION_1: Question = {
  name: 'Q1',
  text: 'Give me the artist, song title and song length of the play at itemInSession N of session S.',
  equals: ['session_id', 'item_in_session'],
  returns: ['artist', 'song', 'length'],
  unique: ['session_id', 'item_in_session'],
};

/** Question 2: a user's session as a playlist, in play order. */
export const QUESTION_2: Question = {
  name: 'Q2',
  text: "Give me the artist and song (sorted by itemInSession) and the user's first and last name for user U in session S.",
  equals: ['user_id', 'session_id'],
  orderBy: { column: 'item_in_session', order: 'ASC' },
  returns: ['item_in_session', 'artist', 'song', 'first_name', 'last_name'],
  unique: ['user_id', 'session_id', 'item_in_session'],
};

/** Question 3: every user who played a song. */
export const QUESTION_3: Question = {
  name: 'Q3',
  text: 'Give me the first and last name of every user who listened to song T.',
  equals: ['song'],
  returns: ['user_id', 'first_name', 'last_name'],
  unique: ['song', 'user_id'],
};

/** Question 4, the one a learner tries next: no table of the exercise serves it. */
export const QUESTION_4: Question = {
  name: 'Q4',
  text: 'Every song user U ever played, newest session first.',
  equals: ['user_id'],
  orderBy: { column: 'session_id', order: 'DESC' },
  returns: ['session_id', 'item_in_session', 'artist', 'song'],
  unique: ['user_id', 'session_id', 'item_in_session'],
};

/** The four questions of the notebook, in order. */
export const QUESTIONS: readonly Question[] = [QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4];

/** The values the notebook asks them with (the exercise's own for Q1–Q3; user 10 for Q4), in marker order. */
export const QUESTION_VALUES: Readonly<Record<string, readonly (string | number)[]>> = {
  Q1: [338, 4],
  Q2: [10, 182],
  Q3: ['All Hands Against His Own'],
  Q4: [10],
};

/** Question 3's data keyed by song alone — the wrong key: one row per song, listeners overwrite each other. */
export const listenersBySongOnly: TableSpec = {
  name: 'listeners_by_song_only',
  question: 'Give me the first and last name of every user who listened to song T (wrong key: song alone).',
  lookedUpBy: 'WRONG KEY on purpose: one row per song, each listener overwrites the previous one',
  columns: [
    { name: 'song', type: 'text', from: 'song' },
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'first_name', type: 'text', from: 'firstName' },
    { name: 'last_name', type: 'text', from: 'lastName' },
  ],
  partitionKey: ['song'],
  clustering: [],
  lookup: ['song'],
  returns: ['user_id', 'first_name', 'last_name'],
};

// index-demo: the indexed table the checker shows beside the exercise's three — question 2's table
// songs_by_user_session carrying SAI indexes on song and on artist — and the question that needs both its
// partition key and an index (question 5: the songs by an artist in one user's session). With them the
// checker's verdicts show both routes an index gives: question 3 through every token range, question 5 in
// one partition filtered by the index. Data only.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { withIndexes } from '../model/indexes';
import { songsByUserSession, type TableSpec } from '../model/tables';
import type { Question } from '../model/questions';

/** songs_by_user_session with an SAI index on song (question 3 through it) and one on artist (question 5). */
export const songsByUserSessionIndexed: TableSpec = withIndexes(songsByUserSession, [
  { column: 'song', kind: 'sai' },
  { column: 'artist', kind: 'sai' },
]);

/** Question 5: the songs by artist A that user U played in session S — a partition, filtered by an index. */
export const QUESTION_5: Question = {
  name: 'Q5',
  text: 'Give me the songs by artist A that user U played in session S.',
  equals: ['user_id', 'session_id', 'artist'],
  returns: ['item_in_session', 'song'],
  unique: ['user_id', 'session_id', 'item_in_session'],
};

/** The tables carrying indexes that the checker's report shows after the exercise's own. */
export const INDEXED_TABLES: readonly TableSpec[] = [songsByUserSessionIndexed];

// Small fixtures the unit tests share, written for the cases that use them: one play with every field, a
// question built from a few fields, and a table with a static column and two clustering columns (for the
// clustering-prefix and static-column rules).
import type { Play } from '../../lib/etl/columns';
import type { Question } from '../../lib/model/questions';
import type { TableSpec } from '../../lib/model/tables';

/** A play from the original files (2018-11), with `over` replacing some of its fields. */
export const play = (over: Partial<Play> = {}): Play => ({
  artist: "Des'ree",
  firstName: 'Kaylee',
  gender: 'F',
  itemInSession: 1,
  lastName: 'Summers',
  length: 246.30812,
  level: 'free',
  location: 'Phoenix-Mesa-Scottsdale, AZ',
  sessionId: 139,
  song: 'You Gotta Be',
  userId: 8,
  ...over,
});

/** A question that returns `song` and restricts nothing, with `over` replacing some of it. */
export const question = (over: Partial<Question>): Question => ({
  name: 'Qx',
  text: 'test',
  equals: [],
  returns: ['song'],
  ...over,
});

/** Songs by user, newest session first; `first_name` is static (one per partition). */
export const songsByUser: TableSpec = {
  name: 'songs_by_user',
  question: 'Every song a user played, newest session first.',
  lookedUpBy: 'songs looked up by user_id',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'first_name', type: 'text', from: 'firstName', static: true },
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'song', type: 'text', from: 'song' },
  ],
  partitionKey: ['user_id'],
  clustering: [
    { column: 'session_id', order: 'DESC' },
    { column: 'item_in_session', order: 'ASC' },
  ],
  lookup: ['user_id'],
  returns: ['session_id', 'item_in_session', 'artist', 'song'],
};

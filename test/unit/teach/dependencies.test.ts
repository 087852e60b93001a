// Unit tests of lib/teach/dependencies.ts: what the play dependencies determine, and the rows a key lets overwrite each other.
import { describe, expect, it } from 'vitest';
import {
  checkQuestion,
  closure,
  listenersBySong,
  overwriteWarnings,
  songsBySession,
  songsByUserSession,
  type TableSpec,
} from '../../../lib/index';
import { listenersBySongOnly } from '../../../lib/teach/wrong-key';
import { QUESTION_3 } from '../../../lib/model/questions';

describe('overwrites', () => {
  it('question 3 keyed by song alone loses listeners', () => {
    expect(overwriteWarnings(listenersBySongOnly, ['song', 'user_id'])).toEqual([
      'rows with the same song overwrite each other: user_id is not in the primary key',
    ]);
    const v = checkQuestion(QUESTION_3, listenersBySongOnly);
    expect(v).toMatchObject({
      served: false,
      needsAllowFiltering: false,
      reasons: ['rows with the same song overwrite each other: user_id is not in the primary key'],
    });
  });

  it.each([
    ['the right key', listenersBySong, ['song', 'user_id'], []],
    [
      'a key that determines the row through the play dependencies',
      songsBySession,
      ['user_id', 'session_id', 'item_in_session'],
      [],
    ],
    [
      'two missing columns',
      listenersBySongOnly,
      ['song', 'session_id', 'item_in_session'],
      ['rows with the same song overwrite each other: session_id and item_in_session are not in the primary key'],
    ],
    [
      'a composite key missing the position',
      { ...songsByUserSession, clustering: [] },
      ['user_id', 'session_id', 'item_in_session'],
      ['rows with the same user_id and session_id overwrite each other: item_in_session is not in the primary key'],
    ],
    [
      'play field names',
      listenersBySongOnly,
      ['song', 'userId'],
      ['rows with the same song overwrite each other: user_id is not in the primary key'],
    ],
  ] as const)('%s', (_what, table, uniqueness, warnings) => {
    expect(overwriteWarnings(table as TableSpec, uniqueness)).toEqual(warnings);
  });

  it('the dependencies: a session belongs to one user, a user has one name', () => {
    expect([...closure(['session_id'])].sort()).toEqual([
      'first_name',
      'gender',
      'last_name',
      'location',
      'session_id',
      'user_id',
    ]);
    expect(closure(['song']).size).toBe(1);
  });
});

// Unit tests of lib/teach/question-cql.ts: the SELECT a question becomes on a table.
import { describe, expect, it } from 'vitest';
import { questionCql, songsBySession, songsByUserSession } from '../../../lib/index';
import { QUESTION_1, QUESTION_2, QUESTION_4 } from '../../../lib/model/questions';
import { songsByUser, question as q } from '../../support/fixtures';

describe('questionCql', () => {
  it.each([
    [
      QUESTION_1,
      songsBySession,
      {},
      'SELECT artist, song, length FROM ks.songs_by_session WHERE session_id = ? AND item_in_session = ?',
      true,
    ],
    [
      QUESTION_2,
      songsByUserSession,
      {},
      'SELECT item_in_session, artist, song, first_name, last_name FROM ks.songs_by_user_session WHERE user_id = ? AND session_id = ? ORDER BY item_in_session ASC',
      true,
    ],
    [
      QUESTION_4,
      songsByUserSession,
      { allowFiltering: true },
      'SELECT session_id, item_in_session, artist, song FROM ks.songs_by_user_session WHERE user_id = ? ALLOW FILTERING',
      false,
    ],
    [
      QUESTION_4,
      songsByUser,
      {},
      'SELECT session_id, item_in_session, artist, song FROM ks.songs_by_user WHERE user_id = ? ORDER BY session_id DESC',
      true,
    ],
  ] as const)('%#', (question, table, opts, cql, ordered) => {
    expect(questionCql(question, table, 'ks', opts)).toMatchObject({ cql, ordered });
  });
  it('binds a range as two markers and checks names', () => {
    expect(questionCql(q({ equals: ['user_id'], range: 'session_id' }), songsByUser, 'ks')).toEqual({
      cql: 'SELECT song FROM ks.songs_by_user WHERE user_id = ? AND session_id >= ? AND session_id <= ?',
      markers: ['user_id', 'session_id from', 'session_id to'],
      ordered: true,
    });
    expect(() => questionCql(QUESTION_1, songsBySession, "ks'; DROP")).toThrow(/Invalid keyspace name/);
    expect(() => questionCql(QUESTION_2, songsBySession, 'ks')).toThrow(/has no column user_id/);
  });
});

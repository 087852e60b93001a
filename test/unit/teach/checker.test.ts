// Unit tests of lib/teach/checker.ts: the rules a SELECT must follow, table by table, with the reasons in words.
import { describe, expect, it } from 'vitest';
import {
  checkQuestion,
  columnName,
  firstFreeClustering,
  listenersBySong,
  normalizeQuestion,
  servingTables,
  songsBySession,
  songsByUserSession,
  TABLES,
} from '../../../lib/index';
import { QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4, QUESTIONS } from '../../../lib/model/questions';
import { songsByUser, question as q } from '../../support/fixtures';

describe('checkQuestion: the four questions against the three tables', () => {
  it.each([
    [QUESTION_1, songsBySession, true, [], false],
    [QUESTION_2, songsByUserSession, true, [], false],
    [QUESTION_3, listenersBySong, true, [], false],
    [
      QUESTION_1,
      songsByUserSession,
      false,
      ['returns column length that the table does not have', 'partition key column user_id is not restricted'],
      false,
    ],
    [
      QUESTION_2,
      songsBySession,
      false,
      [
        'filters on column user_id that the table does not have',
        'returns column first_name that the table does not have',
        'returns column last_name that the table does not have',
      ],
      false,
    ],
    [
      QUESTION_3,
      songsByUserSession,
      false,
      [
        'partition key column user_id is not restricted',
        'partition key column session_id is not restricted',
        'column song is not in the primary key: rows can only be filtered on it',
        'would need ALLOW FILTERING: scans every partition',
      ],
      true,
    ],
    [
      QUESTION_3,
      songsBySession,
      false,
      [
        'returns column user_id that the table does not have',
        'returns column first_name that the table does not have',
        'returns column last_name that the table does not have',
        'partition key column session_id is not restricted',
        'column song is not in the primary key: rows can only be filtered on it',
      ],
      false,
    ],
    [
      QUESTION_4,
      songsByUserSession,
      false,
      [
        'partition key column session_id is not restricted',
        'ordering by session_id needs it as the first clustering column',
        'would need ALLOW FILTERING: scans every partition',
      ],
      true,
    ],
    [
      QUESTION_4,
      songsBySession,
      false,
      [
        'filters on column user_id that the table does not have',
        'partition key column session_id is not restricted',
        'ordering by session_id needs it as the first clustering column',
      ],
      false,
    ],
    [
      QUESTION_4,
      listenersBySong,
      false,
      [
        'orders by column session_id that the table does not have',
        'returns column session_id that the table does not have',
        'returns column item_in_session that the table does not have',
        'returns column artist that the table does not have',
        'partition key column song is not restricted',
      ],
      false,
    ],
  ] as const)('%#: %s', (question, table, served, reasons, allowFiltering) => {
    const v = checkQuestion(question, table);
    expect(v.reasons).toEqual(reasons);
    expect(v.served).toBe(served);
    expect(v.needsAllowFiltering).toBe(allowFiltering);
    expect(v.question).toBe(question.name);
    expect(v.table).toBe(table.name);
  });

  it('each classic question is served by exactly its own table; the fourth by none', () => {
    expect(QUESTIONS.map((x) => servingTables(x, TABLES).map((t) => t.name))).toEqual([
      ['songs_by_session'],
      ['songs_by_user_session'],
      ['listeners_by_song'],
      [],
    ]);
  });

  it('summaries say what a served question reads', () => {
    expect(checkQuestion(QUESTION_1, songsBySession).summary).toBe(
      'Q1 on songs_by_session: served — reads one partition (session_id = ?), then item_in_session = ? inside it',
    );
    expect(checkQuestion(QUESTION_2, songsByUserSession).summary).toBe(
      'Q2 on songs_by_user_session: served — reads one partition (user_id = ?, session_id = ?), rows already in item_in_session ASC order',
    );
    expect(checkQuestion(QUESTION_4, songsByUserSession).summary).toBe(
      'Q4 on songs_by_user_session: not served — 3 reasons',
    );
  });
});

describe('checkQuestion: clustering and ordering rules', () => {
  it.each([
    ['equality on the partition key only', q({ equals: ['user_id'] }), []],
    ['equality prefix then a range', q({ equals: ['user_id', 'session_id'], range: 'item_in_session' }), []],
    ['range on the first clustering column', q({ equals: ['user_id'], range: 'session_id' }), []],
    [
      'order by the first clustering column, either direction',
      q({ equals: ['user_id'], orderBy: { column: 'session_id', order: 'ASC' } }),
      [],
    ],
    [
      'order by the next clustering column after an equality',
      q({ equals: ['user_id', 'session_id'], orderBy: { column: 'item_in_session', order: 'DESC' } }),
      [],
    ],
    [
      'order by a column fixed by equality',
      q({ equals: ['user_id', 'session_id'], orderBy: { column: 'session_id', order: 'ASC' } }),
      [],
    ],
    [
      'skipping a clustering column',
      q({ equals: ['user_id', 'item_in_session'] }),
      [
        'clustering column item_in_session is restricted but the clustering column before it, session_id, is not',
        'would need ALLOW FILTERING: reads the whole partition and discards the rows that do not match',
      ],
    ],
    [
      'restriction after a range',
      q({ equals: ['user_id', 'item_in_session'], range: 'session_id' }),
      [
        'clustering column item_in_session is restricted after the range on session_id',
        'would need ALLOW FILTERING: reads the whole partition and discards the rows that do not match',
      ],
    ],
    [
      'filter on a regular column',
      q({ equals: ['user_id', 'artist'] }),
      [
        'column artist is not in the primary key: rows can only be filtered on it',
        'would need ALLOW FILTERING: reads the whole partition and discards the rows that do not match',
      ],
    ],
    [
      'order by the second clustering column',
      q({ equals: ['user_id'], orderBy: { column: 'item_in_session', order: 'ASC' } }),
      ['ordering by item_in_session needs it as the first clustering column'],
    ],
    [
      'order by a regular column after an equality',
      q({ equals: ['user_id', 'session_id'], orderBy: { column: 'song', order: 'ASC' } }),
      ['ordering by song needs it as the first clustering column after session_id'],
    ],
    [
      'range on the partition key',
      q({ range: 'user_id' }),
      [
        'partition key column user_id is restricted by a range; a partition key column needs equality',
        'would need ALLOW FILTERING: scans every partition',
      ],
    ],
    [
      'order without the partition key',
      q({ range: 'session_id', orderBy: { column: 'session_id', order: 'DESC' } }),
      [
        'partition key column user_id is not restricted',
        'ordering by session_id works only inside one partition: across partitions rows come in token order',
        'would need ALLOW FILTERING: scans every partition',
      ],
    ],
    [
      'no restriction at all',
      q({}),
      ['partition key column user_id is not restricted', 'reads the whole table: scans every partition'],
    ],
    [
      'a returned column that does not exist',
      q({ equals: ['user_id'], returns: ['song', 'length'] }),
      ['returns column length that the table does not have'],
    ],
    [
      'a filter on a column that does not exist',
      q({ equals: ['user_id'], range: 'length' }),
      ['filters on column length that the table does not have'],
    ],
  ] as const)('%s', (_what, question, reasons) => {
    const v = checkQuestion(question, songsByUser);
    expect(v.reasons).toEqual(reasons);
    expect(v.served).toBe(reasons.length === 0);
  });

  it('accepts play field names for columns', () => {
    const v = checkQuestion(
      q({
        equals: ['userId'],
        orderBy: { column: 'sessionId', order: 'DESC' },
        returns: ['sessionId', 'itemInSession', 'artist', 'song'],
      }),
      songsByUser,
    );
    expect(v.served).toBe(true);
    expect(columnName('firstName')).toBe('first_name');
    expect(columnName('session_id')).toBe('session_id');
    expect(columnName('notAField')).toBe('notAField');
    expect(
      normalizeQuestion({
        name: 'Q',
        text: '',
        equals: ['userId'],
        range: 'itemInSession',
        returns: ['lastName'],
        unique: ['sessionId'],
      }),
    ).toEqual({
      name: 'Q',
      text: '',
      equals: ['user_id'],
      range: 'item_in_session',
      returns: ['last_name'],
      unique: ['session_id'],
    });
  });
});

describe('firstFreeClustering', () => {
  it.each([
    [['a', 'b'], [], 0],
    [['a', 'b'], ['a'], 1],
    [['a', 'b'], ['b'], 0],
    [['a', 'b'], ['a', 'b'], 2],
    [[], ['a'], 0],
  ] as const)('clustering %j, equality on %j: %i', (ck, eq, free) => {
    expect(firstFreeClustering(ck, new Set(eq))).toBe(free);
  });
});

// Unit tests of lib/teach/mapping.ts: which mapping rule put each column of a table where it is, for the
// exercise's three questions against their tables and for tables that break the rules.
import { describe, expect, it } from 'vitest';
import { MAPPING_RULES, mappingOf } from '../../../lib/teach/mapping';
import { listenersBySong, songsBySession, songsByUserSession, type TableSpec } from '../../../lib/model/tables';
import { QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4 } from '../../../lib/model/questions';
import { songsByUser } from '../../support/fixtures';

const placements = (rows: ReturnType<typeof mappingOf>) => rows.map((r) => [r.column, r.place, r.rule]);

describe('mappingOf: the three questions against their tables', () => {
  it.each([
    [
      'Q1 on songs_by_session',
      QUESTION_1,
      songsBySession,
      [
        ['session_id', 'partition key', 'equality'],
        ['item_in_session', 'clustering 1 (ASC)', 'equalityClustering'],
        ['artist', 'regular', 'returned'],
        ['song', 'regular', 'returned'],
        ['length', 'regular', 'returned'],
      ],
    ],
    [
      'Q2 on songs_by_user_session',
      QUESTION_2,
      songsByUserSession,
      [
        ['user_id', 'partition key', 'equality'],
        ['session_id', 'partition key', 'equality'],
        ['item_in_session', 'clustering 1 (ASC)', 'order'],
        ['artist', 'regular', 'returned'],
        ['song', 'regular', 'returned'],
        ['first_name', 'regular', 'returned'],
        ['last_name', 'regular', 'returned'],
      ],
    ],
    [
      'Q3 on listeners_by_song',
      QUESTION_3,
      listenersBySong,
      [
        ['song', 'partition key', 'equality'],
        ['user_id', 'clustering 1 (ASC)', 'uniqueness'],
        ['first_name', 'regular', 'returned'],
        ['last_name', 'regular', 'returned'],
      ],
    ],
  ] as const)('%s', (_, question, table, expected) => {
    expect(placements(mappingOf(question, table))).toEqual(expected);
  });

  it("each placement's why is its rule's words", () => {
    expect(mappingOf(QUESTION_3, listenersBySong)[1]).toEqual({
      column: 'user_id',
      place: 'clustering 1 (ASC)',
      rule: 'uniqueness',
      why: 'uniqueness → clustering column: without it two answer rows would share a key and overwrite',
    });
    expect(mappingOf(QUESTION_1, songsBySession)[0].why).toBe(
      'equality → partition key: the question gives it by equality, so the answer is one partition',
    );
    for (const p of mappingOf(QUESTION_2, songsByUserSession)) expect(p.why).toBe(MAPPING_RULES[p.rule]);
  });
});

describe('mappingOf: keys no rule asked for, static columns, descending order, range', () => {
  it('question 4 on the static-column table: order, then uniqueness, then static', () => {
    expect(placements(mappingOf(QUESTION_4, songsByUser))).toEqual([
      ['user_id', 'partition key', 'equality'],
      ['session_id', 'clustering 1 (DESC)', 'order'],
      ['item_in_session', 'clustering 2 (ASC)', 'uniqueness'],
      ['first_name', 'static', 'static'],
      ['artist', 'regular', 'returned'],
      ['song', 'regular', 'returned'],
    ]);
  });

  it('question 1 on a table keyed by something else: the key columns are unused', () => {
    expect(placements(mappingOf(QUESTION_1, listenersBySong))).toEqual([
      ['song', 'partition key', 'unused'],
      ['user_id', 'clustering 1 (ASC)', 'unused'],
      ['first_name', 'regular', 'returned'],
      ['last_name', 'regular', 'returned'],
    ]);
  });

  it('a clustering column after the one that already makes rows unique is unused', () => {
    const table: TableSpec = {
      ...songsBySession,
      clustering: [
        { column: 'item_in_session', order: 'ASC' },
        { column: 'song', order: 'ASC' },
      ],
    };
    expect(placements(mappingOf(QUESTION_1, table)).slice(0, 3)).toEqual([
      ['session_id', 'partition key', 'equality'],
      ['item_in_session', 'clustering 1 (ASC)', 'equalityClustering'],
      ['song', 'clustering 2 (ASC)', 'unused'],
    ]);
  });

  it('a range column is placed by the range rule; play field names are read as column names', () => {
    const question = {
      name: 'Qr',
      text: 'Plays of session S from item A to item B.',
      equals: ['sessionId'],
      range: 'itemInSession',
      returns: ['song'],
    };
    expect(placements(mappingOf(question, songsBySession)).slice(0, 2)).toEqual([
      ['session_id', 'partition key', 'equality'],
      ['item_in_session', 'clustering 1 (ASC)', 'range'],
    ]);
  });
});

// Unit tests of lib/teach/propose.ts: the minimal table for a question, and static columns in the tables it proposes.
import { describe, expect, it } from 'vitest';
import { checkQuestion, createTableCql, overwriteWarnings, proposeTable, validateTable } from '../../../lib/index';
import { QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4 } from '../../../lib/model/questions';
import { question as q } from '../../support/fixtures';

describe('proposeTable', () => {
  it('question 4: partition by user, newest session first, then the position for uniqueness', () => {
    const t = proposeTable(QUESTION_4, { uniqueness: ['user_id', 'session_id', 'item_in_session'] });
    expect(t.name).toBe('songs_by_user');
    expect(t.partitionKey).toEqual(['user_id']);
    expect(t.clustering).toEqual([
      { column: 'session_id', order: 'DESC' },
      { column: 'item_in_session', order: 'ASC' },
    ]);
    expect(t.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'user_id int',
      'session_id int',
      'item_in_session int',
      'artist text',
      'song text',
    ]);
    expect(t.lookup).toEqual(['user_id']);
    expect(createTableCql(t, 'ks')).toContain('PRIMARY KEY (user_id, session_id, item_in_session)');
    expect(createTableCql(t, 'ks')).toContain('CLUSTERING ORDER BY (session_id DESC, item_in_session ASC)');
    expect(checkQuestion(QUESTION_4, t).served).toBe(true);
    expect(overwriteWarnings(t, ['user_id', 'session_id', 'item_in_session'])).toEqual([]);
  });

  it.each([
    [QUESTION_1, { name: 'songs_by_session' }, ['session_id', 'item_in_session'], []],
    [QUESTION_1, { partitionKey: ['session_id'] }, ['session_id'], [{ column: 'item_in_session', order: 'ASC' }]],
    [QUESTION_2, {}, ['user_id', 'session_id'], [{ column: 'item_in_session', order: 'ASC' }]],
    [QUESTION_3, { name: 'listeners_by_song' }, ['song'], [{ column: 'user_id', order: 'ASC' }]],
  ] as const)('%#: the proposal serves the question without overwrites', (question, opts, pk, clustering) => {
    const t = proposeTable(question, opts);
    expect(t.partitionKey).toEqual(pk);
    expect(t.clustering).toEqual(clustering);
    expect(() => validateTable(t)).not.toThrow();
    expect(checkQuestion(question, t)).toMatchObject({ served: true, reasons: [] });
  });

  it('a range column clusters in the wanted order; uniqueness adds what the key does not determine', () => {
    const t = proposeTable(
      q({
        equals: ['user_id'],
        range: 'session_id',
        orderBy: { column: 'session_id', order: 'DESC' },
        returns: ['song'],
      }),
      { uniqueness: ['session_id', 'item_in_session'], static: ['first_name'] },
    );
    expect(t.clustering).toEqual([
      { column: 'session_id', order: 'DESC' },
      { column: 'item_in_session', order: 'ASC' },
    ]);
    expect(t.columns.find((c) => c.name === 'first_name')).toMatchObject({ static: true });
    expect(createTableCql(t, 'ks')).toContain('first_name      text static,');
  });

  it('without uniqueness the key can overwrite, and says so', () => {
    const t = proposeTable(QUESTION_3, { uniqueness: [] });
    expect(t.clustering).toEqual([]);
    expect(checkQuestion(QUESTION_3, t).reasons).toEqual([
      'rows with the same song overwrite each other: user_id is not in the primary key',
    ]);
  });

  it('refuses a question with no equality, and unknown columns', () => {
    expect(() => proposeTable(q({ range: 'session_id' }))).toThrow(/restricts no column by equality/);
    expect(() => proposeTable(q({ equals: ['user_id'], returns: ['nope'] }))).toThrow(
      /Column nope is not a play column/,
    );
    expect(() => proposeTable(QUESTION_1, { partitionKey: ['user_id'] })).toThrow(
      /not one of the question's equality columns/,
    );
  });
});

describe('static columns in the model', () => {
  const base = proposeTable(QUESTION_4);
  it('a static column must be a non-key column of a table with clustering columns', () => {
    expect(() =>
      validateTable({ ...base, columns: base.columns.map((c) => (c.name === 'artist' ? { ...c, static: true } : c)) }),
    ).not.toThrow();
    expect(() =>
      validateTable({
        ...base,
        columns: base.columns.map((c) => (c.name === 'session_id' ? { ...c, static: true } : c)),
      }),
    ).toThrow(/primary key column session_id cannot be static/);
    const noClustering = proposeTable(QUESTION_3, { uniqueness: [] });
    expect(() =>
      validateTable({
        ...noClustering,
        columns: noClustering.columns.map((c) => (c.name === 'first_name' ? { ...c, static: true } : c)),
      }),
    ).toThrow(/static column first_name needs a clustering column/);
  });
});

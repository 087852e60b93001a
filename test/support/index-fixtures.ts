// Fixtures of the index rules, shared by the checker's unit tests (the checker says this) and the operator
// test on the real node (the node does this): a small plays table in two copies — one with SAI indexes on
// song, artist and length, one with legacy indexes on the same — and questions, each with what happens to
// it on either copy: served through the index (every token range), served in one partition filtered by the
// index, needs ALLOW FILTERING, or refused outright.
import type { IndexKind } from '../../lib/model/indexes';
import type { Question } from '../../lib/model/questions';
import type { TableSpec } from '../../lib/model/tables';

/** user_id, session_id | item_in_session; artist, song and length indexed, first_name not. */
export const indexedPlays = (kind: IndexKind): TableSpec => ({
  name: `plays_${kind}`,
  question: 'fixture',
  lookedUpBy: 'plays looked up by user_id and session_id',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'song', type: 'text', from: 'song' },
    { name: 'length', type: 'double', from: 'length' },
    { name: 'first_name', type: 'text', from: 'firstName' },
  ],
  partitionKey: ['user_id', 'session_id'],
  clustering: [{ column: 'item_in_session', order: 'ASC' }],
  lookup: ['user_id', 'session_id'],
  returns: ['song'],
  indexes: ['song', 'artist', 'length'].map((column) => ({ column, kind })),
});

export type IndexOutcome = 'index' | 'partition+index' | 'allow-filtering' | 'refused';

export interface IndexCase {
  what: string;
  question: Pick<Question, 'equals' | 'range' | 'orderBy'>;
  sai: IndexOutcome;
  legacy: IndexOutcome;
}

const PK = ['user_id', 'session_id'];

/** Each question with what the node does with it on either copy (the same on both unless said). */
export const INDEX_CASES: readonly IndexCase[] = [
  { what: 'indexed text, no key', question: { equals: ['song'] }, sai: 'index', legacy: 'index' },
  {
    what: 'key + indexed text',
    question: { equals: [...PK, 'artist'] },
    sai: 'partition+index',
    legacy: 'partition+index',
  },
  {
    what: 'half the partition key',
    question: { equals: ['user_id', 'song'] },
    sai: 'allow-filtering',
    legacy: 'allow-filtering',
  },
  {
    what: 'clustering, no partition key',
    question: { equals: ['item_in_session', 'song'] },
    sai: 'allow-filtering',
    legacy: 'allow-filtering',
  },
  { what: 'two indexed columns', question: { equals: ['song', 'artist'] }, sai: 'index', legacy: 'allow-filtering' },
  { what: 'numeric range, no key', question: { equals: [], range: 'length' }, sai: 'index', legacy: 'allow-filtering' },
  {
    what: 'key + numeric range',
    question: { equals: PK, range: 'length' },
    sai: 'partition+index',
    legacy: 'allow-filtering',
  },
  { what: 'text range', question: { equals: [], range: 'song' }, sai: 'allow-filtering', legacy: 'allow-filtering' },
  {
    what: 'indexed + unindexed',
    question: { equals: ['song', 'first_name'] },
    sai: 'allow-filtering',
    legacy: 'allow-filtering',
  },
  {
    what: 'key + clustering range + indexed',
    question: { equals: [...PK, 'artist'], range: 'item_in_session' },
    sai: 'partition+index',
    legacy: 'partition+index',
  },
  {
    what: 'key + indexed, ordered',
    question: { equals: [...PK, 'artist'], orderBy: { column: 'item_in_session', order: 'DESC' } },
    sai: 'refused',
    legacy: 'refused',
  },
  {
    what: 'indexed, ordered, no key',
    question: { equals: ['song'], orderBy: { column: 'item_in_session', order: 'ASC' } },
    sai: 'refused',
    legacy: 'refused',
  },
];

/** The case as a question of the checker (it returns song; no uniqueness, so no overwrite warnings). */
export const caseQuestion = (c: IndexCase): Question => ({
  name: 'Qi',
  text: c.what,
  returns: ['song'],
  ...c.question,
});

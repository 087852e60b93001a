// Unit tests of lib/cassandra/explain.ts: each rule against the message Cassandra 5.0 (or the driver) words
// it with, and the fallback that keeps a message no rule knows. The messages are copied from a 5.0 node
// (test/integration/lesson.test.ts provokes them there) or from the Node.js driver, except those marked
// "older wording": earlier Cassandra versions' words the rules accept too.
import { describe, expect, it } from 'vitest';
import { explainCqlError } from '../../../lib/cassandra/explain';

const KEY_GIVEN = 'a row is found by its whole primary key, so an INSERT must give every key column';

describe('explainCqlError', () => {
  it.each([
    [
      'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING',
      "this WHERE does not name one partition (the table's whole partition key by equality), so Cassandra would have to scan every partition; it refuses unless told ALLOW FILTERING — the fix is a table keyed for this question",
    ],
    [
      'PRIMARY KEY column "item_in_session" cannot be restricted as preceding column "session_id" is not restricted',
      'clustering columns are restricted in key order: item_in_session can only be restricted once session_id is (by equality)',
    ],
    [
      'Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY',
      'rows come back in the clustering order (or its exact reverse) only: ORDER BY can name clustering columns, in key order, nothing else',
    ],
    [
      // the Node.js driver, on a client already shut down
      'Connecting after shutdown is not supported',
      'the connection to Cassandra was closed: run the connection cell again, then this one',
    ],
    ['Undefined column name foo in table ks.t', 'the table has no column foo: check the names in its CREATE TABLE'],
    // older wording
    ['Undefined column name first_nam', 'the table has no column first_nam: check the names in its CREATE TABLE'],
    ['table nope does not exist', 'there is no table nope in this keyspace: run the cell with its CREATE TABLE first'],
    [
      // older wording
      'unconfigured table songs_by_sesion',
      'there is no table songs_by_sesion in this keyspace: run the cell with its CREATE TABLE first',
    ],
    ['keyspace nope_ks does not exist', 'there is no keyspace nope_ks: create it first (CREATE KEYSPACE)'],
    // older wording
    ["Keyspace 'x' does not exist", 'there is no keyspace x: create it first (CREATE KEYSPACE)'],
    // older wording
    ['Keyspace sparkfy does not exist', 'there is no keyspace sparkfy: create it first (CREATE KEYSPACE)'],
    // older wording
    ['Some partition keys are missing: session_id', `${KEY_GIVEN}: session_id missing`],
    ['Some clustering keys are missing: item_in_session', `${KEY_GIVEN}: item_in_session missing`],
    [
      'Some clustering keys are missing: session_id, item_in_session',
      `${KEY_GIVEN}: session_id, item_in_session missing`,
    ],
    // older wording
    ['Some partition keys are missing: user_id, session_id', `${KEY_GIVEN}: user_id, session_id missing`],
    // older wording
    ['Missing mandatory PRIMARY KEY part song', `${KEY_GIVEN}: song missing`],
    [
      'Cannot add already existing table "songs_by_session" to keyspace "sparkify"',
      'table songs_by_session exists already: add IF NOT EXISTS, or DROP TABLE it first to change its key (a key cannot be altered)',
    ],
    [
      'Only clustering key columns can be defined in CLUSTERING ORDER directive: [artist] are not clustering columns',
      'CLUSTERING ORDER BY can only name the clustering columns of the PRIMARY KEY; artist is not one',
    ],
    [
      // older wording
      'Only clustering key columns can be defined in CLUSTERING ORDER directive: [artist]',
      'CLUSTERING ORDER BY can only name the clustering columns of the PRIMARY KEY; artist is not one',
    ],
    [
      'Static columns are only useful (and thus allowed) if the table has at least one clustering column',
      'a static column is one value per partition shared by its rows: it needs a clustering column',
    ],
    [
      'Cannot page queries with both ORDER BY and a IN restriction on the partition key; you must either remove the ORDER BY or the IN and sort client side, or disable paging for this query',
      'ORDER BY orders rows inside one partition; with IN over several partitions, sort in the client',
    ],
    [
      "line 1:9 mismatched input 'FORM' expecting K_FROM (SELECT * [FORM]...)",
      "CQL syntax error at line 1, column 10: mismatched input 'FORM' expecting K_FROM (SELECT * [FORM]...)",
    ],
    [
      "line 1:7 no viable alternative at input 'FORM' (SELECT * [FORM]...)",
      "CQL syntax error at line 1, column 8: no viable alternative at input 'FORM' (SELECT * [FORM]...)",
    ],
    [
      "line 3:0 mismatched input 'PRIMARY' expecting ')' (...  text,  length double  [PRIMARY]...)",
      "CQL syntax error at line 3, column 1: mismatched input 'PRIMARY' expecting ')' (...  text,  length double  [PRIMARY]...)",
    ],
    [
      "Expected Number, obtained 'abc'",
      "a value's type does not match its column's CQL type (e.g. text given for an int column)",
    ],
    [
      'Invalid STRING constant (338) for "session_id" of type int',
      "a value's type does not match its column's CQL type (e.g. text given for an int column)",
    ],
    [
      'Expected 4 or 0 byte int (3)',
      "a value's type does not match its column's CQL type (e.g. text given for an int column)",
    ],
  ])('%s', (message, explanation) => {
    expect(explainCqlError(new Error(message))).toBe(explanation);
  });

  it('5.0: an INSERT without its partition key column is explained by the missing-key rule', () => {
    expect(explainCqlError(new Error('Some partition key parts are missing: session_id'))).toBe(
      `${KEY_GIVEN}: session_id missing`,
    );
  });

  it('reads the message of a thrown string as well as of an Error', () => {
    expect(explainCqlError('Undefined column name foo')).toBe(
      'the table has no column foo: check the names in its CREATE TABLE',
    );
  });

  it.each([
    [
      new Error('Cannot achieve consistency level QUORUM'),
      'Cassandra refused it: Cannot achieve consistency level QUORUM',
    ],
    [new Error(''), 'Cassandra refused it: '],
    ['something else', 'Cassandra refused it: something else'],
    [42, 'Cassandra refused it: 42'],
  ])("a message no rule knows keeps Cassandra's words: %s", (err, explanation) => {
    expect(explainCqlError(err)).toBe(explanation);
  });

  it('a syntax error spread over lines is not mistaken for one line', () => {
    // The syntax rule is anchored to one line: a message with a line break falls through to the fallback.
    expect(explainCqlError(new Error('line 1:0 no viable\nalternative'))).toBe(
      'Cassandra refused it: line 1:0 no viable\nalternative',
    );
  });
});

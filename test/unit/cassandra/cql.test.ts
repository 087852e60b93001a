// Unit tests of lib/cassandra/cql.ts: the `cql` tag binds every value and pastes only checked names;
// runCql (on a stand-in client) reads the rows, the column types, `more`, and explains a refusal.
import type { Client } from 'cassandra-driver';
import { describe, expect, it } from 'vitest';
import { cql, cqlName, CqlName, runCql } from '../../../lib/cassandra/cql';

describe('the cql tag', () => {
  it('turns each value into a ? marker and binds the values in order', () => {
    const session = 338;
    const item = 4;
    expect(cql`SELECT artist FROM t WHERE session_id = ${session} AND item_in_session = ${item}`).toEqual({
      query: 'SELECT artist FROM t WHERE session_id = ? AND item_in_session = ?',
      params: [338, 4],
    });
  });

  it.each([
    ["O'Brien", "O'Brien"],
    ["'); DROP TABLE users; --", "'); DROP TABLE users; --"],
    ['', ''],
  ])('binds the string %j, never pastes it into the text', (value, bound) => {
    const s = cql`SELECT * FROM t WHERE last_name = ${value}`;
    expect(s.query).toBe('SELECT * FROM t WHERE last_name = ?');
    expect(s.params).toEqual([bound]);
    if (value) expect(s.query).not.toContain(value);
  });

  it('binds values of every kind as they are, in order', () => {
    const when = new Date('2018-11-01T00:00:00Z');
    const s = cql`INSERT INTO t (a, b, c, d, e) VALUES (${1}, ${'x'}, ${null}, ${when}, ${[1, 2]})`;
    expect(s.query).toBe('INSERT INTO t (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)');
    expect(s.params).toEqual([1, 'x', null, when, [1, 2]]);
    expect(s.params[3]).toBe(when);
  });

  it('pastes a cqlName (lower-cased, as Cassandra reads it) and binds the values around it', () => {
    const s = cql`SELECT * FROM ${cqlName('Sparkify')}.${cqlName('songs_by_session')} WHERE session_id = ${338}`;
    expect(s).toEqual({ query: 'SELECT * FROM sparkify.songs_by_session WHERE session_id = ?', params: [338] });
  });

  it('a statement with no values has no params', () => {
    expect(cql`SELECT release_version FROM system.local`).toEqual({
      query: 'SELECT release_version FROM system.local',
      params: [],
    });
  });

  it('trims the whitespace around the statement, not inside it', () => {
    const s = cql`
      SELECT artist
      FROM t   WHERE song = ${'x'}
    `;
    expect(s.query).toBe('SELECT artist\n      FROM t   WHERE song = ?');
  });

  it.each(["x'; DROP TABLE t; --", 'has space', '1abc', '', 'ks.tbl', '"quoted"', 'a'.repeat(49)])(
    'cqlName(%j) breaks the identifier rule: throws before any statement is made',
    (name) => {
      expect(() => cqlName(name)).toThrow(/Invalid name/);
      expect(() => new CqlName(name)).toThrow(`Invalid name ${JSON.stringify(name)}`);
    },
  );

  it('a CqlName keeps the checked text', () => {
    expect(cqlName('Listeners_By_Song').text).toBe('listeners_by_song');
  });
});

/** A stand-in client: `execute` answers with `columns` and `rows` (async-iterable), or throws `error`. */
function fakeClient(answer: { columns?: { name: string; type: { code: number } }[]; rows?: object[]; error?: Error }) {
  const calls: { query: string; params: unknown; options: unknown }[] = [];
  const client = {
    execute: async (query: string, params: unknown, options: unknown) => {
      calls.push({ query, params, options });
      if (answer.error) throw answer.error;
      const rows = answer.rows ?? [];
      return {
        columns: answer.columns,
        async *[Symbol.asyncIterator]() {
          yield* rows;
        },
      };
    },
  } as unknown as Client;
  return { client, calls };
}

describe('runCql', () => {
  it('names the column types by their CQL names (unknown codes by number)', async () => {
    const codes: [number, string][] = [
      [1, 'ascii'],
      [2, 'bigint'],
      [4, 'boolean'],
      [5, 'counter'],
      [7, 'double'],
      [8, 'float'],
      [9, 'int'],
      [11, 'timestamp'],
      [12, 'uuid'],
      [13, 'text'],
      [14, 'varint'],
      [15, 'timeuuid'],
      [16, 'inet'],
      [17, 'date'],
      [19, 'smallint'],
      [20, 'tinyint'],
      [32, 'list'],
      [33, 'map'],
      [34, 'set'],
      [48, 'type 48'],
    ];
    const { client } = fakeClient({ columns: codes.map(([code], i) => ({ name: `c${i}`, type: { code } })) });
    const out = await runCql(client, cql`SELECT * FROM t`);
    expect(out.kind).toBe('rows');
    if (out.kind !== 'rows') return;
    expect(out.columns.map((c) => c.type)).toEqual(codes.map(([, name]) => name));
  });

  it('reads the rows (only the result columns), prepares when values are bound', async () => {
    const { client, calls } = fakeClient({
      columns: [
        { name: 'artist', type: { code: 13 } },
        { name: 'length', type: { code: 7 } },
      ],
      rows: [
        { artist: 'Faithless', length: 495.3073, extra: 'not a column' },
        { artist: 'Muse', length: 259.26485 },
      ],
    });
    const statement = cql`SELECT artist, length FROM t WHERE session_id = ${338}`;
    const out = await runCql(client, statement);
    expect(out).toEqual({
      kind: 'rows',
      statement,
      columns: [
        { name: 'artist', type: 'text' },
        { name: 'length', type: 'double' },
      ],
      rows: [
        { artist: 'Faithless', length: 495.3073 },
        { artist: 'Muse', length: 259.26485 },
      ],
      more: false,
    });
    expect(calls).toEqual([
      {
        query: 'SELECT artist, length FROM t WHERE session_id = ?',
        params: [338],
        options: { prepare: true, fetchSize: 1001 },
      },
    ]);
  });

  it.each([
    [2, 3, 2, true],
    [3, 3, 3, false],
    [5, 3, 3, false],
  ])('maxRows %i of %i rows: keeps %i, more %s', async (maxRows, total, kept, more) => {
    const rows = Array.from({ length: total }, (_, i) => ({ n: i + 1 }));
    const { client, calls } = fakeClient({ columns: [{ name: 'n', type: { code: 9 } }], rows });
    const out = await runCql(client, cql`SELECT n FROM t`, { maxRows });
    if (out.kind !== 'rows') throw new Error('expected rows');
    expect(out.rows).toHaveLength(kept);
    expect(out.rows[0]).toEqual({ n: 1 });
    expect(out.more).toBe(more);
    expect(calls[0].options).toEqual({ prepare: false, fetchSize: maxRows + 1 });
  });

  it('a statement that returns no result has no columns and no rows', async () => {
    const { client } = fakeClient({});
    const out = await runCql(client, cql`CREATE TABLE t (a int PRIMARY KEY)`);
    expect(out).toMatchObject({ kind: 'rows', columns: [], rows: [], more: false });
  });

  it("a refusal comes back with Cassandra's message and its meaning", async () => {
    const message = 'Undefined column name foo in table ks.t';
    const { client } = fakeClient({ error: new Error(message) });
    const statement = cql`SELECT foo FROM ks.t`;
    expect(await runCql(client, statement)).toEqual({
      kind: 'refused',
      statement,
      error: message,
      explanation: 'the table has no column foo: check the names in its CREATE TABLE',
    });
  });
});

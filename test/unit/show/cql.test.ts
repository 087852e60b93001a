// Unit tests of lib/show/cql.ts: what a CQL cell shows — the rows with the values bound, "done" for a
// statement without a result, or Cassandra's refusal with its meaning, escaped.
import { describe, expect, it } from 'vitest';
import { boundText, cqlOutcomeHtml, statementHead } from '../../../lib/show/cql';
import { cql, type CqlOutcome, type ResultColumn } from '../../../lib/cassandra/cql';
import { rowsOf, textOf } from './html-text';

const TEXT: ResultColumn[] = [
  { name: 'artist', type: 'text' },
  { name: 'song', type: 'text' },
];

describe('cqlOutcomeHtml: rows', () => {
  it('a table of the result columns, in their order, captioned with the count and the values bound', () => {
    const outcome: CqlOutcome = {
      kind: 'rows',
      statement: cql`SELECT artist, song FROM t WHERE session_id = ${338} AND item_in_session = ${4}`,
      columns: TEXT,
      rows: [{ song: 'Music Matters (Mark Knight Dub)', artist: 'Faithless' }],
      more: false,
    };
    const html = cqlOutcomeHtml(outcome);
    expect(rowsOf(html)).toEqual([
      '1 row · bound: 338, 4',
      'artist | song',
      'Faithless | Music Matters (Mark Knight Dub)',
    ]);
    expect(html).toContain('<table class="sparkify-table sparkify-answer">');
  });

  it.each([
    [false, '2 rows'],
    [true, 'the first 2 rows'],
  ])('more %s: the caption says %j; no values bound, none named', (more, caption) => {
    const outcome: CqlOutcome = {
      kind: 'rows',
      statement: cql`SELECT artist, song FROM t`,
      columns: TEXT,
      rows: [
        { artist: 'Muse', song: 'Starlight' },
        { artist: 'Sia', song: '<Elastic Heart> & "more"' },
      ],
      more,
    };
    const html = cqlOutcomeHtml(outcome);
    expect(rowsOf(html)).toEqual([caption, 'artist | song', 'Muse | Starlight', 'Sia | <Elastic Heart> & "more"']);
    expect(html).toContain(
      '<td style="text-align: left">Sia</td><td style="text-align: left">&lt;Elastic Heart&gt; &amp; &quot;more&quot;</td>',
    );
  });

  it.each([
    [undefined, "0 rows · bound: 'Nobody''s Song': no rows: no partition (or row) has these key values"],
    ['nobody played this song', "0 rows · bound: 'Nobody''s Song': nobody played this song"],
    ['<none> & "nothing"', "0 rows · bound: 'Nobody''s Song': <none> & \"nothing\""],
  ])('no rows, empty text %j: one paragraph saying so', (empty, text) => {
    const outcome: CqlOutcome = {
      kind: 'rows',
      statement: cql`SELECT user_id FROM listeners_by_song WHERE song = ${"Nobody's Song"}`,
      columns: [{ name: 'user_id', type: 'int' }],
      rows: [],
      more: false,
    };
    const html = cqlOutcomeHtml(outcome, { empty });
    expect(html.startsWith('<p class="sparkify-empty">')).toBe(true);
    expect(html).not.toContain('<table');
    expect(textOf(html)).toBe(text);
  });

  it('a statement without a result (no columns): "done" with its first words', () => {
    const outcome: CqlOutcome = {
      kind: 'rows',
      statement: cql`
        CREATE TABLE IF NOT EXISTS songs_by_session (
          session_id int, item_in_session int, PRIMARY KEY (session_id, item_in_session))`,
      columns: [],
      rows: [],
      more: false,
    };
    expect(cqlOutcomeHtml(outcome)).toBe(
      '<span style="color: #047857">✔</span> <code>CREATE TABLE IF NOT EXISTS songs_by_session</code>: done.',
    );
    expect(cqlOutcomeHtml(outcome, { empty: 'ignored' })).toContain(': done.');
  });

  it('"done" escapes the statement head', () => {
    const outcome: CqlOutcome = { kind: 'rows', statement: cql`DROP TABLE a<b`, columns: [], rows: [], more: false };
    expect(cqlOutcomeHtml(outcome)).toContain('<code>DROP TABLE a&lt;b</code>');
  });
});

describe('cqlOutcomeHtml: refused', () => {
  it("Cassandra's message and what it means, the values bound, all escaped", () => {
    const outcome: CqlOutcome = {
      kind: 'refused',
      statement: cql`SELECT * FORM t WHERE last_name = ${"O'Brien"}`,
      error: "line 1:9 mismatched input 'FORM' expecting K_FROM (SELECT * [FORM]...)",
      explanation: "CQL syntax error at line 1, column 10: mismatched input 'FORM' <here>",
    };
    expect(cqlOutcomeHtml(outcome)).toBe(
      '<div class="sparkify-refused" style="border-left: 4px solid #b91c1c; background: #fef2f2; padding: 0.4em 0.8em; margin: 0.4em 0">' +
        '✘ <b>Cassandra refused it</b> (bound: &#39;O&#39;&#39;Brien&#39;): ' +
        'line 1:9 mismatched input &#39;FORM&#39; expecting K_FROM (SELECT * [FORM]...)' +
        '<br><b>What it means:</b> CQL syntax error at line 1, column 10: mismatched input &#39;FORM&#39; &lt;here&gt;.</div>',
    );
  });

  it('no values bound: no "bound" in parentheses', () => {
    const outcome: CqlOutcome = {
      kind: 'refused',
      statement: cql`SELECT foo FROM ks.t`,
      error: 'Undefined column name foo in table ks.t',
      explanation: 'the table has no column foo: check the names in its CREATE TABLE',
    };
    expect(textOf(cqlOutcomeHtml(outcome))).toBe(
      '✘ Cassandra refused it: Undefined column name foo in table ks.t What it means: the table has no column foo: check the names in its CREATE TABLE.',
    );
  });
});

describe('statementHead: the first words of a statement', () => {
  it.each([
    [
      'CREATE TABLE IF NOT EXISTS songs_by_session (\n  session_id int,\n  …)',
      'CREATE TABLE IF NOT EXISTS songs_by_session',
    ],
    ['SELECT artist, song FROM ks.t WHERE session_id = ?', 'SELECT artist, song FROM ks.t'],
    ['select artist from t where a = 1', 'select artist from t'],
    ['INSERT INTO t (a, b) VALUES (?, ?)', 'INSERT INTO t'],
    ['INSERT INTO t(a) VALUES (1)', 'INSERT INTO t(a)'],
    ["CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy'}", 'CREATE KEYSPACE ks'],
    ['  DROP   TABLE\n\tIF EXISTS ks.t  ', 'DROP TABLE IF EXISTS ks.t'],
    ['SELECT COUNT(*) FROM t', 'SELECT COUNT(*) FROM t'],
    [`TRUNCATE ${'x'.repeat(90)}`, `TRUNCATE ${'x'.repeat(71)}`],
  ])('%j → %j', (query, head) => {
    expect(statementHead(query)).toBe(head);
  });
});

describe('boundText: the values bound, in words', () => {
  it.each([
    [[], ''],
    [[338, 4], 'bound: 338, 4'],
    [["O'Brien"], "bound: 'O''Brien'"],
    [['', 'a'], "bound: '', 'a'"],
    [[true, 2.5], 'bound: true, 2.5'],
    [[null], 'bound: '], // null reads as an empty cell does
    [[new Date('2018-11-01T00:00:00Z')], 'bound: 2018-11-01T00:00:00.000Z'],
    [[[1, 2]], 'bound: [1,2]'],
  ] as [unknown[], string][])('%j → %j', (params, text) => {
    expect(boundText(params)).toBe(text);
  });

  it('a bigint reads as its digits', () => {
    expect(boundText([10n, 3])).toBe('bound: 10, 3');
  });
});

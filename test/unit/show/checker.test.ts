// Unit tests of lib/show/checker.ts: primary keys as CQL, the questions, the verdict grid, the key check,
// a table's label with its indexes.
import { describe, expect, it } from 'vitest';
import { checkAll, checkQuestion } from '../../../lib/teach/checker';
import { QUESTION_5, songsByUserSessionIndexed } from '../../../lib/teach/index-demo';
import type { TableIndex } from '../../../lib/model/indexes';
import { listenersBySong, songsByUserSession, TABLES } from '../../../lib/model/tables';
import {
  keyCheckHtml,
  primaryKeyText,
  questionsHtml,
  servedHow,
  tableLabel,
  verdictTableHtml,
} from '../../../lib/show/checker';
import { rowsOf, textOf } from './html-text';
import { QUESTIONS } from '../../../lib/model/questions';

it('primaryKeyText writes the key as CQL does', () => {
  expect(primaryKeyText(songsByUserSession)).toBe('PRIMARY KEY ((user_id, session_id), item_in_session)');
  expect(primaryKeyText(listenersBySong)).toBe('PRIMARY KEY (song, user_id)');
  expect(primaryKeyText({ partitionKey: ['song'], clustering: [] })).toBe('PRIMARY KEY (song)');
});

it('questionsHtml: one row per question, its parts as columns', () => {
  const rows = rowsOf(questionsHtml(QUESTIONS));
  expect(rows[0]).toBe('The questions, as data');
  expect(rows[1]).toBe('question | in words | equality on | range | order by | returns | one answer row per');
  expect(rows[5]).toBe(
    'Q4 | Every song user U ever played, newest session first. | user_id | — | session_id DESC | session_id, item_in_session, artist, song | user_id, session_id, item_in_session',
  );
});

describe('verdictTableHtml', () => {
  const html = verdictTableHtml(checkAll(QUESTIONS, TABLES), { caption: 'c', questions: QUESTIONS });
  const cells = [...html.matchAll(/data-question="([^"]+)" data-table="([^"]+)" data-served="(true|false)"/g)].map(
    (m) => `${m[1]} ${m[2]} ${m[3]}`,
  );

  it('has a row per question and a column per table, each cell marked with its verdict', () => {
    expect(cells).toHaveLength(12);
    expect(cells.filter((c) => c.endsWith('true'))).toEqual([
      'Q1 songs_by_session true',
      'Q2 songs_by_user_session true',
      'Q3 listeners_by_song true',
    ]);
    expect(rowsOf(html).slice(0, 2)).toEqual([
      'c',
      'question | songs_by_session | songs_by_user_session | listeners_by_song',
    ]);
  });

  it('says how a served question is read, and every reason a table does not serve one', () => {
    const rows = rowsOf(html);
    expect(rows[2]).toContain('✔ served reads one partition (session_id = ?), then item_in_session = ? inside it');
    expect(rows[5]).toContain(
      '✘ not served partition key column session_id is not restricted ordering by session_id needs it as the first clustering column would need ALLOW FILTERING: scans every partition',
    );
  });

  it('names the tables that serve each question under it, or that none does', () => {
    const rows = rowsOf(html);
    expect(rows[2]).toMatch(/^Q1 Give me the artist[^|]*served by songs_by_session \|/);
    expect(rows[5]).toMatch(/^Q4 Every song user U ever played, newest session first\. served by no table \|/);
  });

  it('escapes names and reasons, and says so when there is nothing to show', () => {
    const odd = verdictTableHtml([
      { question: '<Q>', table: 't"1', served: false, reasons: ['a <b> & c'], needsAllowFiltering: false, summary: '' },
    ]);
    expect(odd).toContain('data-question="&lt;Q&gt;" data-table="t&quot;1" data-served="false"');
    expect(odd).toContain('<li>a &lt;b&gt; &amp; c</li>');
    expect(odd).not.toMatch(/<Q>|<b> &/);
    expect(verdictTableHtml([])).toBe('<p class="sparkify-empty">No verdicts.</p>');
  });
});

it('keyCheckHtml: a tick when no rows overwrite each other, the warning otherwise', () => {
  expect(textOf(keyCheckHtml(listenersBySong, []))).toBe(
    '✔ listeners_by_song, PRIMARY KEY (song, user_id): no two rows of an answer can share this key, so no INSERT overwrites another.',
  );
  const wrong = { name: 'only_song', partitionKey: ['song'], clustering: [] };
  expect(
    textOf(keyCheckHtml(wrong, ['rows with the same song overwrite each other: user_id is not in the primary key'])),
  ).toBe(
    '⚠ only_song, PRIMARY KEY (song): rows with the same song overwrite each other: user_id is not in the primary key.',
  );
});

describe('a table with its indexes, and how an index-served verdict reads', () => {
  it.each([
    [[], 'songs_by_user_session'],
    [[{ column: 'song', kind: 'sai' }], 'songs_by_user_session with an SAI index on song'],
    [[{ column: 'song', kind: 'legacy' }], 'songs_by_user_session with a legacy secondary index on song'],
    [
      [
        { column: 'song', kind: 'sai' },
        { column: 'artist', kind: 'sai' },
      ],
      'songs_by_user_session with SAI indexes on song and artist',
    ],
    [
      [
        { column: 'song', kind: 'sai' },
        { column: 'artist', kind: 'legacy' },
      ],
      'songs_by_user_session with an SAI index on song and a legacy secondary index on artist',
    ],
  ] as [TableIndex[], string][])('tableLabel %j', (indexes, label) => {
    expect(tableLabel({ name: songsByUserSession.name, indexes })).toBe(label);
  });

  it('servedHow: the route after "served — ", empty when not served', () => {
    expect(servedHow(checkQuestion(QUESTION_5, songsByUserSessionIndexed))).toMatch(
      /^reads one partition \(user_id = \?/,
    );
    expect(servedHow(checkQuestion(QUESTION_5, songsByUserSession))).toBe('');
  });

  it('the verdict grid shows the index route in the served cell', () => {
    const html = verdictTableHtml([checkQuestion(QUESTIONS[2], songsByUserSessionIndexed)]);
    expect(textOf(html)).toContain(
      '✔ served through the SAI index on song: queries every token range (1 on this cluster)',
    );
  });
});

// Unit tests of lib/show/trace.ts: traced runs, the ALLOW FILTERING demonstration, the cost of a wrong key.
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../../lib/teach/checker';
import type { AllowFilteringDemo, WrongKeyLoss } from '../../../lib/teach/demos';
import type { QuestionRun } from '../../../lib/teach/trace';
import type { TraceSummary } from '../../../lib/teach/trace-summary';
import { listenersBySong, songsByUserSession } from '../../../lib/model/tables';
import { allowFilteringHtml, traceSummaryHtml, wrongKeyHtml } from '../../../lib/show/trace';
import { rowsOf, textOf } from './html-text';
import { QUESTION_4 } from '../../../lib/model/questions';
import { rangeScan, traceSummary } from '../../support/fixtures';

const run = (over: Partial<QuestionRun> = {}, s: Partial<TraceSummary> = {}): QuestionRun => ({
  question: 'Q1',
  table: 'songs_by_session',
  cql: 'SELECT …',
  values: [338, 4],
  rows: [],
  sortedHere: false,
  summary: traceSummary(s),
  ...over,
});

describe('traceSummaryHtml', () => {
  it('a single-partition read: one partition, SSTables, memtables, rows, coordinator (no duration)', () => {
    const rows = rowsOf(traceSummaryHtml([run()]));
    expect(rows[1]).toBe(
      'question | table | how Cassandra read it | partitions | read from | rows read → returned | coordinator',
    );
    expect(rows[2]).toBe(
      'Q1 | songs_by_session | single-partition read | 1 | memtable + 0 SSTables | 1 → 1 | 127.0.0.1',
    );
  });
  it('several replicas, skipped SSTables, no memtable', () => {
    const rows = rowsOf(
      traceSummaryHtml([
        run({}, { singlePartitionReads: 2, sstablesRead: 3, sstablesSkipped: 2, memtablesRead: false }),
      ]),
    );
    expect(rows[2]).toBe(
      'Q1 | songs_by_session | single-partition reads (2) | 2 | 3 SSTables (2 skipped) | 1 → 1 | 127.0.0.1',
    );
    expect(rowsOf(traceSummaryHtml([run({}, { sstablesRead: 1 })]))[2]).toContain('| memtable + 1 SSTable |');
  });
  it('a range scan reads every partition of the table: the count when given', () => {
    const r = run({ question: 'Q4', table: 'songs_by_user_session' }, rangeScan);
    expect(rowsOf(traceSummaryHtml([r], { partitionsInTable: { songs_by_user_session: 776 } }))[2]).toBe(
      'Q4 | songs_by_user_session | range scan: 1 token range, the whole ring | all 776 | memtable + 1 SSTable | 788 → 28 | 127.0.0.1',
    );
    expect(rowsOf(traceSummaryHtml([run({}, { ...rangeScan, rangeRequests: 16, wholeRing: false })]))[2]).toContain(
      '| range scan: 16 token ranges | all |',
    );
  });
  it('says so when nothing was traced', () => {
    expect(traceSummaryHtml([])).toBe('<p class="sparkify-empty">What the traces say: No traced runs.</p>');
  });
});

describe('allowFilteringHtml', () => {
  const verdict = checkAll([QUESTION_4], [songsByUserSession])[0];
  const demo: AllowFilteringDemo = {
    question: 'Q4',
    table: 'songs_by_user_session',
    verdict,
    cql: 'SELECT session_id FROM ks.songs_by_user_session WHERE user_id = ?',
    refusal: {
      code: 0x2200,
      message: 'Cannot execute this query as it might involve data filtering … use ALLOW FILTERING',
    },
    filtered: run({ question: 'Q4', table: 'songs_by_user_session', sortedHere: true }, rangeScan),
    partitionsInTable: 776,
    rowsInTable: 6820,
    explanation: [
      'Cassandra refused the query (…)',
      'Why: partition key column session_id is not restricted.',
      'WITH ALLOW FILTERING it runs as a range scan <…>',
    ],
  };

  it("shows the query, Cassandra's refusal in its own words, why, and the scan's trace", () => {
    const html = allowFilteringHtml(demo);
    const text = textOf(html);
    expect(text).toContain(
      'The query, as a learner would write it: SELECT session_id FROM ks.songs_by_user_session WHERE user_id = ?',
    );
    expect(text).toContain(
      '✘ Cassandra refused it (InvalidRequest, code 0x2200): Cannot execute this query as it might involve data filtering … use ALLOW FILTERING',
    );
    expect(text).toContain('Why: partition key column session_id is not restricted.');
    expect(text).not.toContain('Cassandra refused the query'); // the explanation's first line repeats the box
    expect(html).toContain('range scan &lt;…&gt;');
    expect(html).toContain('<caption>The same query WITH ALLOW FILTERING, traced</caption>');
    expect(rowsOf(html).pop()).toContain('| all 776 |');
  });

  it('keeps every explanation line when Cassandra ran the query', () => {
    const text = textOf(
      allowFilteringHtml({
        ...demo,
        refusal: null,
        explanation: ['Cassandra ran the plain query without ALLOW FILTERING.'],
      }),
    );
    expect(text).not.toContain('refused');
    expect(text).toContain('Cassandra ran the plain query without ALLOW FILTERING.');
  });
});

it('wrongKeyHtml: both tables with key and rows, one song in each, and what disappeared', () => {
  const loss: WrongKeyLoss = {
    right: 'listeners_by_song',
    wrong: 'listeners_by_song_only',
    plays: 6820,
    rightRows: 6618,
    wrongRows: 5190,
    lost: 1428,
    song: 'All Hands Against His Own',
    rightListeners: ['Jacqueline Lynch', 'Tegan Levine', 'Sara Johnson'],
    wrongListeners: ['Tegan Levine'],
    explanation: [],
  };
  const html = wrongKeyHtml(loss, [
    listenersBySong,
    { name: 'listeners_by_song_only', partitionKey: ['song'], clustering: [] },
  ]);
  expect(rowsOf(html)).toEqual([
    '6,820 plays written to both tables, without a single error',
    'table | primary key | rows | listeners of "All Hands Against His Own"',
    'listeners_by_song | PRIMARY KEY (song, user_id) | 6,618 | Jacqueline Lynch, Tegan Levine, Sara Johnson',
    'listeners_by_song_only | PRIMARY KEY (song) | 5,190 | Tegan Levine',
  ]);
  expect(textOf(html)).toContain(
    '✘ 1,428 of 6,618 listener rows silently disappeared (21.6 %): 6,618 in listeners_by_song, 5,190 in listeners_by_song_only.',
  );
  // Without the specs the key column is left empty rather than guessed.
  expect(rowsOf(wrongKeyHtml(loss))[2]).toBe(
    'listeners_by_song |  | 6,618 | Jacqueline Lynch, Tegan Levine, Sara Johnson',
  );
});

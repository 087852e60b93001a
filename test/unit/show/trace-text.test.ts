// Unit tests of lib/show/trace-text.ts: a trace summary in lines for people, and the explanations of the
// ALLOW FILTERING demonstration and of the wrong key.
import { describe, expect, it } from 'vitest';
import { checkQuestion } from '../../../lib/teach/checker';
import type { TraceSummary } from '../../../lib/teach/trace-summary';
import { listenersBySong, songsByUserSession } from '../../../lib/model/tables';
import { allowFilteringExplanation, describeTrace, wrongKeyExplanation } from '../../../lib/show/trace-text';
import { listenersBySongOnly } from '../../../lib/teach/wrong-key';
import { QUESTION_4 } from '../../../lib/model/questions';
import { rangeScan, traceSummary } from '../../support/fixtures';

describe('describeTrace', () => {
  it('a single-partition read: how, where from, rows, coordinator', () => {
    expect(describeTrace(traceSummary())).toEqual([
      'single-partition read: 1 partition of songs_by_session, found by hashing its key',
      'read from memtables + 0 SSTables',
      '1 live row and 0 tombstone cells read on the replica, 1 row returned',
      'coordinator 127.0.0.1',
    ]);
  });
  it.each([
    [
      { singlePartitionReads: 3 },
      0,
      'single-partition reads: 3 on songs_by_session (one per replica asked, or per partition named)',
    ],
    [
      rangeScan,
      0,
      'range scan: 1 token range requested, 1 seq scan covering the whole token ring — every partition of the table is read',
    ],
    [{ kind: 'other' }, 0, 'no partition read traced'],
    [{ memtablesRead: false, sstablesRead: 2, sstablesSkipped: 1 }, 1, 'read from 2 SSTables (1 SSTable skipped)'],
    [{ pages: 3 }, 3, 'coordinator 127.0.0.1 over 3 pages'],
  ] as const)('%j: line %i', (over, line, text) => {
    expect(describeTrace(traceSummary(over as Partial<TraceSummary>))[line]).toBe(text);
  });
});

describe('allowFilteringExplanation', () => {
  const base = {
    question: QUESTION_4,
    table: songsByUserSession,
    verdict: checkQuestion(QUESTION_4, songsByUserSession),
    refusal: { code: 0x2200, message: 'use ALLOW FILTERING' },
    summary: traceSummary(rangeScan),
    sortedHere: true,
    partitionsInTable: 776,
    rowsInTable: 6820,
  };
  it('the refusal, why (without the rules that only restate it), the scan, and the sort done here', () => {
    const lines = allowFilteringExplanation(base);
    expect(lines[0]).toBe('Cassandra refused the query (error 0x2200, Invalid): "use ALLOW FILTERING"');
    expect(lines[1]).toMatch(
      /^Why: partition key column session_id is not restricted\. Without the whole partition key/,
    );
    expect(lines[2]).toBe(
      'WITH ALLOW FILTERING it runs as a range scan: 1 token range covering the whole ring, i.e. all 776 partitions of songs_by_user_session; 788 live rows read on the replica to return 28 rows (the table holds 6,820 rows in all).',
    );
    expect(lines[3]).toMatch(/the rows were sorted by session_id DESC here\.$/);
  });
  it('says when Cassandra ran the plain query, and names no ranges for a single-partition read', () => {
    const lines = allowFilteringExplanation({
      ...base,
      refusal: null,
      summary: traceSummary(),
      sortedHere: false,
      rowsInTable: undefined,
    });
    expect(lines).toEqual([
      'Cassandra ran the plain query without ALLOW FILTERING.',
      'WITH ALLOW FILTERING it runs as a single-partition: 1 live row read on the replica to return 1 row.',
    ]);
  });
});

it('wrongKeyExplanation: both keys and their rows, what disappeared, one song in each table', () => {
  const lines = wrongKeyExplanation({
    right: listenersBySong,
    wrong: listenersBySongOnly,
    plays: 6820,
    rightRows: 6618,
    wrongRows: 5190,
    song: 'S',
    rightListeners: ['A B', 'C D'],
    wrongListeners: ['C D'],
  });
  expect(lines).toEqual([
    '6,820 plays written to both tables; no insert failed and no error was raised.',
    'listeners_by_song (PRIMARY KEY (song, user_id)) holds 6,618 rows: one per song and listener (replays of the same song by the same user are the same row).',
    'listeners_by_song_only (PRIMARY KEY (song)) holds 5,190 rows: one per song — every INSERT for a song replaced the previous listener.',
    '1,428 listener rows silently disappeared (21.6 %).',
    '"S": 2 listeners in listeners_by_song (A B, C D), 1 in listeners_by_song_only (C D): the last one written.',
  ]);
});

// Unit tests of lib/teach/ways/result.ts: a trace's shape as the comparison shows it (from events a 5.0
// node wrote for the SAI way and for the own table), listeners one per user, answers held against the own
// table's, and the write cost from the load times' medians.
import { describe, expect, it } from 'vitest';
import { summarizeTrace, type RawTrace } from '../../../../lib/teach/trace-summary';
import {
  checkAnswers,
  listenersFromRows,
  medianMs,
  sameListeners,
  wayTraceOf,
  writeCostOf,
  type WayListener,
} from '../../../../lib/teach/ways/result';

const trace = (activities: string[]): RawTrace => ({
  requestType: 'Execute CQL3 prepared query',
  coordinator: '127.0.0.7',
  duration: 900,
  events: activities.map((activity, i) => ({ activity, source: '127.0.0.7', elapsed: i * 10, thread: 'ReadStage-1' })),
});

const SAI = [
  'Index mean cardinalities are songs_by_user_session_sai_song:9223372036854775807. Scanning with songs_by_user_session_sai_song.',
  'Computing ranges to query',
  'Submitting range requests on 1 ranges with a concurrency of 1',
  'Submitted 1 concurrent range requests',
  'Executing read on ks.songs_by_user_session_sai using index songs_by_user_session_sai_song',
  ...['a', 'b', 'c', 'd'].flatMap(() => [
    'Executing single-partition query on songs_by_user_session_sai',
    'Acquiring sstable references',
    'Merging memtable contents',
  ]),
  'Read 4 live rows and 0 tombstone cells',
  'Index query accessed memtable indexes, 1 SSTable index, and 1 segment, post-filtered 4 rows in 4 partitions, and took 48064 microseconds.',
];

const TABLE = [
  'Executing single-partition query on listeners_by_song',
  'Acquiring sstable references',
  'Skipped 0/0 non-slice-intersecting sstables, included 0 due to tombstones',
  'Merged data from memtables and 0 sstables',
  'Read 4 live rows and 0 tombstone cells',
];

describe('wayTraceOf', () => {
  it.each([
    [
      'SAI: one token range, one read per matching partition, the index named',
      SAI,
      {
        kind: 'range scan',
        singlePartitionReads: 4,
        rangesQueried: 1,
        replicas: 1,
        rowsRead: 4,
        rowsReturned: 4,
        tables: ['songs_by_user_session_sai'],
        index: 'songs_by_user_session_sai_song',
      },
    ],
    [
      'own table: one single-partition read, no range, no index',
      TABLE,
      {
        kind: 'single-partition',
        singlePartitionReads: 1,
        rangesQueried: null,
        replicas: 1,
        rowsRead: 4,
        rowsReturned: 4,
        tables: ['listeners_by_song'],
        index: null,
      },
    ],
  ])('%s', (_name, events, want) => {
    expect(wayTraceOf(summarizeTrace([trace(events)], 4))).toEqual(want);
  });
});

describe('listeners', () => {
  const rows = [
    { user_id: 49, first_name: 'Madison', last_name: 'Henderson' },
    { user_id: 23, first_name: 'Tegan', last_name: 'Cook' },
    { user_id: 49, first_name: 'Madison', last_name: 'Henderson' },
  ];
  const want: WayListener[] = [
    { userId: 23, firstName: 'Tegan', lastName: 'Cook' },
    { userId: 49, firstName: 'Madison', lastName: 'Henderson' },
  ];
  it('one per user (a play each through an index), by user id', () => {
    expect(listenersFromRows(rows)).toEqual(want);
  });
  it.each([
    [want, want, true],
    [want, want.slice(0, 1), false],
    [want, [want[0], { ...want[1], lastName: 'X' }], false],
  ])('sameListeners %#', (a, b, same) => {
    expect(sameListeners(a, b)).toBe(same);
  });
  it('checkAnswers: each song against the reference; null for the reference itself', () => {
    const answers = new Map([
      ['s1', want],
      ['s2', want.slice(1)],
    ]);
    expect(checkAnswers(answers, undefined)).toEqual({
      checked: [
        { song: 's1', listeners: 2, same: true },
        { song: 's2', listeners: 1, same: true },
      ],
      sameAsTable: null,
    });
    const reference = new Map([
      ['s1', want],
      ['s2', want],
    ]);
    expect(checkAnswers(answers, reference)).toEqual({
      checked: [
        { song: 's1', listeners: 2, same: true },
        { song: 's2', listeners: 1, same: false },
      ],
      sameAsTable: false,
    });
  });
});

describe('write cost', () => {
  it.each([
    [[], 0],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2],
  ])('medianMs(%j) = %i', (v, m) => {
    expect(medianMs(v)).toBe(m);
  });
  it('an index or view: its load minus the plain load; the own table: its whole load', () => {
    expect(writeCostOf('sai', 7059, [300, 260, 280], [250, 240, 270])).toEqual({
      plays: 7059,
      loadMs: 280,
      loadsMs: [300, 260, 280],
      baselineMs: 250,
      extraMs: 30,
    });
    expect(writeCostOf('table', 7059, [200], [250]).extraMs).toBe(200);
  });
});

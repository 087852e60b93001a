// Unit tests of lib/teach/trace-summary.ts on trace events Cassandra 5.0 recorded on this project's node:
// single-partition reads (names and slice queries), a whole-ring range scan, and the rules event by event.
import { describe, expect, it } from 'vitest';
import { summarizeTrace, type RawTrace } from '../../../lib/teach/trace-summary';
import { describeTrace } from '../../../lib/show/trace-text';

// Events as Cassandra 5.0 wrote them on this project's node (after a flush, so SSTables show up).
const ev = (activity: string, elapsed = 0, thread = 'ReadStage-2') => ({
  activity,
  source: '127.0.0.1',
  elapsed,
  thread,
});
describe('summarizeTrace on recorded Cassandra 5.0 events', () => {
  it('a names query (Q1): single partition, memtable plus the SSTable the index found', () => {
    const t: RawTrace = {
      requestType: 'Execute CQL3 prepared query',
      coordinator: '127.0.0.1',
      duration: 2125,
      events: [
        ev('Executing single-partition query on songs_by_session', 775),
        ev('Acquiring sstable references', 860),
        ev('Merging memtable contents', 898),
        ev('Partition index found for sstable 1, size = 0', 1203),
        ev('Read 1 live rows and 0 tombstone cells', 1895),
      ],
    };
    expect(summarizeTrace([t], 1)).toMatchObject({
      kind: 'single-partition',
      singlePartitionReads: 1,
      tables: ['songs_by_session'],
      rangeRequests: null,
      seqScans: [],
      sstablesRead: 1,
      sstablesSkipped: 0,
      memtablesRead: true,
      liveRowsRead: 1,
      tombstonesRead: 0,
      coordinator: '127.0.0.1',
      durationMicros: 2125,
      rowsReturned: 1,
      pages: 1,
      nodes: ['127.0.0.1'],
    });
  });
  it('a slice query (Q2): "Merged data from memtables and N sstables" is the count', () => {
    const t: RawTrace = {
      requestType: 'Execute CQL3 prepared query',
      coordinator: '127.0.0.1',
      duration: 2906,
      events: [
        ev('Executing single-partition query on songs_by_user_session'),
        ev('Acquiring sstable references'),
        ev('Skipped 0/1 non-slice-intersecting sstables, included 0 due to tombstones'),
        ev('Partition index found for sstable 1, size = 0'),
        ev('Merged data from memtables and 1 sstables'),
        ev('Read 4 live rows and 0 tombstone cells'),
      ],
    };
    expect(summarizeTrace([t], 4)).toMatchObject({
      kind: 'single-partition',
      sstablesRead: 1,
      sstablesSkipped: 0,
      liveRowsRead: 4,
    });
  });
  it('a filtering query: a range scan of the whole ring', () => {
    const t: RawTrace = {
      requestType: 'Execute CQL3 prepared query',
      coordinator: '127.0.0.1',
      duration: 10779,
      events: [
        ev('Computing ranges to query', 482, 'Native-Transport-Requests-1'),
        ev(
          'Submitting range requests on 1 ranges with a concurrency of 1 (8985.6 rows per range expected)',
          853,
          'Native-Transport-Requests-1',
        ),
        ev('Submitted 1 concurrent range requests', 1086, 'Native-Transport-Requests-1'),
        ev('Executing seq scan across 1 sstables for (min(-9223372036854775808), min(-9223372036854775808)]', 1301),
        ev('Read 788 live rows and 0 tombstone cells', 9676),
      ],
    };
    const s = summarizeTrace([t], 28);
    expect(s).toMatchObject({
      kind: 'range scan',
      singlePartitionReads: 0,
      rangeRequests: 1,
      wholeRing: true,
      sstablesRead: 1,
      liveRowsRead: 788,
      rowsReturned: 28,
      seqScans: [{ sstables: 1, range: '(min(-9223372036854775808), min(-9223372036854775808)]' }],
    });
    expect(describeTrace(s)[0]).toBe(
      'range scan: 1 token range requested, 1 seq scan covering the whole token ring — every partition of the table is read',
    );
  });
});

describe('summarizeTrace: each event and what it counts', () => {
  const one = (...activities: string[]) =>
    summarizeTrace([{ requestType: 'r', coordinator: 'c', duration: 1, events: activities.map((a) => ev(a)) }]);
  it.each([
    [
      'a range request, thousands separated',
      ['Submitting range requests on 1,024 ranges with a concurrency of 4'],
      { rangeRequests: 1024, kind: 'range scan' },
    ],
    [
      'a seq scan of part of the ring',
      ['Executing seq scan across 2 sstables for (1, 5]'],
      { sstablesRead: 2, wholeRing: false, memtablesRead: true },
    ],
    ['a bloom filter skip', ['Bloom filter allows skipping sstable 3'], { sstablesSkipped: 1, kind: 'other' }],
    [
      'slice skips',
      ['Skipped 2/3 non-slice-intersecting sstables, included 0 due to tombstones'],
      { sstablesSkipped: 2 },
    ],
    [
      'index hits when no merge line is traced',
      ['Key cache hit for sstable 2', 'Partition index found for sstable 2, size = 0'],
      { sstablesRead: 1 },
    ],
    [
      'the merge line wins over index hits',
      ['Key cache hit for sstable 2', 'Merged data from memtables and 3 sstables'],
      { sstablesRead: 3 },
    ],
    ['tombstones', ['Read 0 live rows and 7 tombstone cells'], { liveRowsRead: 0, tombstonesRead: 7 }],
    ['nothing it knows', ['Parsing SELECT'], { kind: 'other', sstablesRead: 0, memtablesRead: false }],
  ] as const)('%s', (_what, activities, expected) => {
    expect(one(...activities)).toMatchObject(expected);
  });
  it('no trace at all: an empty summary', () => {
    expect(summarizeTrace([])).toMatchObject({
      requestType: '',
      coordinator: '',
      pages: 0,
      kind: 'other',
      durationMicros: 0,
    });
  });
});

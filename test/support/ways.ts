// Question 3's four ways as the display tests read them: one measured way built from a few fields, and a
// comparison of three (the own table, SAI, and a view Cassandra refused), figures from a sample run.
import type { WaysComparison } from '../../lib/teach/ways/compare';
import type { MeasuredWay } from '../../lib/teach/ways/result';

export const latency = {
  count: 1000,
  warmup: 100,
  p50Ms: 0.391,
  p99Ms: 7.886,
  minMs: 0.2,
  maxMs: 9,
  rows: 382,
  method: 'm',
};
export const listeners = [
  { userId: 23, firstName: 'Tegan', lastName: 'Cook' },
  { userId: 49, firstName: 'Madison', lastName: 'Henderson' },
];

export function measured(over: Partial<MeasuredWay>): MeasuredWay {
  return {
    way: 'table',
    label: 'its own table',
    schemaCql: ['CREATE TABLE …'],
    available: true,
    select: { cql: 'SELECT … WHERE song = ?', values: ['S'], bound: "SELECT … WHERE song = 'S'" },
    trace: {
      kind: 'single-partition',
      singlePartitionReads: 1,
      rangesQueried: null,
      replicas: 1,
      rowsRead: 2,
      rowsReturned: 2,
      tables: ['listeners_by_song'],
      index: null,
    },
    latency,
    disk: { bytes: 257282, source: 'nodetool tablestats: Space used (live) of listeners_by_song' },
    write: { plays: 7059, loadMs: 217, loadsMs: [217], baselineMs: 289, extraMs: 217 },
    answer: listeners,
    checked: [{ song: 'S', listeners: 2, same: true }],
    sameAsTable: null,
    ...over,
  };
}

export const comparison: WaysComparison = {
  keyspace: 'ks',
  file: 'f.csv',
  plays: 7059,
  songsInFile: 3912,
  song: 'S',
  baseline: { table: 'songs_by_user_session_plain', cql: 'CREATE TABLE …', loadMs: 289, loadsMs: [289] },
  ways: [
    measured({}),
    measured({
      way: 'sai',
      label: 'SAI index on song',
      trace: {
        kind: 'range scan',
        singlePartitionReads: 2,
        rangesQueried: 1,
        replicas: 1,
        rowsRead: 2,
        rowsReturned: 2,
        tables: ['songs_by_user_session_sai'],
        index: 'songs_by_user_session_sai_song',
      },
      disk: { bytes: 512253, source: 'system_views.sai_sstable_indexes' },
      write: { plays: 7059, loadMs: 259, loadsMs: [259], baselineMs: 289, extraMs: -30 },
      sameAsTable: true,
    }),
    {
      way: 'view',
      label: 'materialized view keyed by song',
      schemaCql: ['CREATE TABLE …', 'CREATE MATERIALIZED VIEW …'],
      available: false,
      reason: 'Materialized views are disabled. Enable in cassandra.yaml to use.',
    },
  ],
  latencyMethod: 'sequential',
  writeMethod: 'the loader',
  diskMethod: 'after a flush',
};

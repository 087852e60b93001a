// Unit tests of lib/show/ways-words.ts: the conclusion of the four ways read from the figures (where each
// way reads, its latency and disk, a refused way's reason, the write cost against the noise, the fan-out),
// and the partition-plus-index table.
import { describe, expect, it } from 'vitest';
import { insideHtml, waysConclusion } from '../../../lib/show/ways-words';
import { comparison, measured } from '../../support/ways';
import { textOf } from './html-text';

describe('waysConclusion', () => {
  const lines = waysConclusion(comparison);
  it.each([
    [
      0,
      'its own table: reads one partition (1 single-partition read), 2 rows read; p50 0.39 ms, p99 7.89 ms; 251.3 KiB on disk.',
    ],
    [
      1,
      'SAI index on song: reads 1 token range — every range of this ring — then 2 partition reads, 2 rows read; p50 0.39 ms, p99 7.89 ms; 500.2 KiB on disk.',
    ],
    [
      2,
      'materialized view keyed by song: not available here — Materialized views are disabled. Enable in cassandra.yaml to use.',
    ],
    [
      3,
      "Write cost against the plain table's load of 289 ms: SAI index on song −30 ms. None stands a fifth above it: on this few plays the difference is within a shared machine’s noise.",
    ],
  ])('line %i', (i, text) => {
    expect(lines[i]).toBe(text);
  });
  it('names the fan-out of the indexed ways, with this ring’s ranges, then the rule of thumb', () => {
    expect(lines[4]).toMatch(
      /^The own table and the view go straight to the replicas of one partition.* SAI index on song asks every token range.*here that is 1 range/,
    );
    expect(lines[5]).toMatch(/^So: an index is for filtering inside a partition/);
  });
  it('a write cost more than a fifth above the plain load is named', () => {
    const slow = measured({
      way: 'view',
      label: 'the view',
      write: { plays: 1, loadMs: 500, loadsMs: [500], baselineMs: 289, extraMs: 211 },
    });
    const c = { ...comparison, ways: [comparison.ways[0], slow] };
    expect(waysConclusion(c)[2]).toBe(
      "Write cost against the plain table's load of 289 ms: the view +211 ms. The view costs more than a fifth above it: Cassandra writes the index or view with every play.",
    );
  });
});

describe('waysConclusion lists', () => {
  it('three ways above the noise are listed as a list, the sentence capitalised', () => {
    const slow = (way: 'sai' | 'legacy' | 'view', label: string, extraMs: number) =>
      measured({
        way,
        label,
        write: { plays: 1, loadMs: 289 + extraMs, loadsMs: [289 + extraMs], baselineMs: 289, extraMs },
      });
    const c = {
      ...comparison,
      ways: [
        comparison.ways[0],
        slow('sai', 'SAI index', 95),
        slow('legacy', 'legacy index', 91),
        slow('view', 'the view', 150),
      ],
    };
    expect(waysConclusion(c)[4]).toBe(
      "Write cost against the plain table's load of 289 ms: SAI index +95 ms, legacy index +91 ms, the view +150 ms. " +
        'SAI index, legacy index and the view cost more than a fifth above it: Cassandra writes the index or view with every play.',
    );
  });
});

describe('insideHtml', () => {
  it('the index, the question as read, the trace in words and the rows', () => {
    const html = insideHtml({
      available: true,
      indexCql: "CREATE INDEX IF NOT EXISTS t_artist_sai ON ks.t (artist) USING 'sai'",
      select: { cql: 'SELECT … = ?', values: ['A'], bound: "SELECT … WHERE artist = 'A'" },
      rows: [{ item_in_session: 0, artist: 'A', song: 'S' }],
      trace: {
        kind: 'single-partition',
        singlePartitionReads: 1,
        rangesQueried: null,
        replicas: 1,
        rowsRead: 1,
        rowsReturned: 1,
        tables: ['t'],
        index: null,
      },
    });
    expect(textOf(html)).toContain("question SELECT … WHERE artist = 'A'");
    expect(textOf(html)).toContain(
      'trace single-partition read of t (1 read); 1 node in the trace; 1 row read, 1 returned',
    );
    expect(textOf(html)).toContain('1 row from one partition, filtered by the index');
  });
  it('not available: Cassandra’s reason and the index it refused', () => {
    expect(insideHtml({ available: false, indexCql: 'CREATE INDEX x', reason: 'no <SAI>' })).toBe(
      '<p>Not available here: no &lt;SAI&gt; (<code>CREATE INDEX x</code>)</p>',
    );
  });
});

// Unit tests of lib/show/ways.ts: the side-by-side table of question 3 answered each way (a measured
// way's row: bound CQL, trace in words, p50/p99, extra disk with its source, write cost, answer; a
// refused way "not available" with Cassandra's reason), the methods under it, and the terminal text.
import { describe, expect, it } from 'vitest';
import { waysHtml, waysRows, waysText, wayTraceText } from '../../../lib/show/ways';
import { comparison } from '../../support/ways';
import type { MeasuredWay } from '../../../lib/teach/ways/result';
import { rowsOf } from './html-text';

describe('waysHtml', () => {
  it('one row per way; a refused way reads not available with Cassandra’s reason', () => {
    expect(rowsOf(waysHtml(comparison))).toEqual([
      'Question 3 answered 3 ways on the same plays',
      'way | CQL | what the trace says | latency | extra disk | write cost | answer',
      "its own table | SELECT … WHERE song = 'S' | single-partition read of listeners_by_song (1 read); 1 node in the trace; 2 rows read, 2 returned | " +
        'p50 0.39 ms · p99 7.89 ms (1,000 questions) | 251.3 KiB (nodetool tablestats: Space used (live) of listeners_by_song) | ' +
        'a second table: its load 217 ms (plain table 289 ms) | 2 listeners; the reference (1 song checked)',
      "SAI index on song | SELECT … WHERE song = 'S' | 1 token range queried through index songs_by_user_session_sai_song, then 2 single-partition reads; 1 node in the trace; 2 rows read, 2 returned | " +
        'p50 0.39 ms · p99 7.89 ms (1,000 questions) | 500.2 KiB (system_views.sai_sstable_indexes) | ' +
        'load 259 ms vs 289 ms plain (−30 ms) | 2 listeners; same as the table (1 song checked)',
      'materialized view keyed by song | CREATE MATERIALIZED VIEW … | not available | not available | not available | not available | ' +
        'not available: Materialized views are disabled. Enable in cassandra.yaml to use.',
    ]);
  });
  it('the methods follow the table, escaped', () => {
    const html = waysHtml({ ...comparison, song: "<It's>" });
    expect(html).toContain('<li>7,059 plays, 3,912 songs; traced and shown: &#39;&lt;It&#39;s&gt;&#39;.</li>');
    expect(html).toContain(
      '<li>Latency: sequential.</li><li>Extra disk: after a flush.</li><li>Write cost: the loader.</li>',
    );
  });
});

describe('text', () => {
  it('a block per way, labels aligned, then the methods', () => {
    const text = waysText(comparison);
    expect(text.split('\n\n')).toHaveLength(4);
    expect(text).toContain("way                  SAI index on song\nCQL                  SELECT … WHERE song = 'S'");
    expect(text).toContain('answer               not available: Materialized views are disabled.');
  });
  it('a range request with no index named, and no range at all', () => {
    const t = { ...comparison.ways[0], available: true } as MeasuredWay;
    expect(wayTraceText({ ...t.trace, kind: 'range scan', rangesQueried: 3 })).toMatch(
      /^3 token ranges queried, then 1 single-partition read;/,
    );
    expect(wayTraceText({ ...t.trace, kind: 'other', singlePartitionReads: 0 })).toMatch(
      /^no range request, then 0 single-partition reads/,
    );
    expect(waysRows(comparison)).toHaveLength(3);
  });
});

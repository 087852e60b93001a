// Unit tests of lib/show/partitions.ts: the analysis's progress line and the statistics per table.
import { describe, expect, it } from 'vitest';
import { PARTITION_LIMITS, type PartitionStats } from '../../../lib/teach/partitions';
import { distribution } from '../../../lib/teach/statistics';
import {
  analyzeProgressHtml,
  morePartitionsOverText,
  overLimitWarning,
  partitionStatsHtml,
} from '../../../lib/show/partitions';
import { rowsOf, textOf } from './html-text';

it('analyzeProgressHtml: a bar and the plays read', () => {
  expect(textOf(analyzeProgressHtml({ plays: 3410, bytesRead: 1, bytesTotal: 4 }))).toBe('25% · 3,410 plays read');
});

describe('partitionStatsHtml', () => {
  const stats = (over: Partial<PartitionStats> = {}): PartitionStats => {
    const rowCounts = [1, 2, 2, 117];
    const byteSizes = [60, 150, 160, 7680];
    return {
      table: 'songs_by_session',
      partitionKey: ['session_id'],
      plays: 122,
      partitions: 4,
      rows: 122,
      rowsPerPartition: distribution(rowCounts),
      bytesPerPartition: distribution(byteSizes),
      totalBytes: 8050,
      largest: [],
      warnings: [],
      over: { rows: 0, bytes: 0 },
      limits: { ...PARTITION_LIMITS },
      deduplicated: false,
      rowCounts,
      byteSizes,
      ...over,
    };
  };

  it('one row per table: partitions, rows, rows per partition, estimated sizes, partitions over the guidance', () => {
    const rows = rowsOf(partitionStatsHtml([stats()]));
    expect(rows[1]).toBe(
      'table | partition key | partitions | rows | rows per partition: min / median / p99 / max | estimated size per partition: median / p99 / max | all partitions | over the guidance',
    );
    expect(rows[2]).toBe(
      'songs_by_session | session_id | 4 | 122 | 1 / 2 / 117 / 117 | 155 B / 7.5 KB / 7.5 KB | 7.9 KB | 0',
    );
    expect(partitionStatsHtml([stats()])).toContain('>155\u00a0B / 7.5\u00a0KB / 7.5\u00a0KB<'); // sizes never break inside
    expect(textOf(partitionStatsHtml([stats()]))).toContain(
      '✔ Every partition is within the usual guidance (100,000 rows, 100.0 MB).',
    );
  });

  it('lists the warnings of every table instead, escaped', () => {
    const hot = stats({
      warnings: ["partition song = 'a<b' of listeners holds 120,000 rows (over 100,000)"],
      over: { rows: 1, bytes: 0 },
    });
    const html = partitionStatsHtml([hot, stats({ table: 'other' })], { caption: 'hot' });
    expect(rowsOf(html)[2]).toMatch(/\| 1$/);
    expect(html).toContain('partition song = &#39;a&lt;b&#39; of listeners holds 120,000 rows (over 100,000)');
    expect(textOf(html)).toContain('⚠ Partitions over the usual guidance');
    expect(textOf(html)).not.toContain('✔');
  });
});

describe('the words of a partition warning', () => {
  const limits = { maxRows: 100, maxBytes: 1024 };
  const t = { name: 'listeners' };
  it.each([
    [{ rows: 100, bytes: 1024 }, null],
    [{ rows: 101, bytes: 10 }, "partition song = 'It''s', user_id = 7 of listeners holds 101 rows (over 100)"],
    [
      { rows: 1, bytes: 2048 },
      "partition song = 'It''s', user_id = 7 of listeners holds about 2.00 KiB (over 1.00 KiB)",
    ],
    [
      { rows: 1000, bytes: 2048 },
      "partition song = 'It''s', user_id = 7 of listeners holds 1,000 rows (over 100) and about 2.00 KiB (over 1.00 KiB)",
    ],
  ] as const)('%j', (size, text) => {
    expect(overLimitWarning(t, { key: { song: "It's", user_id: 7 }, ...size }, limits)).toBe(text);
  });
  it('counts the partitions it does not list', () => {
    expect(morePartitionsOverText(t, 1234)).toBe('… and 1,234 more partitions of listeners over the limits');
  });
});

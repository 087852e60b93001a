// Unit tests of lib/show/partitions.ts: the analysis's progress line and the statistics per table.
import { describe, expect, it } from 'vitest';
import { PARTITION_LIMITS, type PartitionStats } from '../../../lib/teach/partitions';
import { distribution } from '../../../lib/teach/statistics';
import {
  analyzeProgressHtml,
  morePartitionsOverText,
  overLimitWarning,
  partitionStatsHtml,
  partitionTotalsHtml,
  valuesInWords,
} from '../../../lib/show/partitions';
import { rowsOf, textOf } from './html-text';

it('analyzeProgressHtml: a bar and the plays read', () => {
  expect(textOf(analyzeProgressHtml({ plays: 3410, bytesRead: 1, bytesTotal: 4 }))).toBe('25% · 3,410 plays read');
});

describe('partitionStatsHtml', () => {
  const stats = (over: Partial<PartitionStats> = {}): PartitionStats => {
    const rowCounts = [1, 2, 2, 117];
    const valueCounts = [3, 6, 6, 351]; // 3 cells a row (artist, song, length)
    const byteSizes = [60, 150, 160, 7680];
    return {
      table: 'songs_by_session',
      partitionKey: ['session_id'],
      plays: 122,
      partitions: 4,
      rows: 122,
      rowsPerPartition: distribution(rowCounts),
      valuesPerPartition: distribution(valueCounts),
      bytesPerPartition: distribution(byteSizes),
      totalBytes: 8050,
      largest: [],
      warnings: [],
      over: { values: 0, bytes: 0 },
      limits: { ...PARTITION_LIMITS },
      cells: { cellsPerRow: 3, staticCells: 0 },
      deduplicated: false,
      rowCounts,
      valueCounts,
      byteSizes,
      ...over,
    };
  };

  it('one row per table: partitions, rows, rows and values per partition, estimated sizes, partitions over the guidance', () => {
    const rows = rowsOf(partitionStatsHtml([stats()]));
    expect(rows[1]).toBe(
      'table | partition key | partitions | rows | rows per partition: min / median / p99 / max | values (cells) per partition: min / median / p99 / max | estimated size per partition: median / p99 / max | all partitions | over the guidance',
    );
    // values: 3, 6, 6, 351 → min 3, median (6 + 6) / 2 = 6, p99 the 4th of 4 = 351, max 351.
    expect(rows[2]).toBe(
      'songs_by_session | session_id | 4 | 122 | 1 / 2 / 117 / 117 | 3 / 6 / 351 / 351 | 155 B / 7.5 KB / 7.5 KB | 7.9 KB | 0',
    );
    expect(partitionStatsHtml([stats()])).toContain('>155\u00a0B / 7.5\u00a0KB / 7.5\u00a0KB<'); // sizes never break inside
    expect(textOf(partitionStatsHtml([stats()]))).toContain(
      '✔ Every partition is within the usual guidance: at most 100,000 values (cells) and 100.0 MB per partition.',
    );
  });

  it('lists the warnings of every table instead, escaped', () => {
    const hot = stats({
      warnings: ["partition song = 'a<b' of listeners holds 240,000 values (120,000 rows × 2 cells; over 100,000)"],
      over: { values: 1, bytes: 0 },
    });
    const html = partitionStatsHtml([hot, stats({ table: 'other' })], { caption: 'hot' });
    expect(rowsOf(html)[2]).toMatch(/\| 1$/);
    expect(html).toContain(
      'partition song = &#39;a&lt;b&#39; of listeners holds 240,000 values (120,000 rows × 2 cells; over 100,000)',
    );
    expect(textOf(html)).toContain('⚠ Partitions over the usual guidance');
    expect(textOf(html)).not.toContain('✔');
  });
});

describe("valuesInWords: a partition's values (cells) with the rows they come from", () => {
  it.each([
    [{ rows: 1, values: 1 }, { cellsPerRow: 1, staticCells: 0 }, '1 value (1 row × 1 cell)'],
    [{ rows: 120_000, values: 360_000 }, { cellsPerRow: 3, staticCells: 0 }, '360,000 values (120,000 rows × 3 cells)'],
    [{ rows: 2, values: 5 }, { cellsPerRow: 2, staticCells: 1 }, '5 values (2 rows × 2 cells + 1 static cell)'],
    [{ rows: 2, values: 6 }, { cellsPerRow: 2, staticCells: 2 }, '6 values (2 rows × 2 cells + 2 static cells)'],
  ] as const)('%j × %j', (p, cells, text) => {
    expect(valuesInWords(p, cells)).toBe(text);
  });
});

describe('the words of a partition warning', () => {
  const limits = { maxValues: 100, maxBytes: 1024 };
  const t = { name: 'listeners' };
  const twoCells = { cellsPerRow: 2, staticCells: 0 };
  it.each([
    [{ rows: 50, values: 100, bytes: 1024 }, twoCells, null],
    [
      { rows: 51, values: 102, bytes: 10 },
      twoCells,
      "partition song = 'It''s', user_id = 7 of listeners holds 102 values (51 rows × 2 cells; over 100)",
    ],
    [
      { rows: 49, values: 100, bytes: 10 },
      { cellsPerRow: 2, staticCells: 2 },
      null, // 49 × 2 + 2 = 100: at the limit, not over it
    ],
    [
      { rows: 50, values: 102, bytes: 10 },
      { cellsPerRow: 2, staticCells: 2 },
      "partition song = 'It''s', user_id = 7 of listeners holds 102 values (50 rows × 2 cells + 2 static cells; over 100)",
    ],
    [
      { rows: 1, values: 2, bytes: 2048 },
      twoCells,
      "partition song = 'It''s', user_id = 7 of listeners holds about 2.00 KiB (over 1.00 KiB)",
    ],
    [
      { rows: 1000, values: 2000, bytes: 2048 },
      twoCells,
      "partition song = 'It''s', user_id = 7 of listeners holds 2,000 values (1,000 rows × 2 cells; over 100) and about 2.00 KiB (over 1.00 KiB)",
    ],
  ] as const)('%j', (size, cells, text) => {
    expect(overLimitWarning(t, { key: { song: "It's", user_id: 7 }, ...size }, limits, cells)).toBe(text);
  });
  it('counts the partitions it does not list', () => {
    expect(morePartitionsOverText(t, 1234)).toBe('… and 1,234 more partitions of listeners over the limits');
  });
});

describe('partitionTotalsHtml: tables side by side by their totals', () => {
  /** A table's statistics with only what the totals read set by the case (the rest any valid value). */
  const totals = (table: string, partitions: number, rows: number, valueCounts: number[], totalBytes: number) => {
    const d = distribution([1]);
    const s: PartitionStats = {
      table,
      partitionKey: ['user_id'],
      plays: rows,
      partitions,
      rows,
      rowsPerPartition: d,
      valuesPerPartition: d,
      bytesPerPartition: d,
      totalBytes,
      largest: [],
      warnings: [],
      over: { values: 0, bytes: 0 },
      limits: { ...PARTITION_LIMITS },
      cells: { cellsPerRow: 3, staticCells: 0 },
      deduplicated: false,
      rowCounts: [],
      valueCounts,
      byteSizes: [],
    };
    return s;
  };

  it('one row per table: partitions, rows, all values (cells) summed, estimated size; with the caption', () => {
    const html = partitionTotalsHtml(
      [
        totals('songs_by_user', 2, 5, [7, 9], 1536),
        totals('songs_by_user_static', 2, 5, [5, 6], 1234),
        totals('listeners_by_song', 1234, 120_000, [360_000, 1000], 5 * 1024 * 1024),
      ],
      { caption: 'a table & its <static> twin' },
    );
    expect(rowsOf(html)).toEqual([
      'a table & its <static> twin',
      'table | partitions | rows | values (cells) | estimated size',
      'songs_by_user | 2 | 5 | 16 | 1.5 KB',
      'songs_by_user_static | 2 | 5 | 11 | 1.2 KB',
      'listeners_by_song | 1,234 | 120,000 | 361,000 | 5.0 MB',
    ]);
    expect(html).toContain('<caption>a table &amp; its &lt;static&gt; twin</caption>');
    expect(html).toContain('<table class="sparkify-table sparkify-totals">');
  });

  it('no caption unless given', () => {
    const html = partitionTotalsHtml([totals('t', 1, 1, [3], 100)]);
    expect(html).not.toContain('<caption>');
    expect(rowsOf(html)).toEqual([
      'table | partitions | rows | values (cells) | estimated size',
      't | 1 | 1 | 3 | 100 B',
    ]);
  });
});

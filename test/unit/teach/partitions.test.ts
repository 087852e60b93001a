// Unit tests of lib/teach/partitions.ts: streaming the merged file into per-table partition statistics
// (with the hot-partition file of hot-partition.ts, and the histograms of lib/show/partition-chart.ts drawn from them).
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzePartitions,
  describePartitionStats,
  partitionHistogramSpec,
  partitionHistogramSvg,
  PARTITION_LIMITS,
  PLAY_COLUMNS,
  quoteAllCsv,
  songsBySession,
  songsByUserSession,
  writeHotPartitionFile,
  type Play,
} from '../../../lib/index';
import { play } from '../../support/fixtures';

describe('analyzePartitions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-partitions-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const writeMerged = async (name: string, plays: Play[]) => {
    const file = join(dir, name);
    await writeFile(file, quoteAllCsv([[...PLAY_COLUMNS], ...plays.map((p) => PLAY_COLUMNS.map((c) => String(p[c])))]));
    return file;
  };

  it('streams the merged file: partitions, rows after upserts, and the same estimates as the formula', async () => {
    const plays = [
      play({}),
      play({ itemInSession: 3, artist: 'Mr Oizo', song: 'Flat 55' }),
      play({ sessionId: 200, itemInSession: 0, userId: 9, firstName: 'Al', lastName: 'Bo', song: 'Flat 55' }),
      play({ sessionId: 200, itemInSession: 1, userId: 9, firstName: 'Al', lastName: 'Bo', song: 'Flat 55' }), // a replay
      play({ sessionId: 201, itemInSession: 0, userId: 9, firstName: 'Al', lastName: 'Bo', song: 'Yellow' }),
    ];
    const file = await writeMerged('small.csv', plays);
    const [bySession, byUserSession, bySong] = await analyzePartitions(file);
    expect(bySession).toMatchObject({
      table: 'songs_by_session',
      plays: 5,
      partitions: 3,
      rows: 5,
      deduplicated: false,
      warnings: [],
    });
    expect(bySession.rowCounts).toEqual([1, 2, 2]);
    expect(bySession.valueCounts).toEqual([3, 6, 6]); // 3 cells a row: artist, song, length
    expect(bySession.rowsPerPartition).toEqual({ min: 1, median: 2, p99: 2, max: 2, mean: 5 / 3 });
    expect(bySession.largest[0]).toEqual({
      key: { session_id: 139 },
      rows: 2,
      values: 6,
      // By hand: session_id 4 + two rows (item 4 + "Des'ree" 7 + "You Gotta Be" 12 + length 8 = 31; 4 + "Mr Oizo"
      // 7 + "Flat 55" 7 + 8 = 26) + 6 values × 8 bytes of timestamp = 4 + 57 + 48.
      bytes: 109,
    });
    expect(byUserSession).toMatchObject({ partitions: 3, rows: 5 });
    expect(byUserSession.largest.map((p) => p.key)).toContainEqual({ user_id: 9, session_id: 200 });
    // listeners_by_song: 'You Gotta Be' {8}, 'Flat 55' {8, 9 (twice)}, 'Yellow' {9} → 3 partitions, 4 rows.
    expect(bySong).toMatchObject({ table: 'listeners_by_song', plays: 5, partitions: 3, rows: 4, deduplicated: true });
    expect(bySong.largest[0]).toEqual({
      key: { song: 'Flat 55' },
      rows: 2,
      values: 4, // 2 cells a row: first_name, last_name
      // By hand: "Flat 55" 7 + user 8 (4 + "Kaylee" 6 + "Summers" 7 = 17) + user 9 (4 + "Al" 2 + "Bo" 2 = 8) + 4 × 8 = 64.
      bytes: 64,
    });
    // + "You Gotta Be" (12 + 17 + 2 × 8 = 45) + "Yellow" (6 + 8 + 2 × 8 = 30).
    expect(bySong.totalBytes).toBe(64 + 45 + 30);
    expect(describePartitionStats(bySong)[0]).toBe(
      'listeners_by_song (partition key song): 3 partitions, 4 rows from 5 plays',
    );
  });

  it('a deliberately hot key: one session of 120,000 plays passes the 100,000-value guidance', async () => {
    const hot = await writeHotPartitionFile(join(dir, 'hot.csv'));
    expect(hot).toMatchObject({ plays: 122_000, hotSessionId: 999_999 });
    const [bySession, byUserSession, bySong] = await analyzePartitions(hot.file);
    expect(PARTITION_LIMITS).toEqual({ maxValues: 100_000, maxBytes: 104_857_600 });
    expect(bySession).toMatchObject({ partitions: 201, rows: 122_000, over: { values: 1, bytes: 0 } });
    expect(bySession.rowsPerPartition).toMatchObject({ min: 10, median: 10, p99: 10, max: 120_000 });
    // 3 cells a row: 10 rows → 30 values, 120,000 rows → 360,000; p99 is the 199th of 201 partitions.
    expect(bySession.valuesPerPartition).toMatchObject({ min: 30, median: 30, p99: 30, max: 360_000 });
    expect(bySession.warnings).toEqual([
      'partition session_id = 999999 of songs_by_session holds 360,000 values (120,000 rows × 3 cells; over 100,000)',
    ]);
    // songs_by_user_session: 7 columns − 3 key columns = 4 cells a row.
    expect(byUserSession.warnings).toEqual([
      'partition user_id = 7, session_id = 999999 of songs_by_user_session holds 480,000 values (120,000 rows × 4 cells; over 100,000)',
    ]);
    expect(bySong.warnings).toEqual([]);
    expect(describePartitionStats(bySession)).toEqual(
      expect.arrayContaining([
        '  values (cells) per partition: min 30, median 30, p99 30, max 360,000 (3 cells a row)',
        expect.stringMatching(/^ {2}largest: session_id = 999999 with 360,000 values \(120,000 rows × 3 cells\), /),
        '  WARNING: partition session_id = 999999 of songs_by_session holds 360,000 values (120,000 rows × 3 cells; over 100,000)',
      ]),
    );
  });

  it('warns on size too, and counts what it does not list', async () => {
    const hot = await writeHotPartitionFile(join(dir, 'small-hot.csv'), {
      hotRows: 1000,
      sessions: 12,
      rowsPerSession: 3,
    });
    const [bySession] = await analyzePartitions(hot.file, {
      tables: [songsBySession],
      limits: { maxValues: 1500, maxBytes: 10_000 },
    });
    // The hot partition by hand: Nv = 1000 × 3; pk 4; each row 4 + "Artist <(i % 500) % 97>" + 24-byte title + 8.
    let rowBytes = 0;
    for (let i = 0; i < 1000; i++) rowBytes += 4 + `Artist ${(i % 500) % 97}`.length + 24 + 8;
    const bytes = 4 + rowBytes + 3000 * 8;
    expect(bySession.largest[0]).toEqual({ key: { session_id: 999_999 }, rows: 1000, values: 3000, bytes });
    expect(bySession.warnings).toEqual([
      `partition session_id = 999999 of songs_by_session holds 3,000 values (1,000 rows × 3 cells; over 1,500) and about ${(bytes / 1024).toFixed(1)} KiB (over 9.77 KiB)`,
    ]);
    const many = await analyzePartitions(hot.file, { tables: [songsBySession], limits: { maxValues: 1 } });
    expect(many[0].warnings).toHaveLength(11);
    expect(many[0].warnings[10]).toBe('… and 3 more partitions of songs_by_session over the limits');
    expect(many[0].over.values).toBe(13);
  });

  it('renders the histograms to SVG in Node, with axis titles and the guidance line when in view', async () => {
    const hot = await writeHotPartitionFile(join(dir, 'hot-chart.csv'), { hotRows: 60_000, sessions: 20 });
    const [bySession] = await analyzePartitions(hot.file, { tables: [songsByUserSession] });
    const svg = await partitionHistogramSvg(bySession); // values (cells) by default: 60,000 rows × 4 cells
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Values (cells) per partition');
    expect(svg).toContain('Partitions');
    expect(svg).toContain('songs_by_user_session: values (cells) per partition');
    expect(svg).toContain('100,000-value guidance');
    const rows = await partitionHistogramSvg(bySession, 'rows');
    expect(rows).toContain('Rows per partition');
    expect(rows).not.toContain('guidance'); // the guidance counts values, not rows
    const bytes = await partitionHistogramSvg(bySession, 'bytes');
    expect(bytes).toContain('Estimated partition size (bytes)');
    expect(bytes).not.toContain('guidance');
    const spec = partitionHistogramSpec(bySession) as { data: { values: { partitions: number }[] } };
    expect(spec.data.values.reduce((s, b) => s + b.partitions, 0)).toBe(21);
  });
});

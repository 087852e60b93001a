import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzePartitions, describePartitionStats, distribution, estimatePartitionSize, histogramBins, listenersBySong,
  listenersBySongOnly, partitionHistogramSpec, partitionHistogramSvg, PARTITION_LIMITS, PLAY_COLUMNS, quoteAllCsv,
  songsBySession, songsByUserSession, valueSize, writeHotPartitionFile, type Play, type TableSpec,
} from '../../../lib/index';

const play = (over: Partial<Play>): Play => ({
  artist: "Des'ree", firstName: 'Kaylee', gender: 'F', itemInSession: 1, lastName: 'Summers', length: 246.30812,
  level: 'free', location: 'Phoenix-Mesa-Scottsdale, AZ', sessionId: 139, song: 'You Gotta Be', userId: 8, ...over,
});

const withStatic: TableSpec = {
  name: 'songs_by_user',
  question: 'Every song a user played.',
  lookedUpBy: 'songs looked up by user_id',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'first_name', type: 'text', from: 'firstName', static: true },
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'length', type: 'double', from: 'length' },
  ],
  partitionKey: ['user_id'],
  clustering: [{ column: 'session_id', order: 'DESC' }, { column: 'item_in_session', order: 'ASC' }],
  lookup: ['user_id'],
  returns: ['artist'],
};

describe('the sizing formula, by hand', () => {
  it('value sizes: fixed types and real UTF-8 byte lengths', () => {
    expect([valueSize('int', 7), valueSize('double', 1.5), valueSize('bigint', 1), valueSize('boolean', true)]).toEqual([4, 8, 8, 1]);
    expect(valueSize('text', 'Yellow')).toBe(6);
    expect(valueSize('text', 'Déjà vu')).toBe(9); // é and à take 2 bytes each
    expect(valueSize('text', 'Franz\u00c3\u00c2\u00b6sisch')).toBe(16); // double-encoded text as stored: 10 ASCII + 3 two-byte characters
  });

  it('songs_by_session, session 139 with two plays', () => {
    // Nc 5, Npk 2 (session_id, item_in_session), Ns 0: Nv = 2 × (5 − 2 − 0) + 0 = 6 cells.
    // pk: int 4. Rows: 4 + "Des'ree" 7 + "You Gotta Be" 12 + 8 = 31; 4 + "Mr Oizo" 7 + "Flat 55" 7 + 8 = 26.
    // Ps = 4 + 0 + (31 + 26) + 6 × 8 = 109.
    const est = estimatePartitionSize(songsBySession, [
      play({}),
      play({ itemInSession: 3, artist: 'Mr Oizo', song: 'Flat 55', length: 144.03873 }),
    ]);
    expect(est).toEqual({ rows: 2, values: 6, partitionKeyBytes: 4, staticBytes: 0, rowBytes: 57, timestampBytes: 48, bytes: 109 });
  });

  it('listeners_by_song, "Déjà vu" played by two users, one of them twice (an upsert)', () => {
    // Nc 4, Npk 2 (song, user_id), Ns 0: Nr = 2 (user 8's replay is the same row), Nv = 2 × 2 = 4.
    // pk: 9 bytes. Rows: 4 + "Kaylee" 6 + "Summers" 7 = 17 (the replay replaces the first), 4 + "Al" 2 + "Bo" 2 = 8.
    // Ps = 9 + 0 + 25 + 4 × 8 = 66.
    const est = estimatePartitionSize(listenersBySong, [
      play({ song: 'Déjà vu', userId: 8, firstName: 'Kay', lastName: 'S' }),
      play({ song: 'Déjà vu', userId: 9, firstName: 'Al', lastName: 'Bo' }),
      play({ song: 'Déjà vu', userId: 8 }),
    ]);
    expect(est).toEqual({ rows: 2, values: 4, partitionKeyBytes: 9, staticBytes: 0, rowBytes: 25, timestampBytes: 32, bytes: 66 });
  });

  it('a static column counts once per partition: Nv = Nr × (Nc − Npk − Ns) + Ns', () => {
    // Nc 6, Npk 3, Ns 1: Nv = 2 × (6 − 3 − 1) + 1 = 5 cells → 40 bytes of timestamps.
    // pk 4; static "Kaylee" 6 (the last write); rows: 4 + 4 + "Des'ree" 7 + 8 = 23, 4 + 4 + "Mr Oizo" 7 + 8 = 23.
    // Ps = 4 + 6 + 46 + 40 = 96.
    const est = estimatePartitionSize(withStatic, [
      play({ firstName: 'Kay' }),
      play({ itemInSession: 3, artist: 'Mr Oizo' }),
    ]);
    expect(est).toEqual({ rows: 2, values: 5, partitionKeyBytes: 4, staticBytes: 6, rowBytes: 46, timestampBytes: 40, bytes: 96 });
  });

  it('the wrong key keeps one row per song: Nr = 1 whatever the plays', () => {
    const est = estimatePartitionSize(listenersBySongOnly, [play({ userId: 1 }), play({ userId: 2, firstName: 'Al', lastName: 'Bo' })]);
    // Nc 4, Npk 1: Nv = 1 × 3 = 3. pk 12; row: 4 + 2 + 2 = 8 (the last listener). Ps = 12 + 8 + 24 = 44.
    expect(est).toEqual({ rows: 1, values: 3, partitionKeyBytes: 12, staticBytes: 0, rowBytes: 8, timestampBytes: 24, bytes: 44 });
  });

  it('refuses plays of different partitions', () => {
    expect(() => estimatePartitionSize(songsBySession, [play({}), play({ sessionId: 140 })])).toThrow(/another partition/);
  });
});

describe('distribution', () => {
  it.each([
    [[3, 1, 4, 2], { min: 1, median: 2.5, p99: 4, max: 4, mean: 2.5 }],
    [[5], { min: 5, median: 5, p99: 5, max: 5, mean: 5 }],
    [Array.from({ length: 100 }, (_, i) => 100 - i), { min: 1, median: 50.5, p99: 99, max: 100, mean: 50.5 }],
    [Array.from({ length: 201 }, (_, i) => (i === 200 ? 120_000 : 10)), { min: 10, median: 10, p99: 10, max: 120_000, mean: (200 * 10 + 120_000) / 201 }],
    [[], { min: 0, median: 0, p99: 0, max: 0, mean: 0 }],
  ])('%#', (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });

  it('histogram bins: round steps from 0, every value counted once', () => {
    expect(histogramBins([1, 1, 2, 5])).toEqual([0, 1, 2, 3, 4, 5].map((from) => ({ from, to: from + 1, partitions: [0, 2, 1, 0, 0, 1][from] })));
    const bins = histogramBins([10, 10, 120_000]);
    expect(bins[0]).toEqual({ from: 0, to: 5000, partitions: 2 });
    expect(bins[bins.length - 1]).toEqual({ from: 120_000, to: 125_000, partitions: 1 });
    expect(bins.reduce((s, b) => s + b.partitions, 0)).toBe(3);
  });
});

describe('analyzePartitions', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sparkify-partitions-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

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
    expect(bySession).toMatchObject({ table: 'songs_by_session', plays: 5, partitions: 3, rows: 5, deduplicated: false, warnings: [] });
    expect(bySession.rowCounts).toEqual([1, 2, 2]);
    expect(bySession.rowsPerPartition).toEqual({ min: 1, median: 2, p99: 2, max: 2, mean: 5 / 3 });
    expect(bySession.largest[0]).toEqual({ key: { session_id: 139 }, rows: 2, bytes: estimatePartitionSize(songsBySession, plays.slice(0, 2)).bytes });
    expect(byUserSession).toMatchObject({ partitions: 3, rows: 5 });
    expect(byUserSession.largest.map((p) => p.key)).toContainEqual({ user_id: 9, session_id: 200 });
    // listeners_by_song: 'You Gotta Be' {8}, 'Flat 55' {8, 9 (twice)}, 'Yellow' {9} → 3 partitions, 4 rows.
    expect(bySong).toMatchObject({ table: 'listeners_by_song', plays: 5, partitions: 3, rows: 4, deduplicated: true });
    expect(bySong.largest[0]).toEqual({
      key: { song: 'Flat 55' }, rows: 2,
      bytes: estimatePartitionSize(listenersBySong, plays.filter((p) => p.song === 'Flat 55')).bytes,
    });
    expect(bySong.totalBytes).toBe(
      ['You Gotta Be', 'Flat 55', 'Yellow'].reduce((s, song) => s + estimatePartitionSize(listenersBySong, plays.filter((p) => p.song === song)).bytes, 0),
    );
    expect(describePartitionStats(bySong)[0]).toBe('listeners_by_song (partition key song): 3 partitions, 4 rows from 5 plays');
  });

  it('a deliberately hot key: one session of 120,000 plays passes the 100,000-row guidance', async () => {
    const hot = await writeHotPartitionFile(join(dir, 'hot.csv'));
    expect(hot).toMatchObject({ plays: 122_000, hotSessionId: 999_999 });
    const [bySession, byUserSession, bySong] = await analyzePartitions(hot.file);
    expect(PARTITION_LIMITS).toEqual({ maxRows: 100_000, maxBytes: 104_857_600 });
    expect(bySession).toMatchObject({ partitions: 201, rows: 122_000, over: { rows: 1, bytes: 0 } });
    expect(bySession.rowsPerPartition).toMatchObject({ min: 10, median: 10, p99: 10, max: 120_000 });
    expect(bySession.warnings).toEqual(['partition session_id = 999999 of songs_by_session holds 120,000 rows (over 100,000)']);
    expect(byUserSession.warnings).toEqual(['partition user_id = 7, session_id = 999999 of songs_by_user_session holds 120,000 rows (over 100,000)']);
    expect(bySong.warnings).toEqual([]);
    expect(describePartitionStats(bySession)).toContain('  WARNING: partition session_id = 999999 of songs_by_session holds 120,000 rows (over 100,000)');
  });

  it('warns on size too, and counts what it does not list', async () => {
    const hot = await writeHotPartitionFile(join(dir, 'small-hot.csv'), { hotRows: 1000, sessions: 12, rowsPerSession: 3 });
    const [bySession] = await analyzePartitions(hot.file, { tables: [songsBySession], limits: { maxRows: 500, maxBytes: 10_000 } });
    // The hot partition by hand: Nv = 1000 × 3; pk 4; each row 4 + "Artist <(i % 500) % 97>" + 24-byte title + 8.
    let rowBytes = 0;
    for (let i = 0; i < 1000; i++) rowBytes += 4 + `Artist ${(i % 500) % 97}`.length + 24 + 8;
    const bytes = 4 + rowBytes + 3000 * 8;
    expect(bySession.largest[0]).toEqual({ key: { session_id: 999_999 }, rows: 1000, bytes });
    expect(bySession.warnings).toEqual([
      `partition session_id = 999999 of songs_by_session holds 1,000 rows (over 500) and about ${(bytes / 1024).toFixed(1)} KiB (over 9.77 KiB)`,
    ]);
    const many = await analyzePartitions(hot.file, { tables: [songsBySession], limits: { maxRows: 1 } });
    expect(many[0].warnings).toHaveLength(11);
    expect(many[0].warnings[10]).toBe('… and 3 more partitions of songs_by_session over the limits');
    expect(many[0].over.rows).toBe(13);
  });

  it('renders the histograms to SVG in Node, with axis titles and the guidance line when in view', async () => {
    const hot = await writeHotPartitionFile(join(dir, 'hot-chart.csv'), { hotRows: 60_000, sessions: 20 });
    const [bySession] = await analyzePartitions(hot.file, { tables: [songsByUserSession] });
    const svg = await partitionHistogramSvg(bySession);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Rows per partition');
    expect(svg).toContain('Partitions');
    expect(svg).toContain('songs_by_user_session: rows per partition');
    expect(svg).toContain('100,000-row guidance');
    const bytes = await partitionHistogramSvg(bySession, 'bytes');
    expect(bytes).toContain('Estimated partition size (bytes)');
    expect(bytes).not.toContain('guidance');
    const spec = partitionHistogramSpec(bySession) as { data: { values: { partitions: number }[] } };
    expect(spec.data.values.reduce((s, b) => s + b.partitions, 0)).toBe(21);
  });
});

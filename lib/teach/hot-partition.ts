// hot-partition: a generator of merged-format files with one deliberately hot key, so the partition
// analysis has a partition over the guidance to show.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { quoteAllCsv } from '../etl/csv';
import { PLAY_COLUMNS } from '../etl/columns';

export interface HotFileOptions {
  /**
   * Plays of the hot session (one partition of songs_by_session). Default 120,000 plays: 360,000 values
   * (3 cells a row) in songs_by_session, 480,000 in songs_by_user_session, over the 100,000-value guidance.
   */
  hotRows?: number;
  /** Ordinary sessions around it. Default 200, each with `rowsPerSession` plays. */
  sessions?: number;
  rowsPerSession?: number;
  /** The hot session's id. Default 999999. */
  hotSessionId?: number;
  /** Length of each song title (characters). Default 24. */
  titleLength?: number;
}

/**
 * Writes a merged-format file (header + 11 quoted columns) where one session is deliberately hot: its
 * plays all land in one partition of songs_by_session and of songs_by_user_session.
 */
export async function writeHotPartitionFile(
  path: string,
  opts: HotFileOptions = {},
): Promise<{ file: string; plays: number; hotSessionId: number }> {
  const hotRows = opts.hotRows ?? 120_000;
  const sessions = opts.sessions ?? 200;
  const perSession = opts.rowsPerSession ?? 10;
  const hotSessionId = opts.hotSessionId ?? 999_999;
  const titleLength = opts.titleLength ?? 24;
  const title = (i: number) => `Song ${i}`.padEnd(titleLength, '.');
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const row = (user: number, session: number, item: number, song: number): string[] => [
    `Artist ${song % 97}`,
    `First${user}`,
    user % 2 ? 'F' : 'M',
    String(item),
    `Last${user}`,
    '200.5',
    'free',
    'Springfield, IL',
    String(session),
    title(song),
    String(user),
  ];
  let plays = 0;
  await write(quoteAllCsv([[...PLAY_COLUMNS]]));
  for (let s = 1; s <= sessions; s++) {
    const rows: string[][] = [];
    for (let i = 0; i < perSession; i++) rows.push(row(1 + (s % 50), s, i, s * 7 + i));
    await write(quoteAllCsv(rows));
    plays += rows.length;
  }
  for (let start = 0; start < hotRows; start += 5000) {
    const rows: string[][] = [];
    for (let i = start; i < Math.min(hotRows, start + 5000); i++) rows.push(row(7, hotSessionId, i, i % 500));
    await write(quoteAllCsv(rows));
    plays += rows.length;
  }
  out.end();
  await once(out, 'finish');
  return { file: path, plays, hotSessionId };
}

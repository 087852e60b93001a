// Unit tests of lib/show/duplication.ts: a row per table and the sentence with the duplication factor.
import { describe, expect, it } from 'vitest';
import { duplicationHtml } from '../../../lib/show/duplication';
import type { Duplication } from '../../../lib/teach/duplication';
import { rowsOf, textOf } from './html-text';

describe('duplicationHtml', () => {
  const d: Duplication = {
    plays: 6820,
    tables: [
      { table: 'songs_by_session', inserts: 6820, rows: 6820, rowsPerPlay: 1 },
      { table: 'songs_by_user_session', inserts: 6820, rows: 6820, rowsPerPlay: 1 },
      { table: 'listeners_by_song', inserts: 6820, rows: 6618, rowsPerPlay: 0.970381 },
    ],
    insertsPerPlay: 3,
    rowsPerPlay: 2.970381,
    replicationFactor: 3,
    replicaWritesPerPlay: 9,
  };

  it('one row per table: INSERTs, rows held, rows per play (two decimals), counts with separators', () => {
    expect(rowsOf(duplicationHtml(d))).toEqual([
      '6,820 plays, loaded into 3 tables',
      'table | inserts | rows held | rows per play',
      'songs_by_session | 6,820 | 6,820 | 1.00',
      'songs_by_user_session | 6,820 | 6,820 | 1.00',
      'listeners_by_song | 6,820 | 6,618 | 0.97',
    ]);
    expect(duplicationHtml(d)).toContain('<table class="sparkify-table sparkify-duplication">');
  });

  it('then the sentence: INSERTs and rows per play, the replication factor and the replica writes', () => {
    const html = duplicationHtml(d);
    expect(html).toContain(
      '\n<p>Each play cost <b>3.00</b> INSERTs and is held as <b>2.97</b> rows (the duplication factor); ' +
        'with replication factor 3 that is <b>9.00</b> replica writes per play.</p>',
    );
    expect(html.endsWith('</p>')).toBe(true);
  });

  it('one table, replication factor 1', () => {
    const one: Duplication = {
      plays: 2,
      tables: [{ table: 't', inserts: 2, rows: 2, rowsPerPlay: 1 }],
      insertsPerPlay: 1,
      rowsPerPlay: 1,
      replicationFactor: 1,
      replicaWritesPerPlay: 1,
    };
    expect(textOf(duplicationHtml(one))).toBe(
      '2 plays, loaded into 1 table table inserts rows held rows per play t 2 2 1.00 ' +
        'Each play cost 1.00 INSERTs and is held as 1.00 rows (the duplication factor); ' +
        'with replication factor 1 that is 1.00 replica writes per play.',
    );
  });
});

// Unit tests of lib/show/verify.ts: the headline for a match and for tables that differ, one row per table,
// the examples as lines, and the notebook's HTML (escaped).
import { describe, expect, it } from 'vitest';
import { verifyExampleLines, verifyHeadline, verifyHtml, verifyRows } from '../../../lib/show/verify';
import type { TableVerdict, VerifyReport } from '../../../lib/verify/verify';

const table = (name: string, over: Partial<TableVerdict> = {}): TableVerdict => ({
  table: name,
  expected: 7059,
  present: 7059,
  missing: 0,
  unexpected: 0,
  different: 0,
  skipped: 0,
  ok: true,
  examples: { missing: [], unexpected: [], different: [] },
  ...over,
});
const report = (tables: TableVerdict[]): VerifyReport => ({
  file: 'merged.csv',
  keyspace: 'ks',
  plays: 7059,
  ranges: 16,
  consistency: 'all',
  tables,
  ok: tables.every((t) => t.ok),
});
const BAD = table('listeners_by_song', {
  present: 7058,
  missing: 1,
  different: 1,
  unexpected: 1,
  ok: false,
  examples: {
    missing: [{ key: { song: 'a', user_id: 1 }, line: 12 }],
    unexpected: [{ key: { song: '<b>', user_id: 2 } }],
    different: [{ key: { song: 'c', user_id: 3 }, line: 40, column: 'last_name', expected: 'Ward', found: 'Wart' }],
  },
});

describe('verify display', () => {
  it.each([
    [
      [table('a'), table('b')],
      '2 tables hold exactly what merged.csv holds (7,059 plays, 16 token ranges read at all)',
    ],
    [[table('a')], 'the table holds exactly what merged.csv holds (7,059 plays, 16 token ranges read at all)'],
    [[table('a'), BAD], 'listeners_by_song differs from merged.csv (7,059 plays, 16 token ranges read at all)'],
    [
      [BAD, { ...BAD, table: 'x' }],
      'listeners_by_song, x differ from merged.csv (7,059 plays, 16 token ranges read at all)',
    ],
  ])('headline %#', (tables, headline) => {
    expect(verifyHeadline(report(tables))).toBe(headline);
  });

  it('one row per table with its counts and mark', () => {
    expect(verifyRows(report([table('a'), BAD]))).toEqual([
      {
        table: 'a',
        expected: '7,059',
        present: '7,059',
        missing: '0',
        unexpected: '0',
        different: '0',
        skipped: '0',
        '': '✓',
      },
      {
        table: 'listeners_by_song',
        expected: '7,059',
        present: '7,058',
        missing: '1',
        unexpected: '1',
        different: '1',
        skipped: '0',
        '': '✗',
      },
    ]);
  });

  it('each example as a line naming the table, the key and the file line', () => {
    expect(verifyExampleLines(report([BAD]))).toEqual([
      'listeners_by_song: missing {"song":"a","user_id":1} (line 12)',
      'listeners_by_song: unexpected {"song":"<b>","user_id":2} (in no line of the file)',
      'listeners_by_song: different {"song":"c","user_id":3} (line 40): last_name is "Wart", the file says "Ward"',
    ]);
  });

  it('the notebook HTML: the mark, the headline, the table and the examples escaped', () => {
    const html = verifyHtml(report([BAD]));
    expect(html).toContain('<p class="sparkify-verify"><b>✗ listeners_by_song differs from merged.csv');
    expect(html).toContain('{&quot;song&quot;:&quot;&lt;b&gt;&quot;');
    expect(verifyHtml(report([table('a')]))).not.toContain('<pre>');
  });
});

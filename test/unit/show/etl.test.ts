// Unit tests of lib/show/etl.ts: the merge's progress line and the tables of its report.
import { describe, expect, it } from 'vitest';
import {
  mergeDoneHtml,
  mergeFilesHtml,
  mergeProgressHtml,
  mergeReportHtml,
  mergeSummaryRows,
} from '../../../lib/show/etl';
import { textOf } from './html-text';
import type { MergeReport } from '../../../lib/etl/report';

const report = (over: Partial<MergeReport> = {}): MergeReport => ({
  dir: '/data/events',
  output: '/work/event_datafile_new.csv',
  files: [
    { file: '2018-11-01-events.csv', date: '2018-11-01', bytes: 100, rowsRead: 15, pageViews: 4, kept: 11, skipped: 0 },
    {
      file: '2018-11-02-events.csv',
      date: '2018-11-02',
      bytes: 900,
      rowsRead: 12000,
      pageViews: 16,
      kept: 11983,
      skipped: 1,
    },
  ],
  ignored: [],
  rowsRead: 12015,
  pageViews: 20,
  kept: 11994,
  skipped: { 'wrong number of fields': 1 },
  skippedTotal: 1,
  skippedExamples: [
    {
      file: '/data/events/2018-11-02-events.csv',
      line: 7,
      reason: 'wrong number of fields',
      detail: 'expected 17 fields, found 3',
    },
  ],
  written: 11994,
  quality: { doubleEncoded: {}, doubleEncodedTotal: 0, examples: [], repaired: false, controls: {}, controlsTotal: 0 },
  ms: 12,
  ...over,
});

describe('progress lines', () => {
  it('merge progress: file k of n, counts, a bar', () => {
    const html = mergeProgressHtml({
      file: '2018-11-02-events.csv',
      filesDone: 1,
      filesTotal: 30,
      rowsRead: 1200,
      kept: 1000,
      bytesRead: 50,
      bytesTotal: 200,
    });
    expect(html).toContain('<progress value="0.250" max="1"');
    expect(textOf(html)).toContain(
      '25% · merging file 2 of 30 (2018-11-02-events.csv) · 1,200 rows read · 1,000 plays kept',
    );
  });
});

describe('merge report tables', () => {
  it('summary rows account for every row read', () => {
    const rows = mergeSummaryRows(report());
    expect(rows).toEqual([
      { what: 'rows read (all files)', rows: 12015 },
      { what: 'page views (no artist): not plays', rows: 20 },
      { what: 'plays kept', rows: 11994 },
      { what: 'skipped: wrong number of fields', rows: 1 },
      { what: 'written to event_datafile_new.csv', rows: 11994 },
    ]);
    expect(mergeSummaryRows(report({ skipped: {}, skippedTotal: 0 }))).toContainEqual({ what: 'skipped', rows: 0 });
  });

  it('files table: one row per file plus a total, counts with separators', () => {
    const text = textOf(mergeFilesHtml(report()));
    expect(text).toContain('2 event files in /data/events');
    expect(text).toContain('file rows page views plays kept skipped');
    expect(text).toContain('2018-11-02-events.csv 12,000 16 11,983 1');
    expect(text).toContain('all files 12,015 20 11,994 1');
    expect(text).not.toContain('not merged');
  });

  it('files table: says which entries of the folder were left out, and why', () => {
    const ignored = Array.from({ length: 12 }, (_, i) => ({
      name: `notes-${i}.txt`,
      reason: 'not named YYYY-MM-DD-events.csv',
    }));
    const text = textOf(mergeFilesHtml(report({ ignored })));
    expect(text).toContain(
      'Also in the folder, not merged: notes-0.txt (not named YYYY-MM-DD-events.csv), notes-1.txt',
    );
    expect(text).toMatch(/notes-9\.txt \(not named YYYY-MM-DD-events\.csv\) and 2 more\.$/);
    expect(mergeFilesHtml(report({ ignored: [{ name: '<x>', reason: 'a & b' }] }))).toContain(
      '<code>&lt;x&gt;</code> (a &amp; b)',
    );
  });

  it('report: the counts, then the first skipped rows with file name and line', () => {
    const text = textOf(mergeReportHtml(report()));
    expect(text).toContain('The merge report');
    expect(text).toContain('rows read (all files) 12,015');
    expect(text).toContain(
      'The first skipped rows (of 1) file line reason detail 2018-11-02-events.csv 7 wrong number of fields',
    );
    expect(mergeReportHtml(report({ skippedExamples: [] }))).not.toContain('first skipped');
  });

  it('report: values that keep control characters are counted per column, with where the first one is', () => {
    const first = { file: '/d/2018-11-04-events.csv', line: 96, chars: ['U+0019'], excerpt: 'Howlin\u0019 For You' };
    const r = report({
      quality: {
        ...report().quality,
        controls: { song: { values: 13, ...first }, artist: { values: 3, ...first, line: 148 } },
        controlsTotal: 16,
      },
    });
    expect(mergeSummaryRows(r)).toContainEqual({
      what: 'text values that keep control characters (song 13, first 2018-11-04-events.csv line 96; artist 3, first 2018-11-04-events.csv line 148): kept as stored',
      rows: 16,
    });
    expect(mergeSummaryRows(report()).some((row) => row.what.includes('control'))).toBe(false);
  });

  it('report: double-encoded text is counted per column and shown next to its repair', () => {
    const stored = 'Repr\u00c3\u0083\u00c2\u00a9sente';
    const r = report({
      quality: {
        doubleEncoded: { song: 2, artist: 1 },
        doubleEncodedTotal: 3,
        examples: [
          {
            file: '/d/2018-11-05-events.csv',
            line: 9,
            column: 'song',
            value: stored,
            repaired: 'Représente',
            layers: 2,
          },
        ],
        repaired: false,
        controls: {},
        controlsTotal: 0,
      },
    });
    expect(mergeSummaryRows(r)).toContainEqual({
      what: 'text values that look double-encoded (song 2, artist 1): kept as stored',
      rows: 3,
    });
    const text = textOf(mergeReportHtml(r));
    expect(text).toContain('Text that looks double-encoded: the first 1 of 3');
    expect(text).toContain(`2018-11-05-events.csv 9 song ${stored} Représente 2`);
    expect(mergeSummaryRows(report())).not.toContainEqual(
      expect.objectContaining({ what: expect.stringContaining('double-encoded') }),
    );
  });
});

describe('mergeDoneHtml', () => {
  it('says what was merged in one line, with the per-file table folded under it', () => {
    const html = mergeDoneHtml(report());
    expect(textOf(html.slice(0, html.indexOf('<details>')))).toBe(
      '✔ Merged 2 files: 12,015 rows read, 11,994 plays written to /work/event_datafile_new.csv.',
    );
    expect(html).toMatch(/<details><summary>The 2 files, one row each<\/summary><table/);
    expect(textOf(html)).toContain('all files 12,015 20 11,994 1');
    expect(html).not.toMatch(/\d s\b|ms\b/);
  });
});

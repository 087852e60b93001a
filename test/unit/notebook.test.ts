// Unit tests of lib/notebook.ts (the notebook's display helpers, pure string functions), and of the
// committed Apache_Cassandra_Sparkify.ipynb itself: no stale outputs, the tslab kernel, short cells,
// one imports cell that goes through ./lib/index.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MergeReport } from '../../lib/events';
import type { LoadResult } from '../../lib/load';
import {
  cellText,
  cqlMarkdown,
  escapeHtml,
  formatBytes,
  formatCount,
  formatDuration,
  frameHtml,
  htmlTable,
  isLoopbackHost,
  loadProgressHtml,
  loadResultHtml,
  mergeFilesHtml,
  mergeProgressHtml,
  mergeReportHtml,
  mergeSummaryRows,
  throttle,
} from '../../lib/notebook';

/** The text a browser would show for an HTML fragment (tags dropped, entities decoded). */
function textOf(html: string): string {
  return html
    .replace(/<\/?(br|p|table|caption|thead|tbody|tr|td|th|progress)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const report = (over: Partial<MergeReport> = {}): MergeReport => ({
  dir: '/data/events',
  output: '/work/event_datafile_new.csv',
  files: [
    { file: '2018-11-01-events.csv', date: '2018-11-01', bytes: 100, rowsRead: 15, pageViews: 4, kept: 11, skipped: 0 },
    { file: '2018-11-02-events.csv', date: '2018-11-02', bytes: 900, rowsRead: 12000, pageViews: 16, kept: 11983, skipped: 1 },
  ],
  ignored: [],
  rowsRead: 12015,
  pageViews: 20,
  kept: 11994,
  skipped: { 'wrong number of fields': 1 },
  skippedTotal: 1,
  skippedExamples: [{ file: '/data/events/2018-11-02-events.csv', line: 7, reason: 'wrong number of fields', detail: 'expected 17 fields, found 3' }],
  written: 11994,
  quality: { doubleEncoded: {}, doubleEncodedTotal: 0, examples: [], repaired: false },
  ms: 12,
  ...over,
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
  it('leaves other text alone, byte for byte (mojibake and C1 controls included)', () => {
    const mojibake = 'Repr\u00c3\u0083\u00c2\u00a9sente';
    expect(escapeHtml(mojibake)).toBe(mojibake);
  });
});

describe('formatting', () => {
  it('counts with en-US thousands separators', () => {
    expect(formatCount(6820)).toBe('6,820');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
  it('durations in ms, s, then minutes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3400)).toBe('3.4 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
  it('bytes in B, KB, MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB');
  });
  it('cell values: numbers exactly as JS prints them, null empty, objects as JSON, driver-like types via toString', () => {
    expect(cellText(495.3073)).toBe('495.3073');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(true)).toBe('true');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText([1, 2])).toBe('[1,2]');
    expect(cellText({ toString: () => '42' })).toBe('42');
    expect(cellText(new Date(Date.UTC(2018, 10, 1)))).toBe('2018-11-01T00:00:00.000Z');
  });
});

describe('htmlTable', () => {
  const rows = [
    { artist: 'Faithless', song: 'Music Matters (Mark Knight Dub)', length: 495.3073 },
    { artist: '<script>', song: `Keep On Keepin' On`, length: 1 },
  ];

  it('renders a header from the first row, one row per object, in order', () => {
    const html = htmlTable(rows);
    expect(html).toMatch(/^<table class="sparkify-table">/);
    expect(html).toContain(
      '<thead><tr><th style="text-align: left">artist</th><th style="text-align: left">song</th>' +
        '<th style="text-align: right">length</th></tr></thead>',
    );
    expect(html.match(/<tr>/g)).toHaveLength(3);
    expect(textOf(html)).toBe(`artist song length Faithless Music Matters (Mark Knight Dub) 495.3073 <script> Keep On Keepin' On 1`);
  });

  it('escapes every cell, header and the caption: no markup gets through', () => {
    const html = htmlTable([{ '<b>': '<img src=x onerror=alert(1)>' }], { caption: '<i>caption</i> & more', className: 'a"b' });
    expect(html).not.toMatch(/<b>|<img|<i>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<caption>&lt;i&gt;caption&lt;/i&gt; &amp; more</caption>');
    expect(html).toContain('class="sparkify-table a&quot;b"');
  });

  it('right-aligns numbers, left-aligns text (headers follow the first row)', () => {
    const html = htmlTable([{ n: 1, s: '1' }]);
    expect(html).toContain('<th style="text-align: right">n</th><th style="text-align: left">s</th>');
    expect(html).toContain('<td style="text-align: right">1</td><td style="text-align: left">1</td>');
  });

  it('follows given columns, headers and formats; missing values are empty', () => {
    const html = htmlTable([{ a: 1, b: 2000 }], {
      columns: ['b', 'c', 'a'],
      headers: { b: 'Bee' },
      format: { b: (v) => `#${v as number}` },
    });
    expect(textOf(html)).toBe('Bee c a #2000 1');
    expect(html).toContain('<td style="text-align: right">#2000</td><td style="text-align: left"></td><td style="text-align: right">1</td>');
  });

  it('says so instead of drawing an empty table', () => {
    expect(htmlTable([])).toBe('<p class="sparkify-empty">No rows.</p>');
    expect(textOf(htmlTable([], { caption: 'userId = 10', empty: 'No plays <here>.' }))).toBe('userId = 10: No plays <here>.');
  });

  it('accepts typed rows (interfaces without an index signature)', () => {
    interface Listener {
      userId: number;
      firstName: string;
    }
    const listeners: Listener[] = [{ userId: 29, firstName: 'Jacqueline' }];
    expect(textOf(htmlTable(listeners))).toBe('userId firstName 29 Jacqueline');
  });
});

describe('frameHtml', () => {
  it('renders a DataFrame-like object with its index as the first column', () => {
    const html = frameHtml({ columns: ['artist', 'length'], values: [['A', 1.5], ['B', 2]] }, { index: [10, 11], caption: 'c' });
    expect(textOf(html)).toBe('c artist length 10 A 1.5 11 B 2');
  });
  it('numbers rows from 0 without an index, and accepts a one-column frame', () => {
    expect(textOf(frameHtml({ columns: ['x'], values: ['a', 'b'] }))).toBe('x 0 a 1 b');
  });
});

describe('cqlMarkdown', () => {
  it('wraps CQL in an sql code fence', () => {
    expect(cqlMarkdown('SELECT 1\n')).toBe('```sql\nSELECT 1\n```');
  });
  it('uses a longer fence than any backtick run inside', () => {
    expect(cqlMarkdown("SELECT '````' FROM t")).toBe("`````sql\nSELECT '````' FROM t\n`````");
  });
});

describe('progress lines', () => {
  it('merge progress: file k of n, counts, a bar', () => {
    const html = mergeProgressHtml({
      file: '2018-11-02-events.csv', filesDone: 1, filesTotal: 30, rowsRead: 1200, kept: 1000, bytesRead: 50, bytesTotal: 200,
    });
    expect(html).toContain('<progress value="0.250" max="1"');
    expect(textOf(html)).toContain('25% · merging file 2 of 30 (2018-11-02-events.csv) · 1,200 rows read · 1,000 plays kept');
  });

  it('load progress: bar over bytes, plays read, rows per table, trouble only when there is some', () => {
    const p = { rowsRead: 3410, loaded: { songs_by_session: 3400 }, failed: 0, retries: 0, bytesRead: 1, bytesTotal: 2, elapsedMs: 1500 };
    expect(textOf(loadProgressHtml(p))).toBe('50% · 3,410 plays read · loaded songs_by_session 3,400 · 1.5 s');
    expect(textOf(loadProgressHtml({ ...p, failed: 2, retries: 5 }))).toContain('· 2 failed, 5 retried ·');
    expect(loadProgressHtml({ ...p, bytesTotal: 0 })).toContain('value="0.000"');
  });

  it('load result: inserts, then the rows the table holds, explaining overwrites', () => {
    const r: LoadResult = {
      file: 'f.csv', rowsRead: 6820, loaded: { listeners_by_song: 6820 }, failedCount: 0, failures: [], retries: 0, ms: 980,
    };
    expect(textOf(loadResultHtml(r))).toBe('✔ Loaded 6,820 plays in 980 ms: 6,820 inserts into listeners_by_song.');
    expect(textOf(loadResultHtml(r, { listeners_by_song: 6820 }))).toContain('Rows in the table: 6,820.');
    const fewer = textOf(loadResultHtml(r, { listeners_by_song: 6618 }));
    expect(fewer).toContain('Rows in the table: 6,618 — fewer than the inserts');
  });

  it('load result: failures with the first line and message, escaped', () => {
    const r: LoadResult = {
      file: 'f.csv', rowsRead: 3, loaded: { a: 1, b: 1 }, failedCount: 2, retries: 4, ms: 5,
      failures: [{ line: 3, table: 'a', message: 'bad <value>' }],
    };
    const html = loadResultHtml(r, { a: 1, b: 1 });
    expect(html).toContain('bad &lt;value&gt;');
    expect(textOf(html)).toContain('1 inserts into a, 1 inserts into b (4 retried). 2 failed; the first, line 3: bad <value>');
    expect(textOf(html)).toContain('Rows in the tables: a 1, b 1.');
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
    const ignored = Array.from({ length: 12 }, (_, i) => ({ name: `notes-${i}.txt`, reason: 'not named YYYY-MM-DD-events.csv' }));
    const text = textOf(mergeFilesHtml(report({ ignored })));
    expect(text).toContain('Also in the folder, not merged: notes-0.txt (not named YYYY-MM-DD-events.csv), notes-1.txt');
    expect(text).toMatch(/notes-9\.txt \(not named YYYY-MM-DD-events\.csv\) and 2 more\.$/);
    expect(mergeFilesHtml(report({ ignored: [{ name: '<x>', reason: 'a & b' }] }))).toContain('<code>&lt;x&gt;</code> (a &amp; b)');
  });

  it('report: the counts, then the first skipped rows with file name and line', () => {
    const text = textOf(mergeReportHtml(report()));
    expect(text).toContain('The merge report');
    expect(text).toContain('rows read (all files) 12,015');
    expect(text).toContain('The first skipped rows (of 1) file line reason detail 2018-11-02-events.csv 7 wrong number of fields');
    expect(mergeReportHtml(report({ skippedExamples: [] }))).not.toContain('first skipped');
  });

  it('report: double-encoded text is counted per column and shown next to its repair', () => {
    const stored = 'Repr\u00c3\u0083\u00c2\u00a9sente';
    const r = report({
      quality: {
        doubleEncoded: { song: 2, artist: 1 },
        doubleEncodedTotal: 3,
        examples: [{ file: '/d/2018-11-05-events.csv', line: 9, column: 'song', value: stored, repaired: 'Représente', layers: 2 }],
        repaired: false,
      },
    });
    expect(mergeSummaryRows(r)).toContainEqual({ what: 'text values that look double-encoded (song 2, artist 1): kept as stored', rows: 3 });
    const text = textOf(mergeReportHtml(r));
    expect(text).toContain('Text that looks double-encoded: the first 1 of 3');
    expect(text).toContain(`2018-11-05-events.csv 9 song ${stored} Représente 2`);
    expect(mergeSummaryRows(report())).not.toContainEqual(expect.objectContaining({ what: expect.stringContaining('double-encoded') }));
  });
});

describe('throttle', () => {
  it('calls at most once per interval, the first call always', () => {
    let t = 0;
    const seen: number[] = [];
    const f = throttle((v: number) => seen.push(v), 100, () => t);
    for (const [time, v] of [[0, 1], [50, 2], [99, 3], [100, 4], [150, 5], [250, 6]]) {
      t = time;
      f(v);
    }
    expect(seen).toEqual([1, 4, 6]);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.0.0.2', '127.0.0.1:9042', 'localhost', 'LOCALHOST:9042', '::1', '[::1]:9042', ' 127.1.2.3 '])(
    '%s is this machine',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['10.0.0.5', 'cassandra.example.com', '128.0.0.1', '127.0.0', '::2', '[fe80::1]:9042', ''])('%s is not', (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});

describe('Apache_Cassandra_Sparkify.ipynb as committed', () => {
  interface Cell {
    cell_type: string;
    id?: string;
    source: string | string[];
    outputs?: unknown[];
    execution_count?: number | null;
  }
  const file = path.join(__dirname, '..', '..', 'Apache_Cassandra_Sparkify.ipynb');
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    cells: Cell[];
    metadata: { kernelspec?: { name?: string; language?: string } };
    nbformat: number;
  };
  const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
  const code = nb.cells.filter((c) => c.cell_type === 'code');

  it('carries no outputs and no execution counts (nothing stale can be committed)', () => {
    const stale = code.filter((c) => (c.outputs ?? []).length > 0 || c.execution_count != null).map((c) => text(c).split('\n')[0]);
    expect(stale, 'clear the outputs before committing (Edit → Clear Outputs of All Cells, then save)').toEqual([]);
  });

  it('runs on the tslab kernel as TypeScript, nbformat 4.5 with cell ids', () => {
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'tslab', language: 'typescript' });
    expect(nb.nbformat).toBe(4);
    const ids = nb.cells.map((c) => c.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every code cell to about 25 lines', () => {
    const long = code.map((c) => ({ first: text(c).split('\n')[0], lines: text(c).split('\n').length })).filter((c) => c.lines > 25);
    expect(long).toEqual([]);
  });

  it('imports in one cell only, from ./lib/index (a folder import fails in tslab) and files next to it', () => {
    const importing = code.filter((c) => /^import\s/m.test(text(c)));
    expect(importing).toHaveLength(1);
    expect(importing[0]).toBe(code[0]);
    const sources = [...text(importing[0]).matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(sources).toContain('./lib/index');
    expect(sources).toContain('tslab');
    expect(sources).toContain('danfojs-node');
    for (const s of sources.filter((x) => x.startsWith('.'))) {
      expect(s, 'relative imports go to a file of ./lib, never the folder itself').toMatch(/^\.\/lib\/[a-z]+$/);
      expect(fs.existsSync(path.join(path.dirname(file), `${s}.ts`)), `${s}.ts exists`).toBe(true);
    }
  });

  it('reads the project sample by default, any folder through SPARKIFY_EVENT_DATA, and keeps the tables by default', () => {
    const all = code.map(text).join('\n');
    expect(all).toContain("process.env.SPARKIFY_EVENT_DATA ?? 'event_data'");
    expect(all).toMatch(/const DROP_TABLES_AT_END = false;/);
    expect(all).toContain('configFromEnv()');
    expect(all).toContain('tslab.newDisplay()');
    expect(text(code[code.length - 1])).toContain('await client.shutdown();');
  });
});

// Unit tests of lib/notebook.ts (the notebook's display helpers, pure string functions, Part III's
// included), and of the committed Apache_Cassandra_Sparkify.ipynb itself: no stale outputs, the tslab
// kernel, short cells, one imports cell that goes through ./lib/index, Part III's sections in order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAll, QUESTION_4, QUESTIONS } from '../../../lib/teach/checker';
import type { MergeReport } from '../../../lib/etl/events';
import type { LoadResult } from '../../../lib/load/progress';
import { listenersBySong, songsByUserSession, TABLES } from '../../../lib/model/tables';
import { distribution, PARTITION_LIMITS, type PartitionStats } from '../../../lib/teach/partitions';
import type { AllowFilteringDemo, QuestionRun, TraceSummary, WrongKeyLoss } from '../../../lib/teach/trace';
import {
  allowFilteringHtml,
  analyzeProgressHtml,
  cellText,
  cqlMarkdown,
  escapeHtml,
  fitSvg,
  frameHtml,
  htmlTable,
  keyCheckHtml,
  loadProgressHtml,
  loadResultHtml,
  mergeFilesHtml,
  mergeProgressHtml,
  mergeReportHtml,
  mergeSummaryRows,
  partitionStatsHtml,
  primaryKeyText,
  questionsHtml,
  traceSummaryHtml,
  verdictTableHtml,
  wrongKeyHtml,
} from '../../../lib/show/notebook';
import { formatBytes, formatCount, formatDuration } from '../../../lib/show/format';
import { throttle } from '../../../lib/common/async';
import { isLoopbackHost } from '../../../lib/cassandra/connection';

/** The text a browser would show for an HTML fragment (tags dropped, entities decoded). */
function textOf(html: string): string {
  return html
    .replace(/<\/?(br|p|div|ul|li|table|caption|thead|tbody|tr|td|th|progress)\b[^>]*>/g, ' ')
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

/** The text of an HTML table with cells split by " | " and rows by newlines (for exact row checks). */
function rowsOf(html: string): string[] {
  return html
    .replace(/<caption>([^]*?)<\/caption>/g, '<tr><td>$1</td></tr>')
    .split(/<\/tr>/)
    .map((row) => [...row.matchAll(/<t[dh][^>]*>([^]*?)<\/t[dh]>/g)].map((m) => textOf(m[1])).join(' | '))
    .filter(Boolean);
}

describe('Part III displays', () => {
  describe('fitSvg', () => {
    it('scales a drawing wider than the limit down, keeping its proportions and adding a viewBox', () => {
      expect(fitSvg('<svg xmlns="x" width="1000" height="500"><g/></svg>', 800)).toBe(
        '<svg xmlns="x" width="800" height="400" viewBox="0 0 1000 500"><g/></svg>',
      );
    });
    it('keeps an existing viewBox, handles a self-closing root, ignores stroke-width', () => {
      expect(fitSvg('<svg stroke-width="2" width="1200" height="300" viewBox="0 0 600 150"/>', 600)).toBe(
        '<svg stroke-width="2" width="600" height="150" viewBox="0 0 600 150"/>',
      );
    });
    it('leaves narrow drawings, relative sizes and non-SVG text alone', () => {
      const narrow = '<svg width="300" height="100"></svg>';
      expect(fitSvg(narrow, 840)).toBe(narrow);
      expect(fitSvg('<svg width="100%" height="50"></svg>', 10)).toBe('<svg width="100%" height="50"></svg>');
      expect(fitSvg('<p>no</p>', 10)).toBe('<p>no</p>');
    });
  });

  it('primaryKeyText writes the key as CQL does', () => {
    expect(primaryKeyText(songsByUserSession)).toBe('PRIMARY KEY ((user_id, session_id), item_in_session)');
    expect(primaryKeyText(listenersBySong)).toBe('PRIMARY KEY (song, user_id)');
    expect(primaryKeyText({ partitionKey: ['song'], clustering: [] })).toBe('PRIMARY KEY (song)');
  });

  it('questionsHtml: one row per question, its parts as columns', () => {
    const rows = rowsOf(questionsHtml(QUESTIONS));
    expect(rows[0]).toBe('The questions, as data');
    expect(rows[1]).toBe('question | in words | equality on | range | order by | returns | one answer row per');
    expect(rows[5]).toBe(
      'Q4 | Every song user U ever played, newest session first. | user_id | — | session_id DESC | session_id, item_in_session, artist, song | user_id, session_id, item_in_session',
    );
  });

  describe('verdictTableHtml', () => {
    const html = verdictTableHtml(checkAll(QUESTIONS, TABLES), { caption: 'c', questions: QUESTIONS });
    const cells = [...html.matchAll(/data-question="([^"]+)" data-table="([^"]+)" data-served="(true|false)"/g)].map(
      (m) => `${m[1]} ${m[2]} ${m[3]}`,
    );

    it('has a row per question and a column per table, each cell marked with its verdict', () => {
      expect(cells).toHaveLength(12);
      expect(cells.filter((c) => c.endsWith('true'))).toEqual([
        'Q1 songs_by_session true', 'Q2 songs_by_user_session true', 'Q3 listeners_by_song true',
      ]);
      expect(rowsOf(html).slice(0, 2)).toEqual(['c', 'question | songs_by_session | songs_by_user_session | listeners_by_song']);
    });

    it('says how a served question is read, and every reason a table does not serve one', () => {
      const rows = rowsOf(html);
      expect(rows[2]).toContain('✔ served reads one partition (session_id = ?), then item_in_session = ? inside it');
      expect(rows[5]).toContain(
        '✘ not served partition key column session_id is not restricted ordering by session_id needs it as the first clustering column would need ALLOW FILTERING: scans every partition',
      );
    });

    it('names the tables that serve each question under it, or that none does', () => {
      const rows = rowsOf(html);
      expect(rows[2]).toMatch(/^Q1 Give me the artist[^|]*served by songs_by_session \|/);
      expect(rows[5]).toMatch(/^Q4 Every song user U ever played, newest session first\. served by no table \|/);
    });

    it('escapes names and reasons, and says so when there is nothing to show', () => {
      const odd = verdictTableHtml([{ question: '<Q>', table: 't"1', served: false, reasons: ['a <b> & c'], needsAllowFiltering: false, summary: '' }]);
      expect(odd).toContain('data-question="&lt;Q&gt;" data-table="t&quot;1" data-served="false"');
      expect(odd).toContain('<li>a &lt;b&gt; &amp; c</li>');
      expect(odd).not.toMatch(/<Q>|<b> &/);
      expect(verdictTableHtml([])).toBe('<p class="sparkify-empty">No verdicts.</p>');
    });
  });

  it('keyCheckHtml: a tick when no rows overwrite each other, the warning otherwise', () => {
    expect(textOf(keyCheckHtml(listenersBySong, []))).toBe(
      '✔ listeners_by_song, PRIMARY KEY (song, user_id): no two rows of an answer can share this key, so no INSERT overwrites another.',
    );
    const wrong = { name: 'only_song', partitionKey: ['song'], clustering: [] };
    expect(textOf(keyCheckHtml(wrong, ['rows with the same song overwrite each other: user_id is not in the primary key']))).toBe(
      '⚠ only_song, PRIMARY KEY (song): rows with the same song overwrite each other: user_id is not in the primary key.',
    );
  });

  const summary = (over: Partial<TraceSummary> = {}): TraceSummary => ({
    requestType: 'Execute CQL3 prepared query', coordinator: '127.0.0.1', durationMicros: 1234, kind: 'single-partition',
    singlePartitionReads: 1, tables: ['songs_by_session'], rangeRequests: null, seqScans: [], wholeRing: false, sstablesRead: 0,
    sstablesSkipped: 0, memtablesRead: true, liveRowsRead: 1, tombstonesRead: 0, nodes: ['127.0.0.1'], rowsReturned: 1, pages: 1,
    events: [], ...over,
  });
  const run = (over: Partial<QuestionRun> = {}, s: Partial<TraceSummary> = {}): QuestionRun => ({
    question: 'Q1', table: 'songs_by_session', cql: 'SELECT …', values: [338, 4], rows: [], sortedHere: false, summary: summary(s), ...over,
  });
  const scan: Partial<TraceSummary> = {
    kind: 'range scan', singlePartitionReads: 0, rangeRequests: 1, wholeRing: true, liveRowsRead: 788, rowsReturned: 28, durationMicros: 10779,
    seqScans: [{ sstables: 1, range: '(min(-9223372036854775808), min(-9223372036854775808)]' }], sstablesRead: 1,
  };

  describe('traceSummaryHtml', () => {
    it('a single-partition read: one partition, SSTables, memtables, rows, coordinator, duration', () => {
      const rows = rowsOf(traceSummaryHtml([run()]));
      expect(rows[1]).toBe('question | table | how Cassandra read it | partitions | read from | rows read → returned | coordinator | duration');
      expect(rows[2]).toBe('Q1 | songs_by_session | single-partition read | 1 | memtable + 0 SSTables | 1 → 1 | 127.0.0.1 | 1,234 µs');
    });
    it('several replicas, skipped SSTables, no memtable', () => {
      const rows = rowsOf(traceSummaryHtml([run({}, { singlePartitionReads: 2, sstablesRead: 3, sstablesSkipped: 2, memtablesRead: false })]));
      expect(rows[2]).toBe('Q1 | songs_by_session | single-partition reads (2) | 2 | 3 SSTables (2 skipped) | 1 → 1 | 127.0.0.1 | 1,234 µs');
      expect(rowsOf(traceSummaryHtml([run({}, { sstablesRead: 1 })]))[2]).toContain('| memtable + 1 SSTable |');
    });
    it('a range scan reads every partition of the table: the count when given', () => {
      const r = run({ question: 'Q4', table: 'songs_by_user_session' }, scan);
      expect(rowsOf(traceSummaryHtml([r], { partitionsInTable: { songs_by_user_session: 776 } }))[2]).toBe(
        'Q4 | songs_by_user_session | range scan: 1 token range, the whole ring | all 776 | memtable + 1 SSTable | 788 → 28 | 127.0.0.1 | 10,779 µs',
      );
      expect(rowsOf(traceSummaryHtml([run({}, { ...scan, rangeRequests: 16, wholeRing: false })]))[2]).toContain('| range scan: 16 token ranges | all |');
    });
    it('says so when nothing was traced', () => {
      expect(traceSummaryHtml([])).toBe('<p class="sparkify-empty">What the traces say: No traced runs.</p>');
    });
  });

  describe('allowFilteringHtml', () => {
    const verdict = checkAll([QUESTION_4], [songsByUserSession])[0];
    const demo: AllowFilteringDemo = {
      question: 'Q4',
      table: 'songs_by_user_session',
      verdict,
      cql: 'SELECT session_id FROM ks.songs_by_user_session WHERE user_id = ?',
      refusal: { code: 0x2200, message: 'Cannot execute this query as it might involve data filtering … use ALLOW FILTERING' },
      filtered: run({ question: 'Q4', table: 'songs_by_user_session', sortedHere: true }, scan),
      partitionsInTable: 776,
      explanation: ['Cassandra refused the query (…)', 'Why: partition key column session_id is not restricted.', 'WITH ALLOW FILTERING it runs as a range scan <…>'],
    };

    it("shows the query, Cassandra's refusal in its own words, why, and the scan's trace", () => {
      const html = allowFilteringHtml(demo);
      const text = textOf(html);
      expect(text).toContain('The query, as a learner would write it: SELECT session_id FROM ks.songs_by_user_session WHERE user_id = ?');
      expect(text).toContain('✘ Cassandra refused it (InvalidRequest, code 0x2200): Cannot execute this query as it might involve data filtering … use ALLOW FILTERING');
      expect(text).toContain('Why: partition key column session_id is not restricted.');
      expect(text).not.toContain('Cassandra refused the query'); // the explanation's first line repeats the box
      expect(html).toContain('range scan &lt;…&gt;');
      expect(html).toContain('<caption>The same query WITH ALLOW FILTERING, traced</caption>');
      expect(rowsOf(html).pop()).toContain('| all 776 |');
    });

    it('keeps every explanation line when Cassandra ran the query', () => {
      const text = textOf(allowFilteringHtml({ ...demo, refusal: null, explanation: ['Cassandra ran the plain query without ALLOW FILTERING.'] }));
      expect(text).not.toContain('refused');
      expect(text).toContain('Cassandra ran the plain query without ALLOW FILTERING.');
    });
  });

  it('wrongKeyHtml: both tables with key and rows, one song in each, and what disappeared', () => {
    const loss: WrongKeyLoss = {
      right: 'listeners_by_song', wrong: 'listeners_by_song_only', plays: 6820, rightRows: 6618, wrongRows: 5190, lost: 1428,
      song: 'All Hands Against His Own', rightListeners: ['Jacqueline Lynch', 'Tegan Levine', 'Sara Johnson'], wrongListeners: ['Tegan Levine'],
      explanation: [],
    };
    const html = wrongKeyHtml(loss, [listenersBySong, { name: 'listeners_by_song_only', partitionKey: ['song'], clustering: [] }]);
    expect(rowsOf(html)).toEqual([
      '6,820 plays written to both tables, without a single error',
      'table | primary key | rows | listeners of "All Hands Against His Own"',
      'listeners_by_song | PRIMARY KEY (song, user_id) | 6,618 | Jacqueline Lynch, Tegan Levine, Sara Johnson',
      'listeners_by_song_only | PRIMARY KEY (song) | 5,190 | Tegan Levine',
    ]);
    expect(textOf(html)).toContain('✘ 1,428 of 6,618 listener rows silently disappeared (21.6 %): 6,618 in listeners_by_song, 5,190 in listeners_by_song_only.');
    // Without the specs the key column is left empty rather than guessed.
    expect(rowsOf(wrongKeyHtml(loss))[2]).toBe('listeners_by_song |  | 6,618 | Jacqueline Lynch, Tegan Levine, Sara Johnson');
  });

  it('analyzeProgressHtml: a bar and the plays read', () => {
    expect(textOf(analyzeProgressHtml({ plays: 3410, bytesRead: 1, bytesTotal: 4 }))).toBe('25% · 3,410 plays read');
  });

  describe('partitionStatsHtml', () => {
    const stats = (over: Partial<PartitionStats> = {}): PartitionStats => {
      const rowCounts = [1, 2, 2, 117];
      const byteSizes = [60, 150, 160, 7680];
      return {
        table: 'songs_by_session', partitionKey: ['session_id'], plays: 122, partitions: 4, rows: 122,
        rowsPerPartition: distribution(rowCounts), bytesPerPartition: distribution(byteSizes), totalBytes: 8050, largest: [],
        warnings: [], over: { rows: 0, bytes: 0 }, limits: { ...PARTITION_LIMITS }, deduplicated: false, rowCounts, byteSizes, ...over,
      };
    };

    it('one row per table: partitions, rows, rows per partition, estimated sizes, partitions over the guidance', () => {
      const rows = rowsOf(partitionStatsHtml([stats()]));
      expect(rows[1]).toBe(
        'table | partition key | partitions | rows | rows per partition: min / median / p99 / max | estimated size per partition: median / p99 / max | all partitions | over the guidance',
      );
      expect(rows[2]).toBe('songs_by_session | session_id | 4 | 122 | 1 / 2 / 117 / 117 | 155 B / 7.5 KB / 7.5 KB | 7.9 KB | 0');
      expect(partitionStatsHtml([stats()])).toContain('>155\u00a0B / 7.5\u00a0KB / 7.5\u00a0KB<'); // sizes never break inside
      expect(textOf(partitionStatsHtml([stats()]))).toContain('✔ Every partition is within the usual guidance (100,000 rows, 100.0 MB).');
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
});

describe('Apache_Cassandra_Sparkify.ipynb as committed', () => {
  interface Cell {
    cell_type: string;
    id?: string;
    source: string | string[];
    outputs?: unknown[];
    execution_count?: number | null;
  }
  const file = path.join(__dirname, '..', '..', '..', 'Apache_Cassandra_Sparkify.ipynb');
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

  it('never puts a comment inside the braces of an import (tslab then loses the name after it)', () => {
    const braces = [...text(code[0]).matchAll(/import\s*(?:type\s*)?\{([^}]*)\}/g)].map((m) => m[1]);
    expect(braces.length).toBeGreaterThan(0);
    for (const names of braces) expect(names).not.toMatch(/\/\/|\/\*/);
  });

  it('has Part III between the questions and the closing: diagrams, checker, question 4, proof, wrong key, partitions', () => {
    const headings = nb.cells
      .filter((c) => c.cell_type === 'markdown')
      .flatMap((c) => text(c).split('\n').filter((l) => /^#{2,3} /.test(l)));
    const from = headings.indexOf('### Question 3 — everyone who listened to a song');
    expect(headings.slice(from + 1)).toEqual([
      '## Part III — why these tables: proof',
      '### The model, drawn',
      '### The question checker',
      '### A fourth question',
      '### Proof from the database',
      '### What a wrong key costs',
      '### Partitions: how many, how big',
      '## Closing',
    ]);
  });

  it('Part III: diagrams fitted to the output area, question 4 and the hot-partition demo set in the configuration cell', () => {
    const all = code.map(text).join('\n');
    for (const d of ['modelSvg', 'workflowSvg', 'tableSvg']) {
      const shown = all.match(new RegExp(`tslab\\.display\\.svg\\(([a-zA-Z]+)\\(${d}\\(`, 'g')) ?? [];
      expect(shown.length, d).toBeGreaterThan(0);
      expect(shown.every((s) => s.includes(`fitSvg(${d}(`)), d).toBe(true);
    }
    const config = code.find((c) => text(c).includes('const DROP_TABLES_AT_END'))!;
    expect(text(config)).toContain('const Q4 = { userId: 10 };');
    expect(text(config)).toContain('const HOT_SESSION_PLAYS = 120_000;');
    expect(all).toContain('traceQuestion(client, KEYSPACE, QUESTION_4, songsByUser, [Q4.userId])');
    // The generated hot file lives in a temporary folder that is removed whatever happens.
    expect(all).toMatch(/const hotDir = fs\.mkdtempSync\(path\.join\(os\.tmpdir\(\), 'sparkify-hot-'\)\);\ntry \{[^]*\} finally \{\n  fs\.rmSync\(hotDir, \{ recursive: true, force: true \}\);\n\}/);
  });

  it("drops Part III's tables too when DROP_TABLES_AT_END is on", () => {
    const closing = text(code[code.length - 1]);
    expect(closing).toContain('const allTables = [...TABLES, songsByUser, listenersBySongOnly];');
    expect(closing).toContain('await dropTables(client, KEYSPACE, allTables);');
  });
});

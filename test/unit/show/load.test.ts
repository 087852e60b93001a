// Unit tests of lib/show/load.ts: the load's progress line and its result.
import { describe, expect, it } from 'vitest';
import { insertFieldsHtml, loadProgressHtml, loadResultHtml } from '../../../lib/show/load';
import { textOf } from './html-text';
import type { LoadResult } from '../../../lib/load/progress';

describe('load lines', () => {
  it('load progress: bar over bytes, plays read, rows per table, trouble only when there is some', () => {
    const p = {
      rowsRead: 3410,
      loaded: { songs_by_session: 3400 },
      failed: 0,
      retries: 0,
      bytesRead: 1,
      bytesTotal: 2,
      elapsedMs: 1500,
    };
    expect(textOf(loadProgressHtml(p))).toBe('50% · 3,410 plays read · loaded songs_by_session 3,400 · 1.5 s');
    expect(textOf(loadProgressHtml({ ...p, failed: 2, retries: 5 }))).toContain('· 2 failed, 5 retried ·');
    expect(loadProgressHtml({ ...p, bytesTotal: 0 })).toContain('value="0.000"');
  });

  it('load result: inserts, then the rows the table holds, explaining overwrites', () => {
    const r: LoadResult = {
      file: 'f.csv',
      rowsRead: 6820,
      loaded: { listeners_by_song: 6820 },
      failedCount: 0,
      failures: [],
      retries: 0,
      ms: 980,
    };
    expect(textOf(loadResultHtml(r))).toBe('✔ Loaded 6,820 plays: 6,820 inserts into listeners_by_song.');
    expect(textOf(loadResultHtml(r, { listeners_by_song: 6820 }))).toContain('Rows in the table: 6,820.');
    const fewer = textOf(loadResultHtml(r, { listeners_by_song: 6618 }));
    expect(fewer).toContain('Rows in the table: 6,618 — fewer than the inserts');
  });

  it('load result: failures with the first line and message, escaped', () => {
    const r: LoadResult = {
      file: 'f.csv',
      rowsRead: 3,
      loaded: { a: 1, b: 1 },
      failedCount: 2,
      retries: 4,
      ms: 5,
      failures: [{ line: 3, table: 'a', message: 'bad <value>' }],
    };
    const html = loadResultHtml(r, { a: 1, b: 1 });
    expect(html).toContain('bad &lt;value&gt;');
    expect(textOf(html)).toContain(
      '1 inserts into a, 1 inserts into b (4 retried). 2 failed; the first, line 3: bad <value>',
    );
    expect(textOf(html)).toContain('Rows in the tables: a 1, b 1.');
  });
});

describe('insertFieldsHtml: which field of the merged file fed which column', () => {
  it.each([
    [
      [
        { name: 'session_id', from: 'sessionId' },
        { name: 'item_in_session', from: 'itemInSession' },
        { name: 'artist', from: 'artist' },
      ],
      "Columns filled from the merged file's fields: <code>session_id</code> ← <code>sessionId</code>, " +
        '<code>item_in_session</code> ← <code>itemInSession</code>, <code>artist</code> ← <code>artist</code>.',
    ],
    [
      [{ name: 'who', from: 'userId' }],
      "Columns filled from the merged file's fields: <code>who</code> ← <code>userId</code>.",
    ],
    [
      [{ name: 'a<b', from: 'song' }],
      "Columns filled from the merged file's fields: <code>a&lt;b</code> ← <code>song</code>.",
    ],
  ] as const)('%#', (columns, html) => {
    const table = { columns: columns.map((c) => ({ ...c, type: 'text' as const })) };
    expect(insertFieldsHtml(table)).toBe(html);
  });
});

// Unit tests of lib/show/html.ts: escaping, cell text, HTML tables, DataFrames, CQL as Markdown, fitting an SVG.
import { describe, expect, it } from 'vitest';
import { cellText, cqlMarkdown, escapeHtml, fitSvg, foldedHtml, frameHtml, htmlTable } from '../../../lib/show/html';
import { textOf } from './html-text';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
  it('leaves other text alone, byte for byte (mojibake and C1 controls included)', () => {
    const mojibake = 'Repr\u00c3\u0083\u00c2\u00a9sente';
    expect(escapeHtml(mojibake)).toBe(mojibake);
  });
});

describe('cellText', () => {
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
    expect(textOf(html)).toBe(
      `artist song length Faithless Music Matters (Mark Knight Dub) 495.3073 <script> Keep On Keepin' On 1`,
    );
  });

  it('escapes every cell, header and the caption: no markup gets through', () => {
    const html = htmlTable([{ '<b>': '<img src=x onerror=alert(1)>' }], {
      caption: '<i>caption</i> & more',
      className: 'a"b',
    });
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
    expect(html).toContain(
      '<td style="text-align: right">#2000</td><td style="text-align: left"></td><td style="text-align: right">1</td>',
    );
  });

  it('says so instead of drawing an empty table', () => {
    expect(htmlTable([])).toBe('<p class="sparkify-empty">No rows.</p>');
    expect(textOf(htmlTable([], { caption: 'userId = 10', empty: 'No plays <here>.' }))).toBe(
      'userId = 10: No plays <here>.',
    );
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
    const html = frameHtml(
      {
        columns: ['artist', 'length'],
        values: [
          ['A', 1.5],
          ['B', 2],
        ],
      },
      { index: [10, 11], caption: 'c' },
    );
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

describe('foldedHtml', () => {
  it('puts the HTML behind an escaped one-line summary', () => {
    expect(foldedHtml('a < b & c', '<p>x</p>')).toBe('<details><summary>a &lt; b &amp; c</summary><p>x</p></details>');
  });
});

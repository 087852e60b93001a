import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnRole,
  diagramRows,
  escapeXml,
  listenersBySong,
  modelSvg,
  proposeTable,
  songsBySession,
  songsByUserSession,
  TABLES,
  tableSvg,
  writeDiagrams,
  type TableSpec,
} from '../../../lib/index';
import { assertWellFormedXml } from './well-formed-xml';
import { QUESTION_4, QUESTIONS } from '../../../lib/model/questions';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The rows of a table diagram, read back from the SVG text. */
function rowsOf(
  svg: string,
): { column: string; type: string; role: string; name: string; typeText: string; roleText: string }[] {
  const re =
    /<g class="column" data-column="([^"]*)" data-type="([^"]*)" data-role="([^"]*)"><text class="name"[^>]*>([^<]*)<\/text><text class="type"[^>]*>([^<]*)<\/text><text class="role"[^>]*>([^<]*)<\/text><\/g>/g;
  return [...svg.matchAll(re)].map((m) => ({
    column: unescape(m[1]),
    type: unescape(m[2]),
    role: unescape(m[3]),
    name: unescape(m[4]),
    typeText: unescape(m[5]),
    roleText: unescape(m[6]),
  }));
}

const withStatic: TableSpec = {
  name: 'songs_by_user',
  question: 'Every song a user played, newest session first.',
  lookedUpBy: 'songs looked up by user_id',
  columns: [
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'first_name', type: 'text', from: 'firstName', static: true },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'length', type: 'double', from: 'length' },
  ],
  partitionKey: ['user_id'],
  clustering: [
    { column: 'session_id', order: 'DESC' },
    { column: 'item_in_session', order: 'ASC' },
  ],
  lookup: ['user_id'],
  returns: ['session_id', 'artist'],
};

describe('table diagrams', () => {
  it.each([
    [
      songsBySession,
      [
        ['session_id', 'int', 'K'],
        ['item_in_session', 'int', 'C↑'],
        ['artist', 'text', ''],
        ['song', 'text', ''],
        ['length', 'double', ''],
      ],
    ],
    [
      songsByUserSession,
      [
        ['user_id', 'int', 'K'],
        ['session_id', 'int', 'K'],
        ['item_in_session', 'int', 'C↑'],
        ['artist', 'text', ''],
        ['song', 'text', ''],
        ['first_name', 'text', ''],
        ['last_name', 'text', ''],
      ],
    ],
    [
      listenersBySong,
      [
        ['song', 'text', 'K'],
        ['user_id', 'int', 'C↑'],
        ['first_name', 'text', ''],
        ['last_name', 'text', ''],
      ],
    ],
  ] as const)('%#: the name, then one row per column in order with type and role', (table, expected) => {
    const svg = tableSvg(table);
    assertWellFormedXml(svg);
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg).toContain(`<text class="table-name"`);
    expect(svg).toMatch(new RegExp(`<text class="table-name"[^>]*>${table.name}</text>`));
    const rows = rowsOf(svg);
    expect(rows.map((r) => [r.name, r.typeText, r.roleText])).toEqual(expected);
    expect(rows.map((r) => [r.column, r.type, r.role])).toEqual(expected);
    expect((svg.match(/<g class="column"/g) ?? []).length).toBe(table.columns.length);
  });

  it('Chebotko order and roles: K, C↓ then C↑ in clustering order, S, then the rest', () => {
    expect(diagramRows(withStatic)).toEqual([
      { column: 'user_id', type: 'int', role: 'K' },
      { column: 'session_id', type: 'int', role: 'C↓' },
      { column: 'item_in_session', type: 'int', role: 'C↑' },
      { column: 'first_name', type: 'text', role: 'S' },
      { column: 'artist', type: 'text', role: '' },
      { column: 'length', type: 'double', role: '' },
    ]);
    const svg = tableSvg(withStatic, { legend: true });
    assertWellFormedXml(svg);
    expect(rowsOf(svg).map((r) => r.roleText)).toEqual(['K', 'C↓', 'C↑', 'S', '', '']);
    expect(svg).toContain('K partition key · C↑ / C↓ clustering, ascending / descending · S static');
    expect(columnRole(withStatic, 'first_name')).toBe('S');
  });

  it('follows the model: a changed key changes the diagram', () => {
    const changed: TableSpec = { ...listenersBySong, clustering: [{ column: 'user_id', order: 'DESC' }] };
    expect(rowsOf(tableSvg(changed))[1]).toMatchObject({ column: 'user_id', roleText: 'C↓' });
    const proposed = proposeTable(QUESTION_4);
    expect(rowsOf(tableSvg(proposed)).map((r) => `${r.name} ${r.roleText}`)).toEqual([
      'user_id K',
      'session_id C↓',
      'item_in_session C↑',
      'artist ',
      'song ',
    ]);
  });

  it('escapes names and text for XML', () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\uFFFD');
    const odd: TableSpec = { ...listenersBySong, name: 'x<y&"z' };
    const svg = tableSvg(odd);
    assertWellFormedXml(svg);
    expect(svg).toContain('>x&lt;y&amp;&quot;z</text>');
    expect(svg).not.toContain('x<y');
  });

  it('the well-formedness check itself catches broken XML', () => {
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow(/unbalanced/);
    expect(() => assertWellFormedXml('<svg><text>a & b</text></svg>')).toThrow(/bare &/);
    expect(() => assertWellFormedXml('<svg a="1" a="2"/>')).toThrow(/duplicate attribute/);
    expect(() => assertWellFormedXml('<svg/><svg/>')).toThrow(/root elements|outside/);
  });

  it('all tables side by side', () => {
    const svg = modelSvg(TABLES);
    assertWellFormedXml(svg);
    expect([...svg.matchAll(/<g class="table" data-table="([^"]+)"/g)].map((m) => m[1])).toEqual(
      TABLES.map((t) => t.name),
    );
    expect(rowsOf(svg)).toHaveLength(TABLES.reduce((s, t) => s + t.columns.length, 0));
  });
});

describe('modelSvg with labels', () => {
  /** Each table box's translate(x,y) and each label's x, y and text, read back from the SVG. */
  const boxes = (svg: string) =>
    [...svg.matchAll(/<g class="table" data-table="([^"]+)" transform="translate\(([\d.]+),([\d.]+)\)">/g)].map(
      (m) => ({ table: m[1], x: Number(m[2]), y: Number(m[3]) }),
    );
  const labels = (svg: string) =>
    [...svg.matchAll(/<text class="label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      text: unescape(m[3]),
    }));

  it('each label sits above its own table: same x, a baseline above the box top', () => {
    const svg = modelSvg(TABLES, { labels: ['Q1: a song in a session', 'Q2: a playlist', 'Q3: who played it'] });
    assertWellFormedXml(svg);
    const b = boxes(svg);
    expect(b.map((x) => x.table)).toEqual(['songs_by_session', 'songs_by_user_session', 'listeners_by_song']);
    expect(b.map((x) => x.y)).toEqual([26, 26, 26]);
    expect(b[0].x).toBe(8);
    expect(labels(svg)).toEqual([
      { x: b[0].x, y: 18, text: 'Q1: a song in a session' },
      { x: b[1].x, y: 18, text: 'Q2: a playlist' },
      { x: b[2].x, y: 18, text: 'Q3: who played it' },
    ]);
  });

  it('without labels the boxes start at the top and no label is drawn', () => {
    const svg = modelSvg(TABLES);
    expect(boxes(svg).map((x) => x.y)).toEqual([8, 8, 8]);
    expect(svg).not.toContain('class="label"');
  });

  it('without labels the output is byte-identical to the call without options', () => {
    expect(modelSvg(TABLES, {})).toBe(modelSvg(TABLES));
    expect(modelSvg(TABLES, { labels: undefined })).toBe(modelSvg(TABLES));
  });

  it('a label is escaped; a table with an empty or missing label gets none', () => {
    const svg = modelSvg(TABLES, { labels: ['Q1 <one> & "two"', ''] });
    assertWellFormedXml(svg);
    expect(svg).toContain('>Q1 &lt;one&gt; &amp; &quot;two&quot;</text>');
    expect(labels(svg).map((l) => l.text)).toEqual(['Q1 <one> & "two"']);
  });

  it('a label wider than its table pushes the next table right', () => {
    const short = boxes(modelSvg(TABLES, { labels: ['Q1'] }));
    const long = boxes(modelSvg(TABLES, { labels: [`Q1: ${'a very long question '.repeat(4)}`] }));
    expect(long[0].x).toBe(short[0].x);
    expect(long[1].x).toBeGreaterThan(short[1].x);
  });
});

describe('writeDiagrams', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-diagrams-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes one SVG per table, model.svg and workflow.svg into a new folder', async () => {
    const out = join(dir, 'nested', 'diagrams');
    const files = await writeDiagrams(out, TABLES, QUESTIONS);
    expect((await readdir(out)).sort()).toEqual([
      'listeners_by_song.svg',
      'model.svg',
      'songs_by_session.svg',
      'songs_by_user_session.svg',
      'workflow.svg',
    ]);
    expect(files).toHaveLength(5);
    for (const f of files) assertWellFormedXml(await readFile(f, 'utf8'));
    // each table's file is that table's diagram with its legend, as a reader sees it (not tableSvg's output again)
    const svg = await readFile(join(out, 'songs_by_session.svg'), 'utf8');
    for (const text of ['songs_by_session', 'session_id', 'item_in_session', 'artist', 'song', 'length'])
      expect(svg).toContain(`>${text}<`);
    expect(svg).toContain('K partition key · C↑ / C↓ clustering');
    expect(await readFile(join(out, 'listeners_by_song.svg'), 'utf8')).toContain('>listeners_by_song<');
  });
});

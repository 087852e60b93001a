import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  columnRole, diagramRows, escapeXml, listenersBySong, modelSvg, proposeTable, QUESTION_4, QUESTIONS, songsBySession,
  songsByUserSession, TABLES, tableSvg, workflowEdges, workflowSvg, writeDiagrams, type TableSpec,
} from '../../../lib/index';

/**
 * A small XML well-formedness check: no stray `<` or `&`, names valid, attributes quoted and unique,
 * start and end tags balanced, exactly one root element, no text outside it.
 */
function assertWellFormedXml(xml: string): void {
  const name = '[A-Za-z_][\\w.:-]*';
  const attr = new RegExp(`\\s+(${name})\\s*=\\s*("[^"<]*"|'[^'<]*')`, 'y');
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const fail = (msg: string) => {
    throw new Error(`${msg} at offset ${i}: ${JSON.stringify(xml.slice(Math.max(0, i - 40), i + 40))}`);
  };
  while (i < xml.length) {
    const ch = xml[i];
    if (ch === '<') {
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<?', i)) {
        const end = xml.indexOf('?>', i);
        if (end < 0) fail('unclosed processing instruction');
        i = end + 2;
        continue;
      }
      const close = new RegExp(`</(${name})\\s*>`, 'y');
      close.lastIndex = i;
      const c = close.exec(xml);
      if (c) {
        if (stack.pop() !== c[1]) fail(`unbalanced </${c[1]}>`);
        i = close.lastIndex;
        continue;
      }
      const open = new RegExp(`<(${name})`, 'y');
      open.lastIndex = i;
      const o = open.exec(xml);
      if (!o) fail('bad tag');
      i = open.lastIndex;
      const seen = new Set<string>();
      for (;;) {
        attr.lastIndex = i;
        const a = attr.exec(xml);
        if (!a) break;
        if (seen.has(a[1])) fail(`duplicate attribute ${a[1]}`);
        seen.add(a[1]);
        for (let k = 0; k < a[2].length; k++) {
          if (a[2][k] === '&') {
            entity.lastIndex = a.index + a[0].length - a[2].length + k;
            if (!entity.exec(xml)) fail('bare & in attribute');
          }
        }
        i = attr.lastIndex;
      }
      const end = /\s*(\/?)>/y;
      end.lastIndex = i;
      const e = end.exec(xml);
      if (!e) fail(`bad end of <${o![1]}>`);
      i = end.lastIndex;
      if (stack.length === 0) roots++;
      if (!e![1]) stack.push(o![1]);
      continue;
    }
    if (ch === '&') {
      entity.lastIndex = i;
      if (!entity.exec(xml)) fail('bare &');
      i = entity.lastIndex;
      continue;
    }
    if (ch === '>') fail('stray >');
    if (stack.length === 0 && !/\s/.test(ch)) fail('text outside the root element');
    i++;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The rows of a table diagram, read back from the SVG text. */
function rowsOf(svg: string): { column: string; type: string; role: string; name: string; typeText: string; roleText: string }[] {
  const re =
    /<g class="column" data-column="([^"]*)" data-type="([^"]*)" data-role="([^"]*)"><text class="name"[^>]*>([^<]*)<\/text><text class="type"[^>]*>([^<]*)<\/text><text class="role"[^>]*>([^<]*)<\/text><\/g>/g;
  return [...svg.matchAll(re)].map((m) => ({
    column: unescape(m[1]), type: unescape(m[2]), role: unescape(m[3]), name: unescape(m[4]), typeText: unescape(m[5]), roleText: unescape(m[6]),
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
  clustering: [{ column: 'session_id', order: 'DESC' }, { column: 'item_in_session', order: 'ASC' }],
  lookup: ['user_id'],
  returns: ['session_id', 'artist'],
};

describe('table diagrams', () => {
  it.each([
    [songsBySession, [['session_id', 'int', 'K'], ['item_in_session', 'int', 'C↑'], ['artist', 'text', ''], ['song', 'text', ''], ['length', 'double', '']]],
    [songsByUserSession, [
      ['user_id', 'int', 'K'], ['session_id', 'int', 'K'], ['item_in_session', 'int', 'C↑'], ['artist', 'text', ''], ['song', 'text', ''],
      ['first_name', 'text', ''], ['last_name', 'text', ''],
    ]],
    [listenersBySong, [['song', 'text', 'K'], ['user_id', 'int', 'C↑'], ['first_name', 'text', ''], ['last_name', 'text', '']]],
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
      'user_id K', 'session_id C↓', 'item_in_session C↑', 'artist ', 'song ',
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
    expect([...svg.matchAll(/<g class="table" data-table="([^"]+)"/g)].map((m) => m[1])).toEqual(TABLES.map((t) => t.name));
    expect(rowsOf(svg)).toHaveLength(TABLES.reduce((s, t) => s + t.columns.length, 0));
  });
});

describe('workflow diagram', () => {
  const edgesOf = (svg: string) => [...svg.matchAll(/<g class="edge" data-question="([^"]+)" data-table="([^"]+)"/g)].map((m) => `${m[1]} → ${m[2]}`);

  it("each table's own question → that table, with arrows", () => {
    const svg = workflowSvg(TABLES);
    assertWellFormedXml(svg);
    expect(edgesOf(svg)).toEqual(['Q1 → songs_by_session', 'Q2 → songs_by_user_session', 'Q3 → listeners_by_song']);
    expect((svg.match(/marker-end="url\(#arrow-[a-z0-9]+\)"/g) ?? []).length).toBe(3);
    expect(svg).toContain('PRIMARY KEY ((user_id, session_id), item_in_session ASC)');
  });

  it('with the four questions: the checker decides, and Q4 has no table until the proposed one is added', () => {
    const svg = workflowSvg(TABLES, QUESTIONS);
    assertWellFormedXml(svg);
    expect(edgesOf(svg)).toEqual(['Q1 → songs_by_session', 'Q2 → songs_by_user_session', 'Q3 → listeners_by_song']);
    expect(svg).toContain('data-question="Q4" data-served="false"');
    expect(svg).toContain('(no table serves it)');
    const withProposal = workflowSvg([...TABLES, proposeTable(QUESTION_4)], QUESTIONS);
    assertWellFormedXml(withProposal);
    expect(edgesOf(withProposal)).toContain('Q4 → songs_by_user');
    expect(withProposal).not.toContain('(no table serves it)');
    expect(workflowEdges(TABLES, QUESTIONS).questions.map((q) => q.name)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });

  it('question text is escaped', () => {
    const svg = workflowSvg([{ ...songsBySession, question: 'Songs <by> "session" & item' }]);
    assertWellFormedXml(svg);
    expect(svg).toContain('Songs &lt;by&gt; &quot;session&quot; &amp; item');
  });
});

describe('writeDiagrams', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'sparkify-diagrams-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes one SVG per table, model.svg and workflow.svg into a new folder', async () => {
    const out = join(dir, 'nested', 'diagrams');
    const files = await writeDiagrams(out, TABLES, QUESTIONS);
    expect((await readdir(out)).sort()).toEqual(
      ['listeners_by_song.svg', 'model.svg', 'songs_by_session.svg', 'songs_by_user_session.svg', 'workflow.svg'],
    );
    expect(files).toHaveLength(5);
    for (const f of files) assertWellFormedXml(await readFile(f, 'utf8'));
    expect(await readFile(join(out, 'songs_by_session.svg'), 'utf8')).toBe(tableSvg(songsBySession, { legend: true }));
  });
});

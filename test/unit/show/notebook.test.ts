// Unit tests of the committed Apache_Cassandra_Sparkify.ipynb itself: no stale outputs, the tslab kernel,
// short cells, one imports cell that goes through ./lib/index, Part III's sections in order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

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
    nbformat_minor: number;
  };
  const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
  const code = nb.cells.filter((c) => c.cell_type === 'code');

  it('carries no outputs and no execution counts (nothing stale can be committed)', () => {
    const stale = code
      .filter((c) => (c.outputs ?? []).length > 0 || c.execution_count != null)
      .map((c) => text(c).split('\n')[0]);
    expect(stale, 'clear the outputs before committing (Edit → Clear Outputs of All Cells, then save)').toEqual([]);
  });

  it('runs on the tslab kernel as TypeScript, nbformat 4.5 with cell ids', () => {
    expect(nb.metadata.kernelspec).toMatchObject({ name: 'tslab', language: 'typescript' });
    // Cell ids came with nbformat 4.5: an older minor version would drop them on save.
    expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
    const ids = nb.cells.map((c) => c.id);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every code cell to about 25 lines', () => {
    const long = code
      .map((c) => ({ first: text(c).split('\n')[0], lines: text(c).split('\n').length }))
      .filter((c) => c.lines > 25);
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
    expect(all).not.toContain('process.env');
    expect(all).toMatch(/const DROP_TABLES_AT_END = false;/);
    expect(all).toContain('settingsFromEnv()');
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
      .flatMap((c) =>
        text(c)
          .split('\n')
          .filter((l) => /^#{2,3} /.test(l)),
      );
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
      const shown = all.match(new RegExp(`tslab\\.display\\.svg\\(([\\w.]+)\\(teach\\.${d}\\(`, 'g')) ?? [];
      expect(shown.length, d).toBeGreaterThan(0);
      expect(
        shown.every((s) => s.includes(`show.fitSvg(teach.${d}(`)),
        d,
      ).toBe(true);
    }
    const config = code.find((c) => text(c).includes('const DROP_TABLES_AT_END'))!;
    expect(text(config)).toContain('const Q4 = { userId: 10 };');
    expect(text(config)).toContain('const HOT_SESSION_PLAYS = 120_000;');
    expect(all).toContain('teach.traceQuestion(client, KEYSPACE, model.QUESTION_4, songsByUser, [Q4.userId])');
    // The generated hot file lives in a temporary folder that is removed whatever happens.
    expect(all).toMatch(
      /const hotDir = fs\.mkdtempSync\(path\.join\(os\.tmpdir\(\), 'sparkify-hot-'\)\);\ntry \{[^]*\} finally \{\n {2}fs\.rmSync\(hotDir, \{ recursive: true, force: true \}\);\n\}/,
    );
  });

  it("drops Part III's tables too when DROP_TABLES_AT_END is on", () => {
    const closing = text(code[code.length - 1]);
    expect(closing).toContain('const allTables = [...model.TABLES, songsByUser, teach.listenersBySongOnly];');
    expect(closing).toContain('await load.dropTables(client, KEYSPACE, allTables);');
  });
});

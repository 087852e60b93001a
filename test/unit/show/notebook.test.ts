// Unit tests of the committed notebooks themselves (the lesson and the exercise): no stale outputs, the tslab
// kernel, short cells, one imports cell through ./lib/index; and the lesson's own shape: its diagrams fitted,
// the hot file removed, every table it creates dropped on request, one lesson call per CQL cell.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Cell {
  cell_type: string;
  id?: string;
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}
interface NotebookFile {
  cells: Cell[];
  metadata: { kernelspec?: { name?: string; language?: string } };
  nbformat: number;
  nbformat_minor: number;
}
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join('') : c.source);
const fileOf = (name: string) => path.join(__dirname, '..', '..', '..', name);
const read = (name: string) => JSON.parse(fs.readFileSync(fileOf(name), 'utf8')) as NotebookFile;

describe.each(['Apache_Cassandra_Sparkify.ipynb', 'Sparkify_Exercise.ipynb'])('%s as committed', (name) => {
  const file = fileOf(name);
  const nb = read(name);
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
    for (const s of sources.filter((x) => x.startsWith('.'))) {
      expect(s, 'relative imports go to a file of ./lib, never the folder itself').toMatch(/^\.\/lib\/[a-z]+$/);
      expect(fs.existsSync(path.join(path.dirname(file), `${s}.ts`)), `${s}.ts exists`).toBe(true);
    }
  });

  it('never puts a comment inside the braces of an import (tslab then loses the name after it)', () => {
    const braces = [...text(code[0]).matchAll(/import\s*(?:type\s*)?\{([^}]*)\}/g)].map((m) => m[1]);
    expect(braces.length).toBeGreaterThan(0);
    for (const names of braces) expect(names).not.toMatch(/\/\/|\/\*/);
  });

  it('imports a handful of names from lib/', () => {
    const names = [...text(code[0]).matchAll(/import\s*\{([^}]*)\}\s*from '\.\/lib\/index'/g)].flatMap((m) =>
      m[1].split(',').map((n) => n.trim()),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(names.length, names.join(', ')).toBeLessThanOrEqual(10);
  });
});

describe('Apache_Cassandra_Sparkify.ipynb: the lesson', () => {
  const nb = read('Apache_Cassandra_Sparkify.ipynb');
  const code = nb.cells.filter((c) => c.cell_type === 'code');

  it('imports danfojs for the DataFrame of Part I', () => {
    expect(text(code[0])).toContain("from 'danfojs-node'");
  });
  it('reads the project sample by default, any folder through SPARKIFY_EVENT_DATA, and keeps the tables by default', () => {
    const all = code.map(text).join('\n');
    expect(all).not.toContain('process.env');
    expect(all).toMatch(/const DROP_TABLES_AT_END = false;/);
    expect(all).toContain('settingsFromEnv()');
    expect(all).toContain('tslab.newDisplay()');
    // The connection stays open after the last cell, so a learner can go back to any cell after Run All.
    expect(text(code[code.length - 1])).not.toContain('shutdown');
  });

  it('fits every diagram to the output area, and removes the generated hot file whatever happens', () => {
    const all = code.map(text).join('\n');
    const shown = [...all.matchAll(/tslab\.display\.svg\((.*)/g)].map((m) => m[1]);
    const diagrams = shown.filter((s) => /teach\.\w+Svg\(/.test(s));
    expect(diagrams.length).toBeGreaterThanOrEqual(3);
    for (const s of diagrams) expect(s, s).toMatch(/^show\.fitSvg\(teach\.\w+Svg\(/);
    expect(all).toMatch(
      /const hotDir = fs\.mkdtempSync\(path\.join\(os\.tmpdir\(\), 'sparkify-hot-'\)\);\ntry \{[^]*\} finally \{\n {2}fs\.rmSync\(hotDir, \{ recursive: true, force: true \}\);\n\}/,
    );
  });

  it('lists every table its CQL creates in the closing cell, which drops them when DROP_TABLES_AT_END is on', () => {
    const created = [
      ...code
        .map(text)
        .join('\n')
        .matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+) \(/g),
    ].map((m) => m[1]);
    expect(created.length).toBeGreaterThanOrEqual(6);
    const closing = text(code[code.length - 1]);
    const made = /const MADE = \[([^\]]*)\]/.exec(closing)?.[1] ?? '';
    for (const t of created) expect(made, t).toContain(`'${t}'`);
    expect(made).toContain('teach.listenersBySongOnly.name');
    expect(closing).toMatch(
      /if \(DROP_TABLES_AT_END\) \{\n\s+for \(const table of MADE\) await client\.execute\(cql`DROP TABLE IF EXISTS/,
    );
  });

  it('runs one statement per CQL cell through the lesson (no display plumbing around it)', () => {
    const cqlCells = code.map(text).filter((t) => /await db\.(run|load|createTable|tryTable)\(/.test(t));
    expect(cqlCells.length).toBeGreaterThanOrEqual(15);
    for (const t of cqlCells) expect(t, t.split('\n')[0]).not.toMatch(/newDisplay\(\)/);
  });
});

// diagram: Chebotko-style diagrams of the model as SVG text (primitives in svg.ts). Owns the table
// diagram (name, then each column with its CQL type and role: K partition key, C↑/C↓ clustering
// ascending/descending, S static), the side-by-side model view and writing every diagram (the workflow's
// from workflow.ts) to a folder. Everything is derived from the TableSpecs (and Questions): never drawn
// by hand. All text is escaped for XML.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  CHAR_W,
  escapeXml,
  FONT_SIZE,
  HEAD_FILL,
  HEAD_H,
  KEY_FILL,
  legend,
  LEGEND,
  LINE,
  PAD,
  ROW_H,
  svgDocument,
  svgNumber,
  textWidth,
} from './svg';
import { workflowSvg } from './workflow';
import { checkIdentifier, type ColumnSpec, type TableSpec } from '../model/tables';
import type { Question } from '../model/questions';

/** The Chebotko role of a column: K, C↑, C↓, S, or '' for a regular column. */
export type ColumnRole = 'K' | 'C↑' | 'C↓' | 'S' | '';

export interface DiagramRow {
  column: string;
  type: string;
  role: ColumnRole;
}

/** The role of one column in a table. */
export function columnRole(table: TableSpec, column: ColumnSpec | string): ColumnRole {
  const name = typeof column === 'string' ? column : column.name;
  if (table.partitionKey.includes(name)) return 'K';
  const c = table.clustering.find((x) => x.column === name);
  if (c) return c.order === 'ASC' ? 'C↑' : 'C↓';
  const spec = typeof column === 'string' ? table.columns.find((x) => x.name === name) : column;
  return spec?.static ? 'S' : '';
}

/**
 * The rows of a table's diagram in Chebotko order: partition key columns (in key order), clustering
 * columns (in clustering order), static columns, then the other columns (in declaration order).
 */
export function diagramRows(table: TableSpec): DiagramRow[] {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const names = [
    ...table.partitionKey,
    ...table.clustering.map((c) => c.column),
    ...table.columns.filter((c) => c.static).map((c) => c.name),
    ...table.columns.map((c) => c.name),
  ];
  const seen = new Set<string>();
  const rows: DiagramRow[] = [];
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const spec = byName.get(name);
    if (!spec) throw new Error(`Table ${table.name} has no column ${name}`);
    rows.push({ column: name, type: spec.type, role: columnRole(table, spec) });
  }
  return rows;
}

interface Box {
  svg: string;
  width: number;
  height: number;
}

function tableBox(table: TableSpec, x: number, y: number): Box {
  const rows = diagramRows(table);
  const nameW = Math.max(...rows.map((r) => [...r.column].length));
  const typeW = Math.max(...rows.map((r) => r.type.length));
  const colName = PAD;
  const colType = colName + (nameW + 2) * CHAR_W;
  const colRole = colType + (typeW + 2) * CHAR_W;
  const width = Math.ceil(Math.max(colRole + 3 * CHAR_W + PAD, textWidth(table.name, FONT_SIZE + 1) + 2 * PAD));
  const height = HEAD_H + rows.length * ROW_H + 4;
  const keyRows = rows.filter((r) => r.role !== '' && r.role !== 'S').length;
  const out: string[] = [];
  out.push(
    `<g class="table" data-table="${escapeXml(table.name)}" transform="translate(${svgNumber(x)},${svgNumber(y)})">`,
  );
  out.push(
    `<rect class="box" x="0" y="0" width="${width}" height="${height}" rx="3" fill="#ffffff" stroke="${LINE}" stroke-width="1.5"/>`,
  );
  out.push(
    `<rect class="header" x="0" y="0" width="${width}" height="${HEAD_H}" rx="3" fill="${HEAD_FILL}" stroke="${LINE}" stroke-width="1.5"/>`,
  );
  if (keyRows) {
    out.push(
      `<rect class="key-band" x="0.75" y="${HEAD_H}" width="${width - 1.5}" height="${keyRows * ROW_H}" fill="${KEY_FILL}"/>`,
    );
  }
  out.push(
    `<text class="table-name" x="${svgNumber(width / 2)}" y="${HEAD_H / 2 + 5}" text-anchor="middle" font-weight="bold" ` +
      `font-size="${FONT_SIZE + 1}">${escapeXml(table.name)}</text>`,
  );
  rows.forEach((r, i) => {
    const baseline = HEAD_H + i * ROW_H + ROW_H / 2 + 5;
    out.push(
      `<g class="column" data-column="${escapeXml(r.column)}" data-type="${escapeXml(r.type)}" data-role="${escapeXml(r.role)}">` +
        `<text class="name" x="${svgNumber(colName)}" y="${svgNumber(baseline)}"${r.role === 'K' ? ' font-weight="bold"' : ''}>` +
        `${escapeXml(r.column)}</text>` +
        `<text class="type" x="${svgNumber(colType)}" y="${svgNumber(baseline)}" fill="#4b5563">${escapeXml(r.type)}</text>` +
        `<text class="role" x="${svgNumber(colRole)}" y="${svgNumber(baseline)}" font-weight="bold" fill="#1d4ed8">${escapeXml(r.role)}</text>` +
        `</g>`,
    );
  });
  if (keyRows && keyRows < rows.length) {
    const ly = HEAD_H + keyRows * ROW_H;
    out.push(
      `<line class="key-rule" x1="0" y1="${ly}" x2="${width}" y2="${ly}" stroke="#94a3b8" stroke-dasharray="3 2"/>`,
    );
  }
  out.push('</g>');
  return { svg: out.join('\n'), width, height };
}

/** One table as a Chebotko diagram: a box with the table name and one row per column (name, type, role). */
export function tableSvg(table: TableSpec, opts: { legend?: boolean } = {}): string {
  const box = tableBox(table, 8, 8);
  const legendW = opts.legend ? textWidth(LEGEND, 11) : 0;
  const width = Math.max(box.width, legendW) + 16;
  const height = box.height + 16 + (opts.legend ? 20 : 0);
  const body = box.svg + (opts.legend ? `\n${legend(8, box.height + 28)}` : '');
  return svgDocument(width, height, `Chebotko diagram of table ${table.name}`, body).replace(
    '<svg ',
    `<svg data-table="${escapeXml(table.name)}" `,
  );
}

/** Every table side by side, with the legend underneath; `labels` (one per table) above each box, e.g. its question. */
export function modelSvg(tables: readonly TableSpec[], opts: { labels?: readonly string[] } = {}): string {
  const top = opts.labels ? 26 : 8;
  let x = 8;
  const parts: string[] = [];
  let height = 0;
  tables.forEach((t, i) => {
    const b = tableBox(t, x, top);
    parts.push(b.svg);
    const label = opts.labels?.[i];
    if (label) {
      parts.push(
        `<text class="label" x="${svgNumber(x)}" y="18" font-size="11" fill="#4b5563">${escapeXml(label)}</text>`,
      );
    }
    x += Math.max(b.width, label ? textWidth(label, 11) : 0) + 24;
    height = Math.max(height, b.height);
  });
  const width = Math.max(x - 24 + 8, textWidth(LEGEND, 11) + 16);
  return svgDocument(
    width,
    height + top + 36,
    `Chebotko diagram of ${tables.length} tables`,
    `${parts.join('\n')}\n${legend(8, height + top + 24)}`,
  );
}

/**
 * Writes one `<table>.svg` per table, `model.svg` (all tables) and `workflow.svg` into `dir` (created
 * when missing). Returns the files written.
 */
export async function writeDiagrams(
  dir: string,
  tables: readonly TableSpec[],
  questions?: readonly Question[],
): Promise<string[]> {
  const abs = resolve(dir);
  await mkdir(abs, { recursive: true });
  const files: string[] = [];
  for (const t of tables) {
    const file = join(abs, `${checkIdentifier(t.name, 'table name')}.svg`);
    await writeFile(file, tableSvg(t, { legend: true }));
    files.push(file);
  }
  const model = join(abs, 'model.svg');
  await writeFile(model, modelSvg(tables));
  files.push(model);
  const workflow = join(abs, 'workflow.svg');
  await writeFile(workflow, workflowSvg(tables, questions));
  files.push(workflow);
  return files;
}

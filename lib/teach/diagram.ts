// diagram: Chebotko-style diagrams of the model as SVG text, built in Node (no browser, no fonts
// measured: a monospace font and a fixed character width). Owns the table diagram (name, then each
// column with its CQL type and role: K partition key, C↑/C↓ clustering ascending/descending, S static),
// the application workflow (each question → the table that answers it), the side-by-side model view
// and writing them to a folder. Everything is derived from the TableSpecs (and Questions): never drawn by
// hand. All text is escaped for XML.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkQuestion } from './checker';
import type { Question } from './question';
import { checkIdentifier, type ColumnSpec, type TableSpec } from '../model/tables';

/** The Chebotko role of a column: K, C↑, C↓, S, or '' for a regular column. */
export type ColumnRole = 'K' | 'C↑' | 'C↓' | 'S' | '';

export interface DiagramRow {
  column: string;
  type: string;
  role: ColumnRole;
}

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';
const FONT_SIZE = 13;
const CHAR_W = FONT_SIZE * 0.62; // a monospace advance, a little generous
const ROW_H = 22;
const HEAD_H = 28;
const PAD = 10;
const INK = '#1f2937';
const LINE = '#374151';
const HEAD_FILL = '#dbeafe';
const KEY_FILL = '#f1f5f9';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const textWidth = (s: string, size = FONT_SIZE) => Math.ceil([...s].length * size * 0.62);
const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

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
  out.push(`<g class="table" data-table="${escapeXml(table.name)}" transform="translate(${n(x)},${n(y)})">`);
  out.push(`<rect class="box" x="0" y="0" width="${width}" height="${height}" rx="3" fill="#ffffff" stroke="${LINE}" stroke-width="1.5"/>`);
  out.push(`<rect class="header" x="0" y="0" width="${width}" height="${HEAD_H}" rx="3" fill="${HEAD_FILL}" stroke="${LINE}" stroke-width="1.5"/>`);
  if (keyRows) {
    out.push(`<rect class="key-band" x="0.75" y="${HEAD_H}" width="${width - 1.5}" height="${keyRows * ROW_H}" fill="${KEY_FILL}"/>`);
  }
  out.push(
    `<text class="table-name" x="${n(width / 2)}" y="${HEAD_H / 2 + 5}" text-anchor="middle" font-weight="bold" font-size="${FONT_SIZE + 1}">${escapeXml(table.name)}</text>`,
  );
  rows.forEach((r, i) => {
    const baseline = HEAD_H + i * ROW_H + ROW_H / 2 + 5;
    out.push(
      `<g class="column" data-column="${escapeXml(r.column)}" data-type="${escapeXml(r.type)}" data-role="${escapeXml(r.role)}">` +
        `<text class="name" x="${n(colName)}" y="${n(baseline)}"${r.role === 'K' ? ' font-weight="bold"' : ''}>${escapeXml(r.column)}</text>` +
        `<text class="type" x="${n(colType)}" y="${n(baseline)}" fill="#4b5563">${escapeXml(r.type)}</text>` +
        `<text class="role" x="${n(colRole)}" y="${n(baseline)}" font-weight="bold" fill="#1d4ed8">${escapeXml(r.role)}</text>` +
        `</g>`,
    );
  });
  if (keyRows && keyRows < rows.length) {
    const ly = HEAD_H + keyRows * ROW_H;
    out.push(`<line class="key-rule" x1="0" y1="${ly}" x2="${width}" y2="${ly}" stroke="#94a3b8" stroke-dasharray="3 2"/>`);
  }
  out.push('</g>');
  return { svg: out.join('\n'), width, height };
}

function svgDocument(width: number, height: number, label: string, body: string, defs = ''): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" role="img" aria-label="${escapeXml(label)}" font-family="${escapeXml(FONT)}" font-size="${FONT_SIZE}" fill="${INK}">`,
    `<title>${escapeXml(label)}</title>`,
    defs,
    `<rect class="background" x="0" y="0" width="${Math.ceil(width)}" height="${Math.ceil(height)}" fill="#ffffff"/>`,
    body,
    '</svg>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

const LEGEND = 'K partition key · C↑ / C↓ clustering, ascending / descending · S static';

function legend(x: number, y: number): string {
  return `<text class="legend" x="${x}" y="${y}" font-size="11" fill="#6b7280">${escapeXml(LEGEND)}</text>`;
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

/** Every table side by side, with the legend underneath. */
export function modelSvg(tables: readonly TableSpec[]): string {
  let x = 8;
  const boxes: string[] = [];
  let height = 0;
  for (const t of tables) {
    const b = tableBox(t, x, 8);
    boxes.push(b.svg);
    x += b.width + 24;
    height = Math.max(height, b.height);
  }
  const width = Math.max(x - 24 + 8, textWidth(LEGEND, 11) + 16);
  return svgDocument(width, height + 44, `Chebotko diagram of ${tables.length} tables`, `${boxes.join('\n')}\n${legend(8, height + 32)}`);
}

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if ([...line].length + 1 + [...word].length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

function primaryKeyText(t: TableSpec): string {
  const pk = t.partitionKey.length === 1 ? t.partitionKey[0] : `(${t.partitionKey.join(', ')})`;
  return `PRIMARY KEY (${[pk, ...t.clustering.map((c) => `${c.column} ${c.order}`)].join(', ')})`;
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** Which table answers which question: from the checker when questions are given, else each table's own question. */
export function workflowEdges(tables: readonly TableSpec[], questions?: readonly Question[]): {
  questions: { name: string; text: string }[];
  edges: { question: string; table: string }[];
} {
  if (!questions) {
    return {
      questions: tables.map((t, i) => ({ name: `Q${i + 1}`, text: t.question })),
      edges: tables.map((t, i) => ({ question: `Q${i + 1}`, table: t.name })),
    };
  }
  return {
    questions: questions.map((q) => ({ name: q.name, text: q.text })),
    edges: questions.flatMap((q) => tables.filter((t) => checkQuestion(q, t).served).map((t) => ({ question: q.name, table: t.name }))),
  };
}

/**
 * The application workflow: each question (left) with an arrow to every table that serves it (right).
 * Without `questions`, each table's own question; with them, the checker decides — a question no table
 * serves is drawn dashed with "no table serves it".
 */
export function workflowSvg(tables: readonly TableSpec[], questions?: readonly Question[]): string {
  const flow = workflowEdges(tables, questions);
  const GAP = 18;
  const Q_CHARS = 44;
  const LINE_H = 17;
  const qBoxes = flow.questions.map((q) => {
    const lines = wrap(q.text, Q_CHARS);
    const served = flow.edges.some((e) => e.question === q.name);
    if (!served) lines.push('(no table serves it)');
    return { ...q, lines, served, height: 20 + LINE_H * (lines.length + 1) };
  });
  const qWidth = Math.ceil((Q_CHARS + 2) * CHAR_W * 0.92) + 2 * PAD;
  const tBoxes = tables.map((t) => {
    const key = primaryKeyText(t);
    const width = Math.max(textWidth(t.name, FONT_SIZE + 1), textWidth(key, 11)) + 2 * PAD;
    return { table: t, key, width, height: 48 };
  });
  const tWidth = Math.max(...tBoxes.map((b) => b.width), 160);
  const qHeight = qBoxes.reduce((s, b) => s + b.height, 0) + GAP * Math.max(0, qBoxes.length - 1);
  const tHeight = tBoxes.reduce((s, b) => s + b.height, 0) + GAP * Math.max(0, tBoxes.length - 1);
  const top = 40;
  const innerH = Math.max(qHeight, tHeight);
  const qx = 12;
  const tx = qx + qWidth + 150;
  const width = tx + tWidth + 12;
  const height = top + innerH + 40;
  const marker = `arrow-${hash(tables.map((t) => t.name).join(',') + flow.edges.map((e) => e.question + e.table).join(','))}`;

  const out: string[] = [];
  out.push(`<text class="heading" x="${qx}" y="24" font-weight="bold">Questions</text>`);
  out.push(`<text class="heading" x="${tx}" y="24" font-weight="bold">Tables</text>`);
  const qPos = new Map<string, number>();
  let y = top + (innerH - qHeight) / 2;
  for (const b of qBoxes) {
    qPos.set(b.name, y + b.height / 2);
    out.push(`<g class="question" data-question="${escapeXml(b.name)}" data-served="${b.served}" transform="translate(${qx},${n(y)})">`);
    out.push(
      `<rect x="0" y="0" width="${qWidth}" height="${n(b.height)}" rx="8" fill="${b.served ? '#fefce8' : '#fff1f2'}" stroke="${b.served ? '#a16207' : '#be123c'}" stroke-width="1.5"${b.served ? '' : ' stroke-dasharray="6 4"'}/>`,
    );
    out.push(`<text class="label" x="${PAD}" y="${12 + LINE_H - 3}" font-weight="bold">${escapeXml(b.name)}</text>`);
    b.lines.forEach((line, i) => {
      const last = !b.served && i === b.lines.length - 1;
      out.push(
        `<text class="text" x="${PAD}" y="${12 + LINE_H * (i + 2) - 3}" font-size="12"${last ? ' fill="#be123c" font-style="italic"' : ''}>${escapeXml(line)}</text>`,
      );
    });
    out.push('</g>');
    y += b.height + GAP;
  }
  const tPos = new Map<string, number>();
  y = top + (innerH - tHeight) / 2;
  for (const b of tBoxes) {
    tPos.set(b.table.name, y + b.height / 2);
    out.push(`<g class="table" data-table="${escapeXml(b.table.name)}" transform="translate(${tx},${n(y)})">`);
    out.push(`<rect x="0" y="0" width="${tWidth}" height="${b.height}" rx="3" fill="${HEAD_FILL}" stroke="${LINE}" stroke-width="1.5"/>`);
    out.push(`<text class="table-name" x="${PAD}" y="20" font-weight="bold" font-size="${FONT_SIZE + 1}">${escapeXml(b.table.name)}</text>`);
    out.push(`<text class="key" x="${PAD}" y="38" font-size="11" fill="#374151">${escapeXml(b.key)}</text>`);
    out.push('</g>');
    y += b.height + GAP;
  }
  for (const e of flow.edges) {
    const y1 = qPos.get(e.question)!;
    const y2 = tPos.get(e.table)!;
    const x1 = qx + qWidth;
    const x2 = tx - 4;
    const mid = (x1 + x2) / 2;
    out.push(
      `<g class="edge" data-question="${escapeXml(e.question)}" data-table="${escapeXml(e.table)}">` +
        `<path d="M ${n(x1)} ${n(y1)} C ${n(mid)} ${n(y1)}, ${n(mid)} ${n(y2)}, ${n(x2)} ${n(y2)}" fill="none" stroke="${LINE}" stroke-width="1.5" marker-end="url(#${marker})"/>` +
        `</g>`,
    );
  }
  out.push(legend(qx, height - 12));
  const defs =
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
    `<path d="M 0 0 L 10 5 L 0 10 z" fill="${LINE}"/></marker></defs>`;
  return svgDocument(Math.max(width, textWidth(LEGEND, 11) + 24), height, 'Application workflow: questions and the tables that answer them', out.join('\n'), defs);
}

/**
 * Writes one `<table>.svg` per table, `model.svg` (all tables) and `workflow.svg` into `dir` (created
 * when missing). Returns the files written.
 */
export async function writeDiagrams(dir: string, tables: readonly TableSpec[], questions?: readonly Question[]): Promise<string[]> {
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

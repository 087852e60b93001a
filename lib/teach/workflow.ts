// workflow: the application workflow as SVG text: each question (left) with an arrow to every table that
// answers it (right). Owns which table answers which question (from the checker, or each table's own
// question), wrapping a question's text, laying the two columns out, and drawing boxes and arrows.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { checkQuestion } from './checker';
import {
  CHAR_W,
  escapeXml,
  FONT_SIZE,
  HEAD_FILL,
  legend,
  LEGEND,
  LINE,
  PAD,
  svgDocument,
  svgNumber,
  textWidth,
} from './svg';
import type { TableSpec } from '../model/tables';
import type { Question } from '../model/questions';

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

/** `PRIMARY KEY ((a, b), c ASC, d DESC)`: the key with each clustering order, as the workflow shows it. */
function keyWithOrderText(t: TableSpec): string {
  const pk = t.partitionKey.length === 1 ? t.partitionKey[0] : `(${t.partitionKey.join(', ')})`;
  return `PRIMARY KEY (${[pk, ...t.clustering.map((c) => `${c.column} ${c.order}`)].join(', ')})`;
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** Which table answers which question: from the checker when questions are given, else each table's own question. */
export function workflowEdges(
  tables: readonly TableSpec[],
  questions?: readonly Question[],
): {
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
    edges: questions.flatMap((q) =>
      tables.filter((t) => checkQuestion(q, t).served).map((t) => ({ question: q.name, table: t.name })),
    ),
  };
}

const GAP = 18;
const Q_CHARS = 44;
const LINE_H = 17;
const TOP = 40;

/** A question of the workflow: its text wrapped, whether a table serves it, its box height. */
interface QuestionBox {
  name: string;
  text: string;
  lines: string[];
  served: boolean;
  height: number;
}

/** A table of the workflow: its key in words and its box size. */
interface TableNode {
  table: TableSpec;
  key: string;
  width: number;
  height: number;
}

function questionBoxes(flow: ReturnType<typeof workflowEdges>): QuestionBox[] {
  return flow.questions.map((q) => {
    const lines = wrap(q.text, Q_CHARS);
    const served = flow.edges.some((e) => e.question === q.name);
    if (!served) lines.push('(no table serves it)');
    return { ...q, lines, served, height: 20 + LINE_H * (lines.length + 1) };
  });
}

function tableNodes(tables: readonly TableSpec[]): TableNode[] {
  return tables.map((t) => {
    const key = keyWithOrderText(t);
    const width = Math.max(textWidth(t.name, FONT_SIZE + 1), textWidth(key, 11)) + 2 * PAD;
    return { table: t, key, width, height: 48 };
  });
}

/** The height of a column of boxes with GAP between them. */
const stackHeight = (boxes: readonly { height: number }[]) =>
  boxes.reduce((s, b) => s + b.height, 0) + GAP * Math.max(0, boxes.length - 1);

/** Where the two columns go: questions at `qx`, tables at `tx`, both centred vertically in `innerH`. */
interface WorkflowLayout {
  qx: number;
  qWidth: number;
  tx: number;
  tWidth: number;
  innerH: number;
  width: number;
  height: number;
}

function workflowLayout(qBoxes: readonly QuestionBox[], tBoxes: readonly TableNode[]): WorkflowLayout {
  const qWidth = Math.ceil((Q_CHARS + 2) * CHAR_W * 0.92) + 2 * PAD;
  const tWidth = Math.max(...tBoxes.map((b) => b.width), 160);
  const innerH = Math.max(stackHeight(qBoxes), stackHeight(tBoxes));
  const qx = 12;
  const tx = qx + qWidth + 150;
  return { qx, qWidth, tx, tWidth, innerH, width: tx + tWidth + 12, height: TOP + innerH + 40 };
}

/** Draws a column of boxes top to bottom, centred in the layout; returns the svg and each box's vertical centre. */
function stack<B extends { height: number }>(
  boxes: readonly B[],
  layout: WorkflowLayout,
  draw: (b: B, y: number) => string[],
): { svg: string[]; centers: number[] } {
  const svg: string[] = [];
  const centers: number[] = [];
  let y = TOP + (layout.innerH - stackHeight(boxes)) / 2;
  for (const b of boxes) {
    centers.push(y + b.height / 2);
    svg.push(...draw(b, y));
    y += b.height + GAP;
  }
  return { svg, centers };
}

function questionBoxSvg(b: QuestionBox, y: number, layout: WorkflowLayout): string[] {
  const stroke = b.served ? '#a16207' : '#be123c';
  const out = [
    `<g class="question" data-question="${escapeXml(b.name)}" data-served="${b.served}" transform="translate(${layout.qx},${svgNumber(y)})">`,
    `<rect x="0" y="0" width="${layout.qWidth}" height="${svgNumber(b.height)}" rx="8" fill="${b.served ? '#fefce8' : '#fff1f2'}" ` +
      `stroke="${stroke}" stroke-width="1.5"${b.served ? '' : ' stroke-dasharray="6 4"'}/>`,
    `<text class="label" x="${PAD}" y="${12 + LINE_H - 3}" font-weight="bold">${escapeXml(b.name)}</text>`,
  ];
  b.lines.forEach((line, i) => {
    const last = !b.served && i === b.lines.length - 1;
    const style = last ? ' fill="#be123c" font-style="italic"' : '';
    out.push(
      `<text class="text" x="${PAD}" y="${12 + LINE_H * (i + 2) - 3}" font-size="12"${style}>${escapeXml(line)}</text>`,
    );
  });
  out.push('</g>');
  return out;
}

function tableNodeSvg(b: TableNode, y: number, layout: WorkflowLayout): string[] {
  const name = escapeXml(b.table.name);
  return [
    `<g class="table" data-table="${name}" transform="translate(${layout.tx},${svgNumber(y)})">`,
    `<rect x="0" y="0" width="${layout.tWidth}" height="${b.height}" rx="3" fill="${HEAD_FILL}" stroke="${LINE}" stroke-width="1.5"/>`,
    `<text class="table-name" x="${PAD}" y="20" font-weight="bold" font-size="${FONT_SIZE + 1}">${name}</text>`,
    `<text class="key" x="${PAD}" y="38" font-size="11" fill="#374151">${escapeXml(b.key)}</text>`,
    '</g>',
  ];
}

/** An arrow from a question's box (at height y1) to a table's (at y2): a horizontal S-curve. */
function edgeSvg(
  e: { question: string; table: string },
  y1: number,
  y2: number,
  layout: WorkflowLayout,
  marker: string,
): string {
  const x1 = layout.qx + layout.qWidth;
  const x2 = layout.tx - 4;
  const mid = (x1 + x2) / 2;
  return (
    `<g class="edge" data-question="${escapeXml(e.question)}" data-table="${escapeXml(e.table)}">` +
    `<path d="M ${svgNumber(x1)} ${svgNumber(y1)} C ${svgNumber(mid)} ${svgNumber(y1)}, ` +
    `${svgNumber(mid)} ${svgNumber(y2)}, ${svgNumber(x2)} ${svgNumber(y2)}" fill="none" stroke="${LINE}" ` +
    `stroke-width="1.5" marker-end="url(#${marker})"/>` +
    `</g>`
  );
}

function arrowDefs(marker: string): string {
  return (
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
    `<path d="M 0 0 L 10 5 L 0 10 z" fill="${LINE}"/></marker></defs>`
  );
}

/**
 * The application workflow: each question (left) with an arrow to every table that serves it (right).
 * Without `questions`, each table's own question; with them, the checker decides — a question no table
 * serves is drawn dashed with "no table serves it".
 */
export function workflowSvg(tables: readonly TableSpec[], questions?: readonly Question[]): string {
  const flow = workflowEdges(tables, questions);
  const qBoxes = questionBoxes(flow);
  const tBoxes = tableNodes(tables);
  const layout = workflowLayout(qBoxes, tBoxes);
  // The marker id is unique per drawing, so two workflows in one notebook page keep their own arrows.
  const marker = `arrow-${hash(tables.map((t) => t.name).join(',') + flow.edges.map((e) => e.question + e.table).join(','))}`;
  const qs = stack(qBoxes, layout, (b, y) => questionBoxSvg(b, y, layout));
  const ts = stack(tBoxes, layout, (b, y) => tableNodeSvg(b, y, layout));
  const qPos = new Map(qBoxes.map((b, i) => [b.name, qs.centers[i]]));
  const tPos = new Map(tBoxes.map((b, i) => [b.table.name, ts.centers[i]]));
  const out = [
    `<text class="heading" x="${layout.qx}" y="24" font-weight="bold">Questions</text>`,
    `<text class="heading" x="${layout.tx}" y="24" font-weight="bold">Tables</text>`,
    ...qs.svg,
    ...ts.svg,
    ...flow.edges.map((e) => edgeSvg(e, qPos.get(e.question)!, tPos.get(e.table)!, layout, marker)),
    legend(layout.qx, layout.height - 12),
  ];
  const width = Math.max(layout.width, textWidth(LEGEND, 11) + 24);
  const label = 'Application workflow: questions and the tables that answer them';
  return svgDocument(width, layout.height, label, out.join('\n'), arrowDefs(marker));
}

// conceptual-svg: the conceptual model (conceptual.ts) as a small entity diagram in SVG text, with the house
// primitives of svg.ts. Owns the layout — the entities top to bottom, those that belong to no other first
// (User, Session, Play), each a box of its identifier (underlined) and own attributes with the measured fact
// beside it; a "1 — n" line between an entity and the one it belongs to, labelled with the measured fact
// ("each session: 1 user — 0 exceptions in 835 sessions"); the dependencies that fail as notes underneath.
// The facts' words come from lib/show/conceptual.ts. Everything is derived from the measured dependencies;
// all text is escaped.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { conceptualModel, type Entity, type MeasuredDependency, type Relationship } from './conceptual';
import { escapeXml, FONT_SIZE, HEAD_FILL, HEAD_H, KEY_FILL, LINE, PAD, ROW_H, svgDocument, textWidth } from './svg';
import { entityFact, failingFact, relationshipFact } from '../show/conceptual';
import { andList } from '../show/format';
import { BAD, GOOD } from '../show/style';

const GAP = 64;
const FACT_GAP = 24;

interface Placed {
  entity: Entity;
  y: number;
  height: number;
}

/** One entity's box: its name, its own key (underlined, on the key band), then its attributes. */
function entityBox(e: Entity, y: number, width: number): string {
  const rows = [...e.ownKey.map((c) => ({ c, key: true })), ...e.attributes.map((c) => ({ c, key: false }))];
  const height = HEAD_H + rows.length * ROW_H + 4;
  const out = [
    `<g class="entity" data-entity="${escapeXml(e.name)}" transform="translate(8,${y})">`,
    `<rect class="box" x="0" y="0" width="${width}" height="${height}" rx="6" fill="#ffffff" stroke="${LINE}" stroke-width="1.5"/>`,
    `<rect class="header" x="0" y="0" width="${width}" height="${HEAD_H}" rx="6" fill="${HEAD_FILL}" stroke="${LINE}" stroke-width="1.5"/>`,
    `<rect class="key-band" x="0.75" y="${HEAD_H}" width="${width - 1.5}" height="${e.ownKey.length * ROW_H}" fill="${KEY_FILL}"/>`,
    `<text class="entity-name" x="${width / 2}" y="${HEAD_H / 2 + 5}" text-anchor="middle" font-weight="bold" ` +
      `font-size="${FONT_SIZE + 1}">${escapeXml(e.name)}</text>`,
  ];
  rows.forEach((r, i) => {
    const baseline = HEAD_H + i * ROW_H + ROW_H / 2 + 5;
    const style = r.key ? ' font-weight="bold" text-decoration="underline"' : '';
    out.push(
      `<text class="${r.key ? 'key' : 'attribute'}" data-column="${escapeXml(r.c)}" x="${PAD}" y="${baseline}"${style}>` +
        `${escapeXml(r.c)}</text>`,
    );
  });
  out.push('</g>');
  return out.join('\n');
}

const ink = (m: MeasuredDependency) => (m.violations ? BAD : GOOD);

/** A fact as a line of text at (x, y), green when it holds without exception and red when not. */
const factText = (cls: string, x: number, y: number, text: string, m: MeasuredDependency, bold = false) =>
  `<text class="${cls}" x="${x}" y="${y}" fill="${ink(m)}"${bold ? ' font-weight="bold"' : ''}>${escapeXml(text)}</text>`;

/** The "1 — n" line from the `one` box down to the `many` box, with its two labels beside it. */
function relationshipLine(r: Relationship, one: Placed, many: Placed, cx: number): string {
  const y1 = one.y + one.height;
  const y2 = many.y;
  const mid = (y1 + y2) / 2;
  return [
    `<g class="relationship" data-one="${escapeXml(r.one)}" data-many="${escapeXml(r.many)}">`,
    `<line x1="${cx}" y1="${y1}" x2="${cx}" y2="${y2}" stroke="${LINE}" stroke-width="1.5"/>`,
    `<text class="cardinality" x="${cx - 8}" y="${y1 + 14}" text-anchor="end" font-weight="bold">1</text>`,
    `<text class="cardinality" x="${cx - 8}" y="${y2 - 5}" text-anchor="end" font-weight="bold">n</text>`,
    `<text class="relationship-name" x="${cx + 12}" y="${mid - 4}" font-weight="bold">${escapeXml(`${r.one} 1 — n ${r.many}`)}</text>`,
    factText('fact', cx + 12, mid + 14, relationshipFact(r), r.measured),
    '</g>',
  ].join('\n');
}

/**
 * The conceptual model of the measured dependencies as an entity diagram: the entities top to bottom, each
 * "1 — n" relationship labelled with its measured fact, and the dependencies that fail noted underneath.
 */
export function conceptualSvg(measured: readonly MeasuredDependency[]): string {
  const model = conceptualModel(measured);
  const longest = (e: Entity) => Math.max(...[e.name, ...e.ownKey, ...e.attributes].map((s) => textWidth(s)));
  const boxW = Math.max(120, ...model.entities.map((e) => longest(e) + 2 * PAD));
  const cx = 8 + boxW / 2;
  const placed: Placed[] = [];
  let y = 8;
  for (const e of model.entities) {
    const height = HEAD_H + (e.ownKey.length + e.attributes.length) * ROW_H + 4;
    placed.push({ entity: e, y, height });
    y += height + GAP;
  }
  const body: string[] = [];
  let right = 8 + boxW;
  for (const p of placed) {
    body.push(entityBox(p.entity, p.y, boxW));
    if (!p.entity.attributes.length) continue;
    const x = 8 + boxW + FACT_GAP;
    const fact = entityFact(p.entity);
    right = Math.max(right, x + textWidth(fact));
    body.push(factText('fact', x, p.y + HEAD_H / 2 + 5, fact, p.entity.measured));
  }
  for (const r of model.relationships) {
    const one = placed.find((p) => p.entity.name === r.one);
    const many = placed.find((p) => p.entity.name === r.many);
    if (!one || !many) continue;
    right = Math.max(right, cx + 12 + textWidth(relationshipFact(r)));
    body.push(relationshipLine(r, one, many, cx));
  }
  let height = y - GAP + 8;
  for (const m of model.failing) {
    for (const line of failingFact(m, model).filter(Boolean)) {
      right = Math.max(right, 8 + textWidth(line));
      height += ROW_H;
      body.push(factText('failing', 8, height, line, m));
    }
  }
  if (model.failing.length) height += 8;
  const width = right + 8;
  const names = model.entities.map((e) => e.name);
  return svgDocument(width, height, `Conceptual model: ${andList(names)}`, body.join('\n'));
}

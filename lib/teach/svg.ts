// svg: the primitives the diagrams are drawn with, as SVG text built in Node (no browser, no fonts
// measured: a monospace font and a fixed character width). Owns the font, sizes and colours, escaping
// text for XML, the width of a text, a coordinate as text, the SVG document around a drawing, and the
// legend of the Chebotko roles.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';
export const FONT_SIZE = 13;
export const CHAR_W = FONT_SIZE * 0.62; // a monospace advance, a little generous
export const ROW_H = 22;
export const HEAD_H = 28;
export const PAD = 10;
const INK = '#1f2937';
export const LINE = '#374151';
export const HEAD_FILL = '#dbeafe';
export const KEY_FILL = '#f1f5f9';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** The width of text in the monospace font, measured by character count. */
export const textWidth = (s: string, size = FONT_SIZE) => Math.ceil([...s].length * size * 0.62);

/** A coordinate as SVG text: whole numbers as is, others with one decimal. */
export const svgNumber = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** A whole SVG document: size, accessible label and title, defs, a white background, the body. */
export function svgDocument(width: number, height: number, label: string, body: string, defs = ''): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  const root =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" ` +
    `aria-label="${escapeXml(label)}" font-family="${escapeXml(FONT)}" font-size="${FONT_SIZE}" fill="${INK}">`;
  return [
    root,
    `<title>${escapeXml(label)}</title>`,
    defs,
    `<rect class="background" x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>`,
    body,
    '</svg>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/** The legend of the Chebotko roles. */
export const LEGEND = 'K partition key · C↑ / C↓ clustering, ascending / descending · S static';

export function legend(x: number, y: number): string {
  return `<text class="legend" x="${x}" y="${y}" font-size="11" fill="#6b7280">${escapeXml(LEGEND)}</text>`;
}

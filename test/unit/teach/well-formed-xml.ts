// A small XML well-formedness check for the SVG the diagrams write (shared by the diagram and workflow tests).

export /**
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

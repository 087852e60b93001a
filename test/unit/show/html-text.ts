// Reading HTML fragments in tests: the text a browser would show, and a table's rows as text.
export /** The text a browser would show for an HTML fragment (tags dropped, entities decoded). */
function textOf(html: string): string {
  return html
    .replace(/<\/?(br|p|div|ul|li|table|caption|thead|tbody|tr|td|th|progress)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export /** The text of an HTML table with cells split by " | " and rows by newlines (for exact row checks). */
function rowsOf(html: string): string[] {
  return html
    .replace(/<caption>([^]*?)<\/caption>/g, '<tr><td>$1</td></tr>')
    .split(/<\/tr>/)
    .map((row) => [...row.matchAll(/<t[dh][^>]*>([^]*?)<\/t[dh]>/g)].map((m) => textOf(m[1])).join(' | '))
    .filter(Boolean);
}

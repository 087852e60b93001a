// format: the one set of number, size and duration formatters the notebook's HTML, the terminal's text
// and the teaching explanations all use, so a figure reads the same everywhere.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** Thousands separators, always the same whatever the machine's locale: 6820 → "6,820". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "850 ms", "3.4 s", "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** "512 B", "1.2 KB", "3.4 MB" (powers of 1024). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Bytes for people with binary units and thousands separators: 1,234 B, 12.3 KiB, 4.50 MiB, 1.2 GiB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${formatCount(Math.round(bytes))} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

/** Seconds with one decimal: 1234 → "1.2 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "1 token range", "3 token ranges" (the count formatted). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Names as a sentence lists them: "a", "a and b", "a, b and c". */
export function andList(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Control and invisible format characters: C0, DEL, C1, zero-width and bidi controls, line/paragraph separators, BOM. */
// eslint-disable-next-line no-control-regex -- these are the characters it escapes
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Text from a file, safe to put in a one-line message: at most `max` characters (then `…`), every control
 * or invisible character escaped (`\u0019`), in double quotes, as JSON.stringify writes it.
 */
export function quoteText(s: string, max = 60): string {
  return escapeControls(JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s));
}

/** `s` as it is when it holds no control or invisible character, else each such character escaped (`\u0000`). */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

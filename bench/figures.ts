// figures: what a bench run has found, kept until RESULTS.md is written: every measured value by name
// (median, min–max over the repetitions), facts (counts, sizes, versions), notes, and the peers that
// could not run with the reason; and how they read in the tables (numbers, ratios, "not run", "—").
// The log line every step prints is here too.

const figures = new Map<string, number[]>();
export const notes: string[] = [];
/** A peer or a part of the bench that could not run, and why. */
export const unavailable = new Map<string, string>();
export const facts = new Map<string, string>();

export const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Adds one value of a figure (ignored when undefined or not finite). */
export function record(name: string, value: number | undefined): void {
  if (value === undefined || !Number.isFinite(value)) return;
  const values = figures.get(name) ?? [];
  values.push(value);
  figures.set(name, values);
}

/** Every figure name recorded so far, in the order first recorded. */
export function figureNames(): string[] {
  return [...figures.keys()];
}

export function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function stat(name: string): { median: number; min: number; max: number; n: number } | undefined {
  const values = figures.get(name);
  if (!values || !values.length) return undefined;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** A number with thousands separators and exactly `digits` decimals. */
export const fmtNum = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A figure as the tables show it: "1,234 s", with (min–max) when repeated; "not run" or "—" when absent. */
export function show(name: string, digits = 0, unit = ''): string {
  const s = stat(name);
  if (!s) return unavailable.has(name) ? 'not run' : '—';
  const u = unit ? ` ${unit}` : '';
  if (s.n === 1) return `${fmtNum(s.median, digits)}${u}`;
  return `${fmtNum(s.median, digits)}${u} (${fmtNum(s.min, digits)}–${fmtNum(s.max, digits)})`;
}

/** `show(name)`, or "not run: why" when `key` could not run. */
export function showOr(key: string, name: string, digits = 0, unit = ''): string {
  return unavailable.has(key) ? `not run: ${unavailable.get(key)}` : show(name, digits, unit);
}

/** The ratio of two figures' medians: "2.1×", or "—". */
export function ratio(a: string, b: string, digits = 1): string {
  const x = stat(a);
  const y = stat(b);
  return x && y && y.median > 0 ? `${fmtNum(x.median / y.median, digits)}×` : '—';
}

/** A peer (or our own run) that fails is reported, and the bench goes on with the others. */
export function peerFailed(name: string, rep: number, err: unknown): void {
  const first = String(err instanceof Error ? err.message : err)
    .split('\n')
    .slice(0, 3)
    .join(' ')
    .slice(0, 400);
  log(`  ${name} failed${rep ? ` in repetition ${rep}` : ''}: ${first}`);
  notes.push(`${name} failed${rep ? ` in repetition ${rep}` : ''}: ${first}`);
}

/** Runs one part of the bench; a failure becomes a note (peerFailed) and the bench goes on. */
export async function guarded(name: string, rep: number, part: () => Promise<void>): Promise<void> {
  try {
    await part();
  } catch (err) {
    peerFailed(name, rep, err);
  }
}

/** Row counts per table as the results print them: "songs_by_session 20,000, …". */
export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${fmtNum(v)}`)
    .join(', ');
}

// quality: data-quality checks that do not reject a row. Owns finding text that looks double-encoded
// (UTF-8 bytes read as Latin-1/Windows-1252 and saved again as UTF-8, once or more — the original
// files hold such rows, e.g. `Représente` stored as `ReprÃƒÂ©sente`), counting it per column with
// examples, and the opt-in repair that decodes it back. Off by default: the tables hold what the files hold.
// Also counts values that keep control characters (C0 and DEL: a NUL, a tab, a line break inside quotes,
// the originals' U+0019 for an apostrophe), per column with the first one's file and line; C1 characters
// are left to the double-encoding check, where they come from. A merge can take a file's findings back
// (`markQuality`, `restoreQuality`) when it leaves that file out part-way.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** Windows-1252 characters at bytes 0x80–0x9F (where Latin-1 has C1 controls). */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/** A UTF-8 lead byte shown as Latin-1 (Â…ô), followed by a continuation byte shown as Latin-1 or cp1252. */
const SUSPECT =
  /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Undoes one level of "UTF-8 read as Latin-1/cp1252", or returns undefined when that is not what happened. */
function undoOnce(text: string): string | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0xff) bytes[i] = c;
    else if (CP1252_HIGH[c] !== undefined) bytes[i] = CP1252_HIGH[c];
    else return undefined;
  }
  try {
    const decoded = strictUtf8.decode(bytes);
    return decoded !== text ? decoded : undefined;
  } catch {
    return undefined;
  }
}

/**
 * If `text` looks double-encoded, returns its repair and how many layers were undone (1 for
 * `Ã©` → `é`, 2 for the originals' `ÃƒÂ©` → `é`); otherwise undefined.
 */
export function repairMojibake(text: string): { repaired: string; layers: number } | undefined {
  if (!SUSPECT.test(text)) return undefined;
  let current = text;
  let layers = 0;
  while (layers < 4 && SUSPECT.test(current)) {
    const next = undoOnce(current);
    if (next === undefined) break;
    current = next;
    layers++;
  }
  return layers ? { repaired: current, layers } : undefined;
}

export interface QualityFinding {
  file: string;
  line: number;
  column: string;
  value: string;
  repaired: string;
  layers: number;
}

/** Values of one column that keep control characters: how many, and the first one. */
export interface ControlFinding {
  values: number;
  file: string;
  line: number;
  /** The control characters of the first value, as U+XXXX. */
  chars: string[];
  /** Up to 60 characters of the first value around its first control character (raw: escape it to show it). */
  excerpt: string;
}

export interface QualityReport {
  /** Values that look double-encoded, counted per column. */
  doubleEncoded: Record<string, number>;
  doubleEncodedTotal: number;
  /** The first few findings, with file and line. */
  examples: QualityFinding[];
  /** Whether the values were repaired in the output (opt-in). */
  repaired: boolean;
  /** Values kept with control characters (C0, DEL), per column; they are written as they are. */
  controls: Record<string, ControlFinding>;
  controlsTotal: number;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/** Whether `buf[s, e)` holds a control byte (C0 or DEL; in UTF-8 these bytes are never part of another character). */
export function hasControlByte(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] < 0x20 || buf[i] === 0x7f) return true;
  return false;
}

/** Collects findings over a merge; `check` returns the value to write (repaired only when asked). */
export class QualityCheck {
  readonly report: QualityReport;

  constructor(
    readonly repair: boolean,
    private readonly maxExamples = 20,
  ) {
    this.report = {
      doubleEncoded: {},
      doubleEncodedTotal: 0,
      examples: [],
      repaired: repair,
      controls: {},
      controlsTotal: 0,
    };
  }

  /** Counts `value` of `column` when it keeps control characters (the first one per column kept with file and line). */
  controls(file: string, line: number, column: string, value: string): void {
    if (!CONTROL.test(value)) return;
    const r = this.report;
    r.controlsTotal++;
    const seen = r.controls[column];
    if (seen) {
      seen.values++;
      return;
    }
    const chars = [...new Set(value.match(CONTROLS))].map(
      (c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`,
    );
    const at = value.search(CONTROL);
    const from = Math.max(0, at - 20);
    r.controls[column] = { values: 1, file, line, chars, excerpt: value.slice(from, from + 60) };
  }

  check(file: string, line: number, column: string, value: string): string {
    if (value.length < 2) return value;
    const fix = repairMojibake(value);
    if (!fix) return value;
    const r = this.report;
    r.doubleEncoded[column] = (r.doubleEncoded[column] ?? 0) + 1;
    r.doubleEncodedTotal++;
    if (r.examples.length < this.maxExamples) r.examples.push({ file, line, column, value, ...fix });
    return this.repair ? fix.repaired : value;
  }
}

/** What `restoreQuality` goes back to. */
export interface QualityMark {
  doubleEncoded: Record<string, number>;
  doubleEncodedTotal: number;
  examples: number;
  controls: Record<string, ControlFinding>;
  controlsTotal: number;
}

/** The findings so far, to take back those of a file left out part-way. */
export function markQuality(q: QualityReport): QualityMark {
  const controls: Record<string, ControlFinding> = {};
  for (const [c, f] of Object.entries(q.controls)) controls[c] = { ...f };
  const { doubleEncodedTotal, controlsTotal } = q;
  return {
    doubleEncoded: { ...q.doubleEncoded },
    doubleEncodedTotal,
    examples: q.examples.length,
    controls,
    controlsTotal,
  };
}

/** Back to the findings of `mark`. */
export function restoreQuality(q: QualityReport, mark: QualityMark): void {
  q.doubleEncoded = mark.doubleEncoded;
  q.doubleEncodedTotal = mark.doubleEncodedTotal;
  q.examples.length = mark.examples;
  q.controls = mark.controls;
  q.controlsTotal = mark.controlsTotal;
}

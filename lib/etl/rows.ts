// rows: checking a daily file's header and each of its rows. Owns the skip reasons, the verdict on a row
// given as strings (`classifyRow`, the one place every reason and detail comes from) and the same checks
// on a plain record's bytes (`plainVerdict`, the merge's fast path, which only ever accepts outright).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { EVENT_COLUMNS, EVENT_COLUMN_INDEX as col } from './columns';
import type { PlainRecord } from './csv';
import { quoteText } from '../show/format';

/** Why a row was skipped; the keys of `MergeReport.skipped`. */
export type SkipReason =
  | 'wrong number of fields'
  | 'blank line'
  | 'not valid UTF-8'
  | 'empty song'
  | 'itemInSession not a non-negative integer'
  | 'sessionId not a non-negative integer'
  | 'userId not a non-negative integer'
  | 'length not a non-negative decimal number';

/** What a data row is: a play, a page view, or a skip with its reason and detail. */
export type RowVerdict = 'play' | 'page view' | { reason: SkipReason; detail: string };

/**
 * Describes how `header` differs from the expected 17 columns, or returns undefined when it matches. The
 * file's own names are quoted escaped and clipped (at most five), so the message is one safe line.
 */
export function headerProblem(header: readonly string[]): string | undefined {
  const expected: readonly string[] = EVENT_COLUMNS;
  if (header.length === expected.length && header.every((h, i) => h === expected[i])) return undefined;
  const missing = expected.filter((c) => !header.includes(c));
  const extra = header.filter((c) => !expected.includes(c));
  const parts: string[] = [];
  if (missing.length) parts.push(`missing ${missing.map((c) => `"${c}"`).join(', ')}`);
  if (extra.length) {
    const more = extra.length > 5 ? ` and ${extra.length - 5} more` : '';
    parts.push(
      `unexpected ${extra
        .slice(0, 5)
        .map((c) => quoteText(c, 40))
        .join(', ')}${more}`,
    );
  }
  if (!parts.length) {
    const i = header.findIndex((h, k) => h !== expected[k]);
    parts.push(`columns out of order: column ${i + 1} is ${quoteText(header[i], 40)}, expected "${expected[i]}"`);
  }
  return `header is not the 17-column event header (${parts.join('; ')}); expected: ${expected.join(',')}`;
}

const INT_RE = /^\d+$/;
/** A length the checks accept: digits, optionally `.digits`, optionally an exponent. */
export const DECIMAL_RE = /^\d+(\.\d+)?([eE][+-]?\d+)?$/;
const INT32_MAX = 2147483647;

/** Whether `value` is a whole number the checks accept (digits only, at most INT32_MAX). */
export function isWholeNumber(value: string): boolean {
  return INT_RE.test(value) && Number(value) <= INT32_MAX;
}

/** `s` cut to 40 characters (with `…`) for a message. */
export function clipValue(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** The verdict on a row whose bytes are not UTF-8 (its text holds U+FFFD). */
export const INVALID_UTF8_VERDICT = {
  reason: 'not valid UTF-8' as const,
  detail: 'the row holds bytes that are not UTF-8 (shown as U+FFFD)',
};

/** Checks one data row of a daily file: 'page view', a skip reason with detail, or 'play'. */
export function classifyRow(fields: readonly string[]): RowVerdict {
  if (fields.length === 1 && fields[0] === '') return { reason: 'blank line', detail: 'the line is empty' };
  if (fields.length !== EVENT_COLUMNS.length) {
    return {
      reason: 'wrong number of fields',
      detail: `expected ${EVENT_COLUMNS.length} fields, found ${fields.length}`,
    };
  }
  if (fields[col.artist] === '') return 'page view';
  if (fields[col.song] === '')
    return { reason: 'empty song', detail: `artist "${clipValue(fields[col.artist])}" has no song title` };
  for (const name of ['itemInSession', 'sessionId', 'userId'] as const) {
    const v = fields[col[name]];
    if (!isWholeNumber(v)) {
      return {
        reason: `${name} not a non-negative integer`,
        detail: `${name} is "${clipValue(v)}", expected a whole number 0…${INT32_MAX}`,
      };
    }
  }
  const len = fields[col.length];
  if (!DECIMAL_RE.test(len) || !Number.isFinite(Number(len))) {
    return { reason: 'length not a non-negative decimal number', detail: `length is "${clipValue(len)}"` };
  }
  return 'play';
}

/**
 * The fast verdict on a plain record, from its bytes: 'page view', 'play', or undefined when the byte
 * checks do not accept it outright (then `classifyRow` judges its strings, and gives the reason).
 */
export function plainVerdict(r: PlainRecord): 'play' | 'page view' | undefined {
  if (r.count !== EVENT_COLUMNS.length) return undefined;
  const { buf, starts: s, ends: e } = r;
  if (s[col.artist] === e[col.artist]) return 'page view';
  if (
    s[col.song] !== e[col.song] &&
    intBytes(buf, s[col.itemInSession], e[col.itemInSession]) &&
    intBytes(buf, s[col.sessionId], e[col.sessionId]) &&
    intBytes(buf, s[col.userId], e[col.userId]) &&
    decimalBytes(buf, s[col.length], e[col.length])
  )
    return 'play';
  return undefined;
}

/** Whether `buf[s, e)` is a whole number the checks accept (digits only, at most INT32_MAX). */
function intBytes(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > 15) return false;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v <= INT32_MAX;
}

/** Whether `buf[s, e)` is a plain decimal (digits, optionally `.digits`): a length the checks accept. */
function decimalBytes(buf: Buffer, s: number, e: number): boolean {
  if (e <= s || e - s > 300) return false;
  let i = s;
  while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) i++;
  if (i === s) return false;
  if (i === e) return true;
  if (buf[i] !== 0x2e || ++i === e) return false;
  while (i < e && buf[i] >= 0x30 && buf[i] <= 0x39) i++;
  return i === e;
}

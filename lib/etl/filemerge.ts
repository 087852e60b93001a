// filemerge: one daily file's rows into the merged output. Owns the per-file handler of the CSV scan:
// the header check (a BOM dropped), the fast path (a plain record the byte checks accept is copied to
// the output as bytes, 11 of its 17 fields, quoted) and the general way (strings, `classifyRow`, the
// quality check on each text value), counting every row in the file's report and every kept value that
// holds control characters.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { EVENT_COLUMN_INDEX, PLAY_COLUMNS } from './columns';
import { plainFields, quoteField, type CsvScanHandler, type PlainRecord } from './csv';
import type { EventFile } from './files';
import type { OutputBuffer } from './output';
import { hasControlByte, type QualityCheck } from './quality';
import { countSkip, type FileReport, type MergeReport } from './report';
import { classifyRow, headerProblem, INVALID_UTF8_VERDICT, plainVerdict } from './rows';
import { CsvFileError } from '../errors';

/** For each column of the merged row, its position in the daily file's row. */
const PROJECTION = PLAY_COLUMNS.map((c) => EVENT_COLUMN_INDEX[c]);
/** Text columns of the merged file checked for double-encoding: [index in the merged row, name]. */
const TEXT_COLUMNS = PLAY_COLUMNS.map((c, i) => [i, c] as const).filter(([, c]) =>
  ['artist', 'firstName', 'lastName', 'location', 'song'].includes(c),
);
/** The same by position: for each column of the merged row, its name when it is a text column checked. */
const TEXT_COLUMN_AT: (string | undefined)[] = PLAY_COLUMNS.map(() => undefined);
for (const [i, name] of TEXT_COLUMNS) TEXT_COLUMN_AT[i] = name;

/** What merging one file writes into and counts against. */
export interface FileMergeTarget {
  report: MergeReport;
  output: OutputBuffer;
  quality: QualityCheck;
  maxExamples: number;
}

/** The scan handler for one daily file: checks its header, then judges, counts and writes every row. */
export class FileMerge implements CsvScanHandler {
  headerSeen = false;

  constructor(
    private readonly file: EventFile,
    readonly fr: FileReport,
    private readonly to: FileMergeTarget,
  ) {}

  plain(r: PlainRecord, line: number): void {
    if (!this.headerSeen) return this.header(plainFields(r), line);
    this.fr.rowsRead++;
    const verdict = plainVerdict(r);
    if (verdict === 'page view') this.fr.pageViews++;
    else if (verdict === 'play') this.keepPlain(r, line);
    else this.row(plainFields(r), line, false);
  }

  parsed(fields: string[], line: number, invalidUtf8: boolean): void {
    if (!this.headerSeen) return this.header(fields, line);
    this.fr.rowsRead++;
    this.row(fields, line, invalidUtf8);
  }

  /** The first record: the 17-column header (a leading BOM dropped), else a CsvFileError naming the file. */
  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    if (fields.length > 0 && fields[0].charCodeAt(0) === 0xfeff) fields[0] = fields[0].slice(1);
    const problem = headerProblem(fields);
    if (problem) throw new CsvFileError(this.file.path, line, problem);
  }

  /** The general way for one data row: strings, classifyRow, the quality check on each text value. */
  private row(fields: readonly string[], line: number, invalidUtf8: boolean): void {
    const verdict = invalidUtf8 ? INVALID_UTF8_VERDICT : classifyRow(fields);
    if (verdict === 'page view') this.fr.pageViews++;
    else if (verdict === 'play') this.keep(fields, line);
    else {
      const example = { file: this.file.path, line, reason: verdict.reason, detail: verdict.detail };
      countSkip(this.to.report, this.fr, example, this.to.maxExamples);
    }
  }

  /** Writes a play given as strings: its 11 values, text checked (and repaired when asked), quoted. */
  private keep(fields: readonly string[], line: number): void {
    const { output, quality } = this.to;
    this.fr.kept++;
    const values = PROJECTION.map((i) => fields[i]);
    for (let i = 0; i < values.length; i++) quality.controls(this.file.path, line, PLAY_COLUMNS[i], values[i]);
    for (const [i, name] of TEXT_COLUMNS) values[i] = quality.check(this.file.path, line, name, values[i]);
    for (let i = 0; i < values.length; i++) {
      if (i) output.byte(0x2c);
      output.text(quoteField(values[i]));
    }
    output.byte(0x0a);
    this.to.report.written++;
  }

  /**
   * Writes a play given as a plain record straight from its bytes; only a text field that may look
   * double-encoded is decoded and checked (and written as text when the check changed it).
   */
  private keepPlain(r: PlainRecord, line: number): void {
    const { output, quality } = this.to;
    const { buf, starts: s, ends: e } = r;
    this.fr.kept++;
    for (let k = 0; k < PROJECTION.length; k++) {
      const i = PROJECTION[k];
      if (k) output.byte(0x2c);
      if (r.controls && hasControlByte(buf, s[i], e[i]))
        quality.controls(this.file.path, line, PLAY_COLUMNS[k], buf.toString('utf8', s[i], e[i]));
      if (!r.ascii && TEXT_COLUMN_AT[k] && mayBeDoubleEncoded(buf, s[i], e[i])) {
        const value = buf.toString('utf8', s[i], e[i]);
        const checked = quality.check(this.file.path, line, TEXT_COLUMN_AT[k]!, value);
        if (checked !== value) {
          output.text(quoteField(checked));
          continue;
        }
      }
      output.quotedBytes(buf, s[i], e[i]);
    }
    output.byte(0x0a);
    this.to.report.written++;
  }
}

/**
 * Whether a field's bytes may hold text that looks double-encoded (quality's SUSPECT pattern, in UTF-8):
 * a character Â…ô (C3 82…C3 B4) followed by one in U+0080…U+00BF (C2 xx) or one of the cp1252
 * characters (C5, C6, CB or E2 lead bytes). Only such fields are decoded and checked; a plain `é`
 * is not.
 */
export function mayBeDoubleEncoded(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e - 2; i++) {
    if (buf[i] !== 0xc3) continue;
    const b = buf[i + 1];
    const c = buf[i + 2];
    if (b >= 0x82 && b <= 0xb4 && (c === 0xc2 || c === 0xc5 || c === 0xc6 || c === 0xcb || c === 0xe2)) return true;
  }
  return false;
}

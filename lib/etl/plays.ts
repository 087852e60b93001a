// plays: reading the merged file back as typed plays. Owns the merged file's header check, turning
// each row into a Play (checked again: the file may come from elsewhere) and the batches a loader
// streams, with the rows that cannot be plays and their lines.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { PLAY_COLUMNS, type Play, type PlayColumn } from './columns';
import { plainFields, scanCsvChunks, type CsvReadOptions, type PlainRecord } from './csv';
import { clipValue, DECIMAL_RE, isWholeNumber } from './rows';
import { CsvFileError } from '../errors';

/** A play read back from the merged file, with the line it came from. */
export interface PlayRecord {
  line: number;
  play: Play;
}

/** A merged-file row that cannot become a play (checked again: the file may come from elsewhere). */
export interface BadPlayRecord {
  line: number;
  problem: string;
}

const mergedCol = Object.fromEntries(PLAY_COLUMNS.map((c, i) => [c, i])) as Record<PlayColumn, number>;

/** Turns the 11 fields of a merged row into a play, or says what is wrong with them. */
export function toPlay(fields: readonly string[]): Play | string {
  if (fields.length !== PLAY_COLUMNS.length) return `expected ${PLAY_COLUMNS.length} fields, found ${fields.length}`;
  const int = (name: 'itemInSession' | 'sessionId' | 'userId') => {
    const v = fields[mergedCol[name]];
    return isWholeNumber(v) ? Number(v) : `${name} is "${clipValue(v)}", expected a whole number`;
  };
  const itemInSession = int('itemInSession');
  const sessionId = int('sessionId');
  const userId = int('userId');
  const lengthText = fields[mergedCol.length];
  for (const v of [itemInSession, sessionId, userId]) if (typeof v === 'string') return v;
  if (!DECIMAL_RE.test(lengthText)) return `length is "${clipValue(lengthText)}", expected a decimal number`;
  return {
    artist: fields[mergedCol.artist],
    firstName: fields[mergedCol.firstName],
    gender: fields[mergedCol.gender],
    itemInSession: itemInSession as number,
    lastName: fields[mergedCol.lastName],
    length: Number(lengthText),
    level: fields[mergedCol.level],
    location: fields[mergedCol.location],
    sessionId: sessionId as number,
    song: fields[mergedCol.song],
    userId: userId as number,
  };
}

/** Collects one read's plays and bad rows of the merged file (a CsvScanHandler); checks the header first. */
class PlayCollector {
  plays: PlayRecord[] = [];
  bad: BadPlayRecord[] = [];
  headerSeen = false;

  constructor(private readonly file: string) {}

  plain(r: PlainRecord, line: number): void {
    this.parsed(plainFields(r), line);
  }

  parsed(fields: string[], line: number): void {
    if (!this.headerSeen) return this.header(fields, line);
    const play = toPlay(fields);
    if (typeof play === 'string') this.bad.push({ line, problem: play });
    else this.plays.push({ line, play });
  }

  /** The batch collected so far; the next one starts empty. */
  take(bytesRead: number): { plays: PlayRecord[]; bad: BadPlayRecord[]; bytesRead: number } {
    const batch = { plays: this.plays, bad: this.bad, bytesRead };
    this.plays = [];
    this.bad = [];
    return batch;
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    if (fields.join(',') !== PLAY_COLUMNS.join(',')) {
      throw new CsvFileError(
        this.file,
        line,
        `header is not the merged-file header; expected: ${PLAY_COLUMNS.join(',')}`,
      );
    }
  }
}

/**
 * Reads the merged file back in batches of plays (streaming, one batch per read of the file). Rows
 * that cannot be plays come back in `bad` with their line, so a loader can report them without stopping.
 */
export async function* readPlays(
  file: string,
  options: CsvReadOptions = {},
): AsyncGenerator<{ plays: PlayRecord[]; bad: BadPlayRecord[]; bytesRead: number }> {
  const collector = new PlayCollector(file);
  for await (const bytesRead of scanCsvChunks(file, collector, options)) yield collector.take(bytesRead);
  if (!collector.headerSeen) throw new CsvFileError(file, undefined, 'merged file is empty (no header)');
}

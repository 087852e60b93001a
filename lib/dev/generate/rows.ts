// rows: the layout of one event row — the 17 columns of lib/etl/events in order, fields quoted the
// papaparse/Excel way, each user's constant fields pre-quoted once into fragments, and the three row
// shapes (a play, a logged-in page view, a logged-out page view) joined from those fragments, so the
// hot loop only concatenates.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as pages from './pages';
import { EVENT_COLUMNS } from '../../etl/columns';

// Bound once: tsx's CommonJS output reads every named import through a getter (hot loop).
const { LEVEL_NAME, PAGE_TOK, STATUS_TOK } = pages;

/** The header line of every generated file (without line end): the 17 columns of lib/events. */
export const EVENT_HEADER = EVENT_COLUMNS.join(',');

/** Quote a field the papaparse/Excel way: only when it holds `,` `"` CR LF or edge spaces. */
export function csvField(s: string): string {
  if (s === '') return s;
  if (/[",\r\n]/.test(s) || s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) {
    return '"' + s.replace(/"/g, '""') + '"';
  }
  return s;
}

/** A user's constant row fields, pre-quoted. */
export interface RowFragments {
  /** ",Logged In,first,gender," */
  pLI: string;
  /** ",last," */
  pLast: string;
  /** ",level,location," for free/paid */
  pMid: [string, string];
  /** "registration," */
  pReg: string;
  /** ",userId" + EOL */
  pTail: string;
}

/** What a row needs of a user: the fragments and the current session fields. */
export interface RowUser extends RowFragments {
  item: number;
  level: number;
  sidStr: string;
}

/** What a play row needs of the catalogue. */
export interface RowSongs {
  artistCsv: string[];
  titleCsv: string[];
  lengthText: string[];
}

/** The fragments of one user (`eol` ends `pTail`, the end of every logged-in row). */
export function rowFragments(
  id: number,
  first: string,
  last: string,
  gender: string,
  location: string,
  registration: number,
  eol: string,
): RowFragments {
  const fc = csvField(first);
  const lc = csvField(last);
  const locc = csvField(location);
  return {
    pLI: `,Logged In,${fc},${gender},`,
    pLast: `,${lc},`,
    pMid: [`,free,${locc},`, `,paid,${locc},`],
    pReg: `${registration},`,
    pTail: `,${id}${eol}`,
  };
}

/** A NextSong row of song `s` at `ts`. */
export function playRow(u: RowUser, songs: RowSongs, s: number, ts: number): string {
  return (
    songs.artistCsv[s] +
    u.pLI +
    u.item +
    u.pLast +
    songs.lengthText[s] +
    u.pMid[u.level] +
    'PUT,NextSong,' +
    u.pReg +
    u.sidStr +
    ',' +
    songs.titleCsv[s] +
    ',200,' +
    ts +
    u.pTail
  );
}

/** A page view of a logged-in user. */
export function pageRow(u: RowUser, page: number, ts: number): string {
  return (
    u.pLI +
    u.item +
    u.pLast +
    u.pMid[u.level] +
    PAGE_TOK[page] +
    u.pReg +
    u.sidStr +
    ',' +
    STATUS_TOK[page] +
    ts +
    u.pTail
  );
}

/** A page view of a logged-out visit: no user fields. */
export function loggedOutRow(u: RowUser, page: number, ts: number, eol: string): string {
  return (
    ',Logged Out,,,' +
    u.item +
    ',,,' +
    LEVEL_NAME[u.level] +
    ',,' +
    PAGE_TOK[page] +
    ',' +
    u.sidStr +
    ',' +
    STATUS_TOK[page] +
    ts +
    ',' +
    eol
  );
}

// generate: the seeded event-file generator end to end (lib/dev/generate/generate). Small runs into temporary folders:
// determinism (sha256 of the bytes), the 17-column format and papaparse-style quoting, page views
// versus plays, session invariants, and the planted classic facts as the files really hold them.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIC_SONG } from '../../../../lib/dev/generate/classic';
import { generateEventFiles, type GenerateReport } from '../../../../lib/dev/generate/generate';
import type { GenerateOptions } from '../../../../lib/dev/generate/options';

const HEADER =
  'artist,auth,firstName,gender,itemInSession,lastName,length,level,location,method,page,registration,sessionId,song,status,ts,userId';
const COLUMNS = HEADER.split(',');
type Row = Record<string, string> & { file: string };

const root = mkdtempSync(join(tmpdir(), 'sparkify-generate-'));
const base: Omit<GenerateOptions, 'out'> = { days: 4, users: 60, seed: 7 };

function dir(name: string): string {
  return join(root, name);
}

function hashDir(d: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(d).sort()) {
    h.update(f);
    h.update(readFileSync(join(d, f)));
  }
  return h.digest('hex');
}

/** All rows of a folder, in file order then line order (which is time order). */
function readRows(d: string): Row[] {
  const rows: Row[] = [];
  for (const f of readdirSync(d).sort()) {
    const text = readFileSync(join(d, f), 'utf8');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors, f).toEqual([]);
    const [header, ...data] = parsed.data;
    expect(header).toEqual(COLUMNS);
    for (const fields of data) {
      expect(fields, `${f}: ${fields.join(',')}`).toHaveLength(17);
      const row = { file: f } as Row;
      COLUMNS.forEach((c, i) => (row[c] = fields[i]));
      rows.push(row);
    }
  }
  return rows;
}

let report: GenerateReport;
let rows: Row[];

beforeAll(async () => {
  report = await generateEventFiles({ ...base, out: dir('a') });
  rows = readRows(dir('a'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('determinism', () => {
  it('writes the same bytes for the same options, different bytes for another seed', async () => {
    await generateEventFiles({ ...base, out: dir('b') });
    await generateEventFiles({ ...base, seed: 8, out: dir('c') });
    expect(hashDir(dir('b'))).toBe(hashDir(dir('a')));
    expect(hashDir(dir('c'))).not.toBe(hashDir(dir('a')));
  });

  it('keeps a tiny run byte-identical across versions (update the hash only on purpose)', async () => {
    await generateEventFiles({ days: 2, users: 12, seed: 1, start: '2018-11-01', out: dir('golden') });
    expect(hashDir(dir('golden'))).toBe('6c998163b7652cc7e9e79d6b96df5d7fa124ebe3fa77b3a0b5f952a49894c658');
  });

  it('writes CRLF line ends on request, otherwise the same text', async () => {
    await generateEventFiles({ ...base, days: 2, crlf: true, out: dir('crlf') });
    await generateEventFiles({ ...base, days: 2, out: dir('lf') });
    for (const f of readdirSync(dir('lf'))) {
      const lf = readFileSync(join(dir('lf'), f), 'utf8');
      const crlf = readFileSync(join(dir('crlf'), f), 'utf8');
      expect(lf).not.toContain('\r');
      expect(crlf).toBe(lf.replace(/\n/g, '\r\n'));
    }
  });
});

describe('files', () => {
  it('writes one YYYY-MM-DD-events.csv per day from the start date, as reported', () => {
    const names = readdirSync(dir('a')).sort();
    expect(names).toEqual([
      '2019-11-01-events.csv',
      '2019-11-02-events.csv',
      '2019-11-03-events.csv',
      '2019-11-04-events.csv',
    ]);
    expect(report.files.map((f) => f.file)).toEqual(names);
    for (const f of report.files) {
      const mine = rows.filter((r) => r.file === f.file);
      expect(mine.length).toBe(f.events);
      expect(mine.filter((r) => r.artist !== '').length).toBe(f.plays);
      expect(readFileSync(f.path).length).toBe(f.bytes);
    }
    expect(report.events).toBe(rows.length);
    expect(report.otherEventFiles).toEqual([]);
  });

  it('starts with the exact 17-column header, UTF-8 without BOM, LF line ends', () => {
    for (const f of readdirSync(dir('a'))) {
      const bytes = readFileSync(join(dir('a'), f));
      expect(bytes.subarray(0, HEADER.length + 1).toString('utf8')).toBe(`${HEADER}\n`);
      expect(bytes.includes(Buffer.from('\r'))).toBe(false);
      expect(bytes[bytes.length - 1]).toBe(0x0a);
      expect(bytes.toString('utf8').includes('\uFFFD')).toBe(false);
    }
  });

  it('quotes exactly like papaparse (only fields with a comma, a quote or a line break)', () => {
    for (const f of readdirSync(dir('a'))) {
      const text = readFileSync(join(dir('a'), f), 'utf8');
      const data = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
      expect(`${Papa.unparse(data, { newline: '\n' })}\n`).toBe(text);
    }
    expect(rows.some((r) => r.location.includes(', '))).toBe(true);
  });

  it('writes registration and ts as integer epoch milliseconds, ts within the day of its file', () => {
    for (const r of rows) {
      expect(r.ts).toMatch(/^\d{13}$/);
      expect(new Date(Number(r.ts)).toISOString().slice(0, 10)).toBe(r.file.slice(0, 10));
      if (r.auth === 'Logged In') {
        expect(r.registration).toMatch(/^\d{13}$/);
        expect(Number(r.registration)).toBeLessThan(Number(r.ts));
      }
    }
  });
});

describe('rows', () => {
  it('plays carry artist, song and length; page views have them empty', () => {
    const plays = rows.filter((r) => r.artist !== '');
    const views = rows.filter((r) => r.artist === '');
    expect(plays.length).toBeGreaterThan(0);
    expect(views.length).toBeGreaterThan(0);
    for (const r of plays) {
      expect([r.page, r.method, r.status, r.auth]).toEqual(['NextSong', 'PUT', '200', 'Logged In']);
      expect(r.song).not.toBe('');
      expect(r.length).toMatch(/^\d+(\.\d{1,5})?$/);
      expect(r.userId).toMatch(/^\d+$/);
    }
    for (const r of views) {
      expect(r.page).not.toBe('NextSong');
      expect([r.song, r.length]).toEqual(['', '']);
      expect(['GET', 'PUT']).toContain(r.method);
      expect(['200', '307', '404']).toContain(r.status);
    }
    const share = plays.length / rows.length;
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.92);
  });

  it('logged-out rows have no user fields; logged-in rows have them all', () => {
    for (const r of rows) {
      if (r.auth === 'Logged Out') {
        expect([r.userId, r.firstName, r.lastName, r.gender, r.location, r.registration].join('')).toBe('');
        expect(['Home', 'Login', 'About', 'Help']).toContain(r.page);
      } else {
        expect(r.auth).toBe('Logged In');
        expect(r.firstName && r.lastName && r.location && r.userId).toBeTruthy();
        expect(['M', 'F']).toContain(r.gender);
      }
      expect(['free', 'paid']).toContain(r.level);
    }
  });

  it('numbers itemInSession from 0 without gaps, with ts increasing, one user per session', () => {
    const sessions = new Map<string, Row[]>();
    for (const r of rows) {
      const s = sessions.get(r.sessionId) ?? [];
      s.push(r);
      sessions.set(r.sessionId, s);
    }
    expect(sessions.size).toBe(report.sessions);
    for (const [id, s] of sessions) {
      s.forEach((r, i) => expect(Number(r.itemInSession), `session ${id}`).toBe(i));
      for (let i = 1; i < s.length; i++) expect(Number(s[i].ts)).toBeGreaterThan(Number(s[i - 1].ts));
      expect(new Set(s.map((r) => r.userId).filter((u) => u !== '')).size).toBeLessThanOrEqual(1);
    }
  });

  it('keeps song titles with apostrophes, ampersands, parentheses, commas and accents byte for byte', () => {
    const titles = rows.filter((r) => r.song !== '').map((r) => r.song);
    expect(titles.some((t) => t.includes("'"))).toBe(true);
    expect(titles.some((t) => /[^\p{ASCII}]/u.test(t))).toBe(true);
    expect(titles.some((t) => t.includes('('))).toBe(true);
    const extra = report.classic!.extra;
    expect(extra.map((e) => e.song)).toEqual(["Sweet Child O' Mine", 'Déjà Vu']);
    for (const e of extra) {
      const played = rows.filter((r) => r.song === e.song);
      expect(played.length).toBeGreaterThan(0);
      expect(played.every((r) => r.artist === e.artist)).toBe(true);
      expect([...new Set(played.map((r) => Number(r.userId)))].sort((a, b) => a - b)).toEqual(
        e.listeners.map((l) => l.userId),
      );
    }
    expect(extra[0].listeners.length).toBeGreaterThanOrEqual(3);
    const raw = Buffer.concat(readdirSync(dir('a')).map((f) => readFileSync(join(dir('a'), f))));
    expect(raw.includes(Buffer.from('Déjà Vu', 'utf8'))).toBe(true);
    expect(raw.includes(Buffer.from("Sweet Child O' Mine", 'utf8'))).toBe(true);
  });
});

describe('classic facts', () => {
  const plays = () => rows.filter((r) => r.artist !== '');

  it('1. session 338, item 4 is a play, reported exactly', () => {
    const hit = plays().filter((r) => r.sessionId === '338' && r.itemInSession === '4');
    expect(hit).toHaveLength(1);
    const q1 = report.classic!.q1;
    expect({ artist: hit[0].artist, song: hit[0].song, length: Number(hit[0].length) }).toEqual(q1);
  });

  it('2. user 10 has session 182 with at least 4 plays, reported in item order', () => {
    const mine = plays()
      .filter((r) => r.userId === '10' && r.sessionId === '182')
      .sort((a, b) => Number(a.itemInSession) - Number(b.itemInSession));
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(
      mine.map((r) => ({
        artist: r.artist,
        song: r.song,
        itemInSession: Number(r.itemInSession),
        firstName: r.firstName,
        lastName: r.lastName,
      })),
    ).toEqual(report.classic!.q2);
    // 182 and 338 are one session each
    for (const id of ['182', '338'])
      expect(new Set(rows.filter((r) => r.sessionId === id && r.userId !== '').map((r) => r.userId)).size).toBe(1);
  });

  it('3. at least 3 users played "All Hands Against His Own", reported by userId', () => {
    const listened = new Map<number, { firstName: string; lastName: string; userId: number }>();
    for (const r of plays().filter((p) => p.song === CLASSIC_SONG.song)) {
      expect(r.artist).toBe(CLASSIC_SONG.artist);
      listened.set(Number(r.userId), { firstName: r.firstName, lastName: r.lastName, userId: Number(r.userId) });
    }
    const expected = [...listened.values()].sort((a, b) => a.userId - b.userId);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(report.classic!.q3).toEqual(expected);
  });

  it('plants nothing with classic: false (and then needs no user 10)', async () => {
    const r = await generateEventFiles({ days: 1, users: 3, seed: 3, classic: false, out: dir('plain') });
    expect(r.classic).toBeNull();
    const ids = new Set(readRows(dir('plain')).map((x) => x.userId));
    expect(ids.has('10')).toBe(false);
  });
});

describe('options', () => {
  it('reports progress with a growing event count', async () => {
    const seen: number[] = [];
    const r = await generateEventFiles({
      days: 2,
      users: 10000,
      seed: 5,
      out: dir('progress'),
      onProgress: (p) => seen.push(p.events),
    });
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen[seen.length - 1]).toBeLessThanOrEqual(r.events);
    expect(r.events).toBeGreaterThan(0.8 * 2 * 10000 * 2.8);
  });

  it('refuses bad options with a RangeError', async () => {
    await expect(generateEventFiles({ ...base, days: 0, out: dir('bad') })).rejects.toThrow(RangeError);
    await expect(generateEventFiles({ ...base, start: '2018-02-30', out: dir('bad') })).rejects.toThrow(
      /calendar date/,
    );
    await expect(generateEventFiles({ ...base, users: 2, out: dir('bad') })).rejects.toThrow(/at least 3 users/);
    await expect(generateEventFiles({ ...base, seed: 1.5, out: dir('bad') })).rejects.toThrow(RangeError);
  });
});

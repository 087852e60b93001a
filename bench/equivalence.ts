// Equivalence check for the fast ETL: the byte-level merge (lib/events + lib/csv scanCsvChunks) and readCsv
// (now on the same scanner) must give exactly what the papaparse-for-every-record version did (lib/ at
// REFERENCE_COMMIT, read from git history by bench/reference.ts): the same merged bytes, the same report (counts, skip reasons, examples with
// file and line, quality findings), the same errors, for every read size. Seeded mangled files, as
// in test/unit/hostile.test.ts but with more kinds of damage and several read sizes.
//
// usage: tsx bench/equivalence.ts [--cases N] [--seed S]     (exit code 1 on the first difference; a
// clone without the reference commit prints why the check is skipped)
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '../lib/etl/csv';
import { loadReference, type ReferenceLib } from './reference';
import { EVENT_COLUMNS } from '../lib/etl/columns';
import { mergeEventFiles } from '../lib/etl/merge';
import { seededRandom } from '../lib/common/random';
import type { MergeReport } from '../lib/etl/report';

const HEADER = EVENT_COLUMNS.join(',');
const ROWS = [
  'Faithless,Logged In,Ava,F,0,Robinson,495.3073,free,"New Haven-Milford, CT",PUT,NextSong,1.54056E+12,338,Music Matters,200,1.54111E+12,50',
  ',Logged In,Ava,F,1,Robinson,,free,"New Haven-Milford, CT",GET,Home,1.54056E+12,338,,200,1.54111E+12,50',
  '"Beyoncé",Logged In,"Zoé",F,2,"Müller",201.5,paid,"San José, CA",PUT,NextSong,1540560000000,139,"Halo, ""Live""",200,1541110000000,8',
  'Sigur Rós,Logged In,Ærø,M,3,Gómez,2e2,free,"Bergen, NO",PUT,NextSong,1540560000000,140,ReprÃƒÂ©sente,200,1541110000000,9',
  '"Des\'ree",Logged In,Kaylee,F,4,Summers,246.30812,free,"Phoenix-Mesa-Scottsdale, AZ",PUT,NextSong,1540560000000,139,"two\nlines",200,1541110000000,8',
  'A,Logged In,B,F,5,C,1.5,free,"X, Y" ,PUT,NextSong,1,2147483647,S,200,1,0',
  'A,Logged In,B,F,6,C,00012.50,free,X,PUT,NextSong,1,2147483648,S,200,1,0',
];
const PIECES = [
  ',',
  '"',
  '\n',
  '\r\n',
  '\r',
  '\ufeff',
  'é',
  'Ã©',
  '\u0000',
  ' ',
  '\t',
  '-1',
  '1.5',
  'x',
  '""',
  '\xff',
  '"\n"',
  ',"',
  '",',
];
const RAW = [Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0xef, 0xbb, 0xbf])];

// Seeded, so a difference names a seed that reproduces it.
const rng = seededRandom;

function mangledFile(r: () => number): Buffer {
  const rows: string[] = [];
  const n = Math.floor(r() * 12);
  for (let i = 0; i < n; i++) rows.push(ROWS[Math.floor(r() * ROWS.length)]);
  const eol = r() < 0.2 ? '\r\n' : '\n';
  let text = `${r() < 0.1 ? '\ufeff' : ''}${HEADER}${eol}${rows.join(eol)}${r() < 0.85 ? eol : ''}`;
  const chars = [...text];
  const edits = r() < 0.2 ? 0 : 1 + Math.floor(r() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * chars.length);
    const op = r();
    if (op < 0.4) chars.splice(at, 1);
    else if (op < 0.8) chars.splice(at, 0, PIECES[Math.floor(r() * PIECES.length)]);
    else chars[at] = PIECES[Math.floor(r() * PIECES.length)];
  }
  text = chars.join('');
  let bytes = Buffer.from(text, 'utf8');
  if (r() < 0.15) {
    const at = Math.floor(r() * bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, at), RAW[Math.floor(r() * RAW.length)], bytes.subarray(at)]);
  }
  return bytes;
}

type Outcome = { error: string } | { report: unknown; bytes: string };

async function run(merge: typeof mergeEventFiles, dir: string, out: string, chunkBytes?: number): Promise<Outcome> {
  try {
    const r: MergeReport = await merge({ dir, out, chunkBytes, maxExamples: 1000 });
    const { ms: _ms, output: _o, ...rest } = r;
    // Counted since the reference (issue 15): values that keep control characters. Not compared.
    const { controls: _c, controlsTotal: _t, ...quality } = r.quality;
    return { report: { ...rest, quality }, bytes: (await readFile(out)).toString('hex') };
  } catch (err) {
    // Since issue 15 a wrong header's own names are quoted escaped and clipped: compared up to the problem.
    const message = String((err as Error).message).replace(out, 'OUT');
    return { error: message.replace(/(: header is not the 17-column event header).*$/s, '$1') };
  }
}

async function records(read: typeof readCsv, file: string, chunkBytes: number): Promise<unknown> {
  try {
    const got: unknown[] = [];
    for await (const b of read(file, { chunkBytes })) got.push({ r: b.records, bad: [...b.invalidUtf8Lines] });
    return (got as { r: unknown[]; bad: number[] }[]).reduce(
      (a, b) => ({ r: [...a.r, ...b.r], bad: [...a.bad, ...b.bad] }),
      { r: [] as unknown[], bad: [] as number[] },
    );
  } catch (err) {
    return { error: String((err as Error).message) };
  }
}

/** One seeded folder: the merge at every read size and readCsv at several, against the reference. */
async function compareCase(v1: ReferenceLib, tmp: string, seed: number): Promise<number> {
  let comparisons = 0;
  const r = rng(seed);
  const dir = join(tmp, `c${seed}`);
  await mkdir(dir);
  const files = 1 + Math.floor(r() * 3);
  for (let f = 0; f < files; f++) await writeFile(join(dir, `2018-11-0${f + 1}-events.csv`), mangledFile(r));
  const want = await run(v1.mergeEventFiles, dir, join(tmp, `v1-${seed}.csv`));
  const wantJson = JSON.stringify(want).replaceAll(join(tmp, `v1-${seed}.csv`), 'OUT');
  for (const chunk of [1, 2, 3, 5, 16, 64, 1 << 20]) {
    const got = await run(mergeEventFiles, dir, join(tmp, `v2-${seed}.csv`), chunk);
    const gotJson = JSON.stringify(got).replaceAll(join(tmp, `v2-${seed}.csv`), 'OUT');
    comparisons++;
    if (gotJson !== wantJson) {
      throw new Error(
        `merge differs for seed ${seed}, read size ${chunk}:\n  v1: ${wantJson.slice(0, 2000)}\n  v2: ${gotJson.slice(0, 2000)}`,
      );
    }
  }
  const file = join(dir, '2018-11-01-events.csv');
  const wantRecords = JSON.stringify(await records(v1.readCsv, file, 1 << 20));
  for (const chunk of [1, 3, 7, 1 << 20]) {
    comparisons++;
    const gotRecords = JSON.stringify(await records(readCsv, file, chunk));
    if (gotRecords !== wantRecords)
      throw new Error(`readCsv differs for seed ${seed}, chunk ${chunk}:\n  v1: ${wantRecords}\n  v2: ${gotRecords}`);
  }
  await rm(dir, { recursive: true, force: true });
  await rm(join(tmp, `v1-${seed}.csv`), { force: true });
  await rm(join(tmp, `v2-${seed}.csv`), { force: true });
  return comparisons;
}

export type Equivalence = { cases: number; comparisons: number } | { skipped: string };

/** `cases` seeded folders from `seed0` on; skipped (with the reason) when the reference cannot be read here. */
export async function checkEquivalence(
  cases = 1500,
  seed0 = 1,
  log: (s: string) => void = console.log,
): Promise<Equivalence> {
  const reference = loadReference();
  if ('why' in reference) return { skipped: reference.why };
  const tmp = await mkdtemp(join(tmpdir(), 'sparkify-equiv-'));
  let comparisons = 0;
  try {
    for (let seed = seed0; seed < seed0 + cases; seed++) {
      comparisons += await compareCase(reference.lib, tmp, seed);
      if ((seed - seed0 + 1) % 500 === 0)
        log(`equivalence: ${seed - seed0 + 1}/${cases} folders, ${comparisons} comparisons, no difference`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { cases, comparisons };
}

if (require.main === module) {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? dflt : Number(process.argv[i + 1]);
  };
  checkEquivalence(arg('--cases', 1500), arg('--seed', 1)).then(
    (r) =>
      console.log(
        'skipped' in r
          ? `equivalence: skipped: ${r.skipped}`
          : `equivalence: ${r.cases} mangled folders, ${r.comparisons} comparisons with the papaparse version: identical`,
      ),
    (err) => {
      console.error(String(err.message ?? err));
      process.exit(1);
    },
  );
}

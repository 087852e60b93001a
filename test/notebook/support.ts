// Shared by the notebook tests: why they skip, a fresh keyspace per run, the classic answers (on the
// original 2018-11 files) as they must read in the notebook's rendered tables, and what Part III must show
// on those files: question 4's answer, the checker's verdicts, the wrong key's loss, the partitions.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { configFromEnv, connect, dropKeyspaceCql } from '../../lib/index';

/** Why the notebook tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  const dir = process.env.SPARKIFY_EVENT_DATA;
  if (!dir) {
    return 'SPARKIFY_EVENT_DATA is not set: the notebook tests check the classic answers, so they need the original event files (e.g. SPARKIFY_EVENT_DATA=../shared/event_data)';
  }
  if (!fs.existsSync(dir)) return `SPARKIFY_EVENT_DATA=${dir} does not exist`;
  return undefined;
}

export function freshKeyspace(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export async function dropKeyspace(keyspace: string): Promise<void> {
  const client = await connect({ ...configFromEnv(), keyspace }, { waitMs: 30_000 });
  try {
    await client.execute(dropKeyspaceCql(keyspace));
  } finally {
    await client.shutdown();
  }
}

/** The text a reader sees in an HTML fragment: tags dropped (cells separated by a tab), entities decoded. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<\/t[dh]>/g, '\t')
    .replace(/<\/tr>|<br\s*\/?>|<\/caption>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The rows of the answers, one string per row with its cells joined by a tab, in the order shown. */
export const CLASSIC_ANSWERS: { question: string; rows: string[] }[] = [
  { question: 'Q1', rows: ['Faithless\tMusic Matters (Mark Knight Dub)\t495.3073'] },
  {
    question: 'Q2',
    rows: [
      "0\tDown To The Bone\tKeep On Keepin' On\tSylvie\tCruz",
      '1\tThree Drives\tGreece 2000\tSylvie\tCruz',
      '2\tSebastien Tellier\tKilometer\tSylvie\tCruz',
      '3\tLonnie Gordon\tCatch You Baby (Steve Pitron & Max Sanna Radio Edit)\tSylvie\tCruz',
    ],
  },
  { question: 'Q3', rows: ['29\tJacqueline\tLynch', '80\tTegan\tLevine', '95\tSara\tJohnson'] },
];

/** Splits the text of one rendered answer table into its body rows (the caption and header dropped). */
export function bodyRows(tableText: string): string[] {
  const lines = tableText
    .split('\n')
    .map((l) => l.replace(/\t$/, '').trim())
    .filter(Boolean);
  // caption, header, then rows
  return lines.slice(2);
}

/** Question 4 (every song user 10 played, newest session first) on the original files: 28 plays in 16 sessions. */
export const Q4_ANSWER = {
  rows: 28,
  first: '1005\t0\tI Set My Friends On Fire\tBut The NUNS Are Watching',
  last: '9\t0\tBlack Eyed Peas\tPump It',
};

/** The three tables of Part II, and the two Part III adds (the proposed one and the wrong key). */
export const PART_II_TABLES = ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'];
export const PART_III_TABLES = ['songs_by_user', 'listeners_by_song_only'];

/** Question 3's data keyed by song alone, on the original files: 6,618 listener rows become 5,190. */
export const WRONG_KEY = {
  right: 'listeners_by_song\tPRIMARY KEY (song, user_id)\t6,618\tJacqueline Lynch, Tegan Levine, Sara Johnson',
  wrong: 'listeners_by_song_only\tPRIMARY KEY (song)\t5,190\tTegan Levine',
  loss: '1,428 of 6,618 listener rows silently disappeared (21.6 %)',
};

/** The checker's verdicts in a rendered verdict table: "Q1 songs_by_session" → served. */
export function verdictsOf(html: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const m of html.matchAll(/data-question="([^"]+)" data-table="([^"]+)" data-served="(true|false)"/g)) {
    out[`${m[1]} ${m[2]}`] = m[3] === 'true';
  }
  return out;
}

/** Every (question, table) pair of the given names, served only where `served` lists it. */
export function expectedVerdicts(questions: readonly string[], tables: readonly string[], served: readonly string[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const q of questions) for (const t of tables) out[`${q} ${t}`] = served.includes(`${q} ${t}`);
  return out;
}

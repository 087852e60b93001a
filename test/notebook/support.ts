// Shared by the notebook tests: why they skip, a fresh keyspace per run, and the classic answers
// (on the original 2018-11 files) as they must read in the notebook's rendered tables.
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

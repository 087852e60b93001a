// Shared by the notebook tests: the kernel's environment per folder, a fresh keyspace per run, small
// notebooks written for a case, and what the
// notebook's rendered tables must read for a folder's expected figures (test/support/datasets.ts): question
// 4's rows, the wrong key's loss, the checker's verdicts.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { configFromEnv, connect, dropKeyspaceCql } from '../../lib/index';
import { kernelSpec } from '../../scripts/jupyter/kernel';
import { KERNEL_NAME } from '../../scripts/jupyter/paths';
import { thousands, type Dataset, type Expected } from '../support/datasets';

/**
 * The kernel's environment for a run on `ds`, on top of the test's own: the sample exactly as a newcomer
 * runs it (no SPARKIFY_EVENT_DATA, no SPARKIFY_MERGED_FILE: event_data/ and the merged file at its default
 * place in the project folder), the originals through SPARKIFY_EVENT_DATA; each run in a fresh keyspace.
 */
export function kernelEnv(ds: Dataset, keyspace: string): NodeJS.ProcessEnv {
  return {
    SPARKIFY_EVENT_DATA: ds.id === 'sample' ? undefined : ds.dir,
    SPARKIFY_MERGED_FILE: undefined,
    SPARKIFY_KEYSPACE: keyspace,
  };
}

/** Writes a notebook of code cells, one per source, for the project's tslab kernelspec. */
export function writeCodeNotebook(file: string, sources: string[]): void {
  const { display_name, language } = kernelSpec();
  const cells = sources.map((source) => ({
    cell_type: 'code',
    source,
    outputs: [],
    execution_count: null,
    metadata: {},
  }));
  fs.writeFileSync(
    file,
    JSON.stringify({
      cells,
      metadata: { kernelspec: { name: KERNEL_NAME, display_name, language } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
}

export function freshKeyspace(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Drops a run's keyspace and the one Part IV of the lesson measures in (`<keyspace>_ways`), if made. */
export async function dropKeyspace(keyspace: string): Promise<void> {
  const client = await connect({ ...configFromEnv(), keyspace }, { waitMs: 30_000 });
  try {
    await client.execute(dropKeyspaceCql(keyspace));
    await client.execute(dropKeyspaceCql(`${keyspace}_ways`));
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

/** Splits the text of one rendered answer table into its body rows (the caption and header dropped). */
export function bodyRows(tableText: string): string[] {
  const lines = tableText
    .split('\n')
    .map((l) => l.replace(/\t$/, '').trim())
    .filter(Boolean);
  // caption, header, then rows
  return lines.slice(2);
}

/** Question 4's first and last rows as the notebook's table reads: session, item, artist, song. */
export function q4Rows(e: Expected): { rows: number; first: string; last: string } {
  return { rows: e.q4.rows, first: e.q4.first.join('\t'), last: e.q4.last.join('\t') };
}

/** The three questions' tables, and every table the notebook makes (Step 6's, Part III's draft, its answer and the wrong key). */
export const QUESTION_TABLES = ['songs_by_session', 'songs_by_user_session', 'listeners_by_song'];
export const MADE_TABLES = [
  ...QUESTION_TABLES,
  'songs_by_user_session_static',
  'listeners_by_song_artist',
  'my_songs_by_user',
  'songs_by_user',
  'listeners_by_song_only',
];

/** The answer table whose caption shows these bound values ("bound: 338, 4"): the one SELECT that bound them. */
export function answersBound(htmls: readonly string[], bound: string): string[] {
  return htmls.filter((h) => h.includes('sparkify-answer') && textOfHtml(h).split('\n')[0].endsWith(`bound: ${bound}`));
}

/** Question 3's data keyed by song alone: the wrong-key table's rows and its closing sentence. */
export function wrongKeyRows(e: Expected): { right: string; wrong: string; loss: string } {
  const right = e.tableRows.listeners_by_song;
  const wrong = e.tableRows.listeners_by_song_only;
  const lost = right - wrong;
  return {
    right: `listeners_by_song\tPRIMARY KEY (song, user_id)\t${thousands(right)}\t${e.wrongKey.listeners.join(', ')}`,
    wrong: `listeners_by_song_only\tPRIMARY KEY (song)\t${thousands(wrong)}\t${e.wrongKey.lastWritten}`,
    loss: `${thousands(lost)} of ${thousands(right)} listener rows silently disappeared (${((100 * lost) / right).toFixed(1)} %)`,
  };
}

/** The checker's verdicts in a rendered verdict table: "Q1 songs_by_session" → served. */
export function verdictsOf(html: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const m of html.matchAll(/data-question="([^"]+)" data-table="([^"]+)" data-served="(true|false)"/g)) {
    out[`${m[1]} ${m[2]}`] = m[3] === 'true';
  }
  return out;
}

/** Every (question, table) pair of the given names, served only where `served` lists it. */
export function expectedVerdicts(
  questions: readonly string[],
  tables: readonly string[],
  served: readonly string[],
): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const q of questions) for (const t of tables) out[`${q} ${t}`] = served.includes(`${q} ${t}`);
  return out;
}

// demos: the two demonstrations of Part III on a live node. Owns the ALLOW FILTERING demonstration
// (Cassandra's own refusal caught, then the same query WITH ALLOW FILTERING traced) and the cost of a
// wrong key (question 3's data keyed by song alone: the listeners that silently disappear). Values are
// always bound; names are checked. Their explanations in words come from lib/show/trace-text.ts.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { checkQuestion, type Verdict } from './checker';
import { questionCql } from './question-cql';
import { countPartitions, countTableRows, isAllowFilteringRefusal, traceQuestion, type QuestionRun } from './trace';
import { loadTables } from '../load/load';
import { listenersBySong, type TableSpec } from '../model/tables';
import { allowFilteringExplanation, wrongKeyExplanation } from '../show/trace-text';
import { listenersBySongOnly } from './wrong-key';
import { QUESTION_3, type Question, CLASSIC_PARAMETERS } from '../model/questions';
import { createTables } from '../load/schema';

export interface AllowFilteringDemo {
  question: string;
  table: string;
  verdict: Verdict;
  /** The plain query, as the learner would write it. */
  cql: string;
  /** Cassandra's refusal (null if it ran the plain query). */
  refusal: { code: number; message: string } | null;
  /** The same query WITH ALLOW FILTERING, traced. */
  filtered: QuestionRun;
  /** Partitions the table holds (counted with SELECT DISTINCT): what a whole-ring scan reads. */
  partitionsInTable: number;
  /** Rows the table holds (SELECT COUNT(*)): what the scan's rows read are put against. */
  rowsInTable: number;
  /** What happened, in words. */
  explanation: string[];
}

/** Runs the plain query: null when Cassandra runs it, else its ALLOW FILTERING refusal (any other error is thrown). */
async function refusalOf(
  client: Client,
  cql: string,
  values: readonly unknown[],
): Promise<AllowFilteringDemo['refusal']> {
  try {
    await client.execute(cql, values as unknown[], { prepare: true });
    return null;
  } catch (err) {
    if (!isAllowFilteringRefusal(err)) throw err;
    const e = err as { code: number; message: string };
    return { code: e.code, message: e.message };
  }
}

/**
 * Runs a question against a table that does not serve it: Cassandra refuses (caught, explained); then
 * the same query WITH ALLOW FILTERING, traced, shows the range scan it takes.
 */
export async function askWithAllowFilteringDemo(
  client: Client,
  keyspace: string,
  question: Question,
  table: TableSpec,
  values: readonly unknown[],
): Promise<AllowFilteringDemo> {
  const verdict = checkQuestion(question, table);
  const plain = questionCql(question, table, keyspace);
  const refusal = await refusalOf(client, plain.cql, values);
  const filtered = await traceQuestion(client, keyspace, question, table, values, { allowFiltering: true });
  const partitionsInTable = await countPartitions(client, keyspace, table);
  const rowsInTable = await countTableRows(client, keyspace, table);
  const explanation = allowFilteringExplanation({
    question,
    table,
    verdict,
    refusal,
    summary: filtered.summary,
    sortedHere: filtered.sortedHere,
    partitionsInTable,
    rowsInTable,
  });
  return {
    question: question.name,
    table: table.name,
    verdict,
    cql: plain.cql,
    refusal,
    filtered,
    partitionsInTable,
    rowsInTable,
    explanation,
  };
}

export interface WrongKeyLoss {
  right: string;
  wrong: string;
  /** Plays read from the file (each written to both tables). */
  plays: number;
  rightRows: number;
  wrongRows: number;
  /** Rows that silently disappeared: rightRows − wrongRows. No error was raised. */
  lost: number;
  song: string;
  rightListeners: string[];
  wrongListeners: string[];
  explanation: string[];
}

/** Question 3 asked of a table for one song: its listeners' names, in the order Cassandra returns them. */
async function listenerNames(client: Client, keyspace: string, table: TableSpec, song: string): Promise<string[]> {
  const q = questionCql(QUESTION_3, table, keyspace);
  const rs = await client.execute(q.cql, [song], { prepare: true, fetchSize: 5000 });
  const out: string[] = [];
  for await (const r of rs) out.push(`${r.get('first_name')} ${r.get('last_name')}`);
  return out;
}

/**
 * Loads question 3's data both into the right table (PRIMARY KEY (song, user_id)) and into one keyed
 * by song alone (`listeners_by_song_only`), then counts what the wrong key silently lost: in total and
 * for one song's listeners. The load is idempotent, so the right table may already hold the data.
 */
export async function wrongKeyLoss(
  client: Client,
  keyspace: string,
  opts: { file: string; song?: string; right?: TableSpec; wrong?: TableSpec; concurrency?: number },
): Promise<WrongKeyLoss> {
  const right = opts.right ?? listenersBySong;
  const wrong = opts.wrong ?? listenersBySongOnly;
  const song = opts.song ?? CLASSIC_PARAMETERS.listenersOf.song;
  await createTables(client, keyspace, [right, wrong]);
  const load = await loadTables(client, {
    file: opts.file,
    keyspace,
    tables: [right, wrong],
    concurrency: opts.concurrency,
  });
  if (load.failedCount) {
    throw new Error(
      `${load.failedCount} inserts failed while loading ${right.name} and ${wrong.name}: ${load.failures[0]?.message}`,
    );
  }
  const rightRows = await countTableRows(client, keyspace, right);
  const wrongRows = await countTableRows(client, keyspace, wrong);
  const rightListeners = await listenerNames(client, keyspace, right, song);
  const wrongListeners = await listenerNames(client, keyspace, wrong, song);
  const lost = rightRows - wrongRows;
  const explanation = wrongKeyExplanation({
    right,
    wrong,
    plays: load.rowsRead,
    rightRows,
    wrongRows,
    song,
    rightListeners,
    wrongListeners,
  });
  const counts = { plays: load.rowsRead, rightRows, wrongRows, lost };
  return { right: right.name, wrong: wrong.name, ...counts, song, rightListeners, wrongListeners, explanation };
}

// grade: a learner's submission for one question, graded by Cassandra. A short orchestrator over named
// steps: a scratch keyspace of its own; the CREATE TABLE run and the table read back from system_schema;
// the INSERT's markers loaded from the merged file through the project's loader; the SELECT run traced;
// the merged file read independently of Cassandra (lib/grade/expected); the rubric applied (lib/grade/rules);
// the scratch keyspace dropped whatever happened.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { randomBytes } from 'crypto';
import type { Client } from 'cassandra-driver';
import { createdTableName, runCql } from '../cassandra/cql';
import { explainCqlError } from '../cassandra/explain';
import { createKeyspaceCql, dropKeyspaceCql } from '../cassandra/keyspace';
import { readTableShape } from '../cassandra/schema';
import { loadWithInsert } from '../load/from-insert';
import type { TableSpec } from '../model/tables';
import { analyzePartitions } from '../teach/partitions';
import { countTableRows, tracedExecute } from '../teach/trace';
import { fileFacts, type GradedQuestion } from './expected';
import { applyRules, type GradeFacts, type RuleVerdict } from './rules';
import { plainName } from './names';
import { parseSubmission, type Submission } from './submission';

export interface GradeOptions {
  /** The merged file the INSERT loads and the answer is computed from. */
  mergedFile: string;
  /** Where the submission came from, for messages. Default "the submission". */
  name?: string;
}

export interface Grade {
  question: string;
  submission: string;
  table?: string;
  /** The learner's table as Cassandra held it, its columns fed by the INSERT's markers. */
  spec?: TableSpec;
  passed: boolean;
  rules: RuleVerdict[];
}

const TABLE_AFTER =
  /^(\s*(?:CREATE\s+TABLE(?:\s+IF\s+NOT\s+EXISTS)?|INSERT\s+INTO|SELECT\b[^]*?\bFROM)\s+)(?:\w+\s*\.\s*)?(\w+)/i;

/** The statement with its table put in the scratch keyspace (a keyspace the learner named is replaced). */
export function inKeyspace(statement: string, keyspace: string): string {
  return statement.replace(TABLE_AFTER, (_, head: string, table: string) => `${head}${keyspace}.${table}`);
}

/** The column names a CREATE TABLE declares, in its order (the column list up to PRIMARY KEY). */
export function declaredColumns(create: string): string[] {
  const body = create.slice(create.indexOf('(') + 1).split(/\)\s*WITH\b/i)[0];
  return body
    .split(',')
    .map((part) => /^\s*(\w+)\s+\w+/.exec(part)?.[1] ?? '')
    .filter((name) => name && !/^PRIMARY$/i.test(name))
    .map((n) => n.toLowerCase());
}

/** Grades a submission (CQL text) for a question: the verdicts as data, `passed` when every required rule holds. */
export async function gradeSubmission(
  client: Client,
  question: GradedQuestion,
  text: string,
  options: GradeOptions,
): Promise<Grade> {
  const submission = parseSubmission(text, options.name);
  const keyspace = `grade_${randomBytes(4).toString('hex')}`;
  await client.execute(createKeyspaceCql({ keyspace, replication: { class: 'SimpleStrategy', replicationFactor: 1 } }));
  try {
    const facts = await gather(client, question, submission, keyspace, options.mergedFile);
    const rules = applyRules(facts);
    return {
      question: question.name,
      submission: submission.name,
      table: facts.table?.name,
      spec: facts.table,
      passed: rules.every((r) => r.ok || r.level === 'style') && rules.length > 1,
      rules,
    };
  } finally {
    await client.execute(dropKeyspaceCql(keyspace));
  }
}

async function gather(client: Client, question: GradedQuestion, s: Submission, keyspace: string, file: string) {
  const facts: GradeFacts = { question, declared: declaredColumns(s.create) };
  if (s.caseSensitive) {
    facts.refused = quotedNamesRefusal(s.caseSensitive);
    return facts;
  }
  const created = await runCql(client, { query: inKeyspace(s.create, keyspace), params: [] });
  if (created.kind === 'refused') {
    facts.refused = { statement: 'CREATE TABLE', error: created.error, explanation: created.explanation };
    return facts;
  }
  facts.shape = await readTableShape(client, keyspace, createdTableName(s.create)!);
  if (!(await load(client, s, keyspace, file, facts))) return facts;
  facts.file = await fileFacts(file, question, facts.table!);
  facts.select = await select(client, question, s.select, keyspace);
  [facts.partitions] = await analyzePartitions(file, { tables: [facts.table!] });
  return facts;
}

/** Names whose quotes keep their case: the grader (and the course) takes plain names only. */
function quotedNamesRefusal(quoted: readonly string[]): NonNullable<GradeFacts['refused']> {
  return {
    statement: 'CREATE TABLE',
    by: 'grader',
    error: `quoted names keep their case: ${quoted.join(', ')}`,
    explanation:
      `write them unquoted, in snake_case (${quoted.map(plainName).join(', ')}): Cassandra lower-cases unquoted ` +
      'names, while a quoted name must be quoted, exactly, in every query',
  };
}

/** Loads the merged file through the INSERT; false (with the refusal in `facts`) when it cannot run. */
async function load(
  client: Client,
  s: Submission,
  keyspace: string,
  file: string,
  facts: GradeFacts,
): Promise<boolean> {
  try {
    const loaded = await loadWithInsert(client, inKeyspace(s.insert, keyspace), {
      file,
      keyspace,
      checkpointFile: false,
    });
    if (loaded.result.failedCount) throw new Error(loaded.result.failures[0]?.message ?? 'some INSERTs failed');
    facts.table = loaded.table;
    facts.rowsInTable = await countTableRows(client, keyspace, loaded.table);
    return true;
  } catch (err) {
    facts.refused = { statement: 'INSERT', error: (err as Error).message, explanation: explainCqlError(err) };
    return false;
  }
}

/** Runs the SELECT traced: literal values as written, `?` markers bound to the question's values in order. */
async function select(client: Client, question: GradedQuestion, text: string, keyspace: string) {
  const markers = (text.match(/\?/g) ?? []).length;
  const values = markers ? Object.values(question.asked).slice(0, markers) : [];
  try {
    const run = await tracedExecute(client, inKeyspace(text, keyspace), values);
    return { text, columns: run.columns, rows: run.rows, trace: run.summary };
  } catch (err) {
    return {
      text,
      columns: [],
      rows: [],
      refused: { error: (err as Error).message, explanation: explainCqlError(err) },
    };
  }
}

// submission: a learner's answer to one question as plain CQL — a CREATE TABLE, an INSERT with named
// markers and a SELECT — split into its three statements. Only the split is done here (on `;` outside
// quotes and comments, each statement told by its first word); Cassandra parses each statement itself
// (lib/grade/grade). A `USE` is dropped (the grader runs everything in a scratch keyspace of its own), and
// quotes that change nothing are removed (lib/grade/names). A malformed text gets an error naming the
// submission, the statement and what is wrong.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { closingQuote, unquoteNames } from './names';

export interface Submission {
  /** Where it came from (a file name, "the cell"), for messages. */
  name: string;
  create: string;
  insert: string;
  select: string;
  /** Quoted names whose quotes matter ("Songs"): Cassandra keeps their case. */
  caseSensitive?: string[];
  /** The keyspace a `USE` statement named (the grader uses its own). */
  used?: string;
}

export class SubmissionError extends Error {
  constructor(
    readonly submission: string,
    message: string,
  ) {
    super(`${submission}: ${message}`);
    this.name = 'SubmissionError';
  }
}

/** The statements of a CQL text, comments (`--`, `//`, `/* … *\/`) dropped, split on `;` outside quotes. */
export function cqlStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const two = text.slice(i, i + 2);
    if (ch === "'" || ch === '"') {
      const end = closingQuote(text, i);
      cur += text.slice(i, end + 1);
      i = end;
    } else if (two === '--' || two === '//') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (two === '/*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

const KINDS = { create: /^CREATE\s+TABLE\b/i, insert: /^INSERT\s+INTO\b/i, select: /^SELECT\b/i } as const;
const USE = /^USE\s+("?)(\w+)\1$/i;

/** Splits a submission into its CREATE TABLE, INSERT and SELECT; each must appear exactly once. */
export function parseSubmission(text: string, name = 'the submission'): Submission {
  const statements = cqlStatements(text);
  if (!statements.length) throw new SubmissionError(name, 'not written yet: no CQL statement in it');
  const found: Partial<Record<keyof typeof KINDS, string>> = {};
  let used: string | undefined;
  statements.forEach((s, i) => {
    const use = USE.exec(s);
    if (use) return void (used = use[2]);
    const kind = (Object.keys(KINDS) as (keyof typeof KINDS)[]).find((k) => KINDS[k].test(s));
    const where = `statement ${i + 1} (${JSON.stringify(s.replace(/\s+/g, ' ').slice(0, 60))})`;
    if (!kind) throw new SubmissionError(name, `${where} is not a CREATE TABLE, an INSERT or a SELECT`);
    if (found[kind])
      throw new SubmissionError(name, `${where}: a second ${kind.toUpperCase()}, one of each is expected`);
    found[kind] = s;
  });
  for (const kind of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
    if (!found[kind]) {
      const what = { create: 'a CREATE TABLE', insert: 'an INSERT with named markers', select: 'a SELECT' }[kind];
      throw new SubmissionError(name, `${what} is missing (found ${statements.length} statement(s))`);
    }
  }
  const [create, insert, select] = [found.create!, found.insert!, found.select!].map(unquoteNames);
  const caseSensitive = [...new Set([create, insert, select].flatMap((u) => u.caseSensitive))];
  return {
    name,
    create: create.text,
    insert: insert.text,
    select: select.text,
    ...(caseSensitive.length ? { caseSensitive } : {}),
    ...(used ? { used } : {}),
  };
}

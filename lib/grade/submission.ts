// submission: a learner's answer to one question as plain CQL — a CREATE TABLE, an INSERT with named
// markers and a SELECT — split into its three statements. Only the split is done here (on `;` outside
// quotes and comments, each statement told by its first word); Cassandra parses each statement itself
// (lib/grade/grade). A malformed text gets an error naming the submission, the statement and what is wrong.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

export interface Submission {
  /** Where it came from (a file name, "the cell"), for messages. */
  name: string;
  create: string;
  insert: string;
  select: string;
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

/** The index of the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closingQuote(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== q) continue;
    if (text[i + 1] === q) i++;
    else return i;
  }
  return text.length - 1;
}

const KINDS = { create: /^CREATE\s+TABLE\b/i, insert: /^INSERT\s+INTO\b/i, select: /^SELECT\b/i } as const;

/** Splits a submission into its CREATE TABLE, INSERT and SELECT; each must appear exactly once. */
export function parseSubmission(text: string, name = 'the submission'): Submission {
  const statements = cqlStatements(text);
  if (!statements.length) throw new SubmissionError(name, 'not written yet: no CQL statement in it');
  const found: Partial<Record<keyof typeof KINDS, string>> = {};
  statements.forEach((s, i) => {
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
  return { name, create: found.create!, insert: found.insert!, select: found.select! };
}

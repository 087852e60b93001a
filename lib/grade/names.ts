// names: quoted identifiers in a learner's statements. A quoted name that Cassandra would store the same
// unquoted ("songs" is songs) is unquoted, so the rest of the grader reads one spelling; a name whose
// quotes matter ("Songs", "first name") is reported: Cassandra keeps its case and every later query must
// quote it exactly, which the course's rubric (and the project's loader) does not take. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

/** Cassandra's reserved keywords (ReservedKeywords.java): quoted, they stay quoted. */
const RESERVED = new Set(
  (
    'add allow alter and apply asc authorize batch begin by columnfamily create delete desc describe drop ' +
    'entries execute from full grant if in index infinity insert into is keyspace limit materialized modify ' +
    'nan norecursive not null of on or order primary rename replace revoke schema select set table to token ' +
    'truncate unlogged update use using view where with'
  ).split(' '),
);

const PLAIN = /^[a-z][a-z0-9_]*$/;

export interface Unquoted {
  /** The statement with every quote that changes nothing removed. */
  text: string;
  /** The quoted names whose quotes matter (case, blanks, symbols), as written. */
  caseSensitive: string[];
}

/** Removes the quotes of names Cassandra stores the same unquoted; lists the ones whose quotes matter. */
export function unquoteNames(statement: string): Unquoted {
  let text = '';
  const caseSensitive: string[] = [];
  for (let i = 0; i < statement.length; i++) {
    const ch = statement[i];
    if (ch !== "'" && ch !== '"') {
      text += ch;
      continue;
    }
    const end = closingQuote(statement, i);
    const quoted = statement.slice(i, end + 1);
    const name = quoted.slice(1, -1).replace(/""/g, '"');
    if (ch === "'") text += quoted;
    else if (PLAIN.test(name) && !RESERVED.has(name)) text += name;
    else {
      text += quoted;
      if (!PLAIN.test(name)) caseSensitive.push(quoted);
    }
    i = end;
  }
  return { text, caseSensitive };
}

/** The index of the quote closing the one at `start` (a doubled quote is an escaped one). */
export function closingQuote(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] !== q) continue;
    if (text[i + 1] === q) i++;
    else return i;
  }
  return text.length - 1;
}

/** The unquoted snake_case name to write instead of a quoted one: "firstName" → first_name, "Songs" → songs. */
export function plainName(quoted: string): string {
  return quoted
    .replace(/^"|"$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

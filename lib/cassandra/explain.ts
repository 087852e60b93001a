// explain: Cassandra's refusal of a statement in one line a learner can act on. Each rule matches the
// server's own message (Cassandra 5.0's words) and says what it means for the table's key; an error no
// rule knows keeps Cassandra's message. The words are the teaching; the match is on the message because
// most of these share one error code (0x2200 Invalid).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

interface Rule {
  match: RegExp;
  explain: (m: RegExpMatchArray) => string;
}

const RULES: readonly Rule[] = [
  {
    match: /Connecting after shutdown is not supported/,
    explain: () => 'the connection to Cassandra was closed: run the connection cell again, then this one',
  },
  {
    match: /might involve data filtering/,
    explain: () =>
      "this WHERE does not name one partition (the table's whole partition key by equality), so Cassandra " +
      'would have to scan every partition; it refuses unless told ALLOW FILTERING — the fix is a table keyed for this question',
  },
  {
    match: /PRIMARY KEY column "(\w+)" cannot be restricted as preceding column "(\w+)" is not restricted/,
    explain: (m) =>
      `clustering columns are restricted in key order: ${m[1]} can only be restricted once ${m[2]} is (by equality)`,
  },
  {
    match: /Order by currently only supports the ordering of columns following their declared order/,
    explain: () =>
      'rows come back in the clustering order (or its exact reverse) only: ORDER BY can name clustering columns, in key order, nothing else',
  },
  {
    match: /Undefined column name (\w+)/,
    explain: (m) => `the table has no column ${m[1]}: check the names in its CREATE TABLE`,
  },
  {
    match: /table (\w+) does not exist|unconfigured table (\w+)/i,
    explain: (m) => `there is no table ${m[1] ?? m[2]} in this keyspace: run the cell with its CREATE TABLE first`,
  },
  {
    match: /Keyspace '?(\w+)'? does not exist/i,
    explain: (m) => `there is no keyspace ${m[1]}: create it first (CREATE KEYSPACE)`,
  },
  {
    match: /Some (partition|clustering) key(?: part)?s are missing: (.+)/,
    explain: (m) => `a row is found by its whole primary key, so an INSERT must give every key column: ${m[2]} missing`,
  },
  {
    match: /Missing mandatory PRIMARY KEY part (\w+)/,
    explain: (m) => `a row is found by its whole primary key, so an INSERT must give every key column: ${m[1]} missing`,
  },
  {
    match: /Cannot add already existing table "(\w+)"/,
    explain: (m) =>
      `table ${m[1]} exists already: add IF NOT EXISTS, or DROP TABLE it first to change its key (a key cannot be altered)`,
  },
  {
    match: /Only clustering key columns can be defined in CLUSTERING ORDER directive: \[(.+)\]/,
    explain: (m) => `CLUSTERING ORDER BY can only name the clustering columns of the PRIMARY KEY; ${m[1]} is not one`,
  },
  {
    match: /Static columns are only useful \(and thus allowed\) if the table has at least one clustering column/,
    explain: () => 'a static column is one value per partition shared by its rows: it needs a clustering column',
  },
  {
    match: /Order by is currently only supported on the clustered columns of the PRIMARY KEY, got (\w+)/,
    explain: (m) =>
      `rows are stored sorted by the clustering columns only: ${m[1]} is not one, so it cannot order them`,
  },
  {
    match: /Unsupported order by relation/,
    explain: () =>
      'ORDER BY reads the clustering order forwards or backwards: every column in it goes the same way as stored, or every one the other way',
  },
  {
    match:
      /Clustering column "(\w+)" cannot be restricted \(preceding column "(\w+)" is restricted by a non-EQ relation\)/,
    explain: (m) =>
      `after a range on ${m[2]} no later clustering column can be restricted: a slice of the partition ends at its range (${m[1]})`,
  },
  {
    match: /Unknown column '(\w+)' referenced in PRIMARY KEY for table '(\w+)'/,
    explain: (m) => `every column of the PRIMARY KEY must be declared in the table first: ${m[1]} is not`,
  },
  {
    match: /Cannot page queries with both ORDER BY and a IN restriction/,
    explain: () => 'ORDER BY orders rows inside one partition; with IN over several partitions, sort in the client',
  },
  {
    match: /^line (\d+):(\d+) (.+)$/,
    explain: (m) => `CQL syntax error at line ${m[1]}, column ${Number(m[2]) + 1}: ${m[3]}`,
  },
  {
    match: /Expected (\w+), obtained (.+)|Invalid (\w+) constant|Expected \d+ or 0 byte (\w+)/,
    explain: () => "a value's type does not match its column's CQL type (e.g. text given for an int column)",
  },
];

/** One line: what Cassandra refused and what it means, from the error's message. */
export function explainCqlError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  for (const rule of RULES) {
    const m = message.match(rule.match);
    if (m) return rule.explain(m);
  }
  return `Cassandra refused it: ${message}`;
}

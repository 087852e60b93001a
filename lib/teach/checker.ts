// checker: questions as data, and whether a table serves one. Owns the Question shape (equality
// columns, at most one range column, the wanted order, the returned columns, what makes an answer row
// unique), the rules Cassandra applies to a SELECT (whole partition key restricted by equality,
// clustering restrictions forming a prefix, ORDER BY only along the clustering order) with the reasons
// in words, the minimal table proposed for a question, overwrite warnings for keys that let rows
// replace each other, the four questions of the notebook, and the SELECT a question becomes on a table.
// Pure: no driver, no I/O.
import { PLAY_COLUMNS, type PlayColumn } from '../etl/columns';
import {
  checkIdentifier, validateTable, type ClusteringOrder, type ColumnSpec, type CqlType, type TableSpec,
} from '../model/tables';

/** A question as data. Column names are the tables' snake_case names; play field names (`sessionId`) are accepted too. */
export interface Question {
  /** Short label, e.g. `Q1`. */
  name: string;
  /** The question in words. */
  text: string;
  /** Columns restricted by equality (`= ?`), in order. */
  equals: string[];
  /** At most one column restricted by a range (`>= ? AND <= ?`). */
  range?: string;
  /** The order the answer must come in. */
  orderBy?: { column: string; order: ClusteringOrder };
  /** Columns returned, in order. */
  returns: string[];
  /** Columns that identify one answer row: a table whose key does not determine them loses rows. */
  unique?: string[];
}

export interface Verdict {
  question: string;
  table: string;
  served: boolean;
  /** Why it is not served (empty when served), in the order the rules are checked. */
  reasons: string[];
  /** True when Cassandra would run it only with ALLOW FILTERING (every column exists, the key does not fit). */
  needsAllowFiltering: boolean;
  /** One line for people. */
  summary: string;
}

/**
 * What determines what in the Sparkify plays (each measured on the November 2018 files: no exception):
 * a play is identified by its session and its position in it; a session belongs to one user; a user
 * has one name, gender and location. `level` is not here: users move from free to paid.
 */
export const PLAY_DEPENDENCIES: readonly { from: readonly string[]; to: readonly string[] }[] = [
  {
    from: ['session_id', 'item_in_session'],
    to: ['artist', 'first_name', 'gender', 'last_name', 'length', 'level', 'location', 'song', 'user_id'],
  },
  { from: ['session_id'], to: ['user_id'] },
  { from: ['user_id'], to: ['first_name', 'last_name', 'gender', 'location'] },
];

/** A play field name (`itemInSession`) as a column name (`item_in_session`); other names are returned unchanged. */
export function columnName(name: string): string {
  return (PLAY_COLUMNS as readonly string[]).includes(name) ? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : name;
}

/** The column each play field becomes, with its CQL type: the vocabulary of proposed tables. */
export const COLUMN_CATALOG: Readonly<Record<string, { type: CqlType; from: PlayColumn }>> = Object.fromEntries(
  PLAY_COLUMNS.map((field) => {
    const type: CqlType =
      field === 'itemInSession' || field === 'sessionId' || field === 'userId' ? 'int' : field === 'length' ? 'double' : 'text';
    return [columnName(field), { type, from: field }];
  }),
);

/** The question with every column name in the snake_case vocabulary. */
export function normalizeQuestion(q: Question): Question {
  const out: Question = { name: q.name, text: q.text, equals: q.equals.map(columnName), returns: q.returns.map(columnName) };
  if (q.range !== undefined) out.range = columnName(q.range);
  if (q.orderBy) out.orderBy = { column: columnName(q.orderBy.column), order: q.orderBy.order };
  if (q.unique) out.unique = q.unique.map(columnName);
  return out;
}

const list = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** Every column that `columns` determine through `dependencies` (themselves included). */
export function closure(columns: readonly string[], dependencies = PLAY_DEPENDENCIES): Set<string> {
  const known = new Set(columns);
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of dependencies) {
      if (d.from.every((c) => known.has(c))) {
        for (const c of d.to) if (!known.has(c)) { known.add(c); changed = true; }
      }
    }
  }
  return known;
}

const primaryKeyColumns = (table: TableSpec) => [...table.partitionKey, ...table.clustering.map((c) => c.column)];

/**
 * Warns when the table's primary key does not determine the columns that make a row unique: two
 * different rows then get the same key and the later INSERT silently replaces the earlier one.
 */
export function overwriteWarnings(table: TableSpec, uniqueness: readonly string[], dependencies = PLAY_DEPENDENCIES): string[] {
  const key = primaryKeyColumns(table);
  const determined = closure(key, dependencies);
  const missing = uniqueness.map(columnName).filter((c) => !determined.has(c));
  if (!missing.length) return [];
  return [`rows with the same ${list(key)} overwrite each other: ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} not in the primary key`];
}

/** Whether `table` answers `question` with a plain single-partition read, and why not. */
export function checkQuestion(question: Question, table: TableSpec): Verdict {
  const q = normalizeQuestion(question);
  const reasons: string[] = [];
  const has = (c: string) => table.columns.some((x) => x.name === c);

  // 1. Every column the question names must exist.
  for (const c of q.equals) if (!has(c)) reasons.push(`filters on column ${c} that the table does not have`);
  if (q.range !== undefined && !has(q.range)) reasons.push(`filters on column ${q.range} that the table does not have`);
  if (q.orderBy && !has(q.orderBy.column)) reasons.push(`orders by column ${q.orderBy.column} that the table does not have`);
  for (const c of q.returns) if (!has(c)) reasons.push(`returns column ${c} that the table does not have`);
  const unknownColumns = reasons.length > 0;

  const eq = new Set(q.equals);
  const key = primaryKeyColumns(table);

  // 2. The whole partition key, by equality.
  const pkMissing = table.partitionKey.filter((p) => !eq.has(p));
  for (const p of pkMissing) {
    reasons.push(
      p === q.range
        ? `partition key column ${p} is restricted by a range; a partition key column needs equality`
        : `partition key column ${p} is not restricted`,
    );
  }

  // 3. Clustering restrictions: equalities on a prefix, then at most one range, nothing after.
  let filtersRows = false;
  const ck = table.clustering.map((c) => c.column);
  let free = 0; // index of the first clustering column not restricted by equality
  while (free < ck.length && eq.has(ck[free])) free++;
  const rangeAtFree = q.range !== undefined && ck[free] === q.range;
  for (let j = rangeAtFree ? free + 1 : free; j < ck.length; j++) {
    const c = ck[j];
    if (!eq.has(c) && q.range !== c) continue;
    filtersRows = true;
    reasons.push(
      rangeAtFree
        ? `clustering column ${c} is restricted after the range on ${ck[free]}`
        : `clustering column ${c} is restricted but the clustering column before it, ${ck[free]}, is not`,
    );
  }

  // 4. Restrictions on columns outside the primary key can only filter.
  for (const c of [...q.equals, ...(q.range !== undefined ? [q.range] : [])]) {
    if (has(c) && !key.includes(c)) {
      filtersRows = true;
      reasons.push(`column ${c} is not in the primary key: rows can only be filtered on it`);
    }
  }

  // 5. Order: the first clustering column not fixed by equality, in either direction, inside one partition.
  if (q.orderBy && has(q.orderBy.column) && !eq.has(q.orderBy.column)) {
    const oc = q.orderBy.column;
    if (ck[free] !== oc) {
      const after = free > 0 ? ` after ${list(ck.slice(0, free))}` : '';
      reasons.push(`ordering by ${oc} needs it as the first clustering column${after}`);
    } else if (pkMissing.length) {
      reasons.push(`ordering by ${oc} works only inside one partition: across partitions rows come in token order`);
    }
  }

  // 6. What Cassandra would say.
  const restricts = q.equals.length > 0 || q.range !== undefined;
  const scansAll = pkMissing.length > 0;
  const needsAllowFiltering = !unknownColumns && restricts && (scansAll || filtersRows);
  if (needsAllowFiltering) {
    reasons.push(
      scansAll
        ? 'would need ALLOW FILTERING: scans every partition'
        : 'would need ALLOW FILTERING: reads the whole partition and discards the rows that do not match',
    );
  } else if (!unknownColumns && scansAll && !restricts) {
    reasons.push('reads the whole table: scans every partition');
  }

  // 7. A key that does not determine the answer's rows loses some of them (moot when columns are missing).
  if (q.unique && !unknownColumns) reasons.push(...overwriteWarnings(table, q.unique));

  const served = reasons.length === 0;
  let summary: string;
  if (served) {
    const inside = ck.slice(0, free).filter((c) => eq.has(c));
    const slice = [...inside.map((c) => `${c} = ?`), ...(rangeAtFree ? [`a range of ${q.range}`] : [])];
    summary =
      `${q.name} on ${table.name}: served — reads one partition (${table.partitionKey.map((p) => `${p} = ?`).join(', ')})` +
      (slice.length ? `, then ${slice.join(', ')} inside it` : '') +
      (q.orderBy && !eq.has(q.orderBy.column)
        ? `, rows already in ${q.orderBy.column} ${q.orderBy.order} order${table.clustering[free].order === q.orderBy.order ? '' : ' (read in reverse)'}`
        : '');
  } else {
    summary = `${q.name} on ${table.name}: not served — ${reasons.length} reason${reasons.length > 1 ? 's' : ''}`;
  }
  return { question: q.name, table: table.name, served, reasons, needsAllowFiltering, summary };
}

/** The verdict for every question against every table, question by question. */
export function checkAll(questions: readonly Question[], tables: readonly TableSpec[]): Verdict[] {
  return questions.flatMap((q) => tables.map((t) => checkQuestion(q, t)));
}

/** The tables that serve a question. */
export function servingTables(question: Question, tables: readonly TableSpec[]): TableSpec[] {
  return tables.filter((t) => checkQuestion(question, t).served);
}

export interface ProposeOptions {
  /** Columns that make a row unique, e.g. `['user_id', 'session_id', 'item_in_session']`. Default: the question's `unique`. */
  uniqueness?: readonly string[];
  /** Table name. Default `<what>_by_<partition key>`, e.g. `songs_by_user`. */
  name?: string;
  /** Only these equality columns form the partition key; the other equality columns become the first clustering columns. */
  partitionKey?: readonly string[];
  /** Returned columns to store once per partition (static). */
  static?: readonly string[];
}

function nounOf(returns: readonly string[]): string {
  if (returns.includes('song')) return 'songs';
  if (returns.includes('first_name') || returns.includes('last_name')) return 'users';
  return 'rows';
}

/**
 * The minimal table for a question: partition key from the equality columns, clustering from the
 * range and order columns, then enough columns for the uniqueness columns to be determined by the key.
 */
export function proposeTable(question: Question, opts: ProposeOptions = {}): TableSpec {
  const q = normalizeQuestion(question);
  if (!q.equals.length) {
    throw new Error(`Question ${q.name} restricts no column by equality: no single partition can answer it; add an equality column`);
  }
  const partitionKey = (opts.partitionKey ?? q.equals).map(columnName);
  for (const p of partitionKey) {
    if (!q.equals.includes(p)) throw new Error(`Partition key column ${p} is not one of the question's equality columns (${q.equals.join(', ')})`);
  }
  const clustering: { column: string; order: ClusteringOrder }[] = [];
  const inKey = (c: string) => partitionKey.includes(c) || clustering.some((x) => x.column === c);
  const add = (column: string, order: ClusteringOrder) => {
    if (!inKey(column)) clustering.push({ column, order });
  };
  for (const c of q.equals) add(c, 'ASC');
  if (q.range !== undefined) add(q.range, q.orderBy?.column === q.range ? q.orderBy.order : 'ASC');
  if (q.orderBy) add(q.orderBy.column, q.orderBy.order);
  for (const u of (opts.uniqueness ?? q.unique ?? []).map(columnName)) {
    if (!closure([...partitionKey, ...clustering.map((c) => c.column)]).has(u)) add(u, 'ASC');
  }

  const statics = new Set((opts.static ?? []).map(columnName));
  const names: string[] = [];
  for (const c of [...partitionKey, ...clustering.map((x) => x.column), ...q.returns, ...statics]) if (!names.includes(c)) names.push(c);
  const columns: ColumnSpec[] = names.map((name) => {
    const known = COLUMN_CATALOG[name];
    if (!known) throw new Error(`Column ${name} is not a play column (${Object.keys(COLUMN_CATALOG).join(', ')})`);
    return statics.has(name) ? { name, type: known.type, from: known.from, static: true } : { name, type: known.type, from: known.from };
  });

  const noun = nounOf(q.returns);
  const name = checkIdentifier(opts.name ?? `${noun}_by_${partitionKey.map((p) => p.replace(/_id$/, '')).join('_')}`, 'table name');
  const lookup = [...partitionKey, ...clustering.map((c) => c.column).filter((c) => q.equals.includes(c))];
  const order = clustering.length ? `, in ${clustering.map((c) => `${c.column} ${c.order}`).join(', ')} order` : '';
  const spec: TableSpec = {
    name,
    question: q.text,
    lookedUpBy: `${noun} looked up by ${list(partitionKey)}${order}`,
    columns,
    partitionKey,
    clustering,
    lookup,
    returns: q.returns,
  };
  validateTable(spec);
  return spec;
}

export interface QuestionCql {
  cql: string;
  /** What each `?` stands for, in order (a range column takes two: from, to). */
  markers: string[];
  /** False when the wanted order cannot be asked of Cassandra on this table: sort the rows yourself. */
  ordered: boolean;
}

/**
 * The SELECT a question becomes on a table: returned columns, `= ?` per equality column, `>= ? AND <= ?`
 * for the range, ORDER BY only where the table can give that order, and ALLOW FILTERING when asked.
 * Every name is checked as an identifier; values are bound, never pasted.
 */
export function questionCql(question: Question, table: TableSpec, keyspace: string, opts: { allowFiltering?: boolean } = {}): QuestionCql {
  const q = normalizeQuestion(question);
  const named = [...q.equals, ...(q.range !== undefined ? [q.range] : []), ...q.returns];
  for (const c of named) {
    if (!table.columns.some((x) => x.name === c)) throw new Error(`Table ${table.name} has no column ${c}`);
    checkIdentifier(c, 'column name');
  }
  const where = q.equals.map((c) => `${c} = ?`);
  const markers = [...q.equals];
  if (q.range !== undefined) {
    where.push(`${q.range} >= ?`, `${q.range} <= ?`);
    markers.push(`${q.range} from`, `${q.range} to`);
  }
  let ordered = !q.orderBy;
  let orderBy = '';
  if (q.orderBy) {
    const eq = new Set(q.equals);
    const ck = table.clustering.map((c) => c.column);
    let free = 0;
    while (free < ck.length && eq.has(ck[free])) free++;
    if (eq.has(q.orderBy.column)) ordered = true; // one value: any order is that order
    else if (table.partitionKey.every((p) => eq.has(p)) && ck[free] === q.orderBy.column) {
      ordered = true;
      orderBy = ` ORDER BY ${checkIdentifier(q.orderBy.column, 'column name')} ${q.orderBy.order}`;
    }
  }
  const cql =
    `SELECT ${q.returns.join(', ')} FROM ${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name, 'table name')}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    orderBy +
    (opts.allowFiltering ? ' ALLOW FILTERING' : '');
  return { cql, markers, ordered };
}

/** Question 1: one play by its session and position. */
export const QUESTION_1: Question = {
  name: 'Q1',
  text: 'Give me the artist, song title and song length of the play at itemInSession N of session S.',
  equals: ['session_id', 'item_in_session'],
  returns: ['artist', 'song', 'length'],
  unique: ['session_id', 'item_in_session'],
};

/** Question 2: a user's session as a playlist, in play order. */
export const QUESTION_2: Question = {
  name: 'Q2',
  text: "Give me the artist and song (sorted by itemInSession) and the user's first and last name for user U in session S.",
  equals: ['user_id', 'session_id'],
  orderBy: { column: 'item_in_session', order: 'ASC' },
  returns: ['item_in_session', 'artist', 'song', 'first_name', 'last_name'],
  unique: ['user_id', 'session_id', 'item_in_session'],
};

/** Question 3: every user who played a song. */
export const QUESTION_3: Question = {
  name: 'Q3',
  text: 'Give me the first and last name of every user who listened to song T.',
  equals: ['song'],
  returns: ['user_id', 'first_name', 'last_name'],
  unique: ['song', 'user_id'],
};

/** Question 4, the one a learner tries next: no table of the exercise serves it. */
export const QUESTION_4: Question = {
  name: 'Q4',
  text: 'Every song user U ever played, newest session first.',
  equals: ['user_id'],
  orderBy: { column: 'session_id', order: 'DESC' },
  returns: ['session_id', 'item_in_session', 'artist', 'song'],
  unique: ['user_id', 'session_id', 'item_in_session'],
};

/** The four questions of the notebook, in order. */
export const QUESTIONS: readonly Question[] = [QUESTION_1, QUESTION_2, QUESTION_3, QUESTION_4];

/** The values the notebook asks them with (the exercise's own for Q1–Q3; user 10 for Q4), in marker order. */
export const QUESTION_VALUES: Readonly<Record<string, readonly (string | number)[]>> = {
  Q1: [338, 4],
  Q2: [10, 182],
  Q3: ['All Hands Against His Own'],
  Q4: [10],
};

/** Question 3's data keyed by song alone — the wrong key: one row per song, listeners overwrite each other. */
export const listenersBySongOnly: TableSpec = {
  name: 'listeners_by_song_only',
  question: 'Give me the first and last name of every user who listened to song T (wrong key: song alone).',
  lookedUpBy: 'WRONG KEY on purpose: one row per song, each listener overwrites the previous one',
  columns: [
    { name: 'song', type: 'text', from: 'song' },
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'first_name', type: 'text', from: 'firstName' },
    { name: 'last_name', type: 'text', from: 'lastName' },
  ],
  partitionKey: ['song'],
  clustering: [],
  lookup: ['song'],
  returns: ['user_id', 'first_name', 'last_name'],
};

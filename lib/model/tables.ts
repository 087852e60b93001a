// model: the tables, described once as data — the question each answers, its columns with CQL types,
// partition key, clustering columns with their order, and the columns the question filters on and
// returns. Every CQL statement the project runs against these tables (CREATE TABLE, INSERT, SELECT,
// DROP) is derived here from that description, and so are the bound values of a row.
import { QUESTION_1, QUESTION_2, QUESTION_3, type ClusteringOrder } from './questions';
import type { Play, PlayColumn } from '../etl/columns';
import type { TableIndex } from './indexes';

export type CqlType = 'int' | 'bigint' | 'text' | 'double' | 'float' | 'boolean' | 'timestamp';

export interface ColumnSpec {
  /** Column name in Cassandra (snake_case). */
  name: string;
  type: CqlType;
  /** The play field it is filled from. */
  from: PlayColumn;
  /** A static column (Chebotko role S): one value per partition, shared by its rows. Never a key column. */
  static?: boolean;
}

export interface TableSpec {
  /** `<what>_by_<key>`, after KillrVideo. */
  name: string;
  /** The question in words. */
  question: string;
  /** One line: what the table is looked up by (becomes the table's CQL comment). */
  lookedUpBy: string;
  columns: ColumnSpec[];
  /** Partition key columns, in order. */
  partitionKey: string[];
  /** Clustering columns with their order, in order. */
  clustering: { column: string; order: ClusteringOrder }[];
  /** Columns the question restricts by equality (a prefix of the primary key), in order. */
  lookup: string[];
  /** Columns the question returns, in order. */
  returns: string[];
  /** Indexes on its columns (lib/model/indexes derives their CREATE INDEX); none when absent. */
  indexes?: TableIndex[];
}

const col = (name: string, type: CqlType, from: PlayColumn): ColumnSpec => ({ name, type, from });

/** Question 1: artist, song and length of the item played at a given position of a session. */
export const songsBySession: TableSpec = {
  name: 'songs_by_session',
  question: QUESTION_1.text,
  lookedUpBy: 'songs looked up by session_id and item_in_session',
  columns: [
    col('session_id', 'int', 'sessionId'),
    col('item_in_session', 'int', 'itemInSession'),
    col('artist', 'text', 'artist'),
    col('song', 'text', 'song'),
    col('length', 'double', 'length'),
  ],
  partitionKey: ['session_id'],
  clustering: [{ column: 'item_in_session', order: 'ASC' }],
  lookup: [...QUESTION_1.equals],
  returns: [...QUESTION_1.returns],
};

/** Question 2: a user's session as a playlist, in play order, with the user's name. */
export const songsByUserSession: TableSpec = {
  name: 'songs_by_user_session',
  question: QUESTION_2.text,
  lookedUpBy: 'songs looked up by user_id and session_id, in item_in_session order',
  columns: [
    col('user_id', 'int', 'userId'),
    col('session_id', 'int', 'sessionId'),
    col('item_in_session', 'int', 'itemInSession'),
    col('artist', 'text', 'artist'),
    col('song', 'text', 'song'),
    col('first_name', 'text', 'firstName'),
    col('last_name', 'text', 'lastName'),
  ],
  partitionKey: ['user_id', 'session_id'],
  clustering: [{ column: 'item_in_session', order: 'ASC' }],
  lookup: [...QUESTION_2.equals],
  returns: [...QUESTION_2.returns],
};

/** Question 3: every user who played a song (one row per song and user). */
export const listenersBySong: TableSpec = {
  name: 'listeners_by_song',
  question: QUESTION_3.text,
  lookedUpBy: 'listeners looked up by song; one row per user who played it',
  columns: [
    col('song', 'text', 'song'),
    col('user_id', 'int', 'userId'),
    col('first_name', 'text', 'firstName'),
    col('last_name', 'text', 'lastName'),
  ],
  partitionKey: ['song'],
  clustering: [{ column: 'user_id', order: 'ASC' }],
  lookup: [...QUESTION_3.equals],
  returns: [...QUESTION_3.returns],
};

/** The three tables of the exercise, in question order. */
export const TABLES: readonly TableSpec[] = [songsBySession, songsByUserSession, listenersBySong];

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/**
 * Checks a configured name (keyspace, table) against CQL's rules for unquoted identifiers: a letter,
 * then letters, digits or underscores, 48 characters at most. Returns it lower-cased, as Cassandra does.
 */
export function checkIdentifier(name: string, what = 'identifier'): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(
      `Invalid ${what} ${JSON.stringify(name)}: use a letter followed by letters, digits or underscores (at most 48 characters).`,
    );
  }
  return name.toLowerCase();
}

function columnOf(table: TableSpec, name: string): ColumnSpec {
  const c = table.columns.find((x) => x.name === name);
  if (!c) throw new Error(`Table ${table.name} has no column ${name}`);
  return c;
}

/** Checks that a table description is coherent (keys and filters name real columns, lookup is a key prefix). */
export function validateTable(table: TableSpec): void {
  checkIdentifier(table.name, 'table name');
  const names = new Set<string>();
  for (const c of table.columns) {
    checkIdentifier(c.name, 'column name');
    if (names.has(c.name)) throw new Error(`Table ${table.name} lists column ${c.name} twice`);
    names.add(c.name);
  }
  if (table.partitionKey.length === 0) throw new Error(`Table ${table.name} has no partition key`);
  const key = [...table.partitionKey, ...table.clustering.map((c) => c.column)];
  for (const k of [...key, ...table.lookup, ...table.returns]) columnOf(table, k);
  if (new Set(key).size !== key.length) throw new Error(`Table ${table.name} repeats a primary key column`);
  for (const c of table.columns.filter((x) => x.static)) {
    if (key.includes(c.name)) throw new Error(`Table ${table.name}: primary key column ${c.name} cannot be static`);
    if (table.clustering.length === 0)
      throw new Error(`Table ${table.name}: static column ${c.name} needs a clustering column`);
  }
  table.partitionKey.forEach((k, i) => {
    if (table.lookup[i] !== k)
      throw new Error(`Table ${table.name}: the lookup must restrict every partition key column in order`);
  });
  table.lookup.forEach((k, i) => {
    if (key[i] !== k) throw new Error(`Table ${table.name}: lookup column ${k} is not the next primary key column`);
  });
}

const qualified = (keyspace: string, table: TableSpec) => `${checkIdentifier(keyspace, 'keyspace name')}.${table.name}`;

function primaryKey(table: TableSpec): string {
  const pk = table.partitionKey.length === 1 ? table.partitionKey[0] : `(${table.partitionKey.join(', ')})`;
  return [pk, ...table.clustering.map((c) => c.column)].join(', ');
}

/** CREATE TABLE IF NOT EXISTS with explicit clustering order and the one-line comment. */
export function createTableCql(table: TableSpec, keyspace: string): string {
  validateTable(table);
  const width = Math.max(...table.columns.map((c) => c.name.length));
  const lines = table.columns.map((c) => `  ${c.name.padEnd(width)} ${c.type}${c.static ? ' static' : ''},`);
  const options: string[] = [];
  if (table.clustering.length) {
    options.push(`CLUSTERING ORDER BY (${table.clustering.map((c) => `${c.column} ${c.order}`).join(', ')})`);
  }
  options.push(`comment = '${table.lookedUpBy.replace(/'/g, "''")}'`);
  return [
    `CREATE TABLE IF NOT EXISTS ${qualified(keyspace, table)} (`,
    ...lines,
    `  PRIMARY KEY (${primaryKey(table)})`,
    `) WITH ${options.join('\n  AND ')};`,
  ].join('\n');
}

/** The prepared INSERT: every column, one marker each, in column order. */
export function insertCql(table: TableSpec, keyspace: string): string {
  return `INSERT INTO ${qualified(keyspace, table)} (${table.columns.map((c) => c.name).join(', ')}) VALUES (${table.columns
    .map(() => '?')
    .join(', ')})`;
}

/** The prepared SELECT of the table's question: returned columns, equality on the lookup columns. */
export function selectCql(table: TableSpec, keyspace: string): string {
  return `SELECT ${table.returns.join(', ')} FROM ${qualified(keyspace, table)} WHERE ${table.lookup
    .map((c) => `${c} = ?`)
    .join(' AND ')}`;
}

/** A table as Cassandra describes it (system_schema): what a CREATE TABLE fixes, without the play fields. */
export interface TableShape {
  name: string;
  comment: string;
  /** Partition key, then clustering columns, in key order; then the other columns by name. */
  columns: { name: string; type: CqlType; static?: boolean }[];
  partitionKey: string[];
  clustering: { column: string; order: ClusteringOrder }[];
}

/** The shape Cassandra reports for the table that `createTableCql(table)` makes, in the same order. */
export function tableShape(table: TableSpec): TableShape {
  const key = [...table.partitionKey, ...table.clustering.map((c) => c.column)];
  const others = table.columns.filter((c) => !key.includes(c.name)).map((c) => c.name);
  const names = [...key, ...others.sort((a, b) => a.localeCompare(b))];
  return {
    name: table.name,
    comment: table.lookedUpBy,
    columns: names.map((n) => {
      const c = columnOf(table, n);
      return { name: c.name, type: c.type, ...(c.static ? { static: true } : {}) };
    }),
    partitionKey: [...table.partitionKey],
    clustering: table.clustering.map((c) => ({ ...c })),
  };
}

/** The values of a play for the table's INSERT, in column order. */
export function rowValues(table: TableSpec, play: Play): (string | number)[] {
  return table.columns.map((c) => play[c.from]);
}

/** The play field each returned column comes from, for turning result rows into typed objects. */
export function returnedFields(table: TableSpec): { column: string; field: PlayColumn }[] {
  return table.returns.map((name) => ({ column: name, field: columnOf(table, name).from }));
}

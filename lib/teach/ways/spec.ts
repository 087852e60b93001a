// ways/spec: question 3 (the listeners of a song) answered four ways, as data. Owns the tables each way
// writes (a table of its own, or a copy of question 2's table carrying an SAI index, a legacy secondary
// index or a materialized view), the index and the view as descriptions, and every statement derived from
// them: CREATE INDEX (lib/model/indexes: … USING 'sai', or without USING: the legacy index), CREATE MATERIALIZED VIEW and the
// SELECT each way asks, with the song bound. Why copies: with an SAI and a legacy index on one column of one
// table Cassandra 5.0 picks one ("Index mean cardinalities are song_sai:…, song_2i:0. Scanning with
// song_2i."), and each load must time one extra structure; so each index or view sits on a copy of its own
// and the plain copy is the "without" of the write cost. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { questionCql } from '../question-cql';
import { checkIdentifier, listenersBySong, songsByUserSession, type TableSpec } from '../../model/tables';
import { QUESTION_3 } from '../../model/questions';
import { createIndexCql, indexName, type TableIndex } from '../../model/indexes';

export type WayName = 'table' | 'sai' | 'legacy' | 'view';

/** A materialized view: its key and columns as a table description, over a base table. */
export interface ViewSpec {
  base: TableSpec;
  /** The view as a table: its columns, partition key and clustering (every base key column is in its key). */
  view: TableSpec;
}

export interface WaySpec {
  name: WayName;
  /** What it is, in a few words, for the results' first column. */
  label: string;
  /** The tables the plays are loaded into for this way. */
  tables: TableSpec[];
  /** The index on the way's table (tables[0]), described as lib/model/indexes describes a table's indexes. */
  index?: TableIndex;
  view?: ViewSpec;
  /** The table (or view) question 3 is asked of. */
  queried: TableSpec;
}

/** A copy of question 2's table under another name (`songs_by_user_session_<suffix>`). */
export function copyOf(table: TableSpec, suffix: string): TableSpec {
  return { ...table, name: checkIdentifier(`${table.name}_${suffix}`, 'table name') };
}

/** The view keyed by song: question 3's columns, then the base key (a view's key must hold every base key column). */
export function listenersView(base: TableSpec): TableSpec {
  const col = (name: string) => base.columns.find((c) => c.name === name)!;
  return {
    name: checkIdentifier(`listeners_by_song_of_${base.name.replace(/^songs_by_/, '')}`, 'view name'),
    question: QUESTION_3.text,
    lookedUpBy: 'listeners looked up by song, kept by Cassandra from the base table',
    columns: ['song', 'user_id', 'session_id', 'item_in_session', 'first_name', 'last_name'].map(col),
    partitionKey: ['song'],
    clustering: ['user_id', 'session_id', 'item_in_session'].map((column) => ({ column, order: 'ASC' as const })),
    lookup: ['song'],
    returns: [...QUESTION_3.returns],
  };
}

/** The baseline of the write cost: question 2's table, plain (no index, no view). */
export const PLAIN_BASE: TableSpec = copyOf(songsByUserSession, 'plain');

/** The four ways, in the order the lesson shows them. */
export function waySpecs(): WaySpec[] {
  const sai = copyOf(songsByUserSession, 'sai');
  const legacy = copyOf(songsByUserSession, 'legacy');
  const viewBase = copyOf(songsByUserSession, 'view');
  const view = listenersView(viewBase);
  return [
    { name: 'table', label: 'its own table', tables: [listenersBySong], queried: listenersBySong },
    {
      name: 'sai',
      label: 'SAI index on song',
      tables: [sai],
      index: { column: 'song', kind: 'sai' },
      queried: sai,
    },
    {
      name: 'legacy',
      label: 'legacy secondary index on song',
      tables: [legacy],
      index: { column: 'song', kind: 'legacy' },
      queried: legacy,
    },
    {
      name: 'view',
      label: 'materialized view keyed by song',
      tables: [viewBase],
      view: { base: viewBase, view },
      queried: view,
    },
  ];
}

const ks = (keyspace: string) => checkIdentifier(keyspace, 'keyspace name');

/** The name Cassandra gives the way's index (lib/model/indexes: `<table>_<column>_sai` or `_idx`). */
export function wayIndexName(way: WaySpec): string | undefined {
  return way.index ? indexName(way.tables[0], way.index) : undefined;
}

/** CREATE MATERIALIZED VIEW IF NOT EXISTS … AS SELECT … WHERE <every key column> IS NOT NULL PRIMARY KEY (…). */
export function createViewCql(spec: ViewSpec, keyspace: string): string {
  const v = spec.view;
  const key = [...v.partitionKey, ...v.clustering.map((c) => c.column)];
  const pk = v.partitionKey.length === 1 ? v.partitionKey[0] : `(${v.partitionKey.join(', ')})`;
  const order = v.clustering.map((c) => `${c.column} ${c.order}`).join(', ');
  return [
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${ks(keyspace)}.${checkIdentifier(v.name, 'view name')} AS`,
    `  SELECT ${v.columns.map((c) => checkIdentifier(c.name, 'column name')).join(', ')}`,
    `  FROM ${ks(keyspace)}.${checkIdentifier(spec.base.name, 'table name')}`,
    `  WHERE ${key.map((c) => `${c} IS NOT NULL`).join(' AND ')}`,
    `  PRIMARY KEY (${[pk, ...v.clustering.map((c) => c.column)].join(', ')})`,
    `  WITH CLUSTERING ORDER BY (${order})`,
  ].join('\n');
}

/** The statements that make a way's index or view (none for the table way). */
export function structureCql(way: WaySpec, keyspace: string): string[] {
  if (way.index) return [createIndexCql(way.tables[0], way.index, keyspace)];
  if (way.view) return [createViewCql(way.view, keyspace)];
  return [];
}

/** The SELECT each way asks, with one marker: `SELECT user_id, first_name, last_name FROM … WHERE song = ?`. */
export function waySelectCql(way: WaySpec, keyspace: string): string {
  return questionCql(QUESTION_3, way.queried, keyspace).cql;
}

/** A statement with its values pasted for reading only (strings quoted as in CQL); it is always run bound. */
export function boundForReading(cql: string, values: readonly (string | number)[]): string {
  let i = 0;
  return cql.replace(/\?/g, () => {
    const v = values[i++];
    return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
  });
}

// insert: which field of the merged file feeds which column, read from an INSERT written with named
// markers — `INSERT INTO songs_by_session (session_id, item_in_session, …) VALUES (:sessionId,
// :itemInSession, …)`: each marker names the play field (a column of the merged file) bound to the column
// at its place. With the table's shape read back from Cassandra (lib/cassandra/schema), that makes the
// table description the loader runs. Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { PLAY_COLUMNS, type PlayColumn } from '../etl/columns';
import { checkIdentifier, validateTable, type TableShape, type TableSpec } from '../model/tables';

export interface InsertMapping {
  /** The keyspace the INSERT names, if it names one. */
  keyspace?: string;
  table: string;
  /** Each column and the play field its marker names, in the INSERT's order. */
  columns: { column: string; field: PlayColumn }[];
}

const INSERT = /^\s*INSERT\s+INTO\s+(?:(\w+)\s*\.\s*)?(\w+)\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*(.*?)\s*;?\s*$/is;

/** The columns and fields of an INSERT with named markers; an error saying what is wrong otherwise. */
export function parseInsert(text: string): InsertMapping {
  const m = text.match(INSERT);
  if (!m) throw new Error(`Not an INSERT this loader reads: expected INSERT INTO table (columns) VALUES (:field, …)`);
  const [, keyspace, table, columnList, markerList, rest] = m;
  if (rest.trim())
    throw new Error(`The loader runs a plain INSERT: remove ${JSON.stringify(rest.trim())} after VALUES (…)`);
  const columns = columnList.split(',').map((c) => checkIdentifier(c.trim(), 'column name'));
  const markers = markerList.split(',').map((v) => v.trim());
  if (columns.length !== markers.length) {
    throw new Error(`The INSERT names ${columns.length} columns but gives ${markers.length} values`);
  }
  return {
    ...(keyspace ? { keyspace: checkIdentifier(keyspace, 'keyspace name') } : {}),
    table: checkIdentifier(table, 'table name'),
    columns: columns.map((column, i) => ({ column, field: fieldOf(column, markers[i]) })),
  };
}

function fieldOf(column: string, marker: string): PlayColumn {
  const named = marker.match(/^:(\w+)$/);
  if (!named) {
    throw new Error(
      `Column ${column} gets ${JSON.stringify(marker)}: write a named marker, the merged file's field that feeds it (${PLAY_COLUMNS.map((f) => `:${f}`).join(', ')})`,
    );
  }
  const field = PLAY_COLUMNS.find((f) => f === named[1]);
  if (!field) {
    throw new Error(
      `Column ${column} gets :${named[1]}, which is not a field of the merged file (${PLAY_COLUMNS.join(', ')})`,
    );
  }
  return field;
}

/**
 * The table the loader fills from the INSERT: the shape Cassandra holds, the columns the INSERT names (in
 * its order) and the fields that feed them. Every primary key column must be given.
 */
export function tableForInsert(shape: TableShape, insert: InsertMapping): TableSpec {
  if (insert.table !== shape.name) throw new Error(`The INSERT is into ${insert.table}, not ${shape.name}`);
  const columns = insert.columns.map(({ column, field }) => {
    const c = shape.columns.find((x) => x.name === column);
    if (!c) throw new Error(`Table ${shape.name} has no column ${column}: check the INSERT against its CREATE TABLE`);
    return { name: c.name, type: c.type, from: field, ...(c.static ? { static: true } : {}) };
  });
  const key = [...shape.partitionKey, ...shape.clustering.map((c) => c.column)];
  const missing = key.filter((k) => !columns.some((c) => c.name === k));
  if (missing.length)
    throw new Error(`The INSERT into ${shape.name} must give every key column: ${missing.join(', ')} missing`);
  const spec: TableSpec = {
    name: shape.name,
    question: shape.comment,
    lookedUpBy: shape.comment,
    columns,
    partitionKey: [...shape.partitionKey],
    clustering: shape.clustering.map((c) => ({ ...c })),
    lookup: [...shape.partitionKey],
    returns: columns.map((c) => c.name).filter((n) => !key.includes(n)),
  };
  validateTable(spec);
  return spec;
}

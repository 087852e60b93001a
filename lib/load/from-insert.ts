// from-insert: a load described by the INSERT a learner writes. The INSERT's named markers say which field
// of the merged file feeds which column (load/insert), Cassandra's schema says the table's key and types
// (cassandra/schema), and the loader (load/load) streams the file into it as it does for lib/model's tables.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { readTableShape } from '../cassandra/schema';
import type { CqlStatement } from '../cassandra/cql';
import { parseInsert, tableForInsert } from './insert';
import { loadTables } from './load';
import type { LoadOptions } from './options';
import type { LoadResult } from './progress';
import type { TableSpec } from '../model/tables';

export interface InsertLoad {
  /** The table as the loader filled it (its columns' `from` are the INSERT's markers). */
  table: TableSpec;
  result: LoadResult;
}

/** Loads the merged file into the table an INSERT with named markers describes. */
export async function loadWithInsert(
  client: Client,
  insert: CqlStatement | string,
  options: Omit<LoadOptions, 'tables'>,
): Promise<InsertLoad> {
  const mapping = parseInsert(typeof insert === 'string' ? insert : insert.query);
  if (mapping.keyspace && mapping.keyspace !== options.keyspace.toLowerCase()) {
    throw new Error(`The INSERT names keyspace ${mapping.keyspace}, but the load is into ${options.keyspace}`);
  }
  const table = tableForInsert(await readTableShape(client, options.keyspace, mapping.table), mapping);
  const result = await loadTables(client, { ...options, tables: [table] });
  return { table, result };
}

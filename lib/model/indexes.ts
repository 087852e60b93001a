// indexes: the indexes a table description can carry, as data — a Storage-Attached Index (`USING 'sai'`)
// or the legacy secondary index (`CREATE INDEX` without USING, Cassandra 5.0's default) on one column —
// their derived names (`<table>_<column>_sai`, `<table>_<column>_idx`) and the CREATE INDEX statements
// derived from them, next to the CREATE TABLE of lib/model/tables. Names are checked; nothing is pasted.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { checkIdentifier, type TableSpec } from './tables';

export type IndexKind = 'sai' | 'legacy';

/** An index on one column of the table that lists it. */
export interface TableIndex {
  column: string;
  kind: IndexKind;
  /** SAI only: `case_sensitive: false` makes `=` on text ignore case (an SAI option Cassandra 5.0 understands). */
  caseSensitive?: boolean;
}

/** The kind in words: "SAI index", "legacy secondary index". */
export const INDEX_KIND_WORDS: Readonly<Record<IndexKind, string>> = {
  sai: 'SAI index',
  legacy: 'legacy secondary index',
};

/** `<table>_<column>_sai` or `<table>_<column>_idx`, checked as an identifier (48 characters at most). */
export function indexName(table: Pick<TableSpec, 'name'>, index: TableIndex): string {
  return checkIdentifier(`${table.name}_${index.column}_${index.kind === 'sai' ? 'sai' : 'idx'}`, 'index name');
}

/** The table's indexes (none when it lists none). */
export function indexesOf(table: Pick<TableSpec, 'indexes'>): readonly TableIndex[] {
  return table.indexes ?? [];
}

/** The index on a column, if the table carries one (the first listed when several). */
export function indexOn(table: Pick<TableSpec, 'indexes'>, column: string): TableIndex | undefined {
  return indexesOf(table).find((i) => i.column === column);
}

/** Checks a table's indexes: each on a column of the table, at most one per column, options only on SAI. */
export function validateIndexes(table: TableSpec): void {
  const seen = new Set<string>();
  for (const i of indexesOf(table)) {
    if (!table.columns.some((c) => c.name === i.column))
      throw new Error(`Table ${table.name}: index on column ${i.column} that the table does not have`);
    if (seen.has(i.column)) throw new Error(`Table ${table.name}: two indexes on column ${i.column}`);
    if (i.caseSensitive !== undefined && i.kind !== 'sai')
      throw new Error(`Table ${table.name}: case_sensitive is an SAI option (index on ${i.column})`);
    seen.add(i.column);
    indexName(table, i);
  }
}

/** CREATE INDEX IF NOT EXISTS <name> ON ks.table (column) [USING 'sai' [WITH OPTIONS = {…}]]. */
export function createIndexCql(table: Pick<TableSpec, 'name'>, index: TableIndex, keyspace: string): string {
  const on = `${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name, 'table name')} (${checkIdentifier(index.column, 'column name')})`;
  const using =
    index.kind === 'sai'
      ? ` USING 'sai'${index.caseSensitive !== undefined ? ` WITH OPTIONS = {'case_sensitive': '${index.caseSensitive}'}` : ''}`
      : '';
  return `CREATE INDEX IF NOT EXISTS ${indexName(table, index)} ON ${on}${using}`;
}

/** Every CREATE INDEX of a table, in the order it lists its indexes (run them after its CREATE TABLE). */
export function createIndexesCql(table: TableSpec, keyspace: string): string[] {
  validateIndexes(table);
  return indexesOf(table).map((i) => createIndexCql(table, i, keyspace));
}

/** The table with these indexes added (a copy; the table itself is unchanged). */
export function withIndexes(table: TableSpec, indexes: readonly TableIndex[]): TableSpec {
  const out: TableSpec = { ...table, indexes: [...indexesOf(table), ...indexes] };
  validateIndexes(out);
  return out;
}

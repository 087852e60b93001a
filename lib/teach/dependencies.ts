// dependencies: what determines what in the plays, and what a key therefore loses. Owns the functional
// dependencies measured on the November 2018 files, the closure of a set of columns under them, a table's
// primary key columns and the warnings for keys that let two different rows share a key (the later
// INSERT silently replaces the earlier one). Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { columnName } from './question';
import type { TableSpec } from '../model/tables';
import { andList } from '../show/format';

/** A functional dependency between play columns: the `from` values determine the `to` values. */
export interface Dependency {
  from: readonly string[];
  to: readonly string[];
  /** The fact in words. */
  why?: string;
}

/**
 * What determines what in the Sparkify plays (each measured on the November 2018 files: no exception):
 * a play is identified by its session and its position in it; a session belongs to one user; a user
 * has one name, gender and location. `level` is not here: users move from free to paid.
 */
export const PLAY_DEPENDENCIES: readonly Dependency[] = [
  {
    from: ['session_id', 'item_in_session'],
    to: ['artist', 'first_name', 'gender', 'last_name', 'length', 'level', 'location', 'song', 'user_id'],
    why: 'a play is identified by its session and its position in it',
  },
  { from: ['session_id'], to: ['user_id'], why: 'a session belongs to one user' },
  {
    from: ['user_id'],
    to: ['first_name', 'last_name', 'gender', 'location'],
    why: 'a user has one name, gender and location',
  },
];

/** Every column that `columns` determine through `dependencies` (themselves included). */
export function closure(
  columns: readonly string[],
  dependencies: readonly Dependency[] = PLAY_DEPENDENCIES,
): Set<string> {
  const known = new Set(columns);
  for (let changed = true; changed;) {
    changed = false;
    for (const d of dependencies) {
      if (d.from.every((c) => known.has(c))) {
        for (const c of d.to)
          if (!known.has(c)) {
            known.add(c);
            changed = true;
          }
      }
    }
  }
  return known;
}

/** The primary key's columns: partition key, then clustering columns. */
export const primaryKeyColumns = (table: Pick<TableSpec, 'partitionKey' | 'clustering'>): string[] => [
  ...table.partitionKey,
  ...table.clustering.map((c) => c.column),
];

/**
 * Warns when the table's primary key does not determine the columns that make a row unique: two
 * different rows then get the same key and the later INSERT silently replaces the earlier one.
 */
export function overwriteWarnings(
  table: TableSpec,
  uniqueness: readonly string[],
  dependencies = PLAY_DEPENDENCIES,
): string[] {
  const key = primaryKeyColumns(table);
  const determined = closure(key, dependencies);
  const missing = uniqueness.map(columnName).filter((c) => !determined.has(c));
  if (!missing.length) return [];
  return [
    `rows with the same ${andList(key)} overwrite each other: ${andList(missing)} ${missing.length > 1 ? 'are' : 'is'} not in the primary key`,
  ];
}

// protocol: what Node and the Java SSTable writer (SSTableWriter.java) say to each other — the spec file
// (each table's directory, its CREATE TABLE and an INSERT with a timestamp marker, its column types), one
// input line per row, and the writer's output lines — plus each row's write timestamp: the load's start
// in microseconds plus the row's line, so a later line wins over an earlier one with the same primary key
// (the writer merges a partition's rows by timestamp), as with one INSERT after the other. Pure: no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as path from 'path';
import { createTableCql, insertCql, type TableSpec } from '../../model/tables';

/** The CQL types the writer binds (SSTableWriter.value). */
export const WRITER_TYPES = ['int', 'bigint', 'text', 'double', 'float', 'boolean', 'timestamp'] as const;

export interface WriterTableSpec {
  /** `<root>/<keyspace>/<table>`: the layout sstableloader reads the keyspace and table from. */
  dir: string;
  create: string;
  insert: string;
  types: string[];
}

export interface WriterSpec {
  tables: WriterTableSpec[];
}

/** The writer's spec for the tables, their SSTables under `root`. */
export function writerSpec(tables: readonly TableSpec[], keyspace: string, root: string): WriterSpec {
  return {
    tables: tables.map((t) => {
      const odd = t.columns.find((c) => !(WRITER_TYPES as readonly string[]).includes(c.type));
      if (odd) throw new Error(`--via sstables cannot write ${t.name}.${odd.name} of type ${odd.type}`);
      return {
        dir: sstableDir(root, keyspace, t.name),
        create: createTableCql(t, keyspace),
        insert: `${insertCql(t, keyspace)} USING TIMESTAMP ?`,
        types: t.columns.map((c) => c.type),
      };
    }),
  };
}

/** Where a table's SSTables go under `root`. */
export const sstableDir = (root: string, keyspace: string, table: string): string => path.join(root, keyspace, table);

/** A row's write timestamp (microseconds): the load's start plus its line. */
export const rowTimestamp = (startMicros: number, line: number): number => startMicros + line;

/** One input line: the table's index, the row's line of the merged file, its values then its timestamp. */
export function rowLine(table: number, line: number, values: readonly unknown[], timestamp: number): string {
  let json = '[';
  for (const v of values) json += `${typeof v === 'number' && Number.isFinite(v) ? v : JSON.stringify(v)},`;
  return `${table}\t${line}\t${json}${timestamp}]\n`;
}

/** A line the writer printed: a row it could not write, a table it finished, or anything else (its logging). */
export type WriterLine =
  | { kind: 'fail'; table: number; line: number; message: string }
  | { kind: 'done'; table: number; written: number }
  | { kind: 'other'; text: string };

export function parseWriterLine(text: string): WriterLine {
  const parts = text.split('\t');
  const n = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);
  if (parts[0] === 'fail' && parts.length >= 4 && !isNaN(n(parts[1])) && !isNaN(n(parts[2])))
    return { kind: 'fail', table: n(parts[1]), line: n(parts[2]), message: parts.slice(3).join('\t') };
  if (parts[0] === 'done' && parts.length === 3 && !isNaN(n(parts[1])) && !isNaN(n(parts[2])))
    return { kind: 'done', table: n(parts[1]), written: n(parts[2]) };
  return { kind: 'other', text };
}

// cql: CQL written as literal text in a notebook cell or a test, with its values bound. The `cql` tag turns
// `cql\`SELECT … WHERE session_id = ${id}\`` into the statement `… WHERE session_id = ?` and the values
// [id]: an interpolated value is always bound, never pasted into the text. Names (a keyspace, a table) are
// not values; `cqlName(x)` marks one to be pasted after it passes CQL's identifier rule. `runCql` runs a
// statement and returns its rows, or Cassandra's refusal explained in one line (lib/cassandra/explain).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { checkIdentifier } from '../model/tables';
import { explainCqlError } from './explain';

/** A CQL statement and its bound values, one per `?` in order. */
export interface CqlStatement {
  query: string;
  params: unknown[];
}

/** A checked identifier to paste into a statement (see `cqlName`). */
export class CqlName {
  readonly text: string;
  constructor(text: string) {
    this.text = checkIdentifier(text, 'name');
  }
}

/** A keyspace, table or column name to paste into a `cql` statement (checked: letters, digits, `_`). */
export const cqlName = (text: string): CqlName => new CqlName(text);

/** The tag: interpolated values become bound `?` markers; `cqlName(…)` values are pasted, checked. */
export function cql(strings: TemplateStringsArray, ...values: unknown[]): CqlStatement {
  let query = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof CqlName) query += value.text;
    else {
      query += '?';
      params.push(value);
    }
    query += strings[i + 1];
  });
  return { query: query.trim(), params };
}

const CREATE_TABLE = /^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:\w+\s*\.\s*)?(\w+)/i;

/** The table a CREATE TABLE statement creates (lower-cased, as Cassandra stores an unquoted name); undefined for another statement. */
export function createdTableName(query: string): string | undefined {
  return CREATE_TABLE.exec(query)?.[1].toLowerCase();
}

/** A column of a result: its name and CQL type, as the driver reports them. */
export interface ResultColumn {
  name: string;
  type: string;
}

export type CqlOutcome =
  | { kind: 'rows'; statement: CqlStatement; columns: ResultColumn[]; rows: Record<string, unknown>[]; more: boolean }
  | { kind: 'refused'; statement: CqlStatement; error: string; explanation: string };

export interface RunOptions {
  /** Rows read at most (all pages up to this many); `more` says when the answer had more. Default 1,000. */
  maxRows?: number;
}

/** Runs a statement (prepared when it binds values) and reads its rows, or explains Cassandra's refusal. */
export async function runCql(client: Client, statement: CqlStatement, options: RunOptions = {}): Promise<CqlOutcome> {
  const maxRows = options.maxRows ?? 1000;
  try {
    const result = await client.execute(statement.query, statement.params, {
      prepare: statement.params.length > 0,
      fetchSize: Math.min(maxRows + 1, 5000),
    });
    const columns = (result.columns ?? []).map((c) => ({ name: c.name, type: cqlTypeName(c.type) }));
    const rows: Record<string, unknown>[] = [];
    let more = false;
    for await (const row of result) {
      if (rows.length === maxRows) {
        more = true;
        break;
      }
      rows.push(Object.fromEntries(columns.map((c) => [c.name, row[c.name]])));
    }
    return { kind: 'rows', statement, columns, rows, more };
  } catch (err) {
    return { kind: 'refused', statement, error: (err as Error).message, explanation: explainCqlError(err) };
  }
}

/** The CQL name of a driver type code (the common ones; others by their code). */
export function cqlTypeName(type: { code: number }): string {
  return TYPE_NAMES[type.code] ?? `type ${type.code}`;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'ascii',
  2: 'bigint',
  4: 'boolean',
  5: 'counter',
  7: 'double',
  8: 'float',
  9: 'int',
  11: 'timestamp',
  12: 'uuid',
  13: 'text',
  14: 'varint',
  15: 'timeuuid',
  16: 'inet',
  17: 'date',
  19: 'smallint',
  20: 'tinyint',
  32: 'list',
  33: 'map',
  34: 'set',
};

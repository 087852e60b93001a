// trace: proof from the database itself. Owns running a question with query tracing on (every page
// traced, values bound) and reading the trace back (`client.metadata.getTrace`), sorting the rows here
// when Cassandra cannot give the wanted order, telling Cassandra's ALLOW FILTERING refusal, and counting
// a table's partitions and rows by paging. The events are summarized by trace-summary.ts.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client, types } from 'cassandra-driver';
import { questionCql } from './question-cql';
import { summarizeTrace, type RawTrace, type TraceSummary } from './trace-summary';
import { checkIdentifier, type TableSpec } from '../model/tables';
import { sleep } from '../common/async';
import type { Question } from '../model/questions';

/**
 * Reads a trace back. The driver waits for the session row; events are written asynchronously, so
 * this reads again until two reads 150 ms apart see the same events (at most ~3 s).
 */
async function fetchTrace(client: Client, traceId: types.Uuid): Promise<RawTrace> {
  let trace = (await client.metadata.getTrace(traceId)) as unknown as RawTrace;
  for (let i = 0; i < 20; i++) {
    await sleep(150);
    const again = (await client.metadata.getTrace(traceId)) as unknown as RawTrace;
    if (again.events.length === trace.events.length) return again;
    trace = again;
  }
  return trace;
}

export interface TracedResult {
  /** The result's column names, in order (also when no row came back). */
  columns: string[];
  rows: Record<string, unknown>[];
  summary: TraceSummary;
}

/** Runs a SELECT with tracing on for every page (prepared, values bound) and sums the traces. */
export async function tracedExecute(
  client: Client,
  cql: string,
  params: readonly unknown[],
  opts: { fetchSize?: number; maxPages?: number } = {},
): Promise<TracedResult> {
  const rows: Record<string, unknown>[] = [];
  const traces: RawTrace[] = [];
  let columns: string[] = [];
  let pageState: string | undefined;
  for (let page = 0; page < (opts.maxPages ?? 1000); page++) {
    const rs = await client.execute(cql, params as unknown[], {
      prepare: true,
      traceQuery: true,
      fetchSize: opts.fetchSize ?? 5000,
      pageState,
    });
    columns = (rs.columns ?? []).map((c) => c.name);
    for (const r of rs.rows) {
      const o: Record<string, unknown> = {};
      for (const k of r.keys()) o[k] = r.get(k);
      rows.push(o);
    }
    if (rs.info.traceId) traces.push(await fetchTrace(client, rs.info.traceId));
    pageState = rs.pageState ?? undefined;
    if (!pageState) break;
  }
  return { columns, rows, summary: summarizeTrace(traces, rows.length) };
}

export interface QuestionRun {
  question: string;
  table: string;
  cql: string;
  values: readonly unknown[];
  rows: Record<string, unknown>[];
  /** True when Cassandra could not give the wanted order and the rows were sorted here. */
  sortedHere: boolean;
  summary: TraceSummary;
}

function sortRows(rows: Record<string, unknown>[], column: string, order: 'ASC' | 'DESC'): void {
  const sign = order === 'ASC' ? 1 : -1;
  rows.sort((a, b) => {
    const x = a[column] as number | string;
    const y = b[column] as number | string;
    return x < y ? -sign : x > y ? sign : 0;
  });
}

/** Runs a question on a table with tracing on; the values bind the question's markers in order. */
export async function traceQuestion(
  client: Client,
  keyspace: string,
  question: Question,
  table: TableSpec,
  values: readonly unknown[],
  opts: { allowFiltering?: boolean } = {},
): Promise<QuestionRun> {
  const q = questionCql(question, table, keyspace, opts);
  if (values.length !== q.markers.length) {
    throw new Error(
      `${question.name} on ${table.name} takes ${q.markers.length} values (${q.markers.join(', ')}), got ${values.length}`,
    );
  }
  const { rows, summary } = await tracedExecute(client, q.cql, values);
  const sortedHere = !q.ordered && !!question.orderBy;
  if (sortedHere) sortRows(rows, question.orderBy!.column, question.orderBy!.order);
  return { question: question.name, table: table.name, cql: q.cql, values, rows, sortedHere, summary };
}

/** True for Cassandra's refusal to run a query that would filter (an InvalidRequest naming ALLOW FILTERING). */
export function isAllowFilteringRefusal(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return e?.code === 0x2200 && /ALLOW FILTERING/.test(e?.message ?? '');
}

/** Pages through a SELECT of a table's partition key columns (`DISTINCT` or not) and counts the rows. */
async function countKeys(
  client: Client,
  keyspace: string,
  table: TableSpec,
  select: 'SELECT DISTINCT' | 'SELECT',
): Promise<number> {
  const cols = table.partitionKey.map((c) => checkIdentifier(c, 'column name')).join(', ');
  const cql = `${select} ${cols} FROM ${checkIdentifier(keyspace, 'keyspace name')}.${checkIdentifier(table.name, 'table name')}`;
  let count = 0;
  for await (const _row of await client.execute(cql, [], { prepare: true, fetchSize: 5000 })) count++;
  return count;
}

/** Pages through the distinct partition keys of a table and counts them. */
export function countPartitions(client: Client, keyspace: string, table: TableSpec): Promise<number> {
  return countKeys(client, keyspace, table, 'SELECT DISTINCT');
}

/** Pages through a table's primary keys and counts its rows (no `count(*)` timeout on big tables). */
export function countTableRows(client: Client, keyspace: string, table: TableSpec): Promise<number> {
  return countKeys(client, keyspace, table, 'SELECT');
}

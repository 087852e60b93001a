// compare: one table's token range reconciled — the rows the file implies (the later line wins for a
// repeated primary key, and for a static column the partition's later line) against the rows Cassandra
// returned: present, missing, unexpected, different, with the first examples of each. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TableSpec } from '../model/tables';
import type { ExpectedLine } from './expected';

export interface RowExample {
  /** The primary key, column by column. */
  key: Record<string, unknown>;
  /** The merged file's line (missing and different rows). */
  line?: number;
}

export interface Difference extends RowExample {
  column: string;
  expected: unknown;
  found: unknown;
}

export interface RangeTally {
  expected: number;
  present: number;
  missing: number;
  unexpected: number;
  different: number;
  examples: { missing: RowExample[]; unexpected: RowExample[]; different: Difference[] };
}

export const emptyTally = (): RangeTally => ({
  expected: 0,
  present: 0,
  missing: 0,
  unexpected: 0,
  different: 0,
  examples: { missing: [], unexpected: [], different: [] },
});

/** A value as compared: numbers by value, Longs and other objects by their text, null and undefined alike. */
function norm(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}
/** A primary key as one text: each value as text, so an int read back matches the file's number. */
const keyText = (values: readonly unknown[]): string =>
  JSON.stringify(values.map((v) => (v == null ? null : String(v))));

const same = (a: unknown, b: unknown): boolean => {
  const x = norm(a);
  const y = norm(b);
  return typeof x === 'number' || typeof y === 'number' ? Number(x) === Number(y) : x === y;
};

/** The expected rows of a range by primary key (the later line wins), static columns by partition. */
export function expectedRows(table: TableSpec, lines: Iterable<ExpectedLine>): Map<string, ExpectedLine> {
  const keyAt = keyIndexes(table);
  const staticAt = table.columns.flatMap((c, i) => (c.static ? [i] : []));
  const partAt = table.partitionKey.map((p) => table.columns.findIndex((c) => c.name === p));
  const rows = new Map<string, ExpectedLine>();
  const statics = new Map<string, unknown[]>();
  for (const l of lines) {
    const values = l.slice(1);
    rows.set(keyText(keyAt.map((i) => values[i])), l);
    if (staticAt.length) statics.set(keyText(partAt.map((i) => values[i])), values);
  }
  if (staticAt.length) {
    for (const [k, l] of rows) {
      const last = statics.get(keyText(partAt.map((i) => l[i + 1])))!;
      const values = l.slice(1).map((v, i) => (staticAt.includes(i) ? last[i] : v));
      rows.set(k, [l[0], ...values]);
    }
  }
  return rows;
}

function keyIndexes(table: TableSpec): number[] {
  const key = [...table.partitionKey, ...table.clustering.map((c) => c.column)];
  return key.map((k) => table.columns.findIndex((c) => c.name === k));
}

/** Reconciles Cassandra's rows of a range with the expected ones; `expected` is emptied as rows are matched. */
export async function compareRange(
  table: TableSpec,
  expected: Map<string, ExpectedLine>,
  found: AsyncIterable<Record<string, unknown>>,
  maxExamples = 5,
): Promise<RangeTally> {
  const t = emptyTally();
  t.expected = expected.size;
  const keyAt = keyIndexes(table);
  const keyOf = (values: readonly unknown[]) =>
    Object.fromEntries(keyAt.map((i) => [table.columns[i].name, values[i]]));
  const note = <T>(list: T[], x: T) => list.length < maxExamples && list.push(x);
  for await (const row of found) {
    const values = table.columns.map((c) => row[c.name]);
    const k = keyText(keyAt.map((i) => values[i]));
    const want = expected.get(k);
    if (!want) {
      t.unexpected++;
      note(t.examples.unexpected, { key: keyOf(values) });
      continue;
    }
    expected.delete(k);
    t.present++;
    const at = table.columns.findIndex((_, i) => !same(values[i], want[i + 1]));
    if (at >= 0) {
      t.different++;
      const column = table.columns[at].name;
      note(t.examples.different, {
        key: keyOf(values),
        line: want[0],
        column,
        expected: want[at + 1],
        found: norm(values[at]),
      });
    }
  }
  t.missing = expected.size;
  for (const l of expected.values()) note(t.examples.missing, { key: keyOf(l.slice(1)), line: l[0] });
  return t;
}

/** Adds a range's tally into a table's. */
export function addTally(into: RangeTally, t: RangeTally, maxExamples = 5): void {
  for (const k of ['expected', 'present', 'missing', 'unexpected', 'different'] as const) into[k] += t[k];
  for (const k of ['missing', 'unexpected', 'different'] as const) {
    const list = into.examples[k] as unknown[];
    for (const x of t.examples[k]) if (list.length < maxExamples) list.push(x);
  }
}

// rules: the course rubric as rules over what the grader gathered (lib/grade/grade) — Cassandra's outcomes,
// the table it holds, the trace, and what the merged file says (lib/grade/expected). Each rule gives ok, a
// one-line reason a learner understands and the fix. Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Play } from '../etl/columns';
import { COLUMN_CATALOG, columnName } from '../teach/question';
import { andList, formatCount, plural } from '../show/format';
import { fieldOf, type GradedQuestion } from './expected';
import { columnOrderRule, partitionSizeRule, tableNameRule } from './style';
import { verdict, type GradeFacts, type RuleVerdict } from './verdict';

export * from './verdict';
export { columnOrderRule, partitionSizeRule, tableNameRule } from './style';

export function askedFields(q: GradedQuestion): string[] {
  const given = new Set([...q.equals, ...(q.orderBy ? [q.orderBy.column] : []), ...(q.unique ?? [])].map(fieldOf));
  return q.returns.map(fieldOf).filter((f) => !given.has(f));
}

/** The learner's result columns as play fields (through the INSERT's markers); unknown columns as they are. */
function resultFields(facts: GradeFacts): string[] {
  const from = new Map((facts.table?.columns ?? []).map((c) => [c.name, c.from as string]));
  return (facts.select?.columns ?? []).map((c) => from.get(c) ?? c);
}

const same = (a: unknown, b: unknown) =>
  typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : String(a) === String(b);

/** The answer's rows as the fields the question asks for, from Cassandra's rows and from the plays. */
function answerRows(facts: GradeFacts, fields: readonly string[]): { got: unknown[][]; want: unknown[][] } {
  const names = resultFields(facts);
  const columns = facts.select?.columns ?? [];
  const got = (facts.select?.rows ?? []).map((r) => fields.map((f) => r[columns[names.indexOf(f)]]));
  const want = (facts.file?.answer ?? []).map((p: Play) => fields.map((f) => p[f as keyof Play]));
  return { got, want };
}

/** The fix of the rules that need the SELECT's rows when Cassandra refused it. */
const SELECT_FIRST = 'make the SELECT run first: partition-key shows why Cassandra refused it';

export function createsRule(f: GradeFacts): RuleVerdict {
  if (f.refused) {
    const who =
      f.refused.by === 'grader'
        ? 'the grader takes unquoted names only'
        : `Cassandra refused the ${f.refused.statement}`;
    return verdict('creates', false, `${who}: ${f.refused.error}`, f.refused.explanation);
  }
  return verdict('creates', true, `${f.table?.name} created and loaded (${plural(f.rowsInTable ?? 0, 'row')})`);
}

export function uniqueRowsRule(f: GradeFacts): RuleVerdict {
  const file = f.file!;
  if (!file.collidingKeys) {
    return verdict(
      'unique-rows',
      true,
      `${formatCount(file.distinctKeys)} keys for ${formatCount(file.distinctUnique)} distinct answer rows: none overwritten`,
    );
  }
  const lost = file.distinctUnique - file.distinctKeys;
  const e = file.example!;
  return verdict(
    'unique-rows',
    false,
    `${lost > 0 ? formatCount(lost) : 'some'} of ${formatCount(file.distinctUnique)} rows are overwritten (the table holds ${formatCount(f.rowsInTable ?? 0)}): ` +
      `key ${JSON.stringify(e.key)} is shared by ${JSON.stringify(e.first)} and ${JSON.stringify(e.second)}`,
    `add the column(s) that tell them apart (${(f.question.unique ?? []).join(', ')}) to the primary key as clustering columns`,
  );
}

/**
 * The learner's columns outside the primary key that the SELECT's WHERE names (a word match on the
 * table's own column names, not a parse): Cassandra refuses those with the same words as a missing
 * partition key, so the fix differs.
 */
function filteredOutsideKey(f: GradeFacts): string[] {
  const where = /\bWHERE\b([^]*)$/i.exec(f.select?.text ?? '')?.[1] ?? '';
  const words = new Set(where.toLowerCase().match(/\w+/g) ?? []);
  const t = f.table;
  const key = new Set([...(t?.partitionKey ?? []), ...(t?.clustering ?? []).map((c) => c.column)]);
  return (t?.columns ?? []).map((c) => c.name).filter((c) => !key.has(c) && words.has(c));
}

const outsideFix = (outside: readonly string[]) =>
  `restrict key columns only — the whole partition key by equality, then clustering columns in order; ` +
  `${andList(outside)} can only be filtered, row by row: return ${outside.length > 1 ? 'them' : 'it'} instead, or key a table by ${outside.length > 1 ? 'them' : 'it'}`;

export function partitionKeyRule(f: GradeFacts): RuleVerdict {
  const s = f.select!;
  if (s.refused) {
    const outside = filteredOutsideKey(f);
    return outside.length
      ? verdict(
          'partition-key',
          false,
          `Cassandra refused the SELECT: it restricts ${andList(outside)}, outside the primary key`,
          outsideFix(outside),
        )
      : verdict('partition-key', false, `Cassandra refused the SELECT: ${s.refused.error}`, s.refused.explanation);
  }
  const t = s.trace;
  // The scratch keyspace keeps one replica, so one partition is exactly one single-partition read (IN reads more).
  if (t && t.kind === 'single-partition' && t.singlePartitionReads === 1) {
    return verdict('partition-key', true, 'the trace shows a single-partition read');
  }
  if (t && t.kind === 'single-partition') {
    return verdict(
      'partition-key',
      false,
      `the SELECT reads ${t.singlePartitionReads} partitions, one after the other`,
      'ask for one partition: each partition key column = one value (no IN)',
    );
  }
  const how = t
    ? t.rangeRequests !== null
      ? `a range scan over ${plural(t.rangeRequests, 'token range')}`
      : t.kind
    : 'no trace';
  return verdict(
    'partition-key',
    false,
    `the SELECT reads more than one partition: ${how}`,
    'restrict the whole partition key by equality (WHERE each partition key column = …)',
  );
}

export function noAllowFilteringRule(f: GradeFacts): RuleVerdict {
  const s = f.select!;
  if (/\bALLOW\s+FILTERING\b/i.test(s.text)) {
    const scanned = s.trace
      ? `: Cassandra read ${formatCount(s.trace.liveRowsRead)} rows to return ${formatCount(s.rows.length)}`
      : '';
    return verdict(
      'no-allow-filtering',
      false,
      `the SELECT uses ALLOW FILTERING${scanned}`,
      'key a table for this question instead of filtering',
    );
  }
  if (s.refused && /ALLOW FILTERING/.test(s.refused.error)) {
    const outside = filteredOutsideKey(f);
    return verdict(
      'no-allow-filtering',
      false,
      `it would need ALLOW FILTERING: ${s.refused.error}`,
      outside.length ? outsideFix(outside) : s.refused.explanation,
    );
  }
  return verdict('no-allow-filtering', true, 'no ALLOW FILTERING needed');
}

export function selectColumnsRule(f: GradeFacts): RuleVerdict {
  const s = f.select!;
  if (/^SELECT\s+\*/i.test(s.text))
    return verdict(
      'select-columns',
      false,
      'SELECT * returns every column',
      `name the columns: ${askedFields(f.question).map(columnName).join(', ')}`,
    );
  if (s.refused) return verdict('select-columns', false, 'the SELECT did not run', SELECT_FIRST);
  const have = resultFields(f);
  const missing = askedFields(f.question).filter((x) => !have.includes(x));
  if (missing.length)
    return verdict(
      'select-columns',
      false,
      `missing ${missing.map(columnName).join(', ')}`,
      `add them to the SELECT list`,
    );
  const extra = have.filter((x) => !askedFields(f.question).includes(x));
  return verdict(
    'select-columns',
    true,
    extra.length
      ? `the asked columns, plus ${extra.map(columnName).join(', ')} (fine: returned, not asked for)`
      : 'exactly the asked columns',
  );
}

export function answerRule(f: GradeFacts): RuleVerdict {
  const s = f.select!;
  if (s.refused) return verdict('answer', false, 'the SELECT did not run, so no rows came back', SELECT_FIRST);
  const fields = askedFields(f.question).filter((x) => resultFields(f).includes(x));
  const { got, want } = answerRows(f, fields);
  if (sameMultiset(got, want)) return verdict('answer', true, `${plural(got.length, 'row')}, as the merged file says`);
  return verdict(
    'answer',
    false,
    `${plural(got.length, 'row')} back, ${want.length} expected${firstDifference(got, want)}`,
    'check the WHERE values and the table the SELECT reads',
  );
}

function sameMultiset(got: unknown[][], want: unknown[][]): boolean {
  if (got.length !== want.length) return false;
  const left = [...want];
  for (const r of got) {
    const i = left.findIndex((w) => w.length === r.length && w.every((v, j) => same(r[j], v)));
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

/** The rows that differ, both ways: up to three of each, and how many more. */
function firstDifference(got: unknown[][], want: unknown[][]): string {
  const missing = want.filter((w) => !got.some((r) => r.every((v, j) => same(v, w[j]))));
  const extra = got.filter((r) => !want.some((w) => w.every((v, j) => same(r[j], v))));
  return [
    missing.length ? `; missing ${someRows(missing)}` : '',
    extra.length ? `; not expected ${someRows(extra)}` : '',
  ].join('');
}

const SHOWN_ROWS = 3;

function someRows(rows: unknown[][]): string {
  const shown = rows.slice(0, SHOWN_ROWS).map((r) => JSON.stringify(r));
  return rows.length > SHOWN_ROWS
    ? `${shown.join(', ')} and ${formatCount(rows.length - SHOWN_ROWS)} more`
    : shown.join(', ');
}

export function orderRule(f: GradeFacts): RuleVerdict {
  const order = f.question.orderBy;
  if (!order) return verdict('order', true, 'the question asks for no order');
  if (f.select!.refused) return verdict('order', false, 'the SELECT did not run', SELECT_FIRST);
  const by = `${order.column} ${order.order}`;
  const fix = `cluster the table on ${order.column} (and ORDER BY it)`;
  const fields = askedFields(f.question).filter((x) => resultFields(f).includes(x));
  const { got, want } = answerRows(f, fields);
  if (sameMultiset(got, want)) {
    const inOrder = got.every((r, i) => r.every((v, j) => same(v, want[i][j])));
    return inOrder
      ? verdict('order', true, `rows in ${by} order`)
      : verdict('order', false, `rows are not in ${by} order`, fix);
  }
  // The rows are not the answer (see that rule): judge the order on the column itself when it came back.
  const at = resultFields(f).indexOf(fieldOf(order.column));
  if (at < 0)
    return verdict('order', true, `not judged: the rows are not the answer and ${order.column} is not returned`);
  const values = (f.select!.rows ?? []).map((r) => r[f.select!.columns[at]] as number | string);
  const sign = order.order === 'DESC' ? -1 : 1;
  const sorted = values.every((v, i) => i === 0 || sign * (v < values[i - 1] ? -1 : v > values[i - 1] ? 1 : 0) >= 0);
  return sorted
    ? verdict('order', true, `rows in ${by} order`)
    : verdict('order', false, `rows are not in ${by} order`, fix);
}

/** Wider types that still hold every value of a field exactly (and round-trip it). */
const ALSO_EXACT: Readonly<Record<string, readonly string[]>> = { int: ['bigint', 'varint'] };

export function typesRule(f: GradeFacts): RuleVerdict {
  const needs = (c: { from: string }) => COLUMN_CATALOG[columnName(c.from)]?.type;
  const columns = f.table?.columns ?? [];
  const wider = columns.filter((c) => c.type !== needs(c) && ALSO_EXACT[needs(c) ?? '']?.includes(c.type));
  const wrong = columns.filter((c) => c.type !== needs(c) && !wider.includes(c));
  if (!wrong.length) {
    const note = wider.map((c) => `${c.name} is ${c.type}: it holds every value too, ${needs(c)} is enough`);
    return verdict(
      'types',
      true,
      `every column has the type its values need${note.length ? ` (${note.join('; ')})` : ''}`,
    );
  }
  const shown = wrong.map((c) => `${c.name} is ${c.type}, ${c.from} needs ${needs(c)}${lossExample(c.type, f)}`);
  return verdict('types', false, shown.join('; '), 'use int for ids and positions, double for length, text for names');
}

function lossExample(type: string, f: GradeFacts): string {
  const length = f.file?.answer[0]?.length;
  if (type === 'float' && length !== undefined) return ` (${length} comes back as ${Math.fround(length)})`;
  return '';
}

export function applyRules(f: GradeFacts): RuleVerdict[] {
  if (f.refused || !f.table) return [createsRule(f)];
  const out = [createsRule(f), uniqueRowsRule(f)];
  if (f.select)
    out.push(partitionKeyRule(f), noAllowFilteringRule(f), answerRule(f), orderRule(f), selectColumnsRule(f));
  out.push(typesRule(f), columnOrderRule(f), tableNameRule(f));
  if (f.partitions) out.push(partitionSizeRule(f));
  return out;
}

// mapping: the rules that turn a question into a table's key, named, and which rule put each column of a
// table where it is. The rules are the data-modeling method's mapping rules (Chebotko, Kashlev & Lu, "A
// Big Data Modeling Methodology for Apache Cassandra", 2015): equality → partition key, range and order →
// clustering columns in that order, uniqueness → more clustering columns, everything else a regular (or
// static) column. Pure: no driver, no I/O.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { closure, primaryKeyColumns } from './dependencies';
import { normalizeQuestion } from './question';
import type { Question } from '../model/questions';
import type { TableSpec } from '../model/tables';

/** The mapping rules, in the order they are applied. */
export const MAPPING_RULES = {
  equality: 'equality → partition key: the question gives it by equality, so the answer is one partition',
  equalityClustering: 'equality on a clustering column: restricted in key order, right after the partition key',
  range: 'range → clustering column: a slice of the partition, read in order',
  order: 'order → clustering column, stored in the order the answer wants',
  uniqueness: 'uniqueness → clustering column: without it two answer rows would share a key and overwrite',
  unused: 'in the key but asked for by no rule: it splits rows the question does not tell apart',
  static: 'one value per partition → static column, stored once',
  returned: 'returned, never filtered on → regular column',
} as const;

export type MappingRule = keyof typeof MAPPING_RULES;

export interface ColumnPlacement {
  column: string;
  /** Where the column sits: "partition key", "clustering 1 (DESC)", "static", "regular". */
  place: string;
  rule: MappingRule;
  why: string;
}

/** For each column of the table, the rule that placed it for this question. */
export function mappingOf(question: Question, table: TableSpec): ColumnPlacement[] {
  const q = normalizeQuestion(question);
  const placements: ColumnPlacement[] = table.partitionKey.map((column) =>
    placed(column, 'partition key', q.equals.includes(column) ? 'equality' : 'unused'),
  );
  table.clustering.forEach(({ column, order }, i) => {
    const before = primaryKeyColumns(table).slice(0, table.partitionKey.length + i);
    placements.push(placed(column, `clustering ${i + 1} (${order})`, clusteringRule(q, column, before)));
  });
  const key = primaryKeyColumns(table);
  for (const c of table.columns.filter((x) => !key.includes(x.name))) {
    placements.push(placed(c.name, c.static ? 'static' : 'regular', c.static ? 'static' : 'returned'));
  }
  return placements;
}

function clusteringRule(q: Question, column: string, before: readonly string[]): MappingRule {
  if (q.equals.includes(column)) return 'equalityClustering';
  if (q.range === column) return 'range';
  if (q.orderBy?.column === column) return 'order';
  const needed = (q.unique ?? []).some((u) => !closure(before).has(u) && closure([...before, column]).has(u));
  return needed ? 'uniqueness' : 'unused';
}

const placed = (column: string, place: string, rule: MappingRule): ColumnPlacement => ({
  column,
  place,
  rule,
  why: MAPPING_RULES[rule],
});

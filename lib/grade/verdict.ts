// verdict: what a rule of the grader says — the rubric's rules with their level, a verdict's shape, and the
// facts every rule reads (Cassandra's outcomes, the table, the trace, the merged file's figures). Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TableShape, TableSpec } from '../model/tables';
import type { PartitionStats } from '../teach/partitions';
import type { TraceSummary } from '../teach/trace-summary';
import type { FileFacts, GradedQuestion } from './expected';

export const RULES = {
  creates: { level: 'required', what: 'the CREATE TABLE and the INSERT run' },
  'unique-rows': { level: 'required', what: 'no two plays the question needs share a primary key' },
  'partition-key': { level: 'required', what: 'the SELECT reads one partition' },
  'no-allow-filtering': { level: 'required', what: 'the SELECT runs without ALLOW FILTERING' },
  answer: { level: 'required', what: 'the rows are exactly the expected ones' },
  order: { level: 'required', what: 'in the order the question asks' },
  'select-columns': { level: 'required', what: 'the columns the question asks for, no SELECT *' },
  types: { level: 'required', what: 'values round-trip exactly' },
  'column-order': { level: 'style', what: 'key columns first, in key order' },
  'table-name': { level: 'style', what: 'the name says what the table is looked up by' },
  'partition-size': { level: 'style', what: 'partitions stay bounded' },
} as const;

export type RuleName = keyof typeof RULES;

export interface RuleVerdict {
  rule: RuleName;
  level: 'required' | 'style';
  ok: boolean;
  detail: string;
  fix?: string;
}

/** What Cassandra and the file said about a submission: everything the rules read. */
export interface GradeFacts {
  question: GradedQuestion;
  /** Cassandra's refusal of the CREATE TABLE or the INSERT, explained (`by: 'grader'` when the grader refused
   * before Cassandra saw it); undefined when both ran. */
  refused?: { statement: 'CREATE TABLE' | 'INSERT'; error: string; explanation: string; by?: 'grader' };
  shape?: TableShape;
  table?: TableSpec;
  /** Column names in the order the CREATE TABLE declares them. */
  declared?: string[];
  rowsInTable?: number;
  file?: FileFacts;
  select?: {
    text: string;
    refused?: { error: string; explanation: string };
    columns: string[];
    rows: Record<string, unknown>[];
    trace?: TraceSummary;
  };
  partitions?: PartitionStats;
}

/** A verdict; the fix is kept only when the rule fails. */
export const verdict = (rule: RuleName, ok: boolean, detail: string, fix?: string): RuleVerdict => ({
  rule,
  level: RULES[rule].level,
  ok,
  detail,
  ...(ok || !fix ? {} : { fix }),
});

/** The fields the question asks for: what it returns, minus what it is asked by and ordered by. */

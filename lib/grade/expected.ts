// expected: what the merged file says a question's answer is and what a table's key keeps, computed from
// the plays alone — never from Cassandra — so the grader can hold Cassandra's rows against it. One pass
// over the file: the question's answer (its plays, one per answer row, in its order) and, for the learner's
// primary key, how many distinct keys the plays have and which plays would overwrite each other.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Play, PlayColumn } from '../etl/columns';
import { readPlays } from '../etl/plays';
import type { Question } from '../model/questions';

/** A question with the values it is asked with, keyed by play field (`{ sessionId: 338, itemInSession: 4 }`). */
export type GradedQuestion = Question & { asked: Readonly<Record<string, string | number>> };
import type { TableSpec } from '../model/tables';
import { COLUMN_CATALOG } from '../teach/question';

/** The play field a question's column names (`item_in_session` → itemInSession). */
export const fieldOf = (column: string): PlayColumn => COLUMN_CATALOG[column]?.from ?? (column as PlayColumn);

/** Two plays the learner's key cannot tell apart although the question must: one overwrites the other. */
export interface KeyCollision {
  key: Record<string, unknown>;
  first: Partial<Play>;
  second: Partial<Play>;
}

export interface FileFacts {
  plays: number;
  /** The answer: one play per answer row (the question's `unique` fields), in the question's order. */
  answer: Play[];
  /** Distinct values of the question's unique fields over every play: the rows a right key keeps. */
  distinctUnique: number;
  /** Distinct values of the learner's primary key over every play: the rows the learner's table keeps. */
  distinctKeys: number;
  /** Learner keys under which plays with different unique fields meet, and one of them. */
  collidingKeys: number;
  example?: KeyCollision;
}

const keyOf = (play: Play, fields: readonly PlayColumn[]) => JSON.stringify(fields.map((f) => play[f]));

/** Streams the merged file once and computes the facts for `question` and the learner's `table`. */
export async function fileFacts(file: string, question: GradedQuestion, table: TableSpec): Promise<FileFacts> {
  const unique = (question.unique ?? question.equals).map(fieldOf);
  const keyColumns = [...table.partitionKey, ...table.clustering.map((c) => c.column)];
  const keyFields = keyColumns.map((c) => table.columns.find((x) => x.name === c)!.from);
  const asked = Object.entries(question.asked) as [PlayColumn, string | number][];
  const answer = new Map<string, Play>();
  const uniques = new Set<string>();
  const byKey = new Map<string, { unique: string; play: Play; collided: boolean }>();
  let plays = 0;
  let collidingKeys = 0;
  let example: KeyCollision | undefined;
  for await (const batch of readPlays(file)) {
    for (const { play } of batch.plays) {
      plays++;
      const u = keyOf(play, unique);
      uniques.add(u);
      if (asked.every(([f, v]) => play[f] === v)) answer.set(u, play);
      const k = keyOf(play, keyFields);
      const seen = byKey.get(k);
      if (!seen) byKey.set(k, { unique: u, play, collided: false });
      else if (seen.unique !== u && !seen.collided) {
        seen.collided = true;
        collidingKeys++;
        example ??= collision(keyColumns, keyFields, seen.play, play, [...new Set([...unique, ...keyFields])]);
      }
    }
  }
  return {
    plays,
    answer: ordered([...answer.values()], question),
    distinctUnique: uniques.size,
    distinctKeys: byKey.size,
    collidingKeys,
    example,
  };
}

function collision(
  columns: readonly string[],
  fields: readonly PlayColumn[],
  a: Play,
  b: Play,
  shown: readonly PlayColumn[],
): KeyCollision {
  const pick = (p: Play) => Object.fromEntries(shown.map((f) => [f, p[f]])) as Partial<Play>;
  return { key: Object.fromEntries(columns.map((c, i) => [c, a[fields[i]]])), first: pick(a), second: pick(b) };
}

/** The answer in the question's order, ties broken by its unique fields (so it is stable and Cassandra's too). */
function ordered(plays: Play[], question: GradedQuestion): Play[] {
  const by = [
    ...(question.orderBy
      ? [{ field: fieldOf(question.orderBy.column), sign: question.orderBy.order === 'DESC' ? -1 : 1 }]
      : []),
    ...(question.unique ?? []).map((c) => ({ field: fieldOf(c), sign: 1 })),
  ];
  return plays.sort((x, y) => {
    for (const { field, sign } of by) {
      if (x[field] < y[field]) return -sign;
      if (x[field] > y[field]) return sign;
    }
    return 0;
  });
}

// Unit tests of lib/show/conceptual.ts: the words of measured dependencies and their HTML table.
import { describe, expect, it } from 'vitest';
import { conceptualModel, type MeasuredDependency } from '../../../lib/teach/conceptual';
import { dependenciesHtml, exceptionsText, failingFact } from '../../../lib/show/conceptual';
import { rowsOf } from './html-text';

const m = (from: string[], to: string[], over: Partial<MeasuredDependency> = {}): MeasuredDependency => ({
  from,
  to,
  plays: 7059,
  groups: 87,
  violations: 0,
  holds: true,
  examples: [],
  ...over,
});

const level = m(['user_id'], ['level'], {
  violations: 11,
  holds: false,
  expected: false,
  why: 'a user moves between free and paid',
  examples: [{ key: { user_id: 28 }, varies: { level: ['free', 'paid'] } }],
});
const names = m(['user_id'], ['first_name', 'last_name'], { expected: true });

it.each([
  [{ violations: 0, groups: 835 }, 'Session', '0 exceptions in 835 sessions'],
  [{ violations: 1, groups: 1 }, 'Session', '1 exception in 1 session'],
  [{ violations: 1234, groups: 6820 }, 'Play', '1,234 exceptions in 6,820 plays'],
] as const)('exceptionsText %j of %s', (over, entity, text) => {
  expect(exceptionsText(m(['x'], ['y'], over), entity)).toBe(text);
});

describe('failingFact', () => {
  it('what fails and why, then the examples and where the column belongs', () => {
    const play = m(['session_id', 'item_in_session'], ['level', 'user_id'], { expected: true });
    const model = conceptualModel([names, level, play, m(['session_id'], ['user_id'], { expected: true })]);
    expect(failingFact(level, model)).toEqual([
      '✘ user_id → level does not hold: 11 of 87 users have more than one level (a user moves between free and paid)',
      'e.g. user 28: free, paid — so level belongs to the play',
    ]);
  });

  it('several columns, no entity of that key, no example: the values per column, no home', () => {
    const two = m(['song'], ['artist', 'length'], {
      groups: 3912,
      violations: 355,
      holds: false,
      examples: [{ key: { song: 'Home' }, varies: { artist: ['A', 'B'], length: [1.5, 2] } }],
    });
    expect(failingFact(two, conceptualModel([two]))).toEqual([
      '✘ song → artist, length does not hold: 355 of 3,912 groups have more than one value of artist and length',
      'e.g. song Home: artist A, B / length 1.5, 2',
    ]);
    expect(failingFact({ ...two, examples: [] }, conceptualModel([two]))[1]).toBe('');
  });
});

it('dependenciesHtml: one row per dependency, groups and exceptions counted, the first exception shown', () => {
  const rows = rowsOf(dependenciesHtml([names, level]));
  expect(rows).toEqual([
    'Dependencies measured on 7,059 plays',
    'dependency | in words | groups (distinct left sides) | exceptions | verdict',
    'user_id → first_name, last_name |  | 87 | 0 | ✔ holds',
    'user_id → level | a user moves between free and paid | 87 | 11 | ✘ does not hold (e.g. user_id 28: free, paid)',
  ]);
});

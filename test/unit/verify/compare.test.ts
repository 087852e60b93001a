// Unit tests of lib/verify/compare.ts: a range's expected rows (the later line wins for a repeated key; a
// static column takes its partition's later line) reconciled with rows as the driver returns them —
// present, missing, unexpected, different — with examples capped, and tallies added up.
import { describe, expect, it } from 'vitest';
import { addTally, compareRange, emptyTally, expectedRows } from '../../../lib/verify/compare';
import type { ExpectedLine } from '../../../lib/verify/expected';
import type { TableSpec } from '../../../lib/model/tables';

const TABLE: TableSpec = {
  name: 't',
  question: 'test',
  lookedUpBy: 'test',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'item', type: 'int', from: 'itemInSession' },
    { name: 'level', type: 'text', from: 'level', static: true },
    { name: 'song', type: 'text', from: 'song' },
  ],
  partitionKey: ['user_id'],
  clustering: [{ column: 'item', order: 'ASC' }],
  lookup: ['user_id'],
  returns: ['song'],
};

/** Lines as the range files hold them: line, user_id, item, level, song. */
const LINES: ExpectedLine[] = [
  [2, 1, 0, 'free', 'a'],
  [3, 1, 1, 'free', 'b'],
  [4, 2, 0, 'free', 'c'],
  [5, 1, 0, 'paid', 'a2'],
];

async function* rows(list: Record<string, unknown>[]) {
  yield* list;
}
const row = (user_id: unknown, item: number, level: string, song: string) => ({ user_id, item, level, song });

describe('expectedRows', () => {
  it('keeps the later line of a repeated key, and the partition’s later line for a static column', () => {
    expect([...expectedRows(TABLE, LINES).values()]).toEqual([
      [5, 1, 0, 'paid', 'a2'],
      [3, 1, 1, 'paid', 'b'],
      [4, 2, 0, 'free', 'c'],
    ]);
  });
});

describe('compareRange', () => {
  const cases: [string, Record<string, unknown>[], object][] = [
    [
      'every row as expected (an int key read back as a number)',
      [row(1, 0, 'paid', 'a2'), row(1, 1, 'paid', 'b'), row(2, 0, 'free', 'c')],
      { expected: 3, present: 3, missing: 0, unexpected: 0, different: 0 },
    ],
    [
      'a row missing',
      [row(1, 0, 'paid', 'a2'), row(2, 0, 'free', 'c')],
      {
        present: 2,
        missing: 1,
        examples: { missing: [{ key: { user_id: 1, item: 1 }, line: 3 }], unexpected: [], different: [] },
      },
    ],
    [
      'a row in no line',
      [row(1, 0, 'paid', 'a2'), row(1, 1, 'paid', 'b'), row(2, 0, 'free', 'c'), row(3, 0, 'free', 'x')],
      { unexpected: 1, examples: { missing: [], unexpected: [{ key: { user_id: 3, item: 0 } }], different: [] } },
    ],
    [
      'a value different (the earlier line’s song)',
      [row(1, 0, 'paid', 'a'), row(1, 1, 'paid', 'b'), row(2, 0, 'free', 'c')],
      {
        different: 1,
        examples: {
          missing: [],
          unexpected: [],
          different: [{ key: { user_id: 1, item: 0 }, line: 5, column: 'song', expected: 'a2', found: 'a' }],
        },
      },
    ],
    [
      'a key read back as an object with a text form (a Long) matches the number',
      [row({ toString: () => '1' }, 0, 'paid', 'a2'), row(1, 1, 'paid', 'b'), row(2, 0, 'free', 'c')],
      { present: 3, missing: 0, unexpected: 0, different: 0 },
    ],
  ];
  it.each(cases)('%s', async (_, found, tally) => {
    expect(await compareRange(TABLE, expectedRows(TABLE, LINES), rows(found))).toMatchObject(tally);
  });

  it('keeps at most the examples asked for, and counts them all', async () => {
    const t = await compareRange(TABLE, expectedRows(TABLE, LINES), rows([]), 2);
    expect(t.missing).toBe(3);
    expect(t.examples.missing).toHaveLength(2);
  });
});

describe('addTally', () => {
  it('adds the counts and keeps the first examples up to the cap', () => {
    const a = {
      ...emptyTally(),
      expected: 2,
      missing: 1,
      examples: { missing: [{ key: { k: 1 } }], unexpected: [], different: [] },
    };
    const b = {
      ...emptyTally(),
      expected: 3,
      missing: 2,
      examples: { missing: [{ key: { k: 2 } }, { key: { k: 3 } }], unexpected: [], different: [] },
    };
    const into = emptyTally();
    addTally(into, a, 2);
    addTally(into, b, 2);
    expect(into).toMatchObject({
      expected: 5,
      missing: 3,
      examples: { missing: [{ key: { k: 1 } }, { key: { k: 2 } }] },
    });
  });
});

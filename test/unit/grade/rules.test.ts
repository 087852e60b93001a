// Unit tests of lib/grade/rules.ts: each rule of the rubric over small hand-made facts (the exercise's
// questions, tables written out as literals, trace summaries from the shared fixture, partition statistics
// built by hand), an ok case and a failing case at least, the reason word for word and a fix exactly when
// the rule fails (the few failing verdicts that give none are named).
import { describe, expect, it } from 'vitest';
import type { Play } from '../../../lib/etl/columns';
import {
  answerRule,
  applyRules,
  askedFields,
  columnOrderRule,
  createsRule,
  noAllowFilteringRule,
  orderRule,
  partitionKeyRule,
  partitionSizeRule,
  selectColumnsRule,
  tableNameRule,
  typesRule,
  uniqueRowsRule,
  type GradeFacts,
  type RuleVerdict,
} from '../../../lib/grade/rules';
import type { FileFacts } from '../../../lib/grade/expected';
import { QUESTION_1, QUESTION_2, QUESTION_3 } from '../../../lib/model/questions';
import type { TableSpec } from '../../../lib/model/tables';
import type { PartitionStats } from '../../../lib/teach/partitions';
import { play, rangeScan, traceSummary } from '../../support/fixtures';

// Question 1's table as a learner writes it (session_id, item_in_session as the key).
const Q1_TABLE: TableSpec = {
  name: 'songs_by_session',
  question: QUESTION_1.text,
  lookedUpBy: '',
  columns: [
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'song', type: 'text', from: 'song' },
    { name: 'length', type: 'double', from: 'length' },
  ],
  partitionKey: ['session_id'],
  clustering: [{ column: 'item_in_session', order: 'ASC' }],
  lookup: ['session_id', 'item_in_session'],
  returns: ['artist', 'song', 'length'],
};
const Q1_SELECT = 'SELECT artist, song, length FROM songs_by_session WHERE session_id = 338 AND item_in_session = 4';
const Q1_PLAY = play({
  sessionId: 338,
  itemInSession: 4,
  artist: 'Faithless',
  song: 'Music Matters',
  length: 495.3073,
});
const Q1_ROW = { artist: 'Faithless', song: 'Music Matters', length: 495.3073 };

const fileFacts = (over: Partial<FileFacts> = {}): FileFacts => ({
  plays: 8,
  answer: [Q1_PLAY],
  distinctUnique: 8,
  distinctKeys: 8,
  collidingKeys: 0,
  ...over,
});

/** Partition statistics by hand: `rows` rows in `partitions` partitions, the largest `max`. */
const stats = (partitions: number, rows: number, max: number, over: Partial<PartitionStats> = {}): PartitionStats => ({
  table: 'songs_by_session',
  partitionKey: ['session_id'],
  plays: rows,
  partitions,
  rows,
  rowsPerPartition: { min: 1, median: 1, p99: max, max, mean: rows / partitions },
  valuesPerPartition: { min: 3, median: 3, p99: 3 * max, max: 3 * max, mean: (3 * rows) / partitions },
  bytesPerPartition: { min: 100, median: 100, p99: 100 * max, max: 100 * max, mean: (100 * rows) / partitions },
  totalBytes: 100 * rows,
  largest: [],
  warnings: [],
  over: { values: 0, bytes: 0 },
  limits: { maxValues: 100_000, maxBytes: 100 * 1024 * 1024 },
  cells: { cellsPerRow: 3, staticCells: 0 },
  deduplicated: false,
  rowCounts: [],
  valueCounts: [],
  byteSizes: [],
  ...over,
});

/** Question 1 answered right: every rule holds. */
const q1 = (over: Partial<GradeFacts> = {}): GradeFacts => ({
  question: QUESTION_1,
  table: Q1_TABLE,
  declared: ['session_id', 'item_in_session', 'artist', 'song', 'length'],
  rowsInTable: 8,
  file: fileFacts(),
  select: { text: Q1_SELECT, columns: ['artist', 'song', 'length'], rows: [Q1_ROW], trace: traceSummary() },
  partitions: stats(3, 8, 4),
  ...over,
});
const select = (over: Partial<NonNullable<GradeFacts['select']>>) => ({ select: { ...q1().select!, ...over } });
const SELECT_FIRST = 'make the SELECT run first: partition-key shows why Cassandra refused it';
const REFUSED_SELECT = select({
  columns: [],
  rows: [],
  trace: undefined,
  refused: { error: 'Undefined column name sesion_id', explanation: 'the table has no column sesion_id' },
});

const FILTERING = 'Cannot execute this query as it might involve data filtering … use ALLOW FILTERING';
/** Refused for filtering: the whole partition key given, then a range on `length`, a regular column. */
const REFUSED_FILTER = select({
  text: 'SELECT artist, song, length FROM songs_by_session WHERE session_id = 338 AND item_in_session = 4 AND length > 0',
  columns: [],
  rows: [],
  trace: undefined,
  refused: { error: FILTERING, explanation: 'this WHERE does not name one partition' },
});
const OUTSIDE_FIX =
  'restrict key columns only — the whole partition key by equality, then clustering columns in order; ' +
  'length can only be filtered, row by row: return it instead, or key a table by it';

/** The verdict has a fix exactly when it fails, and is the rule's. */
const check = (v: RuleVerdict, want: Omit<RuleVerdict, 'fix'> & { fix?: string }) => {
  expect(v).toEqual(want);
  expect('fix' in v).toBe(!want.ok && want.fix !== undefined);
};
const ok = (rule: RuleVerdict['rule'], detail: string, level: RuleVerdict['level'] = 'required') =>
  ({ rule, level, ok: true, detail }) as const;
const fails = (rule: RuleVerdict['rule'], detail: string, fix?: string, level: RuleVerdict['level'] = 'required') =>
  ({ rule, level, ok: false, detail, ...(fix === undefined ? {} : { fix }) }) as const;

describe('askedFields', () => {
  it.each([
    [QUESTION_1, ['artist', 'song', 'length']],
    [QUESTION_2, ['artist', 'song', 'firstName', 'lastName']], // item_in_session is the order, not asked
    [QUESTION_3, ['firstName', 'lastName']], // user_id only tells the rows apart
  ])('%s.name: the returned fields minus the given ones, as play fields', (q, expected) => {
    expect(askedFields(q)).toEqual(expected);
  });
});

describe('createsRule', () => {
  it('ok: the table and how many rows it holds', () => {
    check(createsRule(q1()), ok('creates', 'songs_by_session created and loaded (8 rows)'));
  });
  it.each([
    ['CREATE TABLE', 'No PRIMARY KEY specifed for table', 'a table needs a primary key'],
    ['INSERT', 'Unknown identifier sesion_id', 'the INSERT names a column the table does not have'],
  ] as const)('fails: Cassandra refused the %s, the explanation is the fix', (statement, error, explanation) => {
    check(
      createsRule(q1({ refused: { statement, error, explanation } })),
      fails('creates', `Cassandra refused the ${statement}: ${error}`, explanation),
    );
  });
});

describe('uniqueRowsRule', () => {
  it('ok: as many keys as distinct rows, none collide', () => {
    check(uniqueRowsRule(q1()), ok('unique-rows', '8 keys for 8 distinct answer rows: none overwritten'));
  });
  const example = {
    key: { session_id: 338 },
    first: { sessionId: 338, itemInSession: 3 },
    second: { sessionId: 338, itemInSession: 4 },
  };
  const FIX =
    'add the column(s) that tell them apart (session_id, item_in_session) to the primary key as clustering columns';
  it('fails: how many rows are lost, what the table holds, and one collision', () => {
    const f = q1({ rowsInTable: 3, file: fileFacts({ distinctKeys: 3, collidingKeys: 2, example }) });
    check(
      uniqueRowsRule(f),
      fails(
        'unique-rows',
        '5 of 8 rows are overwritten (the table holds 3): key {"session_id":338} is shared by ' +
          '{"sessionId":338,"itemInSession":3} and {"sessionId":338,"itemInSession":4}',
        FIX,
      ),
    );
  });
  it('fails: counts of a real month grouped by thousands, as every count the project prints', () => {
    const f = q1({
      rowsInTable: 835,
      file: fileFacts({ distinctUnique: 7059, distinctKeys: 835, collidingKeys: 835, example }),
    });
    expect(uniqueRowsRule(f).detail).toMatch(/^6,224 of 7,059 rows are overwritten \(the table holds 835\): /);
  });
  it('fails: "some" rows when the key has as many values as the rows but still collides', () => {
    const f = q1({ rowsInTable: 8, file: fileFacts({ distinctKeys: 8, collidingKeys: 1, example }) });
    check(
      uniqueRowsRule(f),
      fails(
        'unique-rows',
        'some of 8 rows are overwritten (the table holds 8): key {"session_id":338} is shared by ' +
          '{"sessionId":338,"itemInSession":3} and {"sessionId":338,"itemInSession":4}',
        FIX,
      ),
    );
  });
});

describe('partitionKeyRule', () => {
  const FIX = 'restrict the whole partition key by equality (WHERE each partition key column = …)';
  it('ok: the trace shows a single-partition read', () => {
    check(partitionKeyRule(q1()), ok('partition-key', 'the trace shows a single-partition read'));
  });
  it.each([
    ['a range scan', traceSummary(rangeScan), 'a range scan over 1 token range'],
    [
      'a range scan over 3 ranges',
      traceSummary({ ...rangeScan, rangeRequests: 3 }),
      'a range scan over 3 token ranges',
    ],
    ['a read of another kind', traceSummary({ kind: 'other', singlePartitionReads: 0 }), 'other'],
    ['no trace', undefined, 'no trace'],
  ])('fails: %s', (_, trace, how) => {
    check(
      partitionKeyRule(q1(select({ trace }))),
      fails('partition-key', `the SELECT reads more than one partition: ${how}`, FIX),
    );
  });
  it('fails: two partitions read one after the other (an IN on the partition key)', () => {
    check(
      partitionKeyRule(q1(select({ trace: traceSummary({ singlePartitionReads: 2 }) }))),
      fails(
        'partition-key',
        'the SELECT reads 2 partitions, one after the other',
        'ask for one partition: each partition key column = one value (no IN)',
      ),
    );
  });
  it('fails: Cassandra refused the SELECT, the explanation is the fix', () => {
    check(
      partitionKeyRule(q1(REFUSED_SELECT)),
      fails(
        'partition-key',
        'Cassandra refused the SELECT: Undefined column name sesion_id',
        'the table has no column sesion_id',
      ),
    );
  });
});

describe('refused for filtering on a column outside the key (named by the WHERE)', () => {
  it('partition-key says which column, and how to fix it', () => {
    check(
      partitionKeyRule(q1(REFUSED_FILTER)),
      fails('partition-key', 'Cassandra refused the SELECT: it restricts length, outside the primary key', OUTSIDE_FIX),
    );
  });
  it('no-allow-filtering keeps Cassandra’s words, with the same fix', () => {
    check(
      noAllowFilteringRule(q1(REFUSED_FILTER)),
      fails('no-allow-filtering', `it would need ALLOW FILTERING: ${FILTERING}`, OUTSIDE_FIX),
    );
  });
  it('a column named only before WHERE is not taken for a filter', () => {
    const f = q1(select({ ...REFUSED_FILTER.select, text: 'SELECT length FROM songs_by_session WHERE song = 1' }));
    expect(partitionKeyRule(f).detail).toBe('Cassandra refused the SELECT: it restricts song, outside the primary key');
  });
});

describe('noAllowFilteringRule', () => {
  const FIX = 'key a table for this question instead of filtering';
  it('ok: no ALLOW FILTERING', () => {
    check(noAllowFilteringRule(q1()), ok('no-allow-filtering', 'no ALLOW FILTERING needed'));
  });
  it('ok: a refusal for another reason is not this rule', () => {
    check(noAllowFilteringRule(q1(REFUSED_SELECT)), ok('no-allow-filtering', 'no ALLOW FILTERING needed'));
  });
  it('fails: ALLOW FILTERING written, with what the trace read', () => {
    const f = q1(select({ text: `${Q1_SELECT} allow\n  filtering`, trace: traceSummary({ liveRowsRead: 788 }) }));
    check(
      noAllowFilteringRule(f),
      fails('no-allow-filtering', 'the SELECT uses ALLOW FILTERING: Cassandra read 788 rows to return 1', FIX),
    );
  });
  it('fails: ALLOW FILTERING written, no trace', () => {
    const f = q1(select({ text: `${Q1_SELECT} ALLOW FILTERING`, trace: undefined }));
    check(noAllowFilteringRule(f), fails('no-allow-filtering', 'the SELECT uses ALLOW FILTERING', FIX));
  });
  it('fails: Cassandra refused the SELECT because it would need ALLOW FILTERING', () => {
    const error =
      'Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING';
    const f = q1(select({ columns: [], rows: [], refused: { error, explanation: 'artist is not in the key' } }));
    check(
      noAllowFilteringRule(f),
      fails('no-allow-filtering', `it would need ALLOW FILTERING: ${error}`, 'artist is not in the key'),
    );
  });
});

describe('selectColumnsRule', () => {
  it('ok: exactly the asked columns', () => {
    check(selectColumnsRule(q1()), ok('select-columns', 'exactly the asked columns'));
  });
  it('ok: key columns besides, named as the question names them', () => {
    const f = q1(select({ columns: ['session_id', 'item_in_session', 'artist', 'song', 'length'] }));
    check(
      selectColumnsRule(f),
      ok('select-columns', 'the asked columns, plus session_id, item_in_session (fine: returned, not asked for)'),
    );
  });
  it.each(['SELECT * FROM songs_by_session', 'select  * from songs_by_session'])('fails: %s', (text) => {
    check(
      selectColumnsRule(q1(select({ text }))),
      fails('select-columns', 'SELECT * returns every column', 'name the columns: artist, song, length'),
    );
  });
  it('fails: a column missing', () => {
    const f = q1(select({ columns: ['artist', 'song'], rows: [{ artist: 'Faithless', song: 'Music Matters' }] }));
    check(selectColumnsRule(f), fails('select-columns', 'missing length', 'add them to the SELECT list'));
  });
  it("fails: Question 2's name columns missing", () => {
    const f: GradeFacts = {
      question: QUESTION_2,
      select: { text: 'SELECT artist, song FROM t', columns: ['artist', 'song'], rows: [] },
    };
    check(
      selectColumnsRule(f),
      fails('select-columns', 'missing first_name, last_name', 'add them to the SELECT list'),
    );
  });
  it('fails, sent to partition-key: the SELECT did not run', () => {
    check(selectColumnsRule(q1(REFUSED_SELECT)), fails('select-columns', 'the SELECT did not run', SELECT_FIRST));
  });
});

describe('answerRule', () => {
  const FIX = 'check the WHERE values and the table the SELECT reads';
  it('ok: the rows of the merged file', () => {
    check(answerRule(q1()), ok('answer', '1 row, as the merged file says'));
  });
  it('ok: numbers compared as numbers, the column order of the SELECT is free', () => {
    const f = q1(
      select({
        columns: ['length', 'song', 'artist'],
        rows: [{ length: '495.3073', song: 'Music Matters', artist: 'Faithless' }],
      }),
    );
    check(answerRule(f), ok('answer', '1 row, as the merged file says'));
  });
  it('fails: another row back, what is missing and what is not expected', () => {
    const f = q1(select({ rows: [{ ...Q1_ROW, song: 'Insomnia' }] }));
    check(
      answerRule(f),
      fails(
        'answer',
        '1 row back, 1 expected; missing ["Faithless","Music Matters",495.3073]; not expected ["Faithless","Insomnia",495.3073]',
        FIX,
      ),
    );
  });
  it('fails: no row back', () => {
    check(
      answerRule(q1(select({ rows: [] }))),
      fails('answer', '0 rows back, 1 expected; missing ["Faithless","Music Matters",495.3073]', FIX),
    );
  });
  it('fails: a row too many', () => {
    const f = q1(select({ rows: [Q1_ROW, { ...Q1_ROW, length: 1 }] }));
    check(answerRule(f), fails('answer', '2 rows back, 1 expected; not expected ["Faithless","Music Matters",1]', FIX));
  });
  it('fails, sent to partition-key: the SELECT did not run', () => {
    check(
      answerRule(q1(REFUSED_SELECT)),
      fails('answer', 'the SELECT did not run, so no rows came back', SELECT_FIRST),
    );
  });
});

describe('orderRule', () => {
  const Q2_TABLE: TableSpec = {
    name: 'songs_by_user_session',
    question: QUESTION_2.text,
    lookedUpBy: '',
    columns: [
      { name: 'user_id', type: 'int', from: 'userId' },
      { name: 'session_id', type: 'int', from: 'sessionId' },
      { name: 'item_in_session', type: 'int', from: 'itemInSession' },
      { name: 'artist', type: 'text', from: 'artist' },
      { name: 'song', type: 'text', from: 'song' },
      { name: 'first_name', type: 'text', from: 'firstName' },
      { name: 'last_name', type: 'text', from: 'lastName' },
    ],
    partitionKey: ['user_id', 'session_id'],
    clustering: [{ column: 'item_in_session', order: 'ASC' }],
    lookup: ['user_id', 'session_id'],
    returns: ['artist', 'song', 'first_name', 'last_name'],
  };
  const p = (itemInSession: number, song: string): Play =>
    play({ userId: 10, sessionId: 182, itemInSession, artist: 'A', song, firstName: 'Sylvie', lastName: 'Cruz' });
  const row = (song: string) => ({ artist: 'A', song, first_name: 'Sylvie', last_name: 'Cruz' });
  const q2 = (songs: string[]): GradeFacts => ({
    question: QUESTION_2,
    table: Q2_TABLE,
    file: fileFacts({ answer: [p(0, 'S0'), p(1, 'S1'), p(2, 'S2')] }),
    select: {
      text: 'SELECT artist, song, first_name, last_name FROM songs_by_user_session WHERE user_id = ? AND session_id = ?',
      columns: ['artist', 'song', 'first_name', 'last_name'],
      rows: songs.map(row),
    },
  });
  it('ok: a question that asks no order', () => {
    check(orderRule(q1()), ok('order', 'the question asks for no order'));
  });
  it('ok: the rows in the order of the merged file', () => {
    check(orderRule(q2(['S0', 'S1', 'S2'])), ok('order', 'rows in item_in_session ASC order'));
  });
  it('fails: the same rows in another order (the answer itself holds)', () => {
    const f = q2(['S2', 'S0', 'S1']);
    check(
      orderRule(f),
      fails(
        'order',
        'rows are not in item_in_session ASC order',
        'cluster the table on item_in_session (and ORDER BY it)',
      ),
    );
    expect(answerRule(f).ok).toBe(true);
  });
  it('fails, sent to partition-key: the SELECT did not run', () => {
    const f = {
      ...q2([]),
      select: { text: 'SELECT', columns: [], rows: [], refused: { error: 'e', explanation: 'x' } },
    };
    check(orderRule(f), fails('order', 'the SELECT did not run', SELECT_FIRST));
  });
});

describe('typesRule', () => {
  const FIX = 'use int for ids and positions, double for length, text for names';
  const retype = (types: Record<string, string>): GradeFacts =>
    q1({
      table: {
        ...Q1_TABLE,
        columns: Q1_TABLE.columns.map((c) => ({ ...c, type: (types[c.name] ?? c.type) as 'int' })),
      },
    });
  it('ok: int, double and text where the values need them', () => {
    check(typesRule(q1()), ok('types', 'every column has the type its values need'));
  });
  it('fails: length as float, with the value it loses', () => {
    check(
      typesRule(retype({ length: 'float' })),
      fails('types', 'length is float, length needs double (495.3073 comes back as 495.30731201171875)', FIX),
    );
  });
  it('ok, with a note: ids as bigint or varint hold every value too', () => {
    check(
      typesRule(retype({ session_id: 'bigint', item_in_session: 'varint' })),
      ok(
        'types',
        'every column has the type its values need (session_id is bigint: it holds every value too, int is enough; ' +
          'item_in_session is varint: it holds every value too, int is enough)',
      ),
    );
  });
  it('fails: a narrower or another kind of number is not taken for an id', () => {
    check(
      typesRule(retype({ session_id: 'smallint', item_in_session: 'double' })),
      fails(
        'types',
        'session_id is smallint, sessionId needs int; item_in_session is double, itemInSession needs int',
        FIX,
      ),
    );
  });
  it('fails: every wrong column, in table order', () => {
    check(
      typesRule(retype({ session_id: 'text', artist: 'varchar', length: 'decimal' })),
      fails(
        'types',
        'session_id is text, sessionId needs int; artist is varchar, artist needs text; length is decimal, length needs double',
        FIX,
      ),
    );
  });
});

describe('columnOrderRule', () => {
  it('ok: the key columns first, in key order', () => {
    check(columnOrderRule(q1()), ok('column-order', 'key columns first: session_id, item_in_session', 'style'));
  });
  it.each([
    [['artist', 'session_id', 'item_in_session', 'song', 'length'], 'artist, session_id'],
    [['item_in_session', 'session_id', 'artist', 'song', 'length'], 'item_in_session, session_id'],
  ])('fails: declared %j', (declared, first) => {
    check(
      columnOrderRule(q1({ declared })),
      fails(
        'column-order',
        `declared ${first} first; the key is session_id, item_in_session`,
        'list the key columns first, in key order',
        'style',
      ),
    );
  });
});

describe('tableNameRule', () => {
  const named = (name: string, partitionKey = ['session_id']) => q1({ table: { ...Q1_TABLE, name, partitionKey } });
  it.each([
    ['songs_by_session', ['session_id'], 'songs_by_session: looked up by session_id'],
    ['songs_by_user_session', ['user_id', 'session_id'], 'songs_by_user_session: looked up by user_id, session_id'],
    ['listeners_by_song', ['song'], 'listeners_by_song: looked up by song'],
  ])('ok: %s', (name, key, detail) => {
    check(tableNameRule(named(name, key)), ok('table-name', detail, 'style'));
  });
  it.each([
    [
      'session_songs',
      ['session_id'],
      'session_songs does not say it is looked up by session_id',
      'name it <what>_by_session',
    ],
    [
      'songs_by_user',
      ['user_id', 'session_id'],
      'songs_by_user does not say it is looked up by user_id, session_id',
      'name it <what>_by_user_session',
    ],
  ])('fails: %s', (name, key, detail, fix) => {
    check(tableNameRule(named(name, key)), fails('table-name', detail, fix, 'style'));
  });
});

describe('partitionSizeRule', () => {
  it('ok: small partitions', () => {
    check(partitionSizeRule(q1()), ok('partition-size', '3 partitions, largest 4 rows, p99 4', 'style'));
  });
  it('ok: one row in each partition says "1 row"; thousands are grouped as everywhere else', () => {
    check(
      partitionSizeRule(q1({ partitions: stats(3912, 3912, 1) })),
      ok('partition-size', '3,912 partitions, largest 1 row, p99 1', 'style'),
    );
  });
  it('ok: a large share of a small table (under 1000 rows)', () => {
    check(
      partitionSizeRule(q1({ partitions: stats(2, 999, 900) })),
      ok('partition-size', '2 partitions, largest 900 rows, p99 900', 'style'),
    );
  });
  it('fails: partitions over the guidance', () => {
    const partitions = stats(3, 8, 4, { over: { values: 2, bytes: 1 } });
    check(
      partitionSizeRule(q1({ partitions })),
      fails(
        'partition-size',
        '3 partitions, largest 4 rows, p99 4: 3 over the guidance',
        'add a column to the partition key (a bucket)',
        'style',
      ),
    );
  });
  it('fails: one partition holds more than 5 % of 1000 rows or more', () => {
    check(
      partitionSizeRule(q1({ partitions: stats(20, 2000, 200) })),
      fails(
        'partition-size',
        '20 partitions, largest 200 rows, p99 200: the largest holds 10.0 % of all rows — a key with few values makes a few huge partitions',
        'partition by what the question gives by equality',
        'style',
      ),
    );
  });
});

describe('applyRules', () => {
  it('every rule, in the rubric order, all holding for a right answer', () => {
    const verdicts = applyRules(q1());
    expect(verdicts.map((v) => v.rule)).toEqual([
      'creates',
      'unique-rows',
      'partition-key',
      'no-allow-filtering',
      'answer',
      'order',
      'select-columns',
      'types',
      'column-order',
      'table-name',
      'partition-size',
    ]);
    expect(verdicts.filter((v) => !v.ok || 'fix' in v)).toEqual([]);
  });
  it('only creates when Cassandra refused the CREATE TABLE', () => {
    const refused = { statement: 'CREATE TABLE', error: 'e', explanation: 'x' } as const;
    expect(applyRules({ question: QUESTION_1, refused })).toEqual([
      fails('creates', 'Cassandra refused the CREATE TABLE: e', 'x'),
    ]);
  });
  it('no SELECT rules without a SELECT, no partition-size without statistics', () => {
    const verdicts = applyRules(q1({ select: undefined, partitions: undefined }));
    expect(verdicts.map((v) => v.rule)).toEqual(['creates', 'unique-rows', 'types', 'column-order', 'table-name']);
  });
  it('a failing rule is reported among the others', () => {
    const verdicts = applyRules(q1(select({ text: 'SELECT * FROM songs_by_session' })));
    expect(verdicts.filter((v) => !v.ok).map((v) => v.rule)).toEqual(['select-columns']);
  });
});

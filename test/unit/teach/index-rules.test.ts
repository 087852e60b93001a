// Unit tests of lib/teach/index-rules.ts through the checker: each fixture question on the SAI and the
// legacy copy of a small plays table gets the outcome the node gives it (the same fixtures run on the real
// node in test/integration/index-operators.test.ts), and the verdicts say the route and its cost in words.
import { describe, expect, it } from 'vitest';
import {
  checkQuestion,
  indexedRestrictions,
  normalizeQuestion,
  QUESTION_3,
  QUESTION_5,
  songsByUserSession,
  songsByUserSessionIndexed,
  ringRanges,
  withIndexes,
  type IndexKind,
  type Verdict,
} from '../../../lib/index';
import {
  caseQuestion,
  INDEX_CASES,
  indexedPlays,
  type IndexCase,
  type IndexOutcome,
} from '../../support/index-fixtures';

const outcome = (v: Verdict): IndexOutcome | 'served' | 'not served' =>
  v.served
    ? v.via === 'index' || v.via === 'partition+index'
      ? v.via
      : 'served'
    : v.needsAllowFiltering
      ? 'allow-filtering'
      : v.refusal
        ? 'refused'
        : 'not served';

describe('the index rules give each fixture question the outcome the node gives it', () => {
  const rows = INDEX_CASES.flatMap((c) => (['sai', 'legacy'] as const).map((kind) => [c.what, kind, c] as const));
  it.each(rows)('%s on the %s copy', (_what, kind, c) => {
    const v = checkQuestion(caseQuestion(c), indexedPlays(kind));
    expect(outcome(v)).toBe(c[kind]);
    expect(v.index).toMatch(new RegExp(`^plays_${kind}_(song|artist|length)_${kind === 'sai' ? 'sai' : 'idx'}$`));
  });
});

describe('verdicts say how and at what cost', () => {
  it('question 3 through the SAI index on song: every token range of the local node', () => {
    const v = checkQuestion(QUESTION_3, songsByUserSessionIndexed);
    expect(v).toMatchObject({
      served: true,
      via: 'index',
      index: 'songs_by_user_session_song_sai',
      ranges: 1,
      reasons: [],
      needsAllowFiltering: false,
    });
    expect(v.summary).toBe(
      'Q3 on songs_by_user_session: served — through the SAI index on song: queries every token range (1 on this cluster), ' +
        'then reads the partition of every matching row; the cost grows with the cluster, not with the answer',
    );
  });

  it.each([
    [{ nodes: 3 }, 3],
    [{ nodes: 3, numTokens: 16 }, 48],
    [{ nodes: 1, numTokens: 1 }, 1],
  ])('the ranges come from the cluster described: %j gives %i', (cluster, ranges) => {
    const v = checkQuestion(QUESTION_3, songsByUserSessionIndexed, { cluster });
    expect(v.ranges).toBe(ranges);
    expect(v.summary).toContain(`queries every token range (${ranges} on this cluster)`);
    expect(ringRanges(cluster)).toBe(ranges);
  });

  it('an explicit range count wins over the cluster', () => {
    expect(checkQuestion(QUESTION_3, songsByUserSessionIndexed, { cluster: { nodes: 3 }, ranges: 4 }).ranges).toBe(4);
  });

  it('question 5: one partition, filtered by the SAI index on artist; no token ranges', () => {
    const v = checkQuestion(QUESTION_5, songsByUserSessionIndexed);
    expect(v).toMatchObject({ served: true, via: 'partition+index', index: 'songs_by_user_session_artist_sai' });
    expect(v.ranges).toBeUndefined();
    expect(v.summary).toBe(
      'Q5 on songs_by_user_session: served — reads one partition (user_id = ?, session_id = ?) and filters it by the SAI index on artist: no other partition is read',
    );
  });

  it('a legacy index says it reads each node’s hidden index table', () => {
    const legacy = withIndexes(songsByUserSession, [{ column: 'song', kind: 'legacy' }]);
    expect(checkQuestion(QUESTION_3, legacy).summary).toContain(
      'through the legacy secondary index on song: queries every token range (1 on this cluster), then reads the partition of every matching row (each node reads its hidden index table first)',
    );
  });

  it.each([
    [
      'a text range under SAI',
      { equals: [], range: 'song' },
      'sai',
      [
        'a range on song (text): the SAI index does not answer it, rows are filtered',
        'would need ALLOW FILTERING: queries every token range (1 on this cluster) through the SAI index on song and discards the rows that do not match',
      ],
    ],
    [
      'two legacy indexes',
      { equals: ['song', 'artist'] },
      'legacy',
      [
        'a query reads one legacy index (on song); the restriction on artist is filtered',
        'would need ALLOW FILTERING: queries every token range (1 on this cluster) through the legacy secondary indexes on song and artist and discards the rows that do not match',
      ],
    ],
    [
      'half the partition key',
      { equals: ['user_id', 'song'] },
      'sai',
      [
        'partition key column session_id is not restricted: the other partition key columns only filter',
        'would need ALLOW FILTERING: queries every token range (1 on this cluster) through the SAI index on song and discards the rows that do not match',
      ],
    ],
    [
      'an unindexed column in one partition',
      { equals: ['user_id', 'session_id', 'artist', 'first_name'] },
      'sai',
      [
        'column first_name is not in the primary key and has no index: rows can only be filtered on it',
        'would need ALLOW FILTERING: reads the partition through the SAI index on artist and discards the rows that do not match',
      ],
    ],
    [
      'ORDER BY',
      { equals: ['song'], orderBy: { column: 'item_in_session', order: 'ASC' } },
      'sai',
      [
        'ordering by item_in_session: rows come in token order across partitions, and Cassandra refuses ORDER BY in a query that uses an index ("ORDER BY with 2ndary indexes is not supported, except for ANN queries.")',
      ],
    ],
  ] as [string, IndexCase['question'], IndexKind, string[]][])(
    '%s: the reasons in words',
    (_what, question, kind, reasons) => {
      const v = checkQuestion(caseQuestion({ what: '', question, sai: 'index', legacy: 'index' }), indexedPlays(kind));
      expect(v.reasons).toEqual(reasons);
      expect(v.summary).toBe(
        `Qi on plays_${kind}: not served — ${reasons.length} reason${reasons.length > 1 ? 's' : ''}`,
      );
    },
  );

  it('a table without indexes keeps its verdicts, now with via: partition when served', () => {
    expect(checkQuestion(QUESTION_3, songsByUserSession)).toMatchObject({ served: false, needsAllowFiltering: true });
    expect(checkQuestion(QUESTION_3, songsByUserSession).index).toBeUndefined();
    expect(checkQuestion(QUESTION_5, songsByUserSession).via).toBeUndefined();
    const q2 = checkQuestion(QUESTION_5, withIndexes(songsByUserSession, []));
    expect(q2.reasons).toEqual(checkQuestion(QUESTION_5, songsByUserSession).reasons);
  });

  it('an index on a key column, or a question not restricting an indexed column, takes the plain rules', () => {
    const t = withIndexes(songsByUserSession, [
      { column: 'song', kind: 'sai' },
      { column: 'session_id', kind: 'sai' },
    ]);
    expect(indexedRestrictions(normalizeQuestion(QUESTION_5), t)).toEqual([]);
    const v = checkQuestion({ ...QUESTION_5, equals: ['user_id', 'session_id'] }, t);
    expect(v).toMatchObject({ served: true, via: 'partition' });
    expect(v.index).toBeUndefined();
  });
});

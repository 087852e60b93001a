// What SAI and the legacy secondary index accept, asked of the real node: every row of lib/teach/index-support
// (operator × index kind × column type, without and with the partition key) is run on a table carrying that
// index, and what the node does — runs it, asks for ALLOW FILTERING, refuses it with its message — must be
// what the row says; when it runs, the rows must be the ones the fixture's data gives. Then each fixture
// question of the checker's index rules runs on the node as the checker's own SELECT: the checker's verdict
// (served, needs ALLOW FILTERING, refused) must be what the node does. Fresh keyspace; SAI builds
// asynchronously, so the test waits until Cassandra reports every index queryable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkQuestion,
  createIndexCql,
  createTables,
  INDEX_SUPPORT,
  LIKE_MESSAGE,
  insertCql,
  questionCql,
  SASI_DISABLED_MESSAGE,
  waitForIndexes,
  type IndexKind,
  type IndexOperator,
  type IndexSupport,
  type Outcome,
  type TableIndex,
} from '../../lib/index';
import { caseQuestion, INDEX_CASES, indexedPlays, type IndexOutcome } from '../support/index-fixtures';
import { closeSuite, openSuite, type Suite } from './support';

let suite: Suite;
const KINDS: readonly IndexKind[] = ['sai', 'legacy'];

/** The operator table: n int, t text, tags set<text>, each indexed; 3 partitions × 3 rows. */
interface OpRow {
  pk: number;
  ck: number;
  n: number;
  t: string;
  tags: string[];
}
const OP_ROWS: OpRow[] = [0, 1, 2].flatMap((pk) =>
  [0, 1, 2].map((ck) => ({ pk, ck, n: ck, t: `song ${ck}`, tags: [`tag${ck}`, 'all'] })),
);
const opTable = (kind: IndexKind) => ({
  name: `ops_${kind}`,
  indexes: ['n', 't', 'tags'].map((column): TableIndex => ({ column, kind })),
});

/** Each operator as WHERE clauses (a range three ways), its bound values and the rows it selects. */
const OPERATOR_SQL: Record<IndexOperator, { where: string; values: unknown[]; keeps: (r: OpRow) => boolean }[]> = {
  '=': [
    { where: 'n = ?', values: [1], keeps: (r) => r.n === 1 },
    { where: 't = ?', values: ['song 1'], keeps: (r) => r.t === 'song 1' },
  ],
  range: [
    { where: 'n > ?', values: [0], keeps: (r) => r.n > 0 },
    { where: 'n < ?', values: [2], keeps: (r) => r.n < 2 },
    { where: 'n >= ? AND n <= ?', values: [0, 1], keeps: (r) => r.n <= 1 },
    { where: 't > ?', values: ['song 0'], keeps: (r) => r.t > 'song 0' },
  ],
  IN: [
    { where: 'n IN ?', values: [[0, 1]], keeps: (r) => r.n <= 1 },
    { where: 't IN ?', values: [['song 0', 'song 1']], keeps: (r) => r.t !== 'song 2' },
  ],
  OR: [{ where: 'n = ? OR n = ?', values: [0, 1], keeps: (r) => r.n <= 1 }],
  LIKE: [{ where: 't LIKE ?', values: ['song%'], keeps: () => true }],
  CONTAINS: [{ where: 'tags CONTAINS ?', values: ['tag1'], keeps: (r) => r.tags.includes('tag1') }],
};

const COLUMN_OF = { numeric: 'n', text: 't', collection: 'tags' } as const;

/** The clauses of a matrix row: those of its operator on the column of its class. */
function clausesOf(row: IndexSupport) {
  const column = COLUMN_OF[row.columns];
  return OPERATOR_SQL[row.operator].filter((c) => c.where.startsWith(`${column} `));
}

type Observed = { outcome: Outcome['outcome']; message?: string; rows?: string[] };

/** Runs the SELECT plain, then (when refused for filtering) with ALLOW FILTERING: what the node did. */
async function observe(
  select: string,
  values: unknown[],
  key: (r: Record<string, unknown>) => string,
): Promise<Observed> {
  const run = async (cql: string) => (await suite.client.execute(cql, values, { prepare: true })).rows.map(key).sort();
  try {
    return { outcome: 'accepted', rows: await run(select) };
  } catch (err) {
    const message = (err as Error).message;
    if (!message.includes('use ALLOW FILTERING')) return { outcome: 'refused', message };
  }
  try {
    return { outcome: 'allow-filtering', rows: await run(`${select} ALLOW FILTERING`) };
  } catch (err) {
    return { outcome: 'refused', message: (err as Error).message };
  }
}

/** The plays of the checker's fixture table: 2 users × 2 sessions × 3 items. */
const PLAY_COLUMNS = ['user_id', 'session_id', 'item_in_session', 'artist', 'song', 'length', 'first_name'] as const;
type PlayRow = Record<(typeof PLAY_COLUMNS)[number], string | number>;
const PLAY_ROWS: PlayRow[] = [1, 2].flatMap((u) =>
  [1, 2].flatMap((s) =>
    [0, 1, 2].map((i) => ({
      user_id: u,
      session_id: s,
      item_in_session: i,
      artist: `a${i}`,
      song: `s${(u + s + i) % 3}`,
      length: i + 0.5,
      first_name: `f${u}`,
    })),
  ),
);
/** The value bound for each marker of the checker's SELECT, and the bounds of each range. */
const MARKER: Record<string, string | number> = {
  user_id: 1,
  session_id: 1,
  item_in_session: 1,
  artist: 'a1',
  song: 's1',
  first_name: 'f1',
};
const RANGE: Record<string, [string | number, string | number]> = {
  length: [0, 1.6],
  song: ['s0', 's1'],
  item_in_session: [0, 1],
};

beforeAll(async () => {
  suite = await openSuite('idxops');
  const ks = suite.keyspace;
  for (const kind of KINDS) {
    const t = opTable(kind);
    await suite.client.execute(
      `CREATE TABLE ${ks}.${t.name} (pk int, ck int, n int, t text, tags set<text>, PRIMARY KEY (pk, ck))`,
    );
    for (const r of OP_ROWS)
      await suite.client.execute(
        `INSERT INTO ${ks}.${t.name} (pk, ck, n, t, tags) VALUES (?, ?, ?, ?, ?)`,
        [r.pk, r.ck, r.n, r.t, r.tags],
        { prepare: true },
      );
    for (const i of t.indexes) await suite.client.execute(createIndexCql(t, i, ks));
    const plays = indexedPlays(kind);
    await createTables(suite.client, ks, [plays]);
    for (const r of PLAY_ROWS)
      await suite.client.execute(
        insertCql(plays, ks),
        PLAY_COLUMNS.map((c) => r[c]),
        { prepare: true },
      );
  }
  await waitForIndexes(suite.client, ks, [...KINDS.map(opTable), ...KINDS.map(indexedPlays)]);
});

afterAll(async () => {
  await closeSuite(suite);
});

describe('the operator matrix is what the node does', () => {
  const cases = INDEX_SUPPORT.flatMap((row) =>
    clausesOf(row).flatMap((clause) =>
      [false, true].map(
        (inPartition) => [row.kind, clause.where, inPartition ? 'pk = ?' : 'no key', row, clause, inPartition] as const,
      ),
    ),
  );
  it.each(cases)('%s: WHERE %s (%s)', async (kind, _w, _k, row, clause, inPartition) => {
    const where = inPartition ? `pk = ? AND ${clause.where}` : clause.where;
    const values = inPartition ? [1, ...clause.values] : clause.values;
    const select = `SELECT pk, ck FROM ${suite.keyspace}.ops_${kind} WHERE ${where}`;
    const seen = await observe(select, values, (r) => `${r.pk}/${r.ck}`);
    const expected = inPartition ? row.inPartition : row.alone;
    expect(seen.outcome).toBe(expected.outcome);
    if (expected.outcome === 'refused') expect(seen.message).toContain(expected.message);
    else {
      const keep = OP_ROWS.filter((r) => clause.keeps(r) && (!inPartition || r.pk === 1));
      expect(seen.rows).toEqual(keep.map((r) => `${r.pk}/${r.ck}`).sort());
    }
  });

  it('an SAI index with case_sensitive: false matches = in any case, and still refuses LIKE', async () => {
    const t = { name: 'ops_ci', indexes: [{ column: 't', kind: 'sai', caseSensitive: false } as TableIndex] };
    const ks = suite.keyspace;
    await suite.client.execute(`CREATE TABLE ${ks}.ops_ci (pk int PRIMARY KEY, t text)`);
    await suite.client.execute(`INSERT INTO ${ks}.ops_ci (pk, t) VALUES (?, ?)`, [1, 'Song 1'], { prepare: true });
    await suite.client.execute(createIndexCql(t, t.indexes[0], ks));
    await waitForIndexes(suite.client, ks, [t]);
    const seen = await observe(`SELECT pk FROM ${ks}.ops_ci WHERE t = ?`, ['SONG 1'], (r) => String(r.pk));
    expect(seen).toEqual({ outcome: 'accepted', rows: ['1'] });
    const like = await observe(`SELECT pk FROM ${ks}.ops_ci WHERE t LIKE ?`, ['Song%'], (r) => String(r.pk));
    expect(like.outcome).toBe('refused');
    expect(like.message).toContain(LIKE_MESSAGE);
  });

  it('LIKE has no index here: SASI, the index it needs, is disabled on this node', async () => {
    const cql = `CREATE CUSTOM INDEX ops_t_sasi ON ${suite.keyspace}.ops_sai (t) USING 'org.apache.cassandra.index.sasi.SASIIndex'`;
    await expect(suite.client.execute(cql)).rejects.toThrow(SASI_DISABLED_MESSAGE);
  });
});

const verdictOutcome = (v: ReturnType<typeof checkQuestion>): IndexOutcome | 'not served' =>
  v.served ? (v.via as IndexOutcome) : v.needsAllowFiltering ? 'allow-filtering' : v.refusal ? 'refused' : 'not served';

describe("the checker's index verdicts are what the node does", () => {
  const cases = INDEX_CASES.flatMap((c) => KINDS.map((kind) => [c.what, kind, c] as const));
  it.each(cases)('%s on the %s copy', async (_what, kind, c) => {
    const table = indexedPlays(kind);
    const q = caseQuestion(c);
    const verdict = checkQuestion(q, table);
    const asked = questionCql(q, table, suite.keyspace);
    // Where the table cannot give the order, the SELECT leaves ORDER BY out; a learner writes it anyway.
    const cql =
      asked.ordered || !q.orderBy ? asked.cql : `${asked.cql} ORDER BY ${q.orderBy.column} ${q.orderBy.order}`;
    const markers = asked.markers;
    const values = markers.map((m) => {
      const [col, end] = m.split(' ');
      return end ? RANGE[col][end === 'from' ? 0 : 1] : MARKER[col];
    });
    const seen = await observe(cql, values, (r) => String(r.song));
    const expected: Observed['outcome'] = verdict.served
      ? 'accepted'
      : verdict.needsAllowFiltering
        ? 'allow-filtering'
        : 'refused';
    expect(seen.outcome).toBe(expected);
    expect(verdictOutcome(verdict)).toBe(c[kind]);
    if (verdict.refusal) expect(seen.message).toContain(verdict.refusal);
    if (seen.rows) {
      const keep = PLAY_ROWS.filter(
        (r) =>
          q.equals.every((col) => r[col as keyof PlayRow] === MARKER[col]) &&
          (q.range === undefined ||
            (r[q.range as keyof PlayRow] >= RANGE[q.range][0] && r[q.range as keyof PlayRow] <= RANGE[q.range][1])),
      );
      expect(seen.rows).toEqual(keep.map((r) => String(r.song)).sort());
    }
  });
});

// The notebook executed headless under the tslab kernel (nbclient, as `npm run notebook` does) against a
// real Cassandra node in a fresh keyspace: on the sample month exactly as a newcomer runs it (no
// SPARKIFY_EVENT_DATA, no SPARKIFY_MERGED_FILE: the merged file and the load's checkpoint land in the project
// folder, which tslab watches), and on the original files too when SPARKIFY_EVENT_DATA names them. Every cell
// runs without an error, the three answers are rendered as tables in the outputs, Part III shows
// its proof (diagrams as SVG, the checker's verdicts, question 4 answered from the table the checker
// proposed, traces of single-partition reads, Cassandra's ALLOW FILTERING refusal, the rows a wrong key
// loses, the partition statistics and histograms), and the whole notebook run twice in one kernel ("Run
// All" twice, the second time with DROP_TABLES_AT_END on) works too and drops every table it made.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, connect } from '../../lib/index';
import { executeNotebook, type ExecuteResult } from '../../scripts/jupyter/execute';
import { joinText, readNotebook, type Notebook } from '../../scripts/jupyter/notebook-file';
import { NOTEBOOK_NAME, PROJECT_ROOT } from '../../scripts/jupyter/paths';
import { answerRows, datasets, thousands, type Dataset } from '../support/datasets';
import {
  bodyRows,
  dropKeyspace,
  expectedVerdicts,
  freshKeyspace,
  kernelEnv,
  PART_II_TABLES,
  PART_III_TABLES,
  q4Rows,
  textOfHtml,
  verdictsOf,
  wrongKeyRows,
} from './support';

const OUT_DIR = path.join(PROJECT_ROOT, 'build', 'notebook-test');

/** The HTML of every display output of the code cells, in order. */
function htmlOutputs(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['text/html'])).filter(Boolean));
}

function answerTables(nb: Notebook): string[] {
  return htmlOutputs(nb).filter((h) => h.includes('sparkify-answer'));
}

/** The SVG of every image/svg+xml output, in order. */
function svgOutputs(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['image/svg+xml'])).filter(Boolean));
}

/** The HTML outputs that carry a class (the notebook's displays mark their tables and boxes with one). */
function htmlWith(nb: Notebook, cls: string): string[] {
  return htmlOutputs(nb).filter((h) => h.includes(cls));
}

/** `Q1 songs_by_session` for every arrow of a workflow diagram. */
function workflowArrows(svg: string): string[] {
  return [...svg.matchAll(/<g class="edge" data-question="([^"]+)" data-table="([^"]+)">/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

function stderrOf(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.name === 'stderr').map((o) => joinText(o.text)));
}

/** The tables of a keyspace, sorted. */
async function tablesIn(keyspace: string): Promise<string[]> {
  const client = await connect({ ...configFromEnv(), keyspace }, { waitMs: 30_000 });
  try {
    const rs = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace], {
      prepare: true,
    });
    return rs.rows.map((r) => r.get('table_name') as string).sort();
  } finally {
    await client.shutdown();
  }
}

const replication = configFromEnv().replication;
/** One replica answers a read: the trace shows exactly one single-partition read per question. */
const ONE_REPLICA = replication.class === 'SimpleStrategy' && replication.replicationFactor === 1;
const ALL_TABLES = [...PART_II_TABLES, ...PART_III_TABLES];

describe.each(datasets())('the notebook on $label, executed headless under tslab', (ds: Dataset) => {
  const E = ds.expected;
  const keyspace = freshKeyspace(`nb_${ds.id}`);
  const env = kernelEnv(ds, keyspace);
  const outDir = path.join(OUT_DIR, ds.id);
  const q4 = q4Rows(E);
  const wrongKey = wrongKeyRows(E);
  let once: ExecuteResult;
  let executed: Notebook;

  beforeAll(async () => {
    once = await executeNotebook({ outDir, env, log: (l) => console.log(`[notebook.test] ${l}`) });
    console.log(`[notebook.test] headless run: ${once.ran} code cells in ${(once.ms / 1000).toFixed(1)} s`);
    executed = readNotebook(once.notebook);
  }, 900_000);

  afterAll(async () => {
    await dropKeyspace(keyspace).catch((e: Error) =>
      console.warn(`[notebook.test] could not drop ${keyspace}: ${e.message}`),
    );
  }, 120_000);

  it('runs every code cell without an error', () => {
    expect(once.failed, once.failed ? `${once.failed.error}\n--- in cell:\n${once.failed.source}` : '').toBeNull();
    expect(once.ok).toBe(true);
    expect(once.ran).toBe(once.cells);
    expect(stderrOf(executed)).toEqual([]);
    // Every code cell ran, in order (the runner numbers them as it goes).
    const code = executed.cells.filter((c) => c.cell_type === 'code');
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
  });

  it('shows the three answers as tables, rows in order, then question 4', () => {
    const tables = answerTables(executed);
    expect(tables).toHaveLength(4);
    answerRows(E).forEach((answer, i) => {
      expect(bodyRows(textOfHtml(tables[i])), answer.question).toEqual(answer.rows);
    });
    const rows = bodyRows(textOfHtml(tables[3]));
    expect(rows).toHaveLength(q4.rows);
    expect(rows[0]).toBe(q4.first);
    expect(rows[rows.length - 1]).toBe(q4.last);
    const sessions = rows.map((r) => Number(r.split('\t')[0]));
    expect(sessions, 'newest session first').toEqual([...sessions].sort((a, b) => b - a));
    expect(textOfHtml(tables[3])).toContain(`userId = 10: ${q4.rows} plays, newest session first`);
  });

  it('reports the merge and the loads with their counts', () => {
    const text = htmlOutputs(executed).map(textOfHtml).join('\n');
    const m = E.merge;
    const [read, views, plays] = [thousands(m.rowsRead), thousands(m.pageViews), thousands(m.plays)];
    expect(text).toContain(`Merged ${m.files} files: ${read} rows read, ${plays} plays written`);
    expect(text).toContain(`all files\t${read}\t${views}\t${plays}\t0`);
    expect(text).toContain(`first 5 of ${plays} rows × 11 columns`);
    for (const table of ['songs_by_session', 'songs_by_user_session', 'listeners_by_song', 'songs_by_user'] as const) {
      expect(text).toMatch(
        new RegExp(`${plays} inserts into ${table}\\.\\s*Rows in the table: ${thousands(E.tableRows[table])}`),
      );
    }
    // Live progress lines are overwritten in place: only the final line of each load (and analysis) remains.
    expect(text).not.toMatch(/plays read · loaded/);
    expect(htmlOutputs(executed).join('\n')).not.toContain('<progress');
  });

  it('shows each CREATE TABLE generated from the model, in the fresh keyspace', () => {
    const markdown = executed.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['text/markdown'])));
    const creates = markdown.filter((m) => m.includes('CREATE TABLE'));
    expect(creates).toHaveLength(5);
    expect(creates[1]).toContain(`CREATE TABLE IF NOT EXISTS ${keyspace}.songs_by_user_session`);
    expect(creates[1]).toContain('PRIMARY KEY ((user_id, session_id), item_in_session)');
    // Part III: the table the checker proposes for question 4, and question 3's wrong key.
    expect(creates[3]).toContain(`CREATE TABLE IF NOT EXISTS ${keyspace}.songs_by_user`);
    expect(creates[3]).toContain('PRIMARY KEY (user_id, session_id, item_in_session)');
    expect(creates[3]).toContain('CLUSTERING ORDER BY (session_id DESC, item_in_session ASC)');
    expect(creates[4]).toContain(`CREATE TABLE IF NOT EXISTS ${keyspace}.listeners_by_song_only`);
    expect(creates[4]).toContain('PRIMARY KEY (song)');
  });

  it('draws the tables as Chebotko diagrams and the workflow as SVG, from the model', () => {
    const svgs = svgOutputs(executed);
    const model = svgs.filter((s) => s.includes('aria-label="Chebotko diagram of 3 tables"'));
    expect(model).toHaveLength(1);
    expect(model[0]).toMatch(/^<svg /);
    for (const t of PART_II_TABLES) {
      expect(model[0]).toContain(`data-table="${t}"`);
      expect(model[0]).toMatch(new RegExp(`<text class="table-name"[^>]*>${t}</text>`));
    }
    expect(model[0]).toContain('data-column="session_id" data-type="int" data-role="K"');
    expect(model[0]).toContain('data-column="item_in_session" data-type="int" data-role="C↑"');
    const proposed = svgs.filter((s) => s.startsWith('<svg data-table="songs_by_user"'));
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toContain('data-column="session_id" data-type="int" data-role="C↓"');

    const workflows = svgs.filter((s) => s.includes('aria-label="Application workflow'));
    expect(workflows).toHaveLength(3);
    // The three questions: one arrow each, to its own table.
    expect(workflowArrows(workflows[0])).toEqual([
      'Q1 songs_by_session',
      'Q2 songs_by_user_session',
      'Q3 listeners_by_song',
    ]);
    // Question 4 added: no table serves it, drawn dashed, no arrow.
    expect(workflows[1]).toContain('data-question="Q4" data-served="false"');
    expect(workflowArrows(workflows[1])).toHaveLength(3);
    // Redrawn with the proposed table: every question has its table.
    expect(workflowArrows(workflows[2])).toEqual([
      'Q1 songs_by_session',
      'Q2 songs_by_user_session',
      'Q3 listeners_by_song',
      'Q4 songs_by_user',
    ]);
    expect(workflows[2]).not.toContain('data-served="false"');
  });

  it('runs the checker: each question served by its own table, Q4 by none of the three, then by the proposed table', () => {
    const checker = htmlWith(executed, 'sparkify-checker');
    expect(checker).toHaveLength(3);
    const own = ['Q1 songs_by_session', 'Q2 songs_by_user_session', 'Q3 listeners_by_song'];
    expect(verdictsOf(checker[0])).toEqual(expectedVerdicts(['Q1', 'Q2', 'Q3'], PART_II_TABLES, own));
    expect(verdictsOf(checker[1])).toEqual(expectedVerdicts(['Q4'], PART_II_TABLES, []));
    const q4 = textOfHtml(checker[1]);
    expect(q4).toContain('partition key column session_id is not restricted');
    expect(q4).toContain('ordering by session_id needs it as the first clustering column');
    expect(q4).toContain('would need ALLOW FILTERING: scans every partition');
    expect(q4).toContain('Every song user U ever played, newest session first.\nserved by no table\t');
    expect(verdictsOf(checker[2])).toEqual(
      expectedVerdicts(['Q1', 'Q2', 'Q3', 'Q4'], [...PART_II_TABLES, 'songs_by_user'], [...own, 'Q4 songs_by_user']),
    );
    expect(textOfHtml(checker[2])).toContain('newest session first.\nserved by songs_by_user\t');
    expect(textOfHtml(checker[2])).toContain(
      '✔ served\nreads one partition (user_id = ?), rows already in session_id DESC order',
    );
    // The overwrite check, before anything is written: none for the proposed key, a warning for song alone.
    const keyChecks = htmlWith(executed, 'sparkify-key-check').map(textOfHtml);
    expect(keyChecks).toHaveLength(2);
    expect(keyChecks[0]).toContain('✔ songs_by_user, PRIMARY KEY (user_id, session_id, item_in_session): no two rows');
    expect(keyChecks[1]).toContain(
      '⚠ listeners_by_song_only, PRIMARY KEY (song): rows with the same song overwrite each other: user_id is not in the primary key',
    );
  });

  it('proves each question is a single-partition read, from its trace', () => {
    const traces = htmlWith(executed, 'sparkify-trace').filter((h) => h.includes('Each question, traced'));
    expect(traces).toHaveLength(1);
    const rows = bodyRows(textOfHtml(traces[0])).map((r) => r.split('\t'));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Q1', 'songs_by_session'],
      ['Q2', 'songs_by_user_session'],
      ['Q3', 'listeners_by_song'],
      ['Q4', 'songs_by_user'],
    ]);
    const returned: Record<string, string> = {
      Q1: '1',
      Q2: String(E.q2.length),
      Q3: String(E.q3.length),
      Q4: String(q4.rows),
    };
    for (const [question, , how, partitions, readFrom, rowsRead, coordinator, duration] of rows) {
      expect(how, question).toMatch(ONE_REPLICA ? /^single-partition read$/ : /^single-partition read/);
      if (ONE_REPLICA) expect(partitions, question).toBe('1');
      expect(readFrom, question).toMatch(/^memtable \+ \d+ SSTables?/);
      // One partition: the replica reads exactly the rows it returns (one per replica asked).
      if (ONE_REPLICA) expect(rowsRead, question).toBe(`${returned[question]} → ${returned[question]}`);
      else expect(rowsRead, question).toMatch(new RegExp(`→ ${returned[question]}$`));
      expect(coordinator, question).not.toBe('');
      expect(duration, question).toMatch(/^[\d,]+ µs$/);
    }
  });

  it("shows Cassandra's ALLOW FILTERING refusal, then the scan of every partition it takes", () => {
    const demo = htmlWith(executed, 'sparkify-refusal');
    expect(demo).toHaveLength(1);
    const text = textOfHtml(demo[0]);
    expect(text).toContain(
      `SELECT session_id, item_in_session, artist, song FROM ${keyspace}.songs_by_user_session WHERE user_id = ?`,
    );
    expect(text).toContain('✘ Cassandra refused it (InvalidRequest, code 0x2200):');
    expect(text).toMatch(/Cannot execute this query as it might involve data filtering[^\n]*use ALLOW FILTERING/);
    expect(text).toContain('Why: partition key column session_id is not restricted.');
    expect(text).toContain('the rows were sorted by session_id DESC here');
    // The traced scan: token ranges over the whole ring, every (user, session) partition, question 4's rows returned.
    const all = thousands(E.partitions.songs_by_user_session.partitions);
    expect(text).toMatch(
      new RegExp(
        `\\nQ4\\tsongs_by_user_session\\trange scan: [\\d,]+ token ranges?(, the whole ring)?\\tall ${all}\\tmemtable \\+ \\d+ SSTables?\\t[\\d,]+ → ${q4.rows}\\t`,
      ),
    );
  });

  it('counts what a wrong key loses: listener rows gone without an error', () => {
    const loss = htmlWith(executed, 'sparkify-wrong-key');
    expect(loss).toHaveLength(1);
    const text = textOfHtml(loss[0]);
    expect(text).toContain(`${thousands(E.merge.plays)} plays written to both tables, without a single error`);
    expect(bodyRows(text).slice(0, 2)).toEqual([wrongKey.right, wrongKey.wrong]);
    expect(text).toContain(wrongKey.loss);
  });

  it('analyses the partitions per table, charts them, and warns about the generated hot key', () => {
    const stats = htmlWith(executed, 'sparkify-partitions').map(textOfHtml);
    expect(stats).toHaveLength(2);
    // table, partition key, partitions, rows, rows per partition min / median / p99 / max, then estimated sizes.
    const rows = bodyRows(stats[0])
      .slice(0, 4)
      .map((r) => r.split('\t'));
    const keys: Record<string, string> = {
      songs_by_session: 'session_id',
      songs_by_user_session: 'user_id, session_id',
      listeners_by_song: 'song',
      songs_by_user: 'user_id',
    };
    expect(rows.map((r) => r.slice(0, 5).join(' | '))).toEqual(
      Object.entries(keys).map(([table, key]) => {
        const p = E.partitions[table];
        return `${table} | ${key} | ${thousands(p.partitions)} | ${thousands(p.rows)} | ${[p.min, p.median, p.p99, p.max].map(thousands).join(' / ')}`;
      }),
    );
    const size = '[\\d.]+\\s(B|KB|MB)'; // a no-break space between number and unit in the per-partition column
    for (const r of rows) {
      expect(r[5]).toMatch(new RegExp(`^${size} / ${size} / ${size}$`));
      expect(r[6]).toMatch(new RegExp(`^${size}$`));
      expect(r[7]).toBe('0');
    }
    expect(stats[0]).toContain('✔ Every partition is within the usual guidance (100,000 rows, 100.0 MB).');
    expect(stats[1]).toContain('122,000 generated plays: session 999999 holds 120,000 of them');
    expect(stats[1]).toContain('⚠ Partitions over the usual guidance');
    expect(stats[1]).toContain('partition session_id = 999999 of songs_by_session holds 120,000 rows (over 100,000)');
    expect(stats[1]).toMatch(
      /partition user_id = \d+, session_id = 999999 of songs_by_user_session holds 120,000 rows/,
    );

    // Histograms: Vega-Lite rendered to SVG in Node, one per table, then the hot one with the guidance drawn.
    const charts = svgOutputs(executed).filter((s) => s.includes('class="marks"'));
    expect(charts).toHaveLength(5);
    const titles = charts.map((s) => /<text[^>]*>([a-z_]+): rows per partition<\/text>/.exec(s)?.[1]);
    expect(titles).toEqual([...PART_II_TABLES, 'songs_by_user', 'songs_by_session']);
    expect(charts[4]).toContain('100,000-row guidance');
    expect(charts[0]).not.toContain('guidance');
  });

  it('keeps every table it made in the keyspace (DROP_TABLES_AT_END is off)', async () => {
    expect(await tablesIn(keyspace)).toEqual([...ALL_TABLES].sort());
    const closing = textOfHtml(htmlOutputs(executed).find((h) => h.startsWith('Kept ')) ?? '');
    for (const t of ALL_TABLES) expect(closing).toContain(`${keyspace}.${t}`);
  });

  it('writes the executed copy and an HTML export into build/', () => {
    expect(fs.existsSync(once.notebook)).toBe(true);
    const html = fs.readFileSync(once.html, 'utf8');
    expect(textOfHtml(html)).toContain(E.q1[0][1]);
    expect(html).toContain('sparkify-answer');
    // The diagrams and charts travel in the export as SVG images.
    const images = [...html.matchAll(/<img[^>]*src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)].map((m) =>
      Buffer.from(m[1], 'base64').toString('utf8'),
    );
    expect(images).toHaveLength(svgOutputs(executed).length);
    expect(images.some((s) => s.includes('aria-label="Chebotko diagram of 3 tables"'))).toBe(true);
    expect(images.filter((s) => s.includes('class="marks"'))).toHaveLength(5);
  });

  it('runs twice in one kernel (Run All, then Run All again with DROP_TABLES_AT_END on)', async () => {
    const nb = readNotebook(path.join(PROJECT_ROOT, NOTEBOOK_NAME));
    const dropping = (source: string) =>
      source.replace('const DROP_TABLES_AT_END = false;', 'const DROP_TABLES_AT_END = true;');
    const again = nb.cells.map((c) => ({
      ...c,
      id: c.id ? `${c.id}-again` : undefined,
      source: dropping(joinText(c.source)),
    }));
    expect(again.filter((c) => c.source.includes('const DROP_TABLES_AT_END = true;'))).toHaveLength(1);
    const twice: Notebook = { ...nb, cells: [...nb.cells, ...again] };
    const input = path.join(outDir, 'twice-input.ipynb');
    fs.writeFileSync(input, JSON.stringify(twice));
    const r = await executeNotebook({ input, outDir, output: 'twice', env });
    console.log(`[notebook.test] twice in one kernel: ${r.ran} code cells in ${(r.ms / 1000).toFixed(1)} s`);
    expect(r.failed, r.failed ? `${r.failed.error}\n--- in cell:\n${r.failed.source}` : '').toBeNull();
    expect(r.ran).toBe(2 * once.cells);
    const ran = readNotebook(r.notebook);
    expect(stderrOf(ran)).toEqual([]);
    const tables = answerTables(ran);
    expect(tables).toHaveLength(8);
    expect(bodyRows(textOfHtml(tables[6]))).toEqual(answerRows(E)[2].rows);
    expect(bodyRows(textOfHtml(tables[7]))).toHaveLength(q4.rows);
    // Loads are upserts: the second pass finds the same counts, and the same loss.
    const losses = htmlWith(ran, 'sparkify-wrong-key').map(textOfHtml);
    expect(losses).toHaveLength(2);
    for (const loss of losses) expect(loss).toContain(wrongKey.loss);
    // The second pass dropped every table it made, Part III's too.
    const dropped = textOfHtml(htmlOutputs(ran).find((h) => h.startsWith('Dropped ')) ?? '');
    for (const t of ALL_TABLES) expect(dropped).toContain(`${keyspace}.${t}`);
    expect(await tablesIn(keyspace)).toEqual([]);
  }, 900_000);
});

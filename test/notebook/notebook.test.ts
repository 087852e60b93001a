// The notebook executed headless under the tslab kernel (nbclient, as `npm run notebook` does) against a
// real Cassandra node in a fresh keyspace: on the sample month exactly as a newcomer runs it (no
// SPARKIFY_EVENT_DATA, no SPARKIFY_MERGED_FILE: the merged file and the load's checkpoint land in the project
// folder, which tslab watches), and on the original files too when SPARKIFY_EVENT_DATA names them. Every cell
// runs; the CQL the learner reads is literal in the cells and Cassandra's tables equal lib/model's (so the two
// cannot drift); each step of the method shows its output with the numbers Python's csv module gives
// (test/support/expected.py): the measured dependencies, the duplication, the static-column twin, partitions in
// values, the title collisions and their fix; Part III's question 4, the learner's draft and Cassandra's
// refusals; and the whole notebook run twice in one kernel drops every table it made.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cassandra, configFromEnv, connect, load, model, teach } from '../../lib/index';
import { executeNotebook, type ExecuteResult } from '../../scripts/jupyter/execute';
import { joinText, readNotebook, type Notebook } from '../../scripts/jupyter/notebook-file';
import { NOTEBOOK_NAME, PROJECT_ROOT } from '../../scripts/jupyter/paths';
import { answerRows, datasets, thousands, type Dataset } from '../support/datasets';
import {
  answersBound,
  bodyRows,
  dropKeyspace,
  expectedVerdicts,
  freshKeyspace,
  kernelEnv,
  MADE_TABLES,
  q4Rows,
  QUESTION_TABLES,
  textOfHtml,
  verdictsOf,
  wrongKeyRows,
} from './support';

const OUT_DIR = path.join(PROJECT_ROOT, 'build', 'notebook-test');
const COMMITTED = readNotebook(path.join(PROJECT_ROOT, NOTEBOOK_NAME));
const codeSources = COMMITTED.cells.filter((c) => c.cell_type === 'code').map((c) => joinText(c.source));

/** The outputs of one MIME type of every code cell, in order. */
function outputs(nb: Notebook, mime: string): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.[mime])).filter(Boolean));
}
const htmlOutputs = (nb: Notebook) => outputs(nb, 'text/html');
const svgOutputs = (nb: Notebook) => outputs(nb, 'image/svg+xml');
const htmlWith = (nb: Notebook, cls: string) => htmlOutputs(nb).filter((h) => h.includes(cls));

/** The outputs of the code cell whose source starts with `comment`, as text. */
function cellText(nb: Notebook, comment: string): string {
  const cell = nb.cells.find((c) => c.cell_type === 'code' && joinText(c.source).startsWith(comment));
  expect(cell, comment).toBeDefined();
  return (cell!.outputs ?? []).map((o) => textOfHtml(joinText(o.data?.['text/html']))).join('\n');
}

function workflowArrows(svg: string): string[] {
  return [...svg.matchAll(/<g class="edge" data-question="([^"]+)" data-table="([^"]+)">/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

function stderrOf(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.name === 'stderr').map((o) => joinText(o.text)));
}

/** The literal statement of a cql`…` template in the notebook's code that starts with `head` (spaces collapsed). */
function literalCql(head: string): string {
  const found = codeSources
    .flatMap((s) => [...s.matchAll(/cql`([^`]*)`/g)].map((m) => m[1].replace(/\s+/g, ' ').trim()))
    .filter((q) => q.startsWith(head));
  expect(found, head).toHaveLength(1);
  return found[0];
}

async function withClient<T>(keyspace: string, f: (client: Awaited<ReturnType<typeof connect>>) => Promise<T>) {
  const client = await connect({ ...configFromEnv(), keyspace }, { waitMs: 30_000 });
  try {
    return await f(client);
  } finally {
    await client.shutdown();
  }
}

const tablesIn = (keyspace: string) =>
  withClient(keyspace, async (client) => {
    const rs = await client.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace], {
      prepare: true,
    });
    return rs.rows.map((r) => r.get('table_name') as string).sort();
  });

const replication = configFromEnv().replication;
const ONE_REPLICA = replication.class === 'SimpleStrategy' && replication.replicationFactor === 1;
/** The model's tables the notebook writes as literal CQL: the three questions' and question 4's. */
const MODEL_TABLES = [...model.TABLES, teach.proposeTable(model.QUESTION_4)];

describe('the notebook as committed: the CQL a learner reads and edits', () => {
  it.each(MODEL_TABLES.map((t) => [t.name, t] as const))(
    '%s: CREATE TABLE, INSERT with named markers and a SELECT, literal in the cells',
    (name, spec) => {
      expect(literalCql(`CREATE TABLE IF NOT EXISTS ${name} (`)).toContain('PRIMARY KEY');
      // The INSERT's markers are the model's fields, column for column: the notebook loads what the CLI loads.
      const insert = load.parseInsert(literalCql(`INSERT INTO ${name} (`));
      const fromModel = Object.fromEntries(spec.columns.map((c) => [c.name, c.from]));
      expect(Object.fromEntries(insert.columns.map((c) => [c.column, c.field]))).toEqual(fromModel);
      expect(literalCql(`SELECT ${spec.returns.join(', ')} FROM ${name} WHERE`)).toMatch(/= \$\{/);
    },
  );

  it('binds every value: no SELECT pastes a literal into its WHERE', () => {
    const selects = codeSources.flatMap((s) => [...s.matchAll(/cql`\s*SELECT([^`]*)`/g)].map((m) => m[1]));
    expect(selects.length).toBeGreaterThanOrEqual(6);
    for (const s of selects) expect(s, s).not.toMatch(/=\s*(\d|')/);
  });
});

describe.each(datasets())('the notebook on $label, executed headless under tslab', (ds: Dataset) => {
  const E = ds.expected;
  const keyspace = freshKeyspace(`nb_${ds.id}`);
  const env = kernelEnv(ds, keyspace);
  const outDir = path.join(OUT_DIR, ds.id);
  const q4 = q4Rows(E);
  const wrongKey = wrongKeyRows(E);
  const plays = thousands(E.merge.plays);
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
    const code = executed.cells.filter((c) => c.cell_type === 'code');
    expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
  });

  it("holds the tables the cells' CQL made exactly as lib/model describes them (read back from system_schema)", async () => {
    const shapes = await withClient(keyspace, (client) =>
      Promise.all(MODEL_TABLES.map((t) => cassandra.readTableShape(client, keyspace, t.name))),
    );
    // The notebook's tables carry no comment; everything else (key, order, types, static) must match.
    expect(shapes.map((s) => ({ ...s, comment: '' }))).toEqual(
      MODEL_TABLES.map((t) => ({ ...model.tableShape(t), comment: '' })),
    );
  });

  it("answers each question from the SELECT in its cell, with Python's rows", () => {
    const html = htmlOutputs(executed);
    const [a1, a2, a3] = answerRows(E);
    const rowsOf = (bound: string) => answersBound(html, bound).map((h) => bodyRows(textOfHtml(h)));
    expect(rowsOf('338, 4')).toEqual([a1.rows]);
    // Question 2, then its static-column twin: the same answer.
    expect(rowsOf('10, 182')).toEqual([a2.rows, a2.rows]);
    expect(rowsOf("'All Hands Against His Own'")).toEqual([a3.rows]);
    expect(rowsOf("'All Hands Against His Own', 'The Black Keys'")).toEqual([E.q3b.map((r) => r.join('\t'))]);
    const [rows4] = rowsOf('10');
    expect(rows4).toHaveLength(q4.rows);
    expect([rows4[0], rows4[rows4.length - 1]]).toEqual([q4.first, q4.last]);
  });

  it('reports the merge and every load with their counts; no progress line is left', () => {
    const text = htmlOutputs(executed).map(textOfHtml).join('\n');
    const m = E.merge;
    expect(text).toContain(`Merged ${m.files} files: ${thousands(m.rowsRead)} rows read, ${plays} plays written`);
    // The file table is folded under the line, its total row one click away.
    expect(htmlOutputs(executed).find((h) => h.includes('Merged'))).toMatch(/<details><summary>The \d+ files/);
    expect(text).toContain(`all files\t${thousands(m.rowsRead)}\t${thousands(m.pageViews)}\t${plays}\t0`);
    expect(text).toContain(`first 5 of ${plays} rows × 11 columns`);
    const rows = { ...E.tableRows, songs_by_user_session_static: E.tableRows.songs_by_user_session };
    for (const table of [
      ...MODEL_TABLES.map((t) => t.name),
      'songs_by_user_session_static',
      'listeners_by_song_artist',
    ]) {
      const held = thousands(rows[table as keyof typeof rows]);
      expect(text).toMatch(
        new RegExp(`Loaded ${plays} plays: ${plays} inserts into ${table}\\.\\s*Rows in the table: ${held}[.\\s]`),
      );
    }
    expect(text).toContain(
      "Columns filled from the merged file's fields: session_id ← sessionId, item_in_session ← itemInSession",
    );
    expect(text).not.toMatch(/plays read · loaded|Loading …/);
    expect(htmlOutputs(executed).join('\n')).not.toContain('<progress');
  });

  it("verifies the three loaded tables against the merged file: Python's row counts, nothing missing or different", () => {
    const text = htmlOutputs(executed).map(textOfHtml).join('\n');
    expect(text).toMatch(new RegExp(`✔ 3 tables hold exactly what \\S+ holds \\(${plays} plays, \\d+ token ranges`));
    for (const name of QUESTION_TABLES) {
      const n = thousands(E.tableRows[name as keyof typeof E.tableRows]);
      expect(text).toContain(`${name}\t${n}\t${n}\t0\t0\t0\t0\t✓`);
    }
    expect(text).not.toContain('Reading the tables back');
  });

  it("walks the method in order: steps 1 to 6, then the learner's turn, a recap and a try-next list", () => {
    const headings = executed.cells
      .filter((c) => c.cell_type === 'markdown')
      .flatMap((c) =>
        joinText(c.source)
          .split('\n')
          .filter((l) => /^#{2,4} /.test(l)),
      );
    const steps = headings.filter((h) => /^### (Step|Question|Proof|Now you)/.test(h) || /^## /.test(h));
    expect(steps.map((h) => h.replace(/ ·.*| —.*|:.*/, ''))).toEqual([
      '## Part I',
      '## Part II',
      '### Step 1',
      '### Step 2',
      '### Step 3',
      '### Step 4',
      '### Step 5',
      '### Step 6',
      '## Part III',
      '### Question 4, written by you',
      '### Proof from the database',
      '### Now you (3)',
      '## Part IV',
      '## Recap',
    ]);
    const markdown = executed.cells
      .filter((c) => c.cell_type === 'markdown')
      .map((c) => joinText(c.source))
      .join('\n');
    expect(markdown).toContain('**Try next.**');
    expect(markdown).toMatch(/synthetic[^]*not\*\* the course's/);
    for (const rule of [
      'equality → partition key',
      'uniqueness → more clustering columns',
      'order → clustering column',
    ])
      expect(markdown).toContain(rule);
  });

  it('Step 1: the conceptual model drawn from dependencies measured in the data, one of them failing', () => {
    expect(svgOutputs(executed).filter((s) => s.includes('aria-label="Conceptual model: User, Session'))).toHaveLength(
      1,
    );
    const text = cellText(executed, '// The dependencies, measured');
    const d = E.dependencies;
    expect(text).toContain(
      `session_id → user_id\ta session belongs to one user\t${thousands(d['session_id -> user_id'].groups)}\t0\t✔ holds`,
    );
    expect(text).toMatch(
      new RegExp(
        `user_id → first_name, last_name[^\\n]*\\t${thousands(d['user_id -> first_name, last_name'].groups)}\\t0\\t✔ holds`,
      ),
    );
    const level = d['user_id -> level'];
    expect(level.violations).toBeGreaterThan(0);
    expect(text).toMatch(
      new RegExp(`user_id → level\\t[^\\t]*\\t${thousands(level.groups)}\\t${level.violations}\\t✘ does not hold`),
    );
  });

  it('Steps 3 and 4: each CREATE TABLE checked against its question, its columns placed by named rules, the model drawn with questions', () => {
    const text = cellText(executed, "// Question 2's table");
    expect(text).toContain('✔ CREATE TABLE IF NOT EXISTS songs_by_user_session: done.');
    expect(text).toContain('served by songs_by_user_session\t✔ served');
    expect(text).toContain('session_id\tpartition key\tequality → partition key');
    expect(text).toContain('item_in_session\tclustering 1 (ASC)\torder → clustering column');
    expect(cellText(executed, "// Question 3's table")).toContain(
      'user_id\tclustering 1 (ASC)\tuniqueness → clustering column',
    );
    const [drawn] = svgOutputs(executed).filter((s) => s.includes('aria-label="Chebotko diagram of 3 tables"'));
    for (const q of [model.QUESTION_1, model.QUESTION_2, model.QUESTION_3])
      expect(drawn).toContain(`>${q.name}: ${teach.escapeXml(q.brief)}<`);
    expect(drawn).toContain('data-column="item_in_session" data-type="int" data-role="C↑"');
    const checker = cellText(executed, '// The workflow, and each question');
    const [grid] = htmlWith(executed, 'sparkify-checker').filter((h) => h.includes('three questions × three tables'));
    const own = ['Q1 songs_by_session', 'Q2 songs_by_user_session', 'Q3 listeners_by_song'];
    expect(verdictsOf(grid)).toEqual(expectedVerdicts(['Q1', 'Q2', 'Q3'], QUESTION_TABLES, own));
    expect(checker).toContain('partition key column user_id is not restricted');
  });

  it('Step 5: replication read back from Cassandra, consistency in a sentence', () => {
    const text = cellText(executed, "// The keyspace's replication");
    expect(text).toContain(`${keyspace}\t{"class":"org.apache.cassandra.locator.`);
    expect(text).toMatch(
      /Every statement here runs at [A-Z_]+: with \d+ cop(y|ies) of each row, \d+ of \d+ replicas? must answer/,
    );
  });

  it('Step 6: the duplication per play, from the loads', () => {
    const r = E.tableRows;
    const perPlay = (r.songs_by_session + r.songs_by_user_session + r.listeners_by_song) / E.merge.plays;
    const text = cellText(executed, '// Per play');
    expect(text).toContain(`${plays} plays, loaded into 3 tables`);
    expect(text).toContain(`listeners_by_song\t${plays}\t${thousands(r.listeners_by_song)}\t`);
    expect(text).toContain(`Each play cost 3.00 INSERTs and is held as ${perPlay.toFixed(2)} rows`);
  });

  it("Step 6: question 2's names as static columns: same partitions and rows, the values Python's sizing formula gives", () => {
    const text = cellText(executed, '// Load it, ask question 2 of it');
    const p = E.partitions.songs_by_user_session;
    const [parts, rows] = [thousands(p.partitions), thousands(p.rows)];
    expect(text).toContain(`songs_by_user_session\t${parts}\t${rows}\t${thousands(E.values.songs_by_user_session)}\t`);
    expect(text).toContain(
      `songs_by_user_session_static\t${parts}\t${rows}\t${thousands(E.values.songs_by_user_session_static)}\t`,
    );
    expect(cellText(executed, '// The names STATIC')).toContain(
      'first_name\tstatic\tone value per partition → static column',
    );
  });

  it('Step 6: partitions in values against the 100,000-value guidance, two charts, and the hot key flagged', () => {
    const stats = htmlWith(executed, 'sparkify-partitions').map(textOfHtml);
    const rows = bodyRows(stats[0])
      .slice(0, 3)
      .map((r) => r.split('\t'));
    const keys: Record<string, string> = {
      songs_by_session: 'session_id',
      songs_by_user_session: 'user_id, session_id',
      listeners_by_song: 'song',
    };
    expect(rows.map((r) => r.slice(0, 5).join(' | '))).toEqual(
      Object.entries(keys).map(([table, key]) => {
        const p = E.partitions[table];
        return `${table} | ${key} | ${thousands(p.partitions)} | ${thousands(p.rows)} | ${[p.min, p.median, p.p99, p.max].map(thousands).join(' / ')}`;
      }),
    );
    // Values per partition: rows × the table's cells a row (3, 4 and 2 here: no static columns).
    const cells: Record<string, number> = { songs_by_session: 3, songs_by_user_session: 4, listeners_by_song: 2 };
    for (const r of rows)
      expect(r[5], r[0]).toBe(
        `${thousands(cells[r[0]] * E.partitions[r[0]].min)} / ${thousands(cells[r[0]] * E.partitions[r[0]].median)} / ${thousands(cells[r[0]] * E.partitions[r[0]].p99)} / ${thousands(cells[r[0]] * E.partitions[r[0]].max)}`,
      );
    expect(stats[0]).toContain(
      '✔ Every partition is within the usual guidance: at most 100,000 values (cells) and 100.0 MB per partition.',
    );
    const hot = stats.find((s) => s.includes('generated plays'))!;
    expect(hot).toContain('122,000 generated plays: session 999999 holds 120,000 of them');
    expect(hot).toContain(
      'partition session_id = 999999 of songs_by_session holds 360,000 values (120,000 rows × 3 cells; over 100,000)',
    );
    const charts = svgOutputs(executed).filter((s) => s.includes('class="marks"'));
    const titles = charts.map((s) => /<text[^>]*>([a-z_]+): values \(cells\) per partition<\/text>/.exec(s)?.[1]);
    expect(titles).toEqual(['songs_by_session', 'listeners_by_song', 'songs_by_session']);
    expect(charts[2]).toContain('100,000-value guidance');
    expect(charts[0]).not.toContain('guidance');
  });

  it("Step 6: song titles are not unique — Python's counts — and question 3 asked with its artist", () => {
    const t = E.titles;
    const text = cellText(executed, '// Titles played under more than one artist');
    expect(text).toContain(
      `${thousands(t.shared)} of ${thousands(t.titles)} song titles (${((100 * t.shared) / t.titles).toFixed(1)} %) are played under more than one artist — ${thousands(t.playsOfShared)} of ${plays} plays`,
    );
    for (const [artist, n, listeners] of t.asked) expect(text).toContain(`${artist}\t${n}\t${listeners}`);
    expect(cellText(executed, '// Question 3, asked of one song')).toContain(
      'artist\tpartition key\tequality → partition key',
    );
  });

  it("Part III: question 4 served by none of the three tables, the learner's draft refused by the checker, the rules' table served", () => {
    const [none] = htmlWith(executed, 'sparkify-checker').filter((h) => h.includes('Question 4 × the three tables'));
    expect(verdictsOf(none)).toEqual(expectedVerdicts(['Q4'], QUESTION_TABLES, []));
    expect(textOfHtml(none)).toContain('would need ALLOW FILTERING: scans every partition');
    const workflow = svgOutputs(executed).filter((s) => s.includes('aria-label="Application workflow'));
    expect(workflow).toHaveLength(2);
    expect(workflowArrows(workflow[0])).toEqual([
      'Q1 songs_by_session',
      'Q2 songs_by_user_session',
      'Q3 listeners_by_song',
    ]);
    expect(workflow[1]).toContain('data-question="Q4" data-served="false"');
    const draft = cellText(executed, '// Your draft for question 4');
    expect(draft).toContain('✘ not served');
    expect(draft).toContain(
      'rows with the same user_id and session_id overwrite each other: item_in_session is not in the primary key',
    );
    // The same draft as a whole submission, graded by Cassandra: the key loses plays, so the answer is short.
    const graded = cellText(executed, '// Your answer to question 4 as one submission');
    expect(graded).toMatch(/^Q4 my_songs_by_user: not passed — 2 required rules fail/);
    expect(graded).toMatch(/unique-rows\t✗\trequired\t[\d,]+ of [\d,]+ rows are overwritten/);
    expect(graded).toMatch(/answer\t✗\trequired\t/);
    const proposed = cellText(executed, '// The table the rules give');
    expect(proposed).toContain('item_in_session\tclustering 2 (ASC)\tuniqueness → clustering column');
    expect(cellText(executed, "// Question 4's table as CQL")).toContain('served by songs_by_user\t✔ served');
    const md = executed.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['text/markdown'])));
    expect(md.join('\n')).toContain('CLUSTERING ORDER BY (session_id DESC, item_in_session ASC)');
    expect(md.join('\n')).toMatch(/CREATE KEYSPACE IF NOT EXISTS \w+ WITH replication = /);
  });

  it('Part III: the bucket — songs_by_user against songs_by_user_session and sessions_by_user, in values', () => {
    const text = cellText(executed, '// songs_by_user against its bucketed form');
    const u = E.partitions.songs_by_user;
    expect(text).toContain(`songs_by_user\tuser_id\t${thousands(u.partitions)}\t${thousands(u.rows)}\t`);
    expect(text).toMatch(
      new RegExp(
        `sessions_by_user\\tuser_id\\t${thousands(u.partitions)}\\t${thousands(E.partitions.songs_by_user_session.partitions)}\\t`,
      ),
    );
  });

  it('proves each question is a single-partition read, from its trace, without single-run durations', () => {
    const [trace] = htmlWith(executed, 'sparkify-trace').filter((h) => h.includes('Each question, traced'));
    const header = textOfHtml(trace).split('\n')[1];
    expect(header).not.toMatch(/µs|duration|time/);
    const rows = bodyRows(textOfHtml(trace)).map((r) => r.split('\t'));
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
    for (const [question, , how, partitions, readFrom, rowsRead, coordinator] of rows) {
      expect(how, question).toMatch(ONE_REPLICA ? /^single-partition read$/ : /^single-partition read/);
      if (ONE_REPLICA) expect(partitions, question).toBe('1');
      expect(readFrom, question).toMatch(/^memtable \+ \d+ SSTables?/);
      if (ONE_REPLICA) expect(rowsRead, question).toBe(`${returned[question]} → ${returned[question]}`);
      else expect(rowsRead, question).toMatch(new RegExp(`→ ${returned[question]}$`));
      expect(coordinator, question).not.toBe('');
    }
  });

  it("refuses question 4 on question 2's table, explained in a line; ALLOW FILTERING scans every partition, put against the table's rows", () => {
    const refused = htmlWith(executed, 'sparkify-refused').map(textOfHtml);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(
      /^✘ Cassandra refused it \(bound: 10\): Cannot execute this query as it might involve data filtering/,
    );
    expect(refused[0]).toContain('What it means: this WHERE does not name one partition');
    const [demo] = htmlWith(executed, 'sparkify-refusal').map(textOfHtml);
    const all = thousands(E.partitions.songs_by_user_session.partitions);
    expect(demo).toContain(`(the table holds ${thousands(E.tableRows.songs_by_user_session)} rows in all)`);
    expect(demo).toMatch(
      new RegExp(
        `\\nQ4\\tsongs_by_user_session\\trange scan: [\\d,]+ token ranges?(, the whole ring)?\\tall ${all}\\tmemtable \\+ \\d+ SSTables?\\t[\\d,]+ → ${q4.rows}\\t`,
      ),
    );
  });

  it('counts what a wrong key loses: listener rows gone without an error', () => {
    const [loss] = htmlWith(executed, 'sparkify-wrong-key').map(textOfHtml);
    expect(loss).toContain(`${plays} plays written to both tables, without a single error`);
    expect(bodyRows(loss).slice(0, 2)).toEqual([wrongKey.right, wrongKey.wrong]);
    expect(loss).toContain(wrongKey.loss);
  });

  it('Part IV: question 3 four ways — same answer, one partition for the table and the view, token ranges for the indexes', () => {
    const [ways] = htmlWith(executed, 'sparkify-ways"').map(textOfHtml);
    const rows = bodyRows(ways)
      .map((r) => r.split('\t'))
      .filter((r) => r.length >= 7);
    expect(rows.map((r) => r[0])).toEqual([
      'its own table',
      'SAI index on song',
      'legacy secondary index on song',
      'materialized view keyed by song',
    ]);
    const listeners = E.q3.length;
    const [table, sai, legacy, view] = rows;
    expect(table[2]).toMatch(
      new RegExp(`^single-partition read of listeners_by_song \\(1 read\\);.* ${listeners} rows read`),
    );
    expect(view[2]).toMatch(/^single-partition read of listeners_by_song_of_user_session_view \(1 read\)/);
    expect(sai[2]).toMatch(/^1 token range queried through index songs_by_user_session_sai_song_sai, then /);
    expect(legacy[2]).toMatch(/^1 token range queried through index songs_by_user_session_legacy_song_idx, then /);
    for (const r of rows) expect(r[3]).toMatch(/^p50 [\d.]+ ms · p99 [\d.]+ ms \(1,000 questions\)$/);
    for (const r of [sai, legacy, view]) expect(r[6]).toMatch(new RegExp(`^${listeners} listeners; same as the table`));
    const words = cellText(executed, '// The conclusion, each figure read');
    expect(words).toContain('So: an index is for filtering inside a partition the key already names');
    expect(words).toMatch(/Write cost against the plain table's load of/);
  });

  it('Part IV: the checker through indexes (1 range here, 48 on 3 nodes × 16 tokens) and the key plus an SAI filter as one partition read', () => {
    const checks = cellText(executed, '// The checker through indexes');
    expect(checks).toContain('through the SAI index on song: queries every token range (1 on this cluster)');
    expect(checks).toContain('through the SAI index on song: queries every token range (48 on this cluster)');
    expect(checks).toContain(
      'reads one partition (user_id = ?, session_id = ?) and filters it by the SAI index on artist',
    );
    const inside = cellText(executed, "// Question 2's partition, filtered by an SAI index");
    const artist = E.q2[0][1];
    const n = E.q2.filter((r) => r[1] === artist).length;
    expect(inside).toContain(`AND artist = '${artist.replace(/'/g, "''")}'`);
    expect(inside).toMatch(/trace\tsingle-partition read of songs_by_user_session \(1 read\)/);
    expect(inside).toContain(`${n === 1 ? '1 row' : `${n} rows`} from one partition, filtered by the index`);
  });

  it('keeps every table it made (DROP_TABLES_AT_END is off) and writes the executed copy and an HTML export', async () => {
    expect(await tablesIn(keyspace)).toEqual([...MADE_TABLES].sort());
    const closing = textOfHtml(htmlOutputs(executed).find((h) => h.startsWith('Kept ')) ?? '');
    for (const t of MADE_TABLES) expect(closing).toContain(`${keyspace}.${t}`);
    const html = fs.readFileSync(once.html, 'utf8');
    expect(textOfHtml(html)).toContain(E.q1[0][1]);
    const images = [...html.matchAll(/<img[^>]*src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)];
    expect(images).toHaveLength(svgOutputs(executed).length);
  });

  it('runs twice in one kernel (Run All, then Run All again with DROP_TABLES_AT_END on)', async () => {
    const dropping = (source: string) =>
      source.replace('const DROP_TABLES_AT_END = false;', 'const DROP_TABLES_AT_END = true;');
    const again = COMMITTED.cells.map((c) => ({
      ...c,
      id: c.id ? `${c.id}-again` : undefined,
      source: dropping(joinText(c.source)),
    }));
    expect(again.filter((c) => c.source.includes('const DROP_TABLES_AT_END = true;'))).toHaveLength(1);
    const input = path.join(outDir, 'twice-input.ipynb');
    fs.writeFileSync(input, JSON.stringify({ ...COMMITTED, cells: [...COMMITTED.cells, ...again] }));
    const r = await executeNotebook({ input, outDir, output: 'twice', env });
    console.log(`[notebook.test] twice in one kernel: ${r.ran} code cells in ${(r.ms / 1000).toFixed(1)} s`);
    expect(r.failed, r.failed ? `${r.failed.error}\n--- in cell:\n${r.failed.source}` : '').toBeNull();
    expect(r.ran).toBe(2 * once.cells);
    const ran = readNotebook(r.notebook);
    expect(stderrOf(ran)).toEqual([]);
    const html = htmlOutputs(ran);
    expect(answersBound(html, "'All Hands Against His Own'").map((h) => bodyRows(textOfHtml(h)))).toEqual([
      answerRows(E)[2].rows,
      answerRows(E)[2].rows,
    ]);
    // Loads are upserts: the second pass finds the same counts, and the same loss.
    const losses = htmlWith(ran, 'sparkify-wrong-key').map(textOfHtml);
    expect(losses).toHaveLength(2);
    for (const loss of losses) expect(loss).toContain(wrongKey.loss);
    const dropped = textOfHtml(html.find((h) => h.startsWith('Dropped ')) ?? '');
    for (const t of MADE_TABLES) expect(dropped).toContain(`${keyspace}.${t}`);
    expect(await tablesIn(keyspace)).toEqual([]);
  }, 900_000);
});

// The notebook executed headless under the tslab kernel (nbclient, as `npm run notebook` does) against a
// real Cassandra node, on the original event files (SPARKIFY_EVENT_DATA) and a fresh keyspace: every cell
// runs without an error, the three classic answers are rendered as tables in the outputs, and the whole
// notebook run twice in one kernel ("Run All" twice) works too.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  executeNotebook,
  joinText,
  NOTEBOOK_NAME,
  PROJECT_ROOT,
  readNotebook,
  type ExecuteResult,
  type Notebook,
} from '../../scripts/jupyter';
import { bodyRows, CLASSIC_ANSWERS, dropKeyspace, freshKeyspace, skipReason, textOfHtml } from './support';

const reason = skipReason();
if (reason) console.warn(`[notebook.test] skipped: ${reason}`);

const OUT_DIR = path.join(PROJECT_ROOT, 'build', 'notebook-test');

/** The HTML of every display output of the code cells, in order. */
function htmlOutputs(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['text/html'])).filter(Boolean));
}

function answerTables(nb: Notebook): string[] {
  return htmlOutputs(nb).filter((h) => h.includes('sparkify-answer'));
}

function stderrOf(nb: Notebook): string[] {
  return nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.name === 'stderr').map((o) => joinText(o.text)));
}

describe.skipIf(reason !== undefined)('the notebook, executed headless under tslab', () => {
  const keyspace = freshKeyspace('nb_test');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-nb-'));
  const env = {
    SPARKIFY_EVENT_DATA: path.resolve(process.env.SPARKIFY_EVENT_DATA ?? ''),
    SPARKIFY_KEYSPACE: keyspace,
    SPARKIFY_MERGED_FILE: path.join(tmp, 'event_datafile_new.csv'),
  };
  let once: ExecuteResult;
  let executed: Notebook;

  beforeAll(async () => {
    once = await executeNotebook({ outDir: OUT_DIR, env, log: (l) => console.log(`[notebook.test] ${l}`) });
    console.log(`[notebook.test] headless run: ${once.ran} code cells in ${(once.ms / 1000).toFixed(1)} s`);
    executed = readNotebook(once.notebook);
  }, 900_000);

  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await dropKeyspace(keyspace).catch((e: Error) => console.warn(`[notebook.test] could not drop ${keyspace}: ${e.message}`));
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

  it('shows the three classic answers as tables, rows in order', () => {
    const tables = answerTables(executed);
    expect(tables).toHaveLength(3);
    CLASSIC_ANSWERS.forEach((answer, i) => {
      expect(bodyRows(textOfHtml(tables[i])), answer.question).toEqual(answer.rows);
    });
  });

  it('reports the merge and the loads with their counts', () => {
    const text = htmlOutputs(executed).map(textOfHtml).join('\n');
    expect(text).toContain('Merged 30 files: 8,056 rows read, 6,820 plays written');
    expect(text).toMatch(/all files\t8,056\t1,236\t6,820\t0/);
    expect(text).toMatch(/first 5 of 6,820 rows × 11 columns/);
    for (const [table, rows] of [['songs_by_session', '6,820'], ['songs_by_user_session', '6,820'], ['listeners_by_song', '6,618']]) {
      expect(text).toMatch(new RegExp(`6,820 inserts into ${table}\\.\\s*Rows in the table: ${rows}`));
    }
    // Live progress lines are overwritten in place: only the final line of each load remains.
    expect(text).not.toMatch(/plays read · loaded/);
  });

  it('shows each CREATE TABLE generated from the model, in the fresh keyspace', () => {
    const markdown = executed.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['text/markdown'])));
    const creates = markdown.filter((m) => m.includes('CREATE TABLE'));
    expect(creates).toHaveLength(3);
    expect(creates[1]).toContain(`CREATE TABLE IF NOT EXISTS ${keyspace}.songs_by_user_session`);
    expect(creates[1]).toContain('PRIMARY KEY ((user_id, session_id), item_in_session)');
  });

  it('writes the executed copy and an HTML export into build/', () => {
    expect(fs.existsSync(once.notebook)).toBe(true);
    const html = fs.readFileSync(once.html, 'utf8');
    expect(html).toContain('Music Matters (Mark Knight Dub)');
    expect(html).toContain('sparkify-answer');
  });

  it('runs twice in one kernel (Run All, then Run All again)', async () => {
    const nb = readNotebook(path.join(PROJECT_ROOT, NOTEBOOK_NAME));
    const twice: Notebook = {
      ...nb,
      cells: [...nb.cells, ...nb.cells.map((c) => ({ ...c, id: c.id ? `${c.id}-again` : undefined }))],
    };
    const input = path.join(tmp, 'twice.ipynb');
    fs.writeFileSync(input, JSON.stringify(twice));
    const r = await executeNotebook({ input, outDir: OUT_DIR, output: 'twice', env });
    console.log(`[notebook.test] twice in one kernel: ${r.ran} code cells in ${(r.ms / 1000).toFixed(1)} s`);
    expect(r.failed, r.failed ? `${r.failed.error}\n--- in cell:\n${r.failed.source}` : '').toBeNull();
    expect(r.ran).toBe(2 * once.cells);
    const tables = answerTables(readNotebook(r.notebook));
    expect(tables).toHaveLength(6);
    expect(bodyRows(textOfHtml(tables[5]))).toEqual(CLASSIC_ANSWERS[2].rows);
  }, 900_000);
});

if (reason) {
  describe('the notebook, executed headless under tslab', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
}

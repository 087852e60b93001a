// The exercise notebook (Sparkify_Exercise.ipynb) executed headless under tslab against the real node, as a
// newcomer runs it (the sample, defaults): as committed, each question's blank gets a clear "not written yet"
// and no cell fails; with the reference solutions (test/fixtures/grade) written into the blanks, Cassandra's
// grader passes each on every rule and draws the learner's table.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeNotebook } from '../../scripts/jupyter/execute';
import { joinText, readNotebook, type Notebook } from '../../scripts/jupyter/notebook-file';
import { PROJECT_ROOT } from '../../scripts/jupyter/paths';
import { SAMPLE } from '../support/datasets';
import { dropKeyspace, freshKeyspace, kernelEnv, textOfHtml } from './support';

const EXERCISE = path.join(PROJECT_ROOT, 'Sparkify_Exercise.ipynb');
const OUT_DIR = path.join(PROJECT_ROOT, 'build', 'exercise-test');
const reference = (n: number) =>
  fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'grade', `reference-q${n}.cql`), 'utf8');

const htmlOf = (nb: Notebook) =>
  nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => joinText(o.data?.['text/html'])).filter(Boolean));
const stderrOf = (nb: Notebook) =>
  nb.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.name === 'stderr').map((o) => joinText(o.text)));

/** The committed notebook with question N's blank replaced by `answers[N]`. */
function filledIn(answers: Record<number, string>): string {
  const nb = readNotebook(EXERCISE);
  const cells = nb.cells.map((c) => {
    const source = joinText(c.source);
    const n = Number(/^const ANSWER_(\d) = `/m.exec(source)?.[1]);
    return answers[n] ? { ...c, source: source.replace(/`[^`]*`/, `\`\n${answers[n]}\``) } : c;
  });
  const file = path.join(OUT_DIR, 'filled-in.ipynb');
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...nb, cells }));
  return file;
}

describe('the exercise notebook, executed headless under tslab on the sample', () => {
  const keyspace = freshKeyspace('nb_exercise');
  const env = kernelEnv(SAMPLE, keyspace);
  afterAll(() => dropKeyspace(keyspace).catch(() => undefined), 120_000);

  it('as committed: every cell runs, and each blank question says it is not written yet', async () => {
    const r = await executeNotebook({ input: EXERCISE, outDir: OUT_DIR, output: 'committed', env });
    expect(r.failed, r.failed ? `${r.failed.error}\n--- in cell:\n${r.failed.source}` : '').toBeNull();
    const nb = readNotebook(r.notebook);
    expect(stderrOf(nb)).toEqual([]);
    const pending = htmlOf(nb)
      .filter((h) => h.includes('sparkify-grade-pending'))
      .map(textOfHtml);
    expect(pending).toHaveLength(3);
    for (const [i, p] of pending.entries()) {
      expect(p).toBe(
        `✎ question ${i + 1}: not written yet: no CQL statement in it: write a CREATE TABLE, an INSERT with named markers and a SELECT, then run this cell again.`,
      );
    }
    expect(htmlOf(nb).filter((h) => h.includes('sparkify-grade"'))).toEqual([]);
  }, 600_000);

  it('with the reference solutions written in: Cassandra passes each on every rule and draws the table', async () => {
    const input = filledIn({ 1: reference(1), 2: reference(2), 3: reference(3) });
    const r = await executeNotebook({ input, outDir: OUT_DIR, output: 'filled-in', env });
    expect(r.failed, r.failed ? `${r.failed.error}\n--- in cell:\n${r.failed.source}` : '').toBeNull();
    const nb = readNotebook(r.notebook);
    expect(stderrOf(nb)).toEqual([]);
    const grades = htmlOf(nb)
      .filter((h) => h.includes('sparkify-grade"'))
      .map(textOfHtml);
    expect(grades.map((g) => g.slice(0, g.indexOf('question ')))).toEqual([
      'Q1 songs_by_session: passed — every required rule holds',
      'Q2 songs_by_user_session: passed — every required rule holds',
      'Q3 listeners_by_song: passed — every required rule holds',
    ]);
    for (const g of grades) {
      expect(g).not.toMatch(/\t[✗△]\t/);
      expect(g.match(/\t✓\t/g)).toHaveLength(11);
    }
    const svgs = nb.cells.flatMap((c) =>
      (c.outputs ?? []).map((o) => joinText(o.data?.['image/svg+xml'])).filter(Boolean),
    );
    expect(svgs.map((s) => /data-table="(\w+)"/.exec(s)?.[1])).toEqual([
      'songs_by_session',
      'songs_by_user_session',
      'listeners_by_song',
    ]);
  }, 600_000);
});

// grade: a grader's verdict (lib/grade) for people — a table of rule, ✓/✗, why and fix for the notebook,
// the same as plain lines for the terminal, and the summary of a folder of submissions. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Grade } from '../grade/grade';
import { explainCqlError } from '../cassandra/explain';
import { escapeHtml, htmlTable } from './html';

const mark = (ok: boolean, level: string) => (ok ? '✓' : level === 'style' ? '△' : '✗');

/** The headline: "Q1 songs_by_session: passed — every required rule holds (1 style note)". */
export function gradeHeadline(g: Grade): string {
  const failed = g.rules.filter((r) => !r.ok && r.level === 'required').length;
  const notes = g.rules.filter((r) => !r.ok && r.level === 'style').length;
  const what = `${g.question} ${g.table ?? g.submission}`;
  const style = notes ? ` (${notes} style note${notes === 1 ? '' : 's'})` : '';
  return g.passed
    ? `${what}: passed — every required rule holds${style}`
    : `${what}: not passed — ${failed} required rule${failed === 1 ? '' : 's'} fail${failed === 1 ? 's' : ''}${style}`;
}

/** The verdict as an HTML table: rule, ✓/✗ (△ for a style note), why, fix. */
export function gradeHtml(g: Grade): string {
  const rows = g.rules.map((r) => ({
    rule: r.rule,
    '': mark(r.ok, r.level),
    level: r.level,
    why: r.detail,
    fix: r.fix ?? '',
  }));
  const head = `<p class="sparkify-grade-headline"><b>${escapeHtml(gradeHeadline(g))}</b></p>`;
  return head + htmlTable(rows, { className: 'sparkify-grade', caption: `${g.submission}, graded by Cassandra` });
}

/** The verdict as lines for a terminal. */
export function gradeLines(g: Grade): string[] {
  const lines = [gradeHeadline(g)];
  for (const r of g.rules) {
    lines.push(`  ${mark(r.ok, r.level)} ${r.rule.padEnd(18)} ${r.detail}`);
    if (r.fix) lines.push(`  ${' '.repeat(21)}fix: ${r.fix}`);
  }
  return lines;
}

/** A folder's grades as rows: submission × question, ✓ or ✗ (a file that could not be graded: its error). */
export function gradeSummaryRows(
  results: readonly { submission: string; question: string; grade?: Grade; error?: string }[],
): Record<string, string>[] {
  const questions = [...new Set(results.map((r) => r.question))].sort();
  const names = [...new Set(results.map((r) => r.submission))].sort();
  return names.map((name) => {
    const row: Record<string, string> = { submission: name };
    for (const q of questions) {
      const r = results.find((x) => x.submission === name && x.question === q);
      row[q] = !r ? '' : r.error ? `✗ ${r.error}` : r.grade!.passed ? '✓' : '✗';
    }
    return row;
  });
}

/** A submission that cannot be graded yet (nothing written, a statement missing): what to write, not an error. */
export function notWrittenHtml(message: string): string {
  return `<p class="sparkify-grade-pending">✎ ${escapeHtml(message)}: write a CREATE TABLE, an INSERT with named markers and a SELECT, then run this cell again.</p>`;
}

/** A grading that could not run (the connection closed, no node answering): Cassandra's words, then what to do. */
export function notGradedHtml(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const why = explainCqlError(err);
  const text = why.endsWith(message) ? message : `${message} — ${why}`;
  return `<p class="sparkify-grade-failed">✗ not graded: ${escapeHtml(text)}</p>`;
}

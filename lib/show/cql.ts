// cql: what a CQL cell of the notebook shows once Cassandra has run it — the rows as a table (with the
// values the statement bound), a one-line "done" for a statement that returns none, or Cassandra's refusal
// with its meaning in one line. Pure: it renders the outcome lib/cassandra/cql returns.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { CqlOutcome } from '../cassandra/cql';
import { plural } from './format';
import { cellText, escapeHtml, htmlTable } from './html';
import { GOOD, REFUSAL_BOX } from './style';

/** The statement's first words, e.g. "CREATE TABLE IF NOT EXISTS songs_by_session". */
export function statementHead(query: string): string {
  const head = query.replace(/\s+/g, ' ').trim();
  const cut = head.search(/\s\(|\sWHERE\s|\sVALUES\s|\sWITH\s/i);
  return cut > 0 ? head.slice(0, cut) : head.slice(0, 80);
}

/** The bound values in words: "bound: 338, 4" (strings quoted as CQL does). */
export function boundText(params: readonly unknown[]): string {
  if (!params.length) return '';
  const shown = params.map((p) => (typeof p === 'string' ? `'${p.replace(/'/g, "''")}'` : cellText(p)));
  return `bound: ${shown.join(', ')}`;
}

/** The HTML of a run statement: its rows, "done", or the refusal explained. */
export function cqlOutcomeHtml(outcome: CqlOutcome, options: { empty?: string } = {}): string {
  const bound = boundText(outcome.statement.params);
  if (outcome.kind === 'refused') {
    return (
      `<div class="sparkify-refused" style="${REFUSAL_BOX}">✘ <b>Cassandra refused it</b>${bound ? ` (${escapeHtml(bound)})` : ''}: ` +
      `${escapeHtml(outcome.error)}<br><b>What it means:</b> ${escapeHtml(outcome.explanation)}.</div>`
    );
  }
  if (!outcome.columns.length) {
    return `<span style="color: ${GOOD}">✔</span> <code>${escapeHtml(statementHead(outcome.statement.query))}</code>: done.`;
  }
  const count = `${outcome.more ? 'the first ' : ''}${plural(outcome.rows.length, 'row')}`;
  return htmlTable(outcome.rows, {
    columns: outcome.columns.map((c) => c.name),
    caption: [count, bound].filter(Boolean).join(' · '),
    empty: options.empty ?? 'no rows: no partition (or row) has these key values',
    className: 'sparkify-answer',
  });
}

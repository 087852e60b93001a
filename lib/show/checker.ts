// checker: the displays of the checker (lib/teach/checker) in the notebook and the command line. Owns a
// table's name with the indexes it carries, a primary key as CQL writes it, the questions as a table of data, the verdicts as a question × table grid (with the tables
// that serve each question) and the one-line check of whether a key lets rows overwrite each other.
// Pure functions over questions, verdicts and table specs.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Verdict } from '../teach/checker';
import type { TableSpec } from '../model/tables';
import { escapeHtml, htmlTable } from './html';
import { INDEX_KIND_WORDS, indexesOf } from '../model/indexes';
import { andList } from './format';
import { BAD, CELL, GOOD, NOT_SERVED_FILL, QUESTION_CELL, REASONS_LIST, SERVED_FILL } from './style';
import type { Question } from '../model/questions';

const unique = <T>(xs: readonly T[]): T[] => xs.filter((x, i) => xs.indexOf(x) === i);

/** The table's name, with its indexes when it carries any: "songs_by_user_session with SAI indexes on song and artist". */
export function tableLabel(table: Pick<TableSpec, 'name' | 'indexes'>): string {
  const indexes = indexesOf(table);
  if (!indexes.length) return table.name;
  const kinds = [...new Set(indexes.map((i) => i.kind))].map((kind) => {
    const on = indexes.filter((i) => i.kind === kind).map((i) => i.column);
    const words = INDEX_KIND_WORDS[kind];
    return `${on.length > 1 ? words.replace(/index$/, 'indexes') : `an ${words}`.replace(/^an (?=l)/, 'a ')} on ${andList(on)}`;
  });
  return `${table.name} with ${andList(kinds)}`;
}

/** How a served verdict reads its rows: the summary after "served — " (empty when not served). */
export function servedHow(v: Pick<Verdict, 'served' | 'summary'>): string {
  return v.served ? v.summary.replace(/^.*?: served — /, '') : '';
}

/** `PRIMARY KEY ((a, b), c, d)` as CQL writes it. */
export function primaryKeyText(table: Pick<TableSpec, 'partitionKey' | 'clustering'>): string {
  const pk = table.partitionKey.length === 1 ? table.partitionKey[0] : `(${table.partitionKey.join(', ')})`;
  return `PRIMARY KEY (${[pk, ...table.clustering.map((c) => c.column)].join(', ')})`;
}

/** The questions as data: equality columns, range, order, returned columns, what makes an answer row unique. */
export function questionsHtml(questions: readonly Question[], options: { caption?: string } = {}): string {
  const rows = questions.map((q) => ({
    question: q.name,
    'in words': q.text,
    'equality on': q.equals.join(', '),
    range: q.range ?? '—',
    'order by': q.orderBy ? `${q.orderBy.column} ${q.orderBy.order}` : '—',
    returns: q.returns.join(', '),
    'one answer row per': q.unique?.join(', ') ?? '—',
  }));
  return htmlTable(rows, { caption: options.caption ?? 'The questions, as data', className: 'sparkify-questions' });
}

/** One cell of the verdict table: "✔ served" with how, or "✘ not served" with the reasons (empty: no verdict). */
function verdictCellHtml(q: string, t: string, v: Verdict | undefined): string {
  if (!v) return '<td></td>';
  const data = `data-question="${escapeHtml(q)}" data-table="${escapeHtml(t)}" data-served="${v.served}"`;
  if (v.served) {
    const how = servedHow(v);
    return (
      `<td class="served" ${data} style="${CELL}; ${SERVED_FILL}">` +
      `<b style="color: ${GOOD}">✔ served</b><br><small>${escapeHtml(how)}</small></td>`
    );
  }
  const reasons = v.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  return (
    `<td class="not-served" ${data} style="${CELL}; ${NOT_SERVED_FILL}">` +
    `<b style="color: ${BAD}">✘ not served</b><ul style="${REASONS_LIST}">${reasons}</ul></td>`
  );
}

/** The heading of a question's row: its name, its words (when known) and the tables that serve it. */
function questionLabelHtml(q: string, text: string | undefined, serving: readonly string[]): string {
  const by = serving.length
    ? `<span class="served-by">served by ${serving.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ')}</span>`
    : `<span class="served-by" style="color: ${BAD}">served by no table</span>`;
  const words = text ? `<br><small style="font-weight: normal">${escapeHtml(text)}</small>` : '';
  return `<b>${escapeHtml(q)}</b>${words}<br><small>${by}</small>`;
}

/**
 * The checker's verdicts as a table: one row per question, one column per table (in the order they first
 * appear), each cell "✔ served" with how, or "✘ not served" with the reasons; under each question, the
 * tables that serve it (or that none does). Cells carry `data-question`, `data-table` and `data-served`,
 * so tests read the verdicts without parsing words.
 */
export function verdictTableHtml(
  verdicts: readonly Verdict[],
  options: { caption?: string; questions?: readonly Pick<Question, 'name' | 'text'>[] } = {},
): string {
  if (verdicts.length === 0) return '<p class="sparkify-empty">No verdicts.</p>';
  const questions = unique(verdicts.map((v) => v.question));
  const tables = unique(verdicts.map((v) => v.table));
  const byPair = new Map(verdicts.map((v) => [`${v.question}\u0000${v.table}`, v]));
  const texts = new Map((options.questions ?? []).map((q) => [q.name, q.text]));
  const tableHeads = tables.map((t) => `<th style="${CELL}"><code>${escapeHtml(t)}</code></th>`);
  const head = ['<th style="text-align: left">question</th>', ...tableHeads].join('');
  const body = questions.map((q) => {
    const cells = tables.map((t) => verdictCellHtml(q, t, byPair.get(`${q}\u0000${t}`)));
    const serving = tables.filter((t) => byPair.get(`${q}\u0000${t}`)?.served);
    const label = questionLabelHtml(q, texts.get(q), serving);
    return `<tr><th style="${QUESTION_CELL}">${label}</th>${cells.join('')}</tr>`;
  });
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  return (
    `<table class="sparkify-table sparkify-checker">${caption}\n<thead><tr>${head}</tr></thead>\n` +
    `<tbody>\n${body.join('\n')}\n</tbody>\n</table>`
  );
}

/** One line: whether a key lets rows overwrite each other (from the checker's `overwriteWarnings`). */
export function keyCheckHtml(
  table: Pick<TableSpec, 'name' | 'partitionKey' | 'clustering'>,
  warnings: readonly string[],
): string {
  const key = `<code>${escapeHtml(table.name)}</code>, <code>${escapeHtml(primaryKeyText(table))}</code>`;
  if (!warnings.length) {
    return (
      `<p class="sparkify-key-check"><span style="color: ${GOOD}">✔</span> ${key}: ` +
      'no two rows of an answer can share this key, so no INSERT overwrites another.</p>'
    );
  }
  return `<p class="sparkify-key-check"><span style="color: ${BAD}">⚠</span> ${key}: ${warnings.map(escapeHtml).join('; ')}.</p>`;
}

// verify: the reconciliation of the tables with the file (lib/verify) for people — one row per table for a
// terminal table or the notebook, the headline, and the examples of each difference as lines. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { VerifyReport } from '../verify/verify';
import { formatCount } from './format';
import { escapeHtml, htmlTable } from './html';

/** One row per table: the counts, ✓ when nothing is missing, unexpected or different. */
export function verifyRows(r: VerifyReport): Record<string, string>[] {
  return r.tables.map((t) => ({
    table: t.table,
    expected: formatCount(t.expected),
    present: formatCount(t.present),
    missing: formatCount(t.missing),
    unexpected: formatCount(t.unexpected),
    different: formatCount(t.different),
    skipped: formatCount(t.skipped),
    '': t.ok ? '✓' : '✗',
  }));
}

/** "3 tables hold exactly what event_datafile_new.csv holds (7,059 plays, 16 token ranges, read at localOne)". */
export function verifyHeadline(r: VerifyReport): string {
  const how = `${formatCount(r.plays)} plays, ${r.ranges} token ranges read at ${r.consistency}`;
  const bad = r.tables.filter((t) => !t.ok).map((t) => t.table);
  return bad.length
    ? `${bad.join(', ')} ${bad.length === 1 ? 'differs' : 'differ'} from ${r.file} (${how})`
    : `${r.tables.length === 1 ? 'the table holds' : `${r.tables.length} tables hold`} exactly what ${r.file} holds (${how})`;
}

/** The examples of each difference, table by table, as lines. */
export function verifyExampleLines(r: VerifyReport): string[] {
  const lines: string[] = [];
  for (const t of r.tables) {
    const key = (k: Record<string, unknown>) => JSON.stringify(k);
    for (const m of t.examples.missing) lines.push(`${t.table}: missing ${key(m.key)} (line ${m.line})`);
    for (const u of t.examples.unexpected) lines.push(`${t.table}: unexpected ${key(u.key)} (in no line of the file)`);
    for (const d of t.examples.different)
      lines.push(
        `${t.table}: different ${key(d.key)} (line ${d.line}): ${d.column} is ${JSON.stringify(d.found)}, ` +
          `the file says ${JSON.stringify(d.expected)}`,
      );
  }
  return lines;
}

/** The report for the notebook: the headline, the table of counts, the examples. */
export function verifyHtml(r: VerifyReport): string {
  const examples = verifyExampleLines(r);
  return (
    `<p class="sparkify-verify"><b>${r.ok ? '✔' : '✗'} ${escapeHtml(verifyHeadline(r))}</b></p>` +
    htmlTable(verifyRows(r), { className: 'sparkify-verify' }) +
    (examples.length ? `<pre>${escapeHtml(examples.join('\n'))}</pre>` : '')
  );
}

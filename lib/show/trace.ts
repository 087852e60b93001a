// trace: the displays of the proof from the database itself (lib/teach/trace) in the notebook. Owns the
// traced runs as a table (how Cassandra read, partitions, where from, rows read → returned, coordinator,
// duration), the ALLOW FILTERING demonstration (the query, Cassandra's refusal boxed, why, the scan's
// trace) and the cost of a wrong key (both tables, the rows that disappeared). Pure functions.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TableSpec } from '../model/tables';
import type { QuestionRun } from '../teach/trace';
import type { AllowFilteringDemo, WrongKeyLoss } from '../teach/demos';
import { primaryKeyText } from './checker';
import { formatCount } from './format';
import { escapeHtml, htmlTable } from './html';
import { BAD, REFUSAL_BOX } from './style';

/** How Cassandra read, in a few words, from a trace summary. */
function readKind(run: QuestionRun): string {
  const s = run.summary;
  if (s.kind === 'single-partition') {
    return s.singlePartitionReads === 1
      ? 'single-partition read'
      : `single-partition reads (${formatCount(s.singlePartitionReads)})`;
  }
  if (s.kind === 'range scan') {
    const ranges = s.rangeRequests ?? s.seqScans.length;
    return `range scan: ${formatCount(ranges)} token range${ranges === 1 ? '' : 's'}${s.wholeRing ? ', the whole ring' : ''}`;
  }
  return 'no partition read traced';
}

/** Where the rows came from: "memtable + 2 SSTables (1 skipped)". */
function readFrom(s: QuestionRun['summary']): string {
  const sstables = `${formatCount(s.sstablesRead)} SSTable${s.sstablesRead === 1 ? '' : 's'}`;
  const skipped = s.sstablesSkipped ? ` (${formatCount(s.sstablesSkipped)} skipped)` : '';
  return `${s.memtablesRead ? 'memtable + ' : ''}${sstables}${skipped}`;
}

/** The partitions a run read: the single-partition reads, or all the table's (`all`: counted separately) for a scan. */
function partitionsRead(s: QuestionRun['summary'], all: number | undefined): string {
  if (s.kind === 'single-partition') return formatCount(s.singlePartitionReads);
  if (s.kind === 'range scan') return all !== undefined ? `all ${formatCount(all)}` : 'all';
  return '0';
}

/**
 * Traced runs as a table: question, table, how Cassandra read (single-partition read or range scan), the
 * partitions read, where from (memtable, SSTables read and skipped), live rows read on the replica → rows
 * returned and coordinator (no duration: one run's time on a shared machine says little). For a range scan the partitions read are the table's partitions
 * (`partitionsInTable`, counted separately), since the scan reads every one.
 */
export function traceSummaryHtml(
  runs: readonly QuestionRun[],
  options: { caption?: string; partitionsInTable?: Readonly<Record<string, number>> } = {},
): string {
  const rows = runs.map((run) => {
    const s = run.summary;
    const partitions = partitionsRead(s, options.partitionsInTable?.[run.table]);
    return {
      question: run.question,
      table: run.table,
      'how Cassandra read it': readKind(run),
      partitions,
      'read from': readFrom(s),
      'rows read → returned': `${formatCount(s.liveRowsRead)} → ${formatCount(s.rowsReturned)}`,
      coordinator: s.coordinator,
    };
  });
  return htmlTable(rows, {
    caption: options.caption ?? 'What the traces say',
    className: 'sparkify-trace',
    empty: 'No traced runs.',
  });
}

/**
 * The ALLOW FILTERING demonstration: the query as a learner would write it, Cassandra's refusal (its own
 * words), why, then the trace of the same query WITH ALLOW FILTERING (the range scan it takes).
 */
export function allowFilteringHtml(demo: AllowFilteringDemo): string {
  const parts = [`<p>The query, as a learner would write it: <code>${escapeHtml(demo.cql)}</code></p>`];
  let explanation = demo.explanation;
  if (demo.refusal) {
    parts.push(
      `<div class="sparkify-refusal" style="${REFUSAL_BOX}">` +
        `<b style="color: ${BAD}">✘ Cassandra refused it</b> (InvalidRequest, code 0x${demo.refusal.code.toString(16)}):<br>` +
        `<code>${escapeHtml(demo.refusal.message)}</code></div>`,
    );
    explanation = explanation.slice(1); // the first line repeats the refusal shown above
  }
  parts.push(`<ul>${explanation.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`);
  parts.push(
    traceSummaryHtml([demo.filtered], {
      caption: `The same query WITH ALLOW FILTERING, traced`,
      partitionsInTable: { [demo.table]: demo.partitionsInTable },
    }),
  );
  return parts.join('\n');
}

/**
 * The cost of a wrong key: both tables with their primary key (given the specs) and the rows they hold,
 * the rows that silently disappeared, and one song's listeners in each table.
 */
export function wrongKeyHtml(
  loss: WrongKeyLoss,
  tables: readonly Pick<TableSpec, 'name' | 'partitionKey' | 'clustering'>[] = [],
): string {
  const key = (name: string) => {
    const t = tables.find((x) => x.name === name);
    return t ? primaryKeyText(t) : '';
  };
  const listeners = `listeners of "${loss.song}"`;
  const rows = [
    {
      table: loss.right,
      'primary key': key(loss.right),
      rows: loss.rightRows,
      [listeners]: loss.rightListeners.join(', '),
    },
    {
      table: loss.wrong,
      'primary key': key(loss.wrong),
      rows: loss.wrongRows,
      [listeners]: loss.wrongListeners.join(', '),
    },
  ];
  const table = htmlTable(rows, {
    caption: `${formatCount(loss.plays)} plays written to both tables, without a single error`,
    className: 'sparkify-wrong-key',
    format: { rows: (v) => formatCount(v as number) },
  });
  const share = ((100 * loss.lost) / Math.max(1, loss.rightRows)).toFixed(1);
  const verdict =
    `<p class="sparkify-loss"><b style="color: ${BAD}">` +
    `✘ ${formatCount(loss.lost)} of ${formatCount(loss.rightRows)} listener rows silently disappeared</b> ` +
    `(${share} %): ${formatCount(loss.rightRows)} in <code>${escapeHtml(loss.right)}</code>, ${formatCount(loss.wrongRows)} in ` +
    `<code>${escapeHtml(loss.wrong)}</code>. Every INSERT succeeded; each one for a song already there replaced its listener.</p>`;
  return `${table}\n${verdict}`;
}

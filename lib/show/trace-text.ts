// trace-text: the proof from the database itself in words, for people (the terminal, the notebook's
// explanations). Owns a trace summary as a few lines, what the ALLOW FILTERING demonstration showed and
// what a wrong key silently lost. Pure functions over the summaries and counts lib/teach computes.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TableSpec } from '../model/tables';
import type { Verdict } from '../teach/checker';
import type { TraceSummary } from '../teach/trace-summary';
import { formatCount, plural } from './format';
import type { Question } from '../model/questions';

/** The summary in a few lines for people. */
export function describeTrace(s: TraceSummary): string[] {
  const lines: string[] = [];
  if (s.kind === 'single-partition') {
    lines.push(
      s.singlePartitionReads === 1
        ? `single-partition read: 1 partition of ${s.tables.join(', ')}, found by hashing its key`
        : `single-partition reads: ${formatCount(s.singlePartitionReads)} on ${s.tables.join(', ')} (one per replica asked, or per partition named)`,
    );
  } else if (s.kind === 'range scan') {
    lines.push(
      `range scan: ${plural(s.rangeRequests ?? s.seqScans.length, 'token range')} requested, ${plural(s.seqScans.length, 'seq scan')}` +
        (s.wholeRing ? ' covering the whole token ring — every partition of the table is read' : ''),
    );
  } else {
    lines.push('no partition read traced');
  }
  const storage = [s.memtablesRead ? 'memtables' : '', plural(s.sstablesRead, 'SSTable')].filter(Boolean).join(' + ');
  lines.push(`read from ${storage}${s.sstablesSkipped ? ` (${plural(s.sstablesSkipped, 'SSTable')} skipped)` : ''}`);
  lines.push(
    `${plural(s.liveRowsRead, 'live row')} and ${plural(s.tombstonesRead, 'tombstone cell')} read on the replica, ` +
      `${plural(s.rowsReturned, 'row')} returned`,
  );
  lines.push(`coordinator ${s.coordinator}${s.pages > 1 ? ` over ${s.pages} pages` : ''}`);
  return lines;
}

/** What the ALLOW FILTERING demonstration showed, line by line (the first line repeats a refusal). */
export function allowFilteringExplanation(d: {
  question: Question;
  table: TableSpec;
  verdict: Verdict;
  refusal: { code: number; message: string } | null;
  summary: TraceSummary;
  sortedHere: boolean;
  partitionsInTable: number;
  rowsInTable?: number;
}): string[] {
  const { question, table, verdict, refusal, partitionsInTable } = d;
  const s = d.summary;
  const explanation: string[] = [];
  if (refusal) {
    explanation.push(
      `Cassandra refused the query (error 0x${refusal.code.toString(16)}, Invalid): "${refusal.message}"`,
      `Why: ${verdict.reasons.filter((r) => !r.startsWith('would need') && !r.startsWith('ordering by')).join('; ')}. ` +
        `Without the whole partition key by equality, Cassandra cannot hash the WHERE clause to one partition: ` +
        `it would have to read partitions and throw away the rows that do not match, and it will not do that unless told to.`,
    );
  } else {
    explanation.push('Cassandra ran the plain query without ALLOW FILTERING.');
  }
  const ranges = plural(s.rangeRequests ?? s.seqScans.length, 'token range');
  explanation.push(
    `WITH ALLOW FILTERING it runs as a ${s.kind}: ` +
      (s.kind === 'range scan'
        ? `${ranges}${s.wholeRing ? ' covering the whole ring' : ''}, i.e. all ${plural(partitionsInTable, 'partition')} of ${table.name}; `
        : '') +
      `${plural(s.liveRowsRead, 'live row')} read on the replica to return ${plural(s.rowsReturned, 'row')}` +
      (d.rowsInTable !== undefined ? ` (the table holds ${plural(d.rowsInTable, 'row')} in all).` : '.'),
  );
  if (d.sortedHere) {
    explanation.push(
      'Cassandra cannot order across partitions (ORDER BY needs the partition key by equality): ' +
        `the rows were sorted by ${question.orderBy!.column} ${question.orderBy!.order} here.`,
    );
  }
  return explanation;
}

/** What a wrong key silently lost, line by line: both tables' keys and rows, the rows lost, one song's listeners. */
export function wrongKeyExplanation(d: {
  right: TableSpec;
  wrong: TableSpec;
  plays: number;
  rightRows: number;
  wrongRows: number;
  song: string;
  rightListeners: readonly string[];
  wrongListeners: readonly string[];
}): string[] {
  const { right, wrong, rightRows, wrongRows, song, rightListeners, wrongListeners } = d;
  const lost = rightRows - wrongRows;
  const rightKey = [...right.partitionKey, ...right.clustering.map((c) => c.column)].join(', ');
  return [
    `${formatCount(d.plays)} plays written to both tables; no insert failed and no error was raised.`,
    `${right.name} (PRIMARY KEY (${rightKey})) holds ${plural(rightRows, 'row')}: ` +
      'one per song and listener (replays of the same song by the same user are the same row).',
    `${wrong.name} (PRIMARY KEY (${wrong.partitionKey.join(', ')})) holds ${plural(wrongRows, 'row')}: ` +
      'one per song — every INSERT for a song replaced the previous listener.',
    `${plural(lost, 'listener row')} silently disappeared (${((100 * lost) / Math.max(1, rightRows)).toFixed(1)} %).`,
    `"${song}": ${plural(rightListeners.length, 'listener')} in ${right.name} (${rightListeners.join(', ')}), ` +
      `${wrongListeners.length} in ${wrong.name} (${wrongListeners.join(', ')}): the last one written.`,
  ];
}

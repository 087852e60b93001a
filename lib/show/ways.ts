// ways: the side-by-side display of question 3 answered four ways (lib/teach/ways): one row per way — the
// CQL as read (the song pasted, quoted), what the trace says, latency p50/p99, the extra disk with where
// the number comes from, and the write cost — as the notebook's HTML table and as text for a terminal;
// a way Cassandra refused reads "not available" with Cassandra's own reason. The methods follow the table.
// Pure: no I/O, no driver.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { WaysComparison } from '../teach/ways/compare';
import type { WayResult, WayTrace, WriteCost } from '../teach/ways/result';
import type { DiskFigure } from '../teach/ways/disk';
import type { Latency } from '../teach/ways/latency';
import { formatCount, formatDuration, formatSize, plural } from './format';
import { escapeHtml, htmlTable } from './html';

/** One way as the table shows it: every cell as text. */
export interface WayRow {
  way: string;
  cql: string;
  trace: string;
  latency: string;
  disk: string;
  write: string;
  answer: string;
}

/** What the trace says, in one line: a single-partition read, or the token ranges an index query fanned out to. */
export function wayTraceText(t: WayTrace): string {
  const tail = `${plural(t.replicas, 'node')} in the trace; ${plural(t.rowsRead, 'row')} read, ${formatCount(t.rowsReturned)} returned`;
  if (t.kind === 'single-partition')
    return `single-partition read of ${t.tables.join(', ')} (${plural(t.singlePartitionReads, 'read')}); ${tail}`;
  const ranges = t.rangesQueried === null ? 'no range request' : `${plural(t.rangesQueried, 'token range')} queried`;
  const through = t.index ? ` through index ${t.index}` : '';
  return `${ranges}${through}, then ${plural(t.singlePartitionReads, 'single-partition read')}; ${tail}`;
}

/** "p50 0.42 ms · p99 3.10 ms (1,000 questions)". */
export function wayLatencyText(l: Latency): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return `p50 ${ms(l.p50Ms)} · p99 ${ms(l.p99Ms)} (${formatCount(l.count)} questions)`;
}

/** "250.1 KiB (nodetool tablestats: …)", or the reason there is no figure. */
export function wayDiskText(d: DiskFigure): string {
  return d.bytes === null ? `no figure: ${d.source}` : `${formatSize(d.bytes)} (${d.source})`;
}

/** "load 271 ms vs 289 ms plain: +… ms"; the own table's whole load is its extra. */
export function wayWriteText(way: string, w: WriteCost): string {
  if (way === 'table')
    return `a second table: its load ${formatDuration(w.loadMs)} (plain table ${formatDuration(w.baselineMs)})`;
  const sign = w.extraMs >= 0 ? '+' : '−';
  return `load ${formatDuration(w.loadMs)} vs ${formatDuration(w.baselineMs)} plain (${sign}${formatDuration(Math.abs(w.extraMs))})`;
}

/** The rows of the comparison, every cell as text. */
export function waysRows(c: WaysComparison): WayRow[] {
  return c.ways.map((w: WayResult): WayRow => {
    if (w.available === false) {
      const na = 'not available';
      return {
        way: w.label,
        cql: w.schemaCql[w.schemaCql.length - 1] ?? '',
        trace: na,
        latency: na,
        disk: na,
        write: na,
        answer: `not available: ${w.reason}`,
      };
    }
    const same =
      w.sameAsTable === null ? 'the reference' : w.sameAsTable ? 'same as the table' : 'DIFFERS from the table';
    return {
      way: w.label,
      cql: w.select.bound,
      trace: wayTraceText(w.trace),
      latency: wayLatencyText(w.latency),
      disk: wayDiskText(w.disk),
      write: wayWriteText(w.way, w.write),
      answer: `${plural(w.answer.length, 'listener')}; ${same} (${plural(w.checked.length, 'song')} checked)`,
    };
  });
}

const HEADERS: Record<keyof WayRow, string> = {
  way: 'way',
  cql: 'CQL',
  trace: 'what the trace says',
  latency: 'latency',
  disk: 'extra disk',
  write: 'write cost',
  answer: 'answer',
};

/** The methods under the table, one line each. */
export function waysMethods(c: WaysComparison): string[] {
  return [
    `${formatCount(c.plays)} plays, ${formatCount(c.songsInFile)} songs; traced and shown: '${c.song}'.`,
    `Latency: ${c.latencyMethod}.`,
    `Extra disk: ${c.diskMethod}.`,
    `Write cost: ${c.writeMethod}.`,
  ];
}

/** The comparison as the notebook's HTML: one table, then the methods. */
export function waysHtml(c: WaysComparison): string {
  const table = htmlTable(waysRows(c), {
    headers: HEADERS,
    caption: `Question 3 answered ${plural(c.ways.length, 'way')} on the same plays`,
    className: 'sparkify-ways',
  });
  return `${table}\n<ul>${waysMethods(c)
    .map((m) => `<li>${escapeHtml(m)}</li>`)
    .join('')}</ul>`;
}

/** The comparison as text for a terminal: a block per way, then the methods. */
export function waysText(c: WaysComparison): string {
  const width = Math.max(...Object.values(HEADERS).map((h) => h.length));
  const blocks = waysRows(c).map((r) =>
    (Object.keys(HEADERS) as (keyof WayRow)[]).map((k) => `${HEADERS[k].padEnd(width)}  ${r[k]}`).join('\n'),
  );
  return [...blocks, waysMethods(c).join('\n')].join('\n\n');
}

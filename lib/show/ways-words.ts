// ways-words: what the four ways' numbers say, in sentences — each figure read from the comparison
// (lib/teach/ways), the teaching drawn from them: where each way reads, what it costs on disk and at write
// time, how an index's fan-out grows with the cluster; and the partition-plus-index combination as a table.
// Pure: no I/O, no driver.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { WaysComparison } from '../teach/ways/compare';
import type { InsideResult } from '../teach/ways/inside';
import type { MeasuredWay } from '../teach/ways/result';
import { andList, formatDuration, formatSize, plural } from './format';
import { escapeHtml, htmlTable } from './html';
import { wayTraceText } from './ways';

const ms = (v: number) => `${v.toFixed(2)} ms`;

/** Where a way reads, in words. */
function readsWhere(w: MeasuredWay): string {
  const t = w.trace;
  if (t.rangesQueried === null) return `one partition (${plural(t.singlePartitionReads, 'single-partition read')})`;
  return `${plural(t.rangesQueried, 'token range')} — every range of this ring — then ${plural(t.singlePartitionReads, 'partition read')}`;
}

/** The write cost of the index and view against the plain table, and whether it stands above the noise. */
function writeSentence(c: WaysComparison, measured: readonly MeasuredWay[]): string | undefined {
  const extra = measured.filter((w) => w.way !== 'table');
  if (!extra.length) return undefined;
  const base = c.baseline.loadMs;
  const text = extra.map(
    (w) => `${w.label} ${w.write.extraMs >= 0 ? '+' : '−'}${formatDuration(Math.abs(w.write.extraMs))}`,
  );
  const above = extra.filter((w) => w.write.extraMs > NOISE * base);
  return (
    `Write cost against the plain table's load of ${formatDuration(base)}: ${text.join(', ')}. ` +
    (above.length
      ? `${sentence(andList(above.map((w) => w.label)))} ${above.length > 1 ? 'cost' : 'costs'} more than a fifth above it: Cassandra writes the index or view with every play.`
      : 'None stands a fifth above it: on this few plays the difference is within a shared machine’s noise.')
  );
}

/** Text that opens a sentence: its first letter capitalised. */
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Below this share of the plain load, a difference in load time is taken for noise. */
const NOISE = 0.2;

/** The sentences the comparison supports, figures included; a way not available says why. */
export function waysConclusion(c: WaysComparison): string[] {
  const measured = c.ways.filter((w): w is MeasuredWay => w.available === true);
  const by = (name: string) => measured.find((w) => w.way === name);
  const out: string[] = measured.map(
    (w) =>
      `${w.label}: reads ${readsWhere(w)}, ${plural(w.trace.rowsRead, 'row')} read; p50 ${ms(w.latency.p50Ms)}, ` +
      `p99 ${ms(w.latency.p99Ms)}; ${w.disk.bytes === null ? 'no disk figure' : `${formatSize(w.disk.bytes)} on disk`}.`,
  );
  for (const w of c.ways) if (w.available === false) out.push(`${w.label}: not available here — ${w.reason}`);
  const written = writeSentence(c, measured);
  if (written) out.push(written);
  const table = by('table');
  const fanned = measured.filter((w) => w.trace.rangesQueried !== null);
  if (table && fanned.length) {
    out.push(
      `The own table and the view go straight to the replicas of one partition, found by hashing the song. ` +
        `${sentence(andList(fanned.map((w) => w.label)))} ${fanned.length > 1 ? 'ask' : 'asks'} every token range, because ` +
        `an index is kept beside each replica's own data: here that is ${plural(fanned[0].trace.rangesQueried!, 'range')}; ` +
        'on a cluster it is every range of the ring (nodes × num_tokens ÷ what one request covers), so every question ' +
        'reaches every replica set — the cost grows with the cluster while the own table’s stays one partition.',
    );
  }
  out.push(
    'So: an index is for filtering inside a partition the key already names, or for rare, low-volume questions ' +
      'where a table of their own is not worth its writes. A hot, high-cardinality lookup — a song among thousands, ' +
      'asked all day — is what the denormalized table is for: one partition, whatever the size of the cluster.',
  );
  return out;
}

/** The conclusion as the notebook's HTML list. */
export function waysConclusionHtml(c: WaysComparison): string {
  return `<ul class="sparkify-ways-conclusion">${waysConclusion(c)
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join('')}</ul>`;
}

/** The partition key plus an index inside it: the CQL as read, the trace in words, the rows. */
export function insideHtml(r: InsideResult): string {
  if (r.available === false)
    return `<p>Not available here: ${escapeHtml(r.reason)} (<code>${escapeHtml(r.indexCql)}</code>)</p>`;
  const head = htmlTable(
    [
      { what: 'index', value: r.indexCql },
      { what: 'question', value: r.select.bound },
      { what: 'trace', value: wayTraceText(r.trace) },
    ],
    { headers: { what: '', value: '' }, className: 'sparkify-inside' },
  );
  return (
    head + htmlTable(r.rows, { caption: `${plural(r.rows.length, 'row')} from one partition, filtered by the index` })
  );
}

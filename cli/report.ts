// report: the terminal's text for what lib/ returns — the merge report, the load result, the answers —
// and the progress adapters that turn lib's progress events into a bar or periodic lines.
import type { ClassicAnswers, LoadProgress, LoadResult, MergeProgress, MergeReport } from '../lib/index';
import { askedTitle, QUESTION_1, QUESTION_2, QUESTION_3 } from '../lib/model/questions';
import { escapeControls, formatBytes, formatCount, formatSeconds, quoteText } from '../lib/show/format';
import { printTable, progress } from './ui';

/** Column headings of the answers, keyed by the play field each row carries. */
export const ANSWER_COLUMNS = {
  songInSession: { artist: 'artist', song: 'song', length: 'length' },
  sessionPlaylist: {
    itemInSession: 'item',
    artist: 'artist',
    song: 'song',
    firstName: 'first name',
    lastName: 'last name',
  },
  listenersOf: { userId: 'userId', firstName: 'first name', lastName: 'last name' },
} as const;

export function mergeProgress() {
  const bar = progress('merge');
  return {
    onProgress: (p: MergeProgress) =>
      bar.update(
        p.bytesRead,
        p.bytesTotal,
        `${p.filesDone}/${p.filesTotal} files, ${formatCount(p.rowsRead)} rows, ${formatCount(p.kept)} plays`,
      ),
    stop: () => bar.stop(),
  };
}

function loadProgressText(p: LoadProgress): string {
  const rate = p.elapsedMs ? Math.round((p.rowsRead * 1000) / p.elapsedMs) : 0;
  const waiting =
    p.waitingMs && p.waitingMs >= 1000 ? `, no write accepted for ${formatSeconds(p.waitingMs)}: retrying` : '';
  const retries = p.retries ? `, ${p.retries} retries` : '';
  const failed = p.failed ? `, ${p.failed} failed` : '';
  return `${formatCount(p.rowsRead)} plays, ${formatCount(rate)} plays/s${retries}${failed}${waiting}`;
}

export function loadProgress() {
  const bar = progress('load');
  return {
    onProgress: (p: LoadProgress) => bar.update(p.bytesRead, p.bytesTotal, loadProgressText(p)),
    stop: () => bar.stop(),
  };
}

export function printMergeReport(r: MergeReport): void {
  console.log(`\nMerged ${r.files.length} files from ${r.dir} into ${r.output} in ${formatSeconds(r.ms)}`);
  console.log(
    `  rows read ${formatCount(r.rowsRead)} = page views ${formatCount(r.pageViews)} + plays kept ${formatCount(r.kept)} + ` +
      `skipped ${formatCount(r.skippedTotal)}; rows written ${formatCount(r.written)}`,
  );
  for (const [reason, n] of Object.entries(r.skipped)) console.log(`  skipped, ${reason}: ${formatCount(n ?? 0)}`);
  for (const s of r.skippedExamples.slice(0, 10))
    console.log(`    ${s.file}, line ${s.line}: ${s.reason} (${escapeControls(s.detail)})`);
  for (const f of r.files.filter((x) => x.note)) console.log(`  ${f.file}: ${f.note}`);
  for (const i of r.ignored) console.log(`  left out ${entryName(i.name)}: ${i.reason}`);
  printQuality(r.quality);
  printControls(r.quality);
}

/** A folder entry's name as it is when it is plain text, else quoted with its control characters escaped. */
function entryName(name: string): string {
  return escapeControls(name) === name && name.length <= 100 && !name.includes('"') ? name : quoteText(name, 100);
}

function printControls(q: MergeReport['quality']): void {
  if (!q.controlsTotal) return;
  const cols = Object.entries(q.controls)
    .map(([c, f]) => `${c} ${formatCount(f.values)}`)
    .join(', ');
  console.log(
    `  data quality: ${formatCount(q.controlsTotal)} values keep control characters (${cols}); written as they are`,
  );
  for (const [column, f] of Object.entries(q.controls))
    console.log(`    ${column}: first in ${f.file}, line ${f.line}: ${f.chars.join(' ')} in ${quoteText(f.excerpt)}`);
}

function printQuality(q: MergeReport['quality']): void {
  if (!q.doubleEncodedTotal) return;
  const cols = Object.entries(q.doubleEncoded)
    .map(([c, n]) => `${c} ${formatCount(n)}`)
    .join(', ');
  const what = q.repaired ? 'repaired in the output' : 'kept as they are (--repair-encoding fixes them)';
  console.log(`  data quality: ${formatCount(q.doubleEncodedTotal)} values look double-encoded (${cols}); ${what}`);
  for (const e of q.examples.slice(0, 3))
    console.log(
      `    ${e.file}, line ${e.line}, ${e.column}: ${JSON.stringify(e.value)} → ${JSON.stringify(e.repaired)}`,
    );
}

export function printLoadResult(r: LoadResult): void {
  const rate = r.ms ? Math.round((r.rowsRead * 1000) / r.ms) : 0;
  const requests = r.requests !== undefined ? `, ${formatCount(r.requests)} requests` : '';
  const retried = r.retries ? `, ${r.retries} retried` : '';
  console.log(
    `\nLoaded ${formatCount(r.rowsRead)} plays in ${formatSeconds(r.ms)} (${formatCount(rate)} plays/s${requests}${retried}):`,
  );
  if (r.resumed) {
    console.log(
      `  resumed: ${formatCount(r.resumed.playsSkipped)} plays below line ${formatCount(r.resumed.fromLine)} were already in every table (skipped)`,
    );
  }
  for (const [table, n] of Object.entries(r.loaded)) console.log(`  ${table}: ${formatCount(n)} rows written`);
  if (r.sstables) {
    const s = r.sstables;
    console.log(
      `  via SSTables: ${formatBytes(s.bytes)} written in ${formatSeconds(s.writeMs)}, handed over by ${s.handover} in ${formatSeconds(s.handoverMs)}`,
    );
    for (const why of s.tried) console.log(`  (tried first: ${why.split('\n')[0]})`);
  }
  const t = r.transient;
  if (t && (t.unavailable || t.overloaded || t.timedOut || t.failure)) {
    console.log(
      `  retried after transient errors: ${formatCount(t.unavailable)} unavailable, ${formatCount(t.overloaded)} overloaded, ` +
        `${formatCount(t.timedOut)} timed out, ${formatCount(t.failure ?? 0)} failed on the node`,
    );
  }
  if (r.outages)
    console.log(
      `  waited out ${r.outages} period(s) with no node accepting writes, ${formatSeconds(r.waitedMs ?? 0)} in all`,
    );
  if (r.checkpointFile)
    console.log(`  checkpoint kept in ${r.checkpointFile}: \`load --resume\` retries from the first failed line`);
  if (r.failedCount) {
    console.log(`  FAILED: ${formatCount(r.failedCount)} rows`);
    for (const f of r.failures.slice(0, 10)) console.log(`    line ${f.line} (${f.table}): ${f.message}`);
  }
}

export function printAnswers(a: ClassicAnswers): void {
  printTable(askedTitle(QUESTION_1), a.songInSession as never[], ANSWER_COLUMNS.songInSession);
  printTable(askedTitle(QUESTION_2), a.sessionPlaylist as never[], ANSWER_COLUMNS.sessionPlaylist);
  printTable(askedTitle(QUESTION_3), a.listenersOf as never[], { firstName: 'first name', lastName: 'last name' });
}

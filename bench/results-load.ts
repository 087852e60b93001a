// results-load: the load parts of RESULTS.md: the loaders side by side (plays/s, inserts/s, client and
// node CPU), the row counts and notes under that table, what limits the loader (variants) and the
// sustained load per tenth.
import { cpus } from 'node:os';
import { facts, figureNames, fmtNum, show, showOr, stat } from './figures';
import type { Options } from './options';
import { DSBULK_VERSION } from './sections/dsbulk';
import { STRESS_VERSION } from './sections/stress';

/** Adds one line to the results. */
export type Out = (s?: string) => void;

function loadTable(L: Out, o: Options): void {
  L('## Load');
  L();
  L('| Loader | Plays/s | Inserts/s | Client CPU (cores) | Node CPU (cores) |');
  L('| --- | --- | --- | --- | --- |');
  const loadRow = (label: string, key: string) =>
    L(
      `| ${label} | ${showOr(key, `${key} rows/s`)} | ${show(`${key} inserts/s`)} | ${show(`${key} client cores`, 2)} | ${show(`${key} node cores`, 2)} |`,
    );
  loadRow(
    `This project: loadTables, prepared, UNLOGGED batches of up to ${o.batchRows} rows packed by replica (token map) and partition, per 5,000 plays, concurrency ${o.concurrency}, token-aware (${facts.get('loadBalancing') ?? '?'}; ${show('load ours requests/play', 2)} requests per play)`,
    'load ours',
  );
  loadRow(
    `Via SSTables: loadTables via 'sstables' — Cassandra's CQLSSTableWriter (sorted mode, rows cut by token range and sorted on the client), then ${facts.get('sstablesHandover') ?? 'nodetool import'}; end to end (write ${show('load sstables write s', 1, 's')}, handover ${show('load sstables handover s', 1, 's')}, ${show('load sstables MB', 0, 'MB')} of SSTables); client CPU includes the writer's JVM; ${facts.get('sstablesVerified') ?? 'not verified'}`,
    'load sstables',
  );
  loadRow(
    `One INSERT per request: loadTables with batchRows 1 (the previous loader), prepared, concurrency ${o.concurrency} (${show('load single requests/play', 2)} requests per play)`,
    'load single',
  );
  loadRow(
    `Notebook's method: Python driver, sync, unprepared, one execute per row and table (sample of ${facts.get('pythonSample') ?? '?'} plays)`,
    'load python',
  );
  loadRow('cqlsh COPY FROM, defaults (one file per table)', 'load cqlsh default');
  loadRow(
    'cqlsh COPY FROM, tuned (NUMPROCESSES 2 instead of 1, CHUNKSIZE 10000, INGESTRATE 1M rows/s instead of 100k)',
    'load cqlsh tuned',
  );
  loadRow(
    `dsbulk ${DSBULK_VERSION} load, defaults, merged file with a header mapping (one run per table, JVM start included)`,
    'load dsbulk',
  );
  L(
    `| cassandra-stress ${STRESS_VERSION}, user profile bench/stress/plays.yaml (rows like ours), ${o.stressThreads} threads: the insert ceiling | — | ${showOr('stress', 'stress inserts/s')} | ${show('stress client cores', 2)} | ${show('stress node cores', 2)} |`,
  );
  L();
}

function loadNotes(L: Out): void {
  L(
    `Rows after our first load: ${facts.get('oursCounts') ?? '?'}${facts.get('dsbulkCounts') ? `; after dsbulk's: ${facts.get('dsbulkCounts')}` : ''}. ` +
      `Machine busy during our loads: ${show('load ours machine busy %', 0, '%')} of ${cpus().length} cores (all processes, including other work on the machine). ` +
      `Our loader's peak RSS: ${show('load ours rss MB', 0, 'MB')} (with batchRows 1: ${show('load single rss MB', 0, 'MB')}, machine ${show('load single machine busy %', 0, '%')} busy); retries after overload/timeouts: ${show('load ours retries')}.` +
      (facts.get('singleCounts') ? ` Rows after the batchRows 1 load: ${facts.get('singleCounts')}.` : ''),
  );
  if (facts.get('perTableSplit'))
    L(
      `cqlsh COPY FROM maps CSV columns to the listed table columns by position and cannot skip file columns, so the bench first writes one CSV per table from the load file (${facts.get('perTableSplit')}, not counted in cqlsh's time). dsbulk reads the merged file itself, mapping header names to columns.`,
    );
  const sc = stat('stress client cores');
  const sn = stat('stress node cores');
  if (sc && sn && sc.median > sn.median) {
    L(
      `cassandra-stress is not a ceiling on this machine: its Java client used ${fmtNum(sc.median, 2)} cores and left the node ${fmtNum(sn.median, 2)} (the two share ${cpus().length} cores), so it is client-bound; ` +
        `the highest insert rate measured on this node is our batched loader's ${show('load ours inserts/s')} inserts/s.`,
    );
  }
  L();
}

function variantsTable(L: Out): void {
  const names = figureNames();
  if (!names.some((k) => k.startsWith('variant '))) return;
  L(`### What limits the loader (one run each, ${facts.get('variantSample') ?? '?'} plays)`);
  L();
  L('| Variant | Plays/s | Client CPU (cores) | Node CPU (cores) | Retries |');
  L('| --- | --- | --- | --- | --- |');
  for (const k of names.filter((x) => /^variant c\d+ rows\/s$/.test(x))) {
    const c = /c(\d+)/.exec(k)![1];
    L(
      `| loadTables, one INSERT per request (batchRows 1), concurrency ${c} | ${show(k)} | ${show(`variant c${c} client cores`, 2)} | ${show(`variant c${c} node cores`, 2)} | ${show(`variant c${c} retries`)} |`,
    );
  }
  for (const k of names.filter((x) => /^variant packed b\d+ c\d+ rows\/s$/.test(x))) {
    const [, b, c] = /b(\d+) c(\d+)/.exec(k)!;
    const base = `variant packed b${b} c${c}`;
    L(
      `| loadTables, UNLOGGED batches of ${b} rows packed by replica and partition (batchRows ${b}, ${show(`${base} requests/play`, 2)} requests/play), concurrency ${c} | ${show(k)} | ${show(`${base} client cores`, 2)} | ${show(`${base} node cores`, 2)} | ${show(`${base} retries`)} |`,
    );
  }
  for (const k of names.filter((x) => /^variant stress t\d+/.test(x))) {
    L(`| cassandra-stress, ${/t(\d+)/.exec(k)![1]} threads (inserts/s, not plays) | ${show(k)} | — | — | — |`);
  }
  L();
}

function sustainPart(L: Out): void {
  if (!facts.get('sustainTenths')) return;
  L(`### Sustained: the whole merged file in one load (${facts.get('sustainRows')} plays, once)`);
  L();
  L(
    `${show('sustain rows/s')} plays/s over the whole load; the slowest tenth ${show('sustain slowest tenth')}, the fastest ${show('sustain fastest tenth')} plays/s. ` +
      `RSS ${show('sustain rss first MB', 0, 'MB')} after the first tenth, ${show('sustain rss last MB', 0, 'MB')} after the last, peak ${show('sustain rss peak MB', 0, 'MB')}. ` +
      `Client ${show('sustain client cores', 2)} cores, node ${show('sustain node cores', 2)} cores. Failed rows: ${facts.get('sustainFailed')}; retries ${show('sustain retries')} (transient errors: ${facts.get('sustainTransient') || 'none'}).`,
  );
  L();
  L('| Plays loaded | Plays/s in that tenth | RSS at its end |');
  L('| --- | --- | --- |');
  L(facts.get('sustainTenths')!);
  L();
}

/** The "## Load" section with its variants and sustained parts. */
export function loadResults(L: Out, o: Options): void {
  loadTable(L, o);
  loadNotes(L);
  variantsTable(L);
  sustainPart(L);
}

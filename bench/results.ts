// results: writes RESULTS.md (bench/RESULTS.md for a full run, build/bench/RESULTS-smoke.md for a smoke
// run) from what the run found (figures.ts): the machine and versions, the summary against the
// targets, the ETL table, the load tables (results-load.ts), question latency, question 3 four ways on one
// node and three (fan-out), the peers that could not run as the issue describes, this run's notes and how
// to reproduce.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { facts, fmtNum, log, notes, ratio, show, showOr, unavailable } from './figures';
import type { Options } from './options';
import { REFERENCE_COMMIT } from './reference';
import { loadResults, type Out } from './results-load';
import { DSBULK_VERSION } from './sections/dsbulk';
import { STRESS_VERSION } from './sections/stress';
import { PY } from './venv';

function versions(): Record<string, string> {
  const v = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return r.status === 0 ? (r.stdout || r.stderr).trim().split('\n')[0] : 'not installed';
  };
  const pyPkgs = existsSync(PY)
    ? v(PY, [
        '-c',
        'import cassandra, importlib.metadata as m; print("cassandra-driver " + cassandra.__version__ + ", cqlsh " + m.version("cqlsh"))',
      ])
    : 'not installed';
  return {
    node: process.version,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed driver's own version
    'cassandra-driver (Node)': require('cassandra-driver/package.json').version,
    python: existsSync(PY) ? v(PY, ['--version']) : v('python3', ['--version']),
    'Python packages': pyPkgs,
    java: facts.get('java') ?? v('java', ['-version']),
    cassandra:
      '5.0.6 (lib/localnode: cassandra-all and its dependencies from Maven Central), one node, heap 2G/400M, RF 1',
    dsbulk: `${DSBULK_VERSION} (modules from Maven Central)`,
    'cassandra-stress': `${STRESS_VERSION} (tools/ of the apache-cassandra ${STRESS_VERSION} bin tarball on Maven Central), run as a client against the 5.0.6 node`,
  };
}

function header(L: Out, o: Options, mins: number): void {
  const cpu = cpus()[0]?.model ?? 'unknown';
  L('# Benchmark results');
  L();
  L(
    `Written by \`npm run bench${o.smoke ? ' -- --smoke' : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (the run took ${mins.toFixed(0)} min). ` +
      `Each figure is the median of ${o.reps} run${o.reps > 1 ? 's' : ''}${o.reps > 1 ? ' with (min–max)' : ''}; every tool ran side by side in the same run, ` +
      'in turn, on the same node and the same data, so ratios are fairer than absolute figures on this shared machine (other test suites ran on it at the same time).',
  );
  L();
  L(`- Machine: ${cpus().length} × ${cpu}, ${fmtNum(totalmem() / 2 ** 30, 0)} GiB RAM, Linux.`);
  for (const [k, v] of Object.entries(versions())) L(`- ${k}: ${v}`);
  L(
    `- Data: \`generate\` with seed ${o.seed}, ${o.days} days, ${fmtNum(o.users)} users: ${facts.get('events') ?? '?'} events (${facts.get('eventBytes') ?? '?'}), ${facts.get('plays') ?? '?'} plays.`,
  );
  L(
    `- Loaded: the first ${facts.get('loadPlays') ?? '?'} plays of the merged file (${facts.get('loadBytes') ?? '?'}), into the three tables (3 inserts per play).`,
  );
  L();
}

function summary(L: Out, o: Options): void {
  const ours = show('load ours rows/s');
  L('## Summary');
  L();
  L('| What | This project | Peer | Ours ÷ peer | Target |');
  L('| --- | --- | --- | --- | --- |');
  L(
    `| Generator, 10 M-class run: events/s | ${show('gen events/s')} (${show('gen s', 1, 's')} for ${facts.get('events') ?? '?'} events, peak RSS ${show('gen rss MB', 0, 'MB')}) | — | — | 10 M events < 120 s |`,
  );
  L(
    `| ETL (merge) rows/s | ${show('etl ours rows/s')} | notebook's Python method: ${show('etl python rows/s')} | ${ratio('etl ours rows/s', 'etl python rows/s')} | ≥ 3× |`,
  );
  L(
    `| ETL time, ${facts.get('etlRows') ?? '?'} rows | ${show('etl ours s', 1, 's')} | Python: ${show('etl python s', 1, 's')}${facts.get('pyRows') && facts.get('pyRows') !== facts.get('etlRows') ? ` (on ${facts.get('pyRows')} rows)` : ''} | — | — |`,
  );
  L(
    `| ETL peak RSS | ${show('etl ours rss MB', 0, 'MB')} | Python: ${show('etl python rss MB', 0, 'MB')} | — | < 200 MB |`,
  );
  L(
    `| Load, plays/s (3 inserts each) | ${ours} | notebook's Python method (sync, unprepared), on ${facts.get('pythonSample') ?? '?'} plays: ${show('load python rows/s')} | ${ratio('load ours rows/s', 'load python rows/s')} | ≥ 10× |`,
  );
  L(
    `| Load via SSTables (write + nodetool import) vs our CQL loader, plays/s | ${show('load sstables rows/s')} | ${ours} | ${ratio('load sstables rows/s', 'load ours rows/s')} | ≥ 3× |`,
  );
  L(
    `| Load vs one INSERT per request (batchRows 1, the previous loader), plays/s | ${ours} | ${show('load single rows/s')} | ${ratio('load ours rows/s', 'load single rows/s')} | > 1× |`,
  );
  L(
    `| Load vs cqlsh COPY FROM, defaults | ${ours} | ${show('load cqlsh default rows/s')} | ${ratio('load ours rows/s', 'load cqlsh default rows/s')} | > 1× |`,
  );
  L(
    `| Load vs cqlsh COPY FROM, tuned | ${ours} | ${show('load cqlsh tuned rows/s')} | ${ratio('load ours rows/s', 'load cqlsh tuned rows/s')} | > 1× |`,
  );
  L(
    `| Load vs dsbulk ${DSBULK_VERSION} | ${ours} | ${showOr('load dsbulk', 'load dsbulk rows/s')} | ${ratio('load ours rows/s', 'load dsbulk rows/s')} | ≥ 1× |`,
  );
  L(
    `| Inserts/s vs cassandra-stress ceiling | ${show('load ours inserts/s')} | ${showOr('stress', 'stress inserts/s')} | ${ratio('load ours inserts/s', 'stress inserts/s', 2)} | ≥ 0.8 |`,
  );
  L(
    `| Verify (lib/verify: 3 tables read back by token range, reconciled with the file), rows/s | ${show('verify rows/s')} (peak RSS ${show('verify rss MB', 0, 'MB')}, ${facts.get('verifyRanges') ?? '?'} ranges) | our load, rows written/s: ${show('load ours inserts/s')} | ${ratio('verify rows/s', 'load ours inserts/s', 2)} | — |`,
  );
  L(
    `| Question latency p50 / p99, ${fmtNum(o.queries)} mixed | ${show('q all p50', 2, 'ms')} / ${show('q all p99', 2, 'ms')} | — | — | — |`,
  );
  L();
}

function etl(L: Out): void {
  L('## ETL');
  L();
  L('| Merge | Time | Rows/s | Peak RSS |');
  L('| --- | --- | --- | --- |');
  L(
    `| This project (lib/events, byte-level fast path) | ${show('etl ours s', 1, 's')} | ${show('etl ours rows/s')} | ${show('etl ours rss MB', 0, 'MB')} |`,
  );
  L(
    `| Before this work (papaparse parse + unparse, lib/ at ${REFERENCE_COMMIT.slice(0, 7)}) | ${showOr('etl v1', 'etl v1 s', 1, 's')} | ${show('etl v1 rows/s')} | ${show('etl v1 rss MB', 0, 'MB')} |`,
  );
  L(
    `| Original notebook's method (Python csv.reader → one list → csv.writer QUOTE_ALL) | ${show('etl python s', 1, 's')} | ${show('etl python rows/s')} | ${show('etl python rss MB', 0, 'MB')} |`,
  );
  L();
  L(
    `Rows read ${facts.get('etlRows') ?? '?'}, plays written ${facts.get('etlWritten') ?? '?'}. The merged file is ${facts.get('pyIdentical') ?? 'not compared'} to the Python method's output ` +
      `(\`lineterminator='\\n'\`, files in date order) and ${facts.get('v1Identical') ?? 'not compared'} to the papaparse version's. Times include process start (tsx compiles the TypeScript; about 0.5 s).`,
  );
  if (facts.get('equivalence')) L(`Equivalence check (bench/equivalence.ts): ${facts.get('equivalence')}.`);
  L();
}

function latency(L: Out, o: Options): void {
  L('## Question latency');
  L();
  L(
    `${fmtNum(o.queries)} questions, one at a time from one client, a third each, parameters from plays drawn from the load file; the node under no other load from the bench; after 300 warm-up questions.`,
  );
  L();
  L('| Question | p50 | p99 | Rows per answer |');
  L('| --- | --- | --- | --- |');
  L(
    `| 1. song in session (session_id, item_in_session) | ${show('q q1 p50', 2, 'ms')} | ${show('q q1 p99', 2, 'ms')} | ${show('q q1 rows', 1)} |`,
  );
  L(
    `| 2. session playlist (user_id, session_id) | ${show('q q2 p50', 2, 'ms')} | ${show('q q2 p99', 2, 'ms')} | ${show('q q2 rows', 1)} |`,
  );
  L(
    `| 3. listeners of a song (song) | ${show('q q3 p50', 2, 'ms')} | ${show('q q3 p99', 2, 'ms')} | ${show('q q3 rows', 1)} |`,
  );
  L(`| all | ${show('q all p50', 2, 'ms')} | ${show('q all p99', 2, 'ms')} | |`);
  L();
}

/** Question 3 four ways (the lesson's Part IV) on one node and on three: what one question reaches. */
function fanout(L: Out): void {
  const rows = facts.get('fanoutRows');
  if (!rows) return;
  L('## Question 3 four ways: one node and three (fan-out)');
  L();
  L(
    `The lesson's Part IV (lib/teach/ways) on the first ${facts.get('fanoutPlays')} plays, ${facts.get('fanoutQuestions')} questions per way one at a time after a warm-up: ` +
      'on the bench node (RF 1), then on three local nodes of one token each (RF 3, QUORUM). What one traced question reached, then p50 and p99. ' +
      'The three nodes share the same 2 cores, so only the shapes compare across the columns: a table or view stays one partition, an index asks every token range of the ring.',
  );
  L();
  L('| Way | One node | Three nodes, RF 3, QUORUM |');
  L('| --- | --- | --- |');
  L(rows);
  L();
}

function peers(L: Out): void {
  const thisRun = (key: string) => (unavailable.has(key) ? ` This run: ${unavailable.get(key)}.` : '');
  L('## Peers that could not run as the issue describes');
  L();
  L(
    '- **cqlsh**: the 5.0 binary distribution (which ships `bin/cqlsh` and `tools/bin/cassandra-stress`) is not on Maven Central (`org.apache.cassandra:apache-cassandra:5.0.6:tar.gz:bin` does not resolve; the newest bin tarball there is 3.11.5). cqlsh 6.2.2 from PyPI is used instead (bench/requirements.txt).',
  );
  L(
    `- **dsbulk**: \`com.datastax.oss:dsbulk-distribution\` (the tar.gz) is not on Maven Central, and neither are the 1.11.x modules; the ${DSBULK_VERSION} modules are (runner, load workflow, CSV connector, reactor executor and batcher, with their dependencies): the bench resolves them into one classpath and runs \`com.datastax.oss.dsbulk.runner.DataStaxBulkLoader\`.${thisRun('load dsbulk')}`,
  );
  L(
    `- **cassandra-stress**: not in cassandra-all's jars and no \`cassandra-stress\`/tools artifact is on Maven Central; the 3.11.5 bin tarball is, and its stress client talks to the 5.0.6 node over native protocol v4. It is the real tool, an older version, with a user profile whose rows look like ours.${thisRun('stress')}`,
  );
  L(
    "- **The notebook's Python load** is timed on a sample (one synchronous round trip per insert; the full load would take hours); its rate is per play, like ours.",
  );
  for (const [k, v] of unavailable) if (!['load dsbulk', 'stress'].includes(k)) L(`- ${k}: not run: ${v}`);
}

function runNotes(L: Out): void {
  if (notes.length) {
    L();
    L('## Notes from this run');
    L();
    for (const n of notes) L(`- ${n}`);
  }
  if (facts.get('sameBytes')) L(`- Generator: ${facts.get('sameBytes')}.`);
  L();
}

function reproduce(L: Out): void {
  L('## Reproduce');
  L();
  L(
    '`npm run bench` (full; about an hour here) or `npm run bench -- --smoke` (small data, one repetition). Options: `--events N --days D --users U --load-plays N --python-sample N --reps N --concurrency N --batch-rows N --queries N --stress-threads N --only gen,etl,load,python,cqlsh,dsbulk,stress,variants,queries,sustain --keep-node`. ' +
      'It needs Java 17 and Maven (lib/localnode), python3 with venv and pip, and writes under build/bench (data, merged files, the node, dsbulk and stress).',
  );
}

export function writeResults(o: Options, startedAt: number): void {
  const mins = (Date.now() - startedAt) / 60_000;
  const lines: string[] = [];
  const L: Out = (s = '') => lines.push(s);
  header(L, o, mins);
  summary(L, o);
  etl(L);
  loadResults(L, o);
  latency(L, o);
  fanout(L);
  peers(L);
  runNotes(L);
  reproduce(L);
  mkdirSync(resolve(o.results, '..'), { recursive: true });
  writeFileSync(o.results, lines.join('\n') + '\n');
  log(`wrote ${o.results} (${mins.toFixed(1)} min)`);
}

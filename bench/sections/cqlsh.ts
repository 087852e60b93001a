// cqlsh: cqlsh COPY FROM as a peer, per repetition, with its defaults and tuned. COPY FROM maps CSV
// columns to the listed table columns by position and cannot skip file columns, so the bench first
// writes one CSV per table from the load file (not counted in cqlsh's time).
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { quoteAllCsv } from '../../lib/etl/csv';
import { TABLES, rowValues } from '../../lib/model/tables';
import type { Bench, Loading, TableFile } from '../context';
import { facts, fmtNum, log, notes, record } from '../figures';
import { failed, run } from '../measure';
import { freshKeyspace } from '../node';
import { CQLSH } from '../venv';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';
import { readPlays } from '../../lib/etl/plays';

const VARIANTS: [string, string][] = [
  ['default', 'HEADER = TRUE'],
  ['tuned', 'HEADER = TRUE AND NUMPROCESSES = 2 AND CHUNKSIZE = 10000 AND INGESTRATE = 1000000'],
];

export function tableFiles(b: Bench): TableFile[] {
  return TABLES.map((t) => ({ table: t, file: join(b.o.work, `load-${b.o.loadPlays}-${t.name}.csv`) }));
}

/** Writes the per-table files from the load file when cqlsh will run and they are missing or older. */
export async function writeTableFiles(b: Bench, perTable: TableFile[]): Promise<void> {
  const { loadFile } = b.paths;
  if (!b.has('cqlsh') || b.venvProblem) return;
  if (!perTable.some((p) => !existsSync(p.file) || statSync(p.file).mtimeMs < statSync(loadFile).mtimeMs)) return;
  const t0 = Date.now();
  const writers = perTable.map((p) => createWriteStream(p.file));
  writers.forEach((w, i) => w.write(quoteAllCsv([perTable[i].table.columns.map((c) => c.name)])));
  for await (const batch of readPlays(loadFile)) {
    for (const [i, p] of perTable.entries()) {
      const rows = batch.plays.map(({ play }) => rowValues(p.table, play).map(String));
      if (!writers[i].write(quoteAllCsv(rows))) await new Promise<void>((r) => writers[i].once('drain', () => r()));
    }
  }
  await Promise.all(writers.map((w) => new Promise((r) => w.end(r))));
  facts.set('perTableSplit', `${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** One COPY FROM per table with `withOpts`; totals over the three. */
async function copyAll(l: Loading, r: number, name: string, withOpts: string) {
  const sum = { wall: 0, cpu: 0, node: 0, imported: 0 };
  for (const p of l.perTable) {
    const cols = p.table.columns.map((c) => c.name).join(', ');
    const t = await run(CQLSH, [
      l.host,
      '9042',
      '--request-timeout=60',
      '-e',
      `COPY bench_cqlsh.${p.table.name} (${cols}) FROM '${p.file}' WITH ${withOpts}`,
    ]);
    const m = /(\d+) rows imported/.exec(t.stdout + t.stderr);
    if (t.code !== 0 && !m) throw failed(`cqlsh COPY (${name})`, t);
    const timeouts = (t.stdout + t.stderr).match(/Failed to import \d+ rows: \w+/g) ?? [];
    if (timeouts.length)
      notes.push(
        `cqlsh COPY (${name}) run ${r}, ${p.table.name}: ${timeouts.length} batches failed and were retried (${[...new Set(timeouts.map((x) => x.split(': ')[1]))].join(', ')}); exit code ${t.code}.`,
      );
    sum.imported += m ? Number(m[1]) : 0;
    sum.wall += t.wallS;
    sum.cpu += t.cpuS ?? NaN;
    sum.node += t.nodeCpuS ?? NaN;
  }
  return sum;
}

export async function runCqlsh(l: Loading, r: number): Promise<void> {
  if (l.venvProblem) return;
  const plays = l.loadedPlays;
  for (const [name, withOpts] of VARIANTS) {
    log(`load ${r}/${l.o.reps}: cqlsh COPY FROM (${name}) …`);
    await freshKeyspace(l.client, 'bench_cqlsh');
    const { wall, cpu, node, imported } = await copyAll(l, r, name, withOpts);
    if (imported !== 3 * plays)
      notes.push(`cqlsh COPY (${name}) run ${r} imported ${fmtNum(imported)} rows, not ${fmtNum(3 * plays)}.`);
    record(`load cqlsh ${name} rows/s`, plays / wall);
    record(`load cqlsh ${name} inserts/s`, imported / wall);
    record(`load cqlsh ${name} client cores`, cpu / wall);
    record(`load cqlsh ${name} node cores`, node / wall);
    log(`  cqlsh ${name}: ${fmtNum(plays / wall)} plays/s (${fmtNum(imported / wall)} rows/s into the three tables)`);
    await l.client.execute(dropKeyspaceCql('bench_cqlsh'));
  }
}

// variants: what limits the loader, once each on a sample of the load file: concurrency with one
// INSERT per request, batch size × concurrency for the batched loader (lib/load loadTables both), and
// in a full run cassandra-stress with fewer and more threads.
import { join } from 'node:path';
import type { Loading } from '../context';
import { headLines } from '../files';
import { facts, fmtNum, log, record } from '../figures';
import { cores } from '../measure';
import { childLoad } from './load';
import { opRate, runStress } from './stress';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';

async function singleInserts(l: Loading, sampleFile: string, sample: number, conc: number): Promise<void> {
  log(`variants: loadTables batchRows 1 (one INSERT per request), concurrency ${conc}, ${fmtNum(sample)} plays …`);
  const { t, res } = await childLoad(
    l,
    sampleFile,
    'bench_variant',
    conc,
    1,
    `load (batchRows 1, concurrency ${conc})`,
  );
  record(`variant c${conc} rows/s`, res.rows / (res.ms / 1000));
  record(`variant c${conc} client cores`, cores(t.cpuS, t.wallS));
  record(`variant c${conc} node cores`, cores(t.nodeCpuS, t.wallS));
  record(`variant c${conc} retries`, res.retries);
  log(`  ${fmtNum(res.rows / (res.ms / 1000))} plays/s, retries ${res.retries}`);
}

async function packedBatches(l: Loading, sampleFile: string, conc: number, rows: number): Promise<void> {
  log(`variants: loadTables, UNLOGGED batches of ${rows} rows packed by replica and partition, concurrency ${conc} …`);
  const { t, res } = await childLoad(
    l,
    sampleFile,
    'bench_variant',
    conc,
    rows,
    `load (batchRows ${rows}, concurrency ${conc})`,
  );
  const k = `variant packed b${rows} c${conc}`;
  record(`${k} rows/s`, res.rows / (res.ms / 1000));
  record(`${k} client cores`, cores(t.cpuS, t.wallS));
  record(`${k} node cores`, cores(t.nodeCpuS, t.wallS));
  record(`${k} retries`, res.retries);
  record(`${k} requests/play`, res.requests / res.rows);
  log(`  ${fmtNum(res.rows / (res.ms / 1000))} plays/s, ${(res.requests / res.rows).toFixed(2)} requests per play`);
}

async function stressThreads(l: Loading, home: string, sample: number): Promise<void> {
  for (const threads of [32, 512]) {
    log(`variants: cassandra-stress with ${threads} threads …`);
    await l.client.execute(dropKeyspaceCql('bench_stress'));
    const { rate } = await runStress(home, 3 * sample, threads);
    if (rate) record(`variant stress t${threads} inserts/s`, opRate(rate));
  }
  await l.client.execute(dropKeyspaceCql('bench_stress'));
}

export async function runVariants(l: Loading): Promise<void> {
  const { o } = l;
  const sampleFile = join(o.work, `load-sample.csv`);
  const sample = Math.min(l.loadedPlays, o.smoke ? 5_000 : 200_000);
  await headLines(l.paths.loadFile, sampleFile, sample + 1);
  facts.set('variantSample', fmtNum(sample));
  for (const conc of o.smoke ? [16, 256] : [8, 32, 64, 256, 1024]) await singleInserts(l, sampleFile, sample, conc);
  const packed: [number, number][] = o.smoke
    ? [
        [64, 5],
        [64, 20],
      ]
    : [
        [16, 20],
        [64, 5],
        [64, 10],
        [64, 20],
        [64, 40],
        [256, 20],
      ];
  for (const [conc, rows] of packed) await packedBatches(l, sampleFile, conc, rows);
  await l.client.execute(dropKeyspaceCql('bench_variant'));
  if (l.has('stress') && l.stressHome && !o.smoke) await stressThreads(l, l.stressHome, sample);
}

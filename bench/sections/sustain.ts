// sustain: the sustained-load section: the whole merged file (every play of the generated events, not
// the load sample) in one load with loadTables, once; its rate and RSS per tenth (bench/sustain.ts).
import type { Loading } from '../context';
import { facts, fmtNum, log, record } from '../figures';
import { cores, failed, lastJson, runTsx } from '../measure';
import { freshKeyspace } from '../node';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';

type Tenth = { tenth: number; playsPerSecond: number; rssMB: number };

/** The table rows of the tenths, as RESULTS.md prints them. */
export function tenthRows(tenths: Tenth[]): string {
  return tenths.map((x) => `| ${x.tenth * 10} % | ${fmtNum(x.playsPerSecond)} | ${fmtNum(x.rssMB)} MB |`).join('\n');
}

export async function runSustain(l: Loading): Promise<void> {
  const { o } = l;
  log(`sustain: the whole merged file (${facts.get('etlWritten') ?? '?'} plays) with loadTables, once …`);
  await freshKeyspace(l.client, 'bench_sustain');
  const t = await runTsx(
    'sustain.ts',
    [l.paths.mergedOurs, l.host, 'bench_sustain', String(o.concurrency), String(o.batchRows)],
    { timeoutMs: 3 * 3600_000 },
  );
  if (t.code !== 0) throw failed('sustained load', t);
  const res = lastJson(t.stdout);
  record('sustain rows/s', res.rows / (res.ms / 1000));
  record('sustain slowest tenth', res.slowestTenth);
  record('sustain fastest tenth', res.fastestTenth);
  record('sustain rss first MB', res.rssFirstTenthMB);
  record('sustain rss last MB', res.rssLastTenthMB);
  record('sustain rss peak MB', t.rssKB ? t.rssKB / 1024 : res.peakRssMB);
  record('sustain retries', res.retries);
  record('sustain client cores', cores(t.cpuS, t.wallS));
  record('sustain node cores', cores(t.nodeCpuS, t.wallS));
  facts.set('sustainRows', fmtNum(res.rows));
  facts.set('sustainFailed', fmtNum(res.failed));
  facts.set(
    'sustainTransient',
    Object.entries(res.transient ?? {})
      .map(([k, v]) => `${k} ${fmtNum(Number(v))}`)
      .join(', '),
  );
  facts.set('sustainTenths', tenthRows(res.tenths as Tenth[]));
  log(
    `  ${fmtNum(res.rows)} plays in ${(res.ms / 1000).toFixed(0)} s = ${fmtNum(res.rows / (res.ms / 1000))} plays/s; tenths ${fmtNum(res.slowestTenth)}–${fmtNum(res.fastestTenth)} plays/s; RSS ${fmtNum(res.rssFirstTenthMB)} → ${fmtNum(res.rssLastTenthMB)} MB`,
  );
  await l.client.execute(dropKeyspaceCql('bench_sustain'));
}

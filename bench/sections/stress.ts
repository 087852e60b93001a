// stress: cassandra-stress as the insert ceiling, per repetition: user profile bench/stress/plays.yaml
// (rows like ours), --stress-threads threads. Not in cassandra-all's jars; the bench fetches the
// 3.11.5 bin tarball (build/bench/tools) and runs its stress client against the 5.0.6 node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Loading } from '../context';
import { fmtNum, log, record } from '../figures';
import { cores, failed, run, type Timed } from '../measure';
import { BENCH_HOST } from '../node';
import { ROOT } from '../options';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';

export const STRESS_VERSION = '3.11.5';

/**
 * cassandra-stress: not in cassandra-all's jars, and no `cassandra-stress` or 5.0 `apache-cassandra`
 * bin tarball is on Maven Central. The newest bin tarball there is 3.11.5's, whose tools/bin/cassandra-stress
 * speaks the native protocol v4 that a 5.0 node still serves; it runs on Java 17 as a client.
 */
export async function ensureStress(dir: string): Promise<{ home?: string; why?: string }> {
  const home = join(dir, `apache-cassandra-${STRESS_VERSION}`);
  if (existsSync(join(home, 'tools', 'lib', 'stress.jar'))) return { home };
  if (spawnSync('mvn', ['--version']).status !== 0) return { why: 'Maven (mvn) is not installed' };
  mkdirSync(dir, { recursive: true });
  log(`fetching apache-cassandra ${STRESS_VERSION} (bin tarball, for tools/bin/cassandra-stress) from Maven Central …`);
  const r = await run(
    'mvn',
    [
      '-q',
      '-B',
      'dependency:copy',
      `-Dartifact=org.apache.cassandra:apache-cassandra:${STRESS_VERSION}:tar.gz:bin`,
      `-DoutputDirectory=${dir}`,
    ],
    { cwd: dir, timeoutMs: 15 * 60_000 },
  );
  const tar = join(dir, `apache-cassandra-${STRESS_VERSION}-bin.tar.gz`);
  if (r.code !== 0 || !existsSync(tar))
    return { why: `mvn could not fetch org.apache.cassandra:apache-cassandra:${STRESS_VERSION}:tar.gz:bin` };
  const x = await run('tar', ['xzf', tar, '-C', dir]);
  if (x.code !== 0) return { why: `could not unpack ${tar}` };
  rmSync(tar, { force: true });
  return { home };
}

/** n inserts with the plays profile and `threads` threads; the op rate it printed, if any. */
export async function runStress(home: string, n: number, threads: number): Promise<{ t: Timed; rate?: string }> {
  const cp = ['conf', 'tools/lib/*', 'lib/*'].map((p) => join(home, p)).join(':');
  const t = await run(
    'java',
    [
      '-server',
      '-Xmx1G',
      '-cp',
      cp,
      `-Dcassandra.storagedir=${join(home, 'data')}`,
      '-Dlogback.configurationFile=logback-tools.xml',
      'org.apache.cassandra.stress.Stress',
      'user',
      `profile=${join(ROOT, 'bench', 'stress', 'plays.yaml')}`,
      'ops(insert=1)',
      `n=${n}`,
      '-node',
      BENCH_HOST,
      '-rate',
      `threads=${threads}`,
      '-mode',
      'native',
      'cql3',
      'protocolVersion=4',
      '-errors',
      'ignore',
    ],
    { cwd: home },
  );
  return { t, rate: /Op rate\s*:\s*([\d,]+) op\/s/.exec(t.stdout)?.[1] };
}

/** "12,345" as printed by cassandra-stress → 12345. */
export const opRate = (rate: string) => Number(rate.replace(/,/g, ''));

export async function runStressSection(l: Loading, r: number): Promise<void> {
  if (!l.stressHome) return;
  const n = Math.min(3 * l.loadedPlays, l.o.smoke ? 20_000 : 600_000);
  log(
    `load ${r}/${l.o.reps}: cassandra-stress ${STRESS_VERSION} (user profile bench/stress/plays.yaml, ${fmtNum(n)} inserts, ${l.o.stressThreads} threads) …`,
  );
  await l.client.execute(dropKeyspaceCql('bench_stress'));
  const { t, rate } = await runStress(l.stressHome, n, l.o.stressThreads);
  if (t.code !== 0) throw failed('cassandra-stress', t);
  if (!rate) throw new Error(`cassandra-stress printed no op rate:\n${t.stdout.slice(-1500)}`);
  record('stress inserts/s', opRate(rate));
  record('stress client cores', cores(t.cpuS, t.wallS));
  record('stress node cores', cores(t.nodeCpuS, t.wallS));
  log(`  stress: ${rate} inserts/s`);
  await l.client.execute(dropKeyspaceCql('bench_stress'));
}

// dsbulk: DataStax Bulk Loader as a peer, per repetition: its load workflow with defaults, one run per
// table on the merged file with a header mapping (JVM start included). Its binary distribution is not
// on Maven Central, so the bench resolves the 1.10.0 modules into one classpath (build/bench/tools).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../../lib/model/tables';
import type { Loading } from '../context';
import { countsText, facts, fmtNum, log, notes, record } from '../figures';
import { failed, run } from '../measure';
import { countRows, freshKeyspace } from '../node';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';

export const DSBULK_VERSION = '1.10.0';
const MODULES = [
  'dsbulk-runner',
  'dsbulk-workflow-load',
  'dsbulk-connectors-csv',
  'dsbulk-executor-reactor',
  'dsbulk-batcher-reactor',
];

function pom(): string {
  const deps = MODULES.map(
    (a) =>
      `<dependency><groupId>com.datastax.oss</groupId><artifactId>${a}</artifactId><version>${DSBULK_VERSION}</version></dependency>`,
  ).join('\n    ');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>sparkify.bench</groupId><artifactId>dsbulk-classpath</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    ${deps}
  </dependencies>
</project>
`;
}

/**
 * dsbulk from Maven Central: its binary distribution (`dsbulk-distribution` tar.gz) is not there, nor
 * are the 1.11 modules; the 1.10.0 modules are, so the runner, the load workflow, the CSV connector and
 * their dependencies are resolved into one classpath. Returns the lib folder, or the reason it failed.
 */
export async function ensureDsbulk(dir: string): Promise<{ lib?: string; why?: string }> {
  const lib = join(dir, 'lib');
  if (existsSync(join(lib, `dsbulk-runner-${DSBULK_VERSION}.jar`))) return { lib };
  if (spawnSync('mvn', ['--version']).status !== 0) return { why: 'Maven (mvn) is not installed' };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), pom());
  log(`resolving dsbulk ${DSBULK_VERSION} from Maven Central …`);
  const r = await run(
    'mvn',
    ['-q', '-B', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'],
    { cwd: dir, timeoutMs: 15 * 60_000 },
  );
  if (r.code !== 0)
    return {
      why: `mvn could not resolve the dsbulk ${DSBULK_VERSION} modules: ${r.stdout.split('\n').find((l) => l.includes('ERROR')) ?? r.stderr.slice(-300)}`,
    };
  return { lib };
}

export async function runDsbulk(l: Loading, r: number): Promise<void> {
  if (!l.dsbulkLib) return;
  log(`load ${r}/${l.o.reps}: dsbulk ${DSBULK_VERSION} (one run per table, mapping the merged file's header) …`);
  await freshKeyspace(l.client, 'bench_dsbulk');
  let wall = 0;
  let cpu = 0;
  let node = 0;
  for (const t of TABLES) {
    const mapping = t.columns.map((c) => `${c.from}=${c.name}`).join(', ');
    const res = await run('java', [
      '-Xmx1G',
      '-cp',
      `${l.dsbulkLib}/*`,
      'com.datastax.oss.dsbulk.runner.DataStaxBulkLoader',
      'load',
      '-url',
      l.paths.loadFile,
      '-k',
      'bench_dsbulk',
      '-t',
      t.name,
      '-header',
      'true',
      '-m',
      mapping,
      '-h',
      l.host,
      '-port',
      '9042',
      '-logDir',
      join(l.o.work, 'dsbulk-logs'),
      '--log.verbosity',
      '1',
    ]);
    if (res.code !== 0) throw failed(`dsbulk (${t.name})`, res);
    const errs = /total \| failed[^\n]*\n\s*([\d,]+) \|\s*([\d,]+)/.exec(res.stdout);
    if (errs && Number(errs[2].replace(/,/g, '')) > 0)
      notes.push(`dsbulk run ${r} (${t.name}) reported ${errs[2]} failed rows.`);
    wall += res.wallS;
    cpu += res.cpuS ?? NaN;
    node += res.nodeCpuS ?? NaN;
  }
  const plays = l.loadedPlays;
  record('load dsbulk rows/s', plays / wall);
  record('load dsbulk inserts/s', (3 * plays) / wall);
  record('load dsbulk client cores', cpu / wall);
  record('load dsbulk node cores', node / wall);
  log(`  dsbulk: ${fmtNum(plays / wall)} plays/s (${fmtNum((3 * plays) / wall)} inserts/s, JVM start included)`);
  if (r === 1) facts.set('dsbulkCounts', countsText(await countRows(l.client, 'bench_dsbulk')));
  await l.client.execute(dropKeyspaceCql('bench_dsbulk'));
}

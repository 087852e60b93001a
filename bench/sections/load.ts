// load: the load section, per repetition: our loader (lib/load loadTables, UNLOGGED batches packed by
// replica and partition) into a fresh keyspace, then the questions on what it loaded (`queries`), then
// the same loader with one INSERT per request (batchRows 1, the previous loader), each in its own
// process (bench/child.ts); plays/s, inserts/s, client and node CPU, peak RSS, requests per play. After
// our load, `verify` reads the tables back and reconciles them with the file: rows/s and peak RSS. Then
// the same plays via SSTables (loadTables via 'sstables': CQLSSTableWriter, nodetool import), end to end,
// its phases apart, and verified.
import type { Loading } from '../context';
import { countsText, facts, fmtNum, log, notes, record } from '../figures';
import { cores, failed, lastJson, runTsx, type Timed } from '../measure';
import { countRows, freshKeyspace, benchNodeOptions } from '../node';
import { runQueries } from './queries';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';

/** What bench/child.ts `load` prints. */
export interface LoadResult {
  rows: number;
  ms: number;
  failed: number;
  retries: number;
  requests: number;
  loadBalancing?: string;
  sstables?: { handover: string; writeMs: number; handoverMs: number; bytes: number };
}

/** loadTables on `file` into a fresh `keyspace`, in its own process; throws when it fails. */
export async function childLoad(
  l: Loading,
  file: string,
  keyspace: string,
  concurrency: number,
  batchRows: number,
  what: string,
  via: string[] = [],
): Promise<{ t: Timed; res: LoadResult }> {
  await freshKeyspace(l.client, keyspace);
  const t = await runTsx('child.ts', [
    'load',
    file,
    l.host,
    keyspace,
    String(concurrency),
    String(batchRows),
    '',
    ...via,
  ]);
  if (t.code !== 0) throw failed(what, t);
  return { t, res: lastJson(t.stdout) as LoadResult };
}

/** The figures both of our loads record, under `load <key> …`. */
function recordLoad(key: string, t: Timed, res: LoadResult): void {
  record(`load ${key} rows/s`, res.rows / (res.ms / 1000));
  record(`load ${key} inserts/s`, (3 * res.rows) / (res.ms / 1000));
  record(`load ${key} client cores`, cores(t.cpuS, t.wallS));
  record(`load ${key} node cores`, cores(t.nodeCpuS, t.wallS));
  record(`load ${key} machine busy %`, t.machineBusy !== undefined ? 100 * t.machineBusy : undefined);
  record(`load ${key} rss MB`, t.rssKB && t.rssKB / 1024);
  record(`load ${key} requests/play`, res.requests / res.rows);
}

const coresText = (cpuS: number | undefined, wallS: number) => (cpuS !== undefined ? (cpuS / wallS).toFixed(2) : '?');

async function loadOurs(l: Loading, r: number): Promise<void> {
  const { o } = l;
  log(
    `load ${r}/${o.reps}: ours (lib/load loadTables, UNLOGGED batches of ${o.batchRows} rows packed by replica and partition, concurrency ${o.concurrency}) …`,
  );
  const { t, res } = await childLoad(l, l.paths.loadFile, 'bench_ours', o.concurrency, o.batchRows, 'load (ours)');
  if (res.failed) notes.push(`Our load ${r} reported ${res.failed} failed inserts.`);
  recordLoad('ours', t, res);
  record('load ours s', res.ms / 1000);
  record('load ours retries', res.retries);
  facts.set('loadBalancing', String(res.loadBalancing));
  log(
    `  ours: ${fmtNum(res.rows)} plays in ${(res.ms / 1000).toFixed(1)} s = ${fmtNum(res.rows / (res.ms / 1000))} plays/s (${fmtNum((3 * res.rows) / (res.ms / 1000))} inserts/s, ${(res.requests / res.rows).toFixed(2)} requests per play); client ${coresText(t.cpuS, t.wallS)} cores, node ${coresText(t.nodeCpuS, t.wallS)} cores, machine ${t.machineBusy !== undefined ? (100 * t.machineBusy).toFixed(0) : '?'} % busy`,
  );
  if (r === 1) facts.set('oursCounts', countsText(await countRows(l.client, 'bench_ours')));
  await verifyOurs(l, r);
  if (l.has('queries')) await runQueries(l, 'bench_ours', r);
  await l.client.execute(dropKeyspaceCql('bench_ours'));
}

/** What bench/child.ts `verify` prints. */
interface VerifyResult {
  plays: number;
  rows: number;
  ranges: number;
  ok: boolean;
  bad: string[];
  ms: number;
}

/** `sparkify verify` of what our loader just loaded, in its own process: rows/s read back and reconciled, peak RSS. */
async function verifyOurs(l: Loading, r: number, keyspace = 'bench_ours'): Promise<void> {
  log(
    `verify ${r}/${l.o.reps}: the three tables of ${keyspace} read back by token range and reconciled with the file …`,
  );
  const t = await runTsx('child.ts', ['verify', l.paths.loadFile, l.host, keyspace]);
  if (t.code !== 0) throw failed('verify', t);
  const res = lastJson(t.stdout) as VerifyResult;
  if (!res.ok) notes.push(`verify ${r} found differences after the load into ${keyspace}: ${res.bad.join('; ')}.`);
  if (keyspace !== 'bench_ours') {
    facts.set(
      'sstablesVerified',
      res.ok ? 'verify: every row as the file implies' : `verify: DIFFERENCES (${res.bad.join('; ')})`,
    );
    return;
  }
  record('verify plays/s', res.plays / (res.ms / 1000));
  record('verify rows/s', res.rows / (res.ms / 1000));
  record('verify client cores', cores(t.cpuS, t.wallS));
  record('verify rss MB', t.rssKB && t.rssKB / 1024);
  facts.set('verifyRanges', String(res.ranges));
  log(
    `  verify: ${fmtNum(res.rows)} rows of ${fmtNum(res.plays)} plays in ${(res.ms / 1000).toFixed(1)} s = ${fmtNum(res.rows / (res.ms / 1000))} rows/s, ${res.ranges} ranges, ${res.ok ? 'nothing missing or different' : 'DIFFERENCES'}; peak RSS ${t.rssKB ? fmtNum(t.rssKB / 1024) : '?'} MB`,
  );
}

async function loadSingle(l: Loading, r: number): Promise<void> {
  const { o } = l;
  log(
    `load ${r}/${o.reps}: one INSERT per request (loadTables batchRows 1, the previous loader), concurrency ${o.concurrency} …`,
  );
  const { t, res } = await childLoad(l, l.paths.loadFile, 'bench_ours', o.concurrency, 1, 'load (batchRows 1)');
  if (res.failed) notes.push(`The batchRows 1 load ${r} reported ${res.failed} failed rows.`);
  recordLoad('single', t, res);
  log(
    `  one INSERT per request: ${fmtNum(res.rows / (res.ms / 1000))} plays/s; client ${coresText(t.cpuS, t.wallS)} cores, node ${coresText(t.nodeCpuS, t.wallS)} cores`,
  );
  if (r === 1) facts.set('singleCounts', countsText(await countRows(l.client, 'bench_ours')));
  await l.client.execute(dropKeyspaceCql('bench_ours'));
}

/** The same plays via SSTables, end to end (write, then nodetool import into the bench node), then verified. */
async function loadSSTables(l: Loading, r: number): Promise<void> {
  const { o } = l;
  log(`load ${r}/${o.reps}: via SSTables (CQLSSTableWriter in sorted mode, then nodetool import) …`);
  const jmx = String(benchNodeOptions(o).jmxPort);
  const { t, res } = await childLoad(
    l,
    l.paths.loadFile,
    'bench_sstables',
    o.concurrency,
    o.batchRows,
    'load (sstables)',
    ['sstables', jmx],
  );
  if (res.failed) notes.push(`The load via SSTables ${r} reported ${res.failed} failed rows.`);
  recordLoad('sstables', t, res);
  const s = res.sstables!;
  record('load sstables write s', s.writeMs / 1000);
  record('load sstables handover s', s.handoverMs / 1000);
  record('load sstables MB', s.bytes / 1e6);
  facts.set('sstablesHandover', s.handover);
  log(
    `  via SSTables: ${fmtNum(res.rows / (res.ms / 1000))} plays/s (write ${(s.writeMs / 1000).toFixed(1)} s, ${s.handover} ${(s.handoverMs / 1000).toFixed(1)} s, ${fmtNum(s.bytes / 1e6)} MB); client ${coresText(t.cpuS, t.wallS)} cores (writer JVM included), node ${coresText(t.nodeCpuS, t.wallS)} cores`,
  );
  await verifyOurs(l, r, 'bench_sstables');
  await l.client.execute(dropKeyspaceCql('bench_sstables'));
}

/** The section in repetition r (also run for `queries` alone, which needs what it loads). */
export async function runLoad(l: Loading, r: number): Promise<void> {
  await loadOurs(l, r);
  await loadSingle(l, r);
  if (l.has('load')) await loadSSTables(l, r);
}

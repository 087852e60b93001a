// python: the notebook's load method as a peer, per repetition: the Python driver, synchronous and
// unprepared, one execute per row and table (bench/python/load_original.py), on a sample of the load
// file (a full load would take hours); its rate is per play, like ours.
import { join } from 'node:path';
import type { Loading } from '../context';
import { facts, fmtNum, log, record } from '../figures';
import { cores, failed, lastJson, run } from '../measure';
import { freshKeyspace } from '../node';
import { ROOT } from '../options';
import { PY } from '../venv';
import { dropKeyspaceCql } from '../../lib/cassandra/keyspace';

export async function runPython(l: Loading, r: number): Promise<void> {
  if (l.venvProblem) return;
  const sample = Math.min(l.o.pythonSample, l.loadedPlays);
  log(
    `load ${r}/${l.o.reps}: the notebook's Python method (sync, unprepared, one execute per row and table) on ${fmtNum(sample)} plays …`,
  );
  await freshKeyspace(l.client, 'bench_python');
  const t = await run(PY, [
    join(ROOT, 'bench', 'python', 'load_original.py'),
    l.host,
    '9042',
    'bench_python',
    l.paths.loadFile,
    String(sample),
  ]);
  if (t.code !== 0) throw failed('load (Python)', t);
  const res = lastJson(t.stdout);
  record('load python rows/s', res.rows / res.seconds);
  record('load python inserts/s', res.insertsPerSecond);
  record('load python client cores', cores(t.cpuS, t.wallS));
  record('load python node cores', cores(t.nodeCpuS, t.wallS));
  facts.set('pythonSample', fmtNum(sample));
  log(`  Python: ${fmtNum(res.rows / res.seconds)} plays/s (${fmtNum(res.insertsPerSecond)} inserts/s)`);
  await l.client.execute(dropKeyspaceCql('bench_python'));
}

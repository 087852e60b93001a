// write: the merged file's plays written as SSTables by the Java writer — in two passes so that memory
// stays flat whatever the file's size: each table's rows cut by token range into files (lib/verify's
// buckets), then range by range, sorted in partition order (order.ts), streamed into one writer process
// (a sorted CQLSSTableWriter per table, each on its own thread). Node waits for the writer's stdin to
// drain before it sends more. Counts rows written per table and reports rows it could not write (line).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { ChildProcess } from 'child_process';
import { once } from 'events';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import type { Client } from 'cassandra-driver';
import type { TableSpec } from '../../model/tables';
import { bucketFile } from '../../verify/expected';
import { bucketRows, sortedRange } from './order';
import type { CassandraTools } from '../../dev/localnode/tools';
import type { LoadTally } from '../progress';
import { parseWriterLine, writerSpec } from './protocol';

/** Where the SSTables of a work folder are, by keyspace and table (what the handover is given). */
export const sstablesIn = (root: string): string => path.join(root, 'sstables');

/** The Java source of the writer, kept beside this file (compiled on first use). */
export const WRITER_SOURCE = path.join(__dirname, 'SSTableWriter.java');

export interface WriteRequest {
  file: string;
  keyspace: string;
  tables: readonly TableSpec[];
  /** The work folder: range files in `ranges/`, the SSTables in `sstablesIn(root)`/<keyspace>/<table>/. */
  root: string;
  /** Token ranges the rows are cut into (one is sorted in memory at a time). Default: about 4 MiB of file each. */
  ranges?: number;
  /** The writer's heap. Default 512m (the sorted writer holds one partition at a time). */
  heap?: string;
  onRead?: () => void;
}

/** Rows written to SSTables per table; failures and plays read go to `tally`. */
export async function writeSSTables(
  tools: CassandraTools,
  client: Client,
  request: WriteRequest,
  tally: LoadTally,
): Promise<Record<string, number>> {
  const classes = await tools.compile(WRITER_SOURCE);
  const ranges = request.ranges ?? Math.max(16, Math.ceil(fs.statSync(request.file).size / (4 << 20)));
  const buckets = path.join(request.root, 'ranges');
  const bucketed = await bucketRows(client, request.file, request.tables, buckets, ranges, (bad) =>
    tally.fail({ line: bad.line, table: '(file)', message: bad.problem }),
  );
  tally.rowsRead = bucketed.plays;
  for (const t of request.tables)
    for (let k = 0; k < bucketed.unroutable[t.name]; k++)
      tally.fail({ line: 0, table: t.name, message: 'a partition key value does not fit its column type' });
  request.onRead?.();
  const specFile = path.join(request.root, 'writer-spec.json');
  const spec = writerSpec(request.tables, request.keyspace, sstablesIn(request.root));
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const child = await tools.spawnJava('SSTableWriter', [specFile], {
    classes: [classes],
    heap: request.heap ?? '512m',
  });
  const written = collectOutput(child, request.tables, tally);
  const errors = stderrOf(child);
  const exited = exitOf(child);
  try {
    await sendRanges(child, exited, request, buckets, ranges);
  } catch (e) {
    // EPIPE: the writer stopped taking rows; its exit code and standard error below say why
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') {
      child.kill('SIGKILL');
      await exited.catch(() => undefined);
      throw e;
    }
  }
  const [counts, stderr, code] = [await written, await errors, await exited];
  if (code !== 0) throw new Error(`The SSTable writer stopped (exit ${code}): ${writerError(stderr)}`);
  return counts;
}

/** Range by range, each table's rows in partition order into the writer's stdin, waiting when it is full. */
async function sendRanges(
  child: ChildProcess,
  exited: Promise<unknown>,
  request: WriteRequest,
  buckets: string,
  ranges: number,
): Promise<void> {
  const stdin = child.stdin!;
  let ended = false;
  void exited.then(() => (ended = true));
  stdin.on('error', () => (ended = true));
  for (let r = 0; r < ranges && !ended; r++) {
    for (const t of request.tables) {
      const file = bucketFile(buckets, t.name, r);
      const text = sortedRange(file);
      fs.rmSync(file, { force: true });
      if (text && !stdin.write(text)) await Promise.race([once(stdin, 'drain'), exited]);
      if (ended) break;
    }
    request.onRead?.();
  }
  stdin.end();
}

/** The writer's stdout: failures into the tally as they come, and the rows written per table at the end. */
async function collectOutput(
  child: ChildProcess,
  tables: readonly TableSpec[],
  tally: LoadTally,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  for await (const text of readline.createInterface({ input: child.stdout! })) {
    const out = parseWriterLine(text);
    if (out.kind === 'fail') tally.fail({ line: out.line, table: tables[out.table].name, message: out.message });
    else if (out.kind === 'done') counts[tables[out.table].name] = out.written;
  }
  return counts;
}

/** The writer's own message from its standard error: the lines before the Java stack trace. */
function writerError(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() && !/^\s+at |^\s*\.\.\. \d+ more|^Caused by:/.test(l));
  return lines.slice(0, 3).join('\n') || '(nothing on standard error)';
}

async function stderrOf(child: ChildProcess): Promise<string> {
  let text = '';
  for await (const b of child.stderr!) text = (text + String(b)).slice(-20_000);
  return text;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

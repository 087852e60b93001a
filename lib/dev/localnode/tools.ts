// tools: Java programs run from the project's cached Cassandra jars, beside the nodes — Cassandra's own
// tools (nodetool, sstableloader's BulkLoader) and small programs of the project's own (the SSTable writer
// of `load --via sstables`), compiled with javac against the jars on first use and again only when their
// source changes. Each runs with Cassandra's JVM module flags and a quiet log config, as nodetool does.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installCassandra } from './install';
import { javaCommand } from './java';
import { JVM_MODULE_FLAGS } from './jvm';
import { localNodetool, toolsLogback, type Nodetool } from './nodetool';
import { resolveOptions } from './options';
import type { LocalClusterOptions } from './types';

export interface JavaRun {
  /** Folders of compiled classes put before the jars on the class path. */
  classes?: string[];
  /** The JVM's heap (-Xmx). Default 512m. */
  heap?: string;
}

/** What `load --via sstables` needs from the JVM side; made from the local node's options at the edge. */
export interface CassandraTools {
  /** Starts a Java main class from the jars (stdin, stdout and stderr piped). */
  spawnJava(mainClass: string, args: readonly string[], run?: JavaRun): Promise<ChildProcess>;
  /** Runs a Java main class to its end: its output, or an error with its last lines. */
  runJava(mainClass: string, args: readonly string[], run?: JavaRun): Promise<string>;
  /** Compiles one Java source file against the jars (cached by the source's content); returns the classes folder. */
  compile(source: string): Promise<string>;
  /** nodetool against local node `index` (0-based) of these options. */
  nodetool(index?: number): Nodetool;
}

const tail = (text: string, lines = 8) => text.trim().split('\n').slice(-lines).join('\n');

export function cassandraTools(opts: LocalClusterOptions = {}): CassandraTools {
  const r = resolveOptions(opts);
  const java = javaCommand(r.javaHome);
  const argv = async (mainClass: string, args: readonly string[], run: JavaRun = {}) => {
    const lib = await installCassandra(opts);
    const cp = [...(run.classes ?? []), `${lib}${path.sep}*`].join(path.delimiter);
    return [
      `-Xmx${run.heap ?? '512m'}`,
      ...JVM_MODULE_FLAGS,
      `-Dlogback.configurationFile=${toolsLogback(lib)}`,
      '-cp',
      cp,
      mainClass,
      ...args,
    ];
  };
  return {
    async spawnJava(mainClass, args, run) {
      return spawn(java, await argv(mainClass, args, run), { stdio: ['pipe', 'pipe', 'pipe'] });
    },
    async runJava(mainClass, args, run) {
      const full = await argv(mainClass, args, run);
      return new Promise<string>((resolve, reject) => {
        execFile(java, full, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
          if (!err) return resolve(stdout);
          reject(new Error(`${mainClass} failed (${err.message.split('\n')[0]}):\n${tail(`${stderr}\n${stdout}`)}`));
        });
      });
    },
    async compile(source) {
      const lib = await installCassandra(opts);
      const text = fs.readFileSync(source);
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
      const out = path.join(path.dirname(lib), 'classes', `${path.basename(source, '.java')}-${hash}`);
      if (fs.existsSync(path.join(out, '.complete'))) return out;
      const partial = `${out}.partial-${process.pid}`;
      fs.rmSync(partial, { recursive: true, force: true });
      fs.mkdirSync(partial, { recursive: true });
      const javac = java.replace(/java(\.exe)?$/, 'javac$1');
      await new Promise<void>((resolve, reject) => {
        execFile(javac, ['-nowarn', '-cp', `${lib}${path.sep}*`, '-d', partial, source], (err, stdout, stderr) => {
          if (!err) return resolve();
          reject(
            new Error(
              `javac could not compile ${source} (a JDK 17 is needed, not only a JRE): ${tail(`${stderr}${stdout}`) || err.message}`,
            ),
          );
        });
      });
      fs.writeFileSync(path.join(partial, '.complete'), '');
      fs.rmSync(out, { recursive: true, force: true });
      fs.renameSync(partial, out);
      return out;
    },
    nodetool: (index = 0) => localNodetool(opts, index),
  };
}

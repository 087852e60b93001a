// nodetool: Cassandra's own nodetool, run from the project's jars against a local node's JMX port
// (127.0.0.1 only, as the nodes bind it). The lesson uses it for what CQL cannot do: flush memtables so
// SSTables are on disk, and `tablestats` for the space a table, a legacy index's table or a view uses.
// Runs `java … org.apache.cassandra.tools.NodeTool` with Cassandra's module flags and a quiet log config;
// about a second or two of JVM start per call.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installCassandra } from './install';
import { javaCommand } from './java';
import { JVM_MODULE_FLAGS } from './jvm';
import { resolveOptions } from './options';
import type { LocalClusterOptions } from './types';

/** Runs nodetool with some arguments and returns what it printed. */
export type Nodetool = (args: readonly string[]) => Promise<string>;

const QUIET_LOGBACK = `<configuration><root level="WARN"/></configuration>\n`;

/** A quiet logback config for the tools, written once next to the jars. */
export function toolsLogback(libDir: string): string {
  const file = path.join(path.dirname(libDir), 'logback-tools.xml');
  if (!fs.existsSync(file)) fs.writeFileSync(file, QUIET_LOGBACK);
  return file;
}

/**
 * A nodetool for node `index` (0-based) of the local cluster these options describe (JMX port = jmxPort +
 * index, CASSANDRA_JMX_PORT or 7199 by default). Fails with nodetool's own last lines when it exits non-zero.
 */
export function localNodetool(opts: LocalClusterOptions = {}, index = 0): Nodetool {
  const r = resolveOptions(opts);
  return async (args) => {
    const lib = await installCassandra(opts);
    const argv = [
      '-Xmx256m',
      '-Xss256k',
      ...JVM_MODULE_FLAGS,
      `-Dlogback.configurationFile=${toolsLogback(lib)}`,
      '-cp',
      `${lib}${path.sep}*`,
      'org.apache.cassandra.tools.NodeTool',
      '-h',
      '127.0.0.1',
      '-p',
      String(r.jmxPort + index),
      ...args,
    ];
    return new Promise<string>((resolve, reject) => {
      execFile(javaCommand(r.javaHome), argv, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        // nodetool's own message ("error: …") over the Java stack trace that follows it
        const tail = `${stderr}${stdout}`
          .split('\n')
          .filter((l) => l.trim() && !/^\s+at |^-- StackTrace --|^\s*\.\.\. \d+ more/.test(l))
          .slice(0, 5)
          .join('\n');
        reject(new Error(`nodetool ${args.join(' ')} failed on JMX port ${r.jmxPort + index}: ${tail || err.message}`));
      });
    });
  };
}

// scripts/prereqs.ts: what `npm test` needs on this machine besides node_modules, set up before the
// tests run (npm's `pretest`): Java and Maven for the local Cassandra, the Cassandra jars themselves,
// Debian's Chromium for the browser test, and the Python/Jupyter side with the tslab kernel. Installs
// system packages with apt-get when running as root; otherwise says exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { installCassandra } from '../lib/dev/localnode/install';
import { ensureJupyter } from './jupyter/venv';
import { formatSeconds } from '../lib/show/format';

const log = (line: string) => process.stderr.write(`[prereqs] ${line}\n`);

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let aptUpdated = false;
function aptInstall(what: string, packages: string[]): void {
  const root = process.getuid?.() === 0;
  if (!root || !has('apt-get')) {
    throw new Error(
      `${what} is missing: install it (on Debian: sudo apt-get install -y ${packages.join(' ')}) and run again.`,
    );
  }
  const run = (args: string[]) => {
    const r = spawnSync('apt-get', args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
  };
  log(`${what} is missing: installing ${packages.join(' ')} with apt-get …`);
  if (!aptUpdated) {
    run(['update', '-qq']);
    aptUpdated = true;
  }
  run(['install', '-y', '-qq', ...packages]);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  // a JDK, not only a JRE: javac compiles the SSTable writer of `load --via sstables` (lib/load/sstables)
  if (!process.env.JAVA_HOME && !(has('java') && has('javac')))
    aptInstall('a Java 17 JDK (java runs the nodes, javac the SSTable writer)', ['openjdk-17-jdk-headless']);
  if (!has('mvn')) aptInstall('Maven', ['maven']);
  if (!existsSync('/usr/bin/chromium')) aptInstall("Debian's Chromium (for the browser test)", ['chromium']);
  const lib = await installCassandra({ log });
  log(`Cassandra jars: ${lib}`);
  const venv = await ensureJupyter({ log });
  log(`Jupyter: ${venv.jupyter} with the tslab kernel`);
  log(`ready in ${formatSeconds(Date.now() - t0)}`);
}

main().catch((err) => {
  process.stderr.write(`\nprereqs: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

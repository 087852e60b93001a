// scripts/jupyter.ts: the entry point of the Python/Jupyter side of the notebook (`npm run lab`,
// `npm run notebook`, `npm run jupyter:setup`). Dispatches to scripts/jupyter/: the project-local
// virtualenv `.venv/` refreshed from the pinned requirements.txt (venv.ts), the tslab kernelspec inside it
// (kernel.ts), headless execution into build/ (execute.ts), JupyterLab (lab.ts), and making sure a
// Cassandra node answers first (cassandra.ts). The tests in test/notebook/ import those files directly.
//
//   tsx scripts/jupyter.ts setup      the venv and the kernelspec only
//   tsx scripts/jupyter.ts notebook   execute the notebook headless → build/*.ipynb and build/*.html
//   tsx scripts/jupyter.ts lab [...]  open JupyterLab on the notebook (extra args go to `jupyter lab`)
import * as path from 'node:path';
import { SetupError } from '../lib/errors';
import { ensureCassandra } from './jupyter/cassandra';
import { describeFailure, executeNotebook } from './jupyter/execute';
import { runLab } from './jupyter/lab';
import { NOTEBOOK_NAME } from './jupyter/paths';
import { defaultLog, type Log } from './jupyter/run';
import { ensureJupyter } from './jupyter/venv';
import { formatSeconds } from '../lib/show/format';

async function setup(log: Log): Promise<number> {
  const p = await ensureJupyter({ log });
  log(`Ready: ${p.venv} with the tslab kernelspec in ${p.kernelDir}.`);
  return 0;
}

async function notebook(log: Log): Promise<number> {
  await ensureJupyter({ log });
  await ensureCassandra(log);
  log(`Executing ${NOTEBOOK_NAME} headless …`);
  const r = await executeNotebook({ log });
  const rel = (f: string) => path.relative(process.cwd(), f);
  if (r.failed) throw new SetupError(describeFailure(r.failed, rel(r.notebook)));
  log(`Executed ${r.ran} code cells in ${formatSeconds(r.ms)}: ${rel(r.notebook)} and ${rel(r.html)}.`);
  return 0;
}

async function lab(args: string[], log: Log): Promise<number> {
  const p = await ensureJupyter({ log });
  await ensureCassandra(log);
  return runLab(p.jupyter, args, log);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const log = defaultLog;
  switch (command) {
    case 'setup':
      return setup(log);
    case 'notebook':
      return notebook(log);
    case 'lab':
      return lab(rest, log);
    default:
      log('Usage: tsx scripts/jupyter.ts setup | notebook | lab [jupyter lab options]');
      return command === undefined || command === '--help' ? 0 : 1;
  }
}

// Run as a script (tsx scripts/jupyter.ts …).
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(
        `${e instanceof SetupError ? e.message : `Unexpected failure: ${(e as Error)?.stack ?? e}`}\n`,
      );
      process.exit(1);
    },
  );
}

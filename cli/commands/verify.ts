// verify command: `verify [-f MERGED | -d DIR] [--tables a,b] [-c N] [--consistency C] [--json]` — the
// tables hold what the file holds: every table read back by token range and reconciled with the plays the
// merged file implies (lib/verify). Exit 0 when every table matches, 1 naming the tables that differ.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import {
  MERGED_FILE_NAME,
  mergeEventFiles,
  TABLES,
  verifyExampleLines,
  verifyHeadline,
  verifyRows,
  verifyTables,
  type ConsistencyName,
  type Settings,
  type TableSpec,
} from '../../lib/index';
import { withClient } from '../client';
import { concurrencyOption, noStartOption } from './options';
import { action, positiveInt, printTable } from '../ui';

const CONSISTENCIES = ['one', 'localOne', 'quorum', 'localQuorum', 'all'] as const;

interface VerifyFlags {
  file?: string;
  data?: string;
  tables?: string;
  concurrency: number;
  consistency: ConsistencyName;
  json?: boolean;
  start: boolean;
}

/** The model's tables named by `--tables` (all when not given); an unknown name is an error listing them. */
export function tablesNamed(list: string | undefined): TableSpec[] {
  if (!list) return [...TABLES];
  return list.split(',').map((name) => {
    const t = TABLES.find((x) => x.name === name.trim());
    if (!t) throw new Error(`--tables: no table ${name.trim()} (the tables: ${TABLES.map((x) => x.name).join(', ')})`);
    return t;
  });
}

export function registerVerifyCommand(program: Command, settings: Settings): void {
  program
    .command('verify')
    .description('check that the tables hold exactly what the merged file holds: rows missing, unexpected, different')
    .addOption(
      new Option('-f, --file <merged>', `the merged file the tables were loaded from`).default(MERGED_FILE_NAME),
    )
    .addOption(new Option('-d, --data <dir>', 'merge this folder of event files first and verify against that'))
    .addOption(new Option('--tables <names>', 'only these tables, comma-separated (default: all three)'))
    .addOption(concurrencyOption().default(4).argParser(positiveInt('--concurrency')))
    .addOption(
      new Option('--consistency <level>', 'consistency of the reads').choices(CONSISTENCIES).default('localOne'),
    )
    .addOption(new Option('--json', 'print the report as JSON'))
    .addOption(noStartOption())
    .action(action((flags: VerifyFlags) => verify(settings, flags), 'sparkify verify'));
}

async function verify(settings: Settings, flags: VerifyFlags): Promise<void> {
  const tables = tablesNamed(flags.tables);
  const tmp = flags.data ? await mkdtemp(join(tmpdir(), 'sparkify-verify-')) : undefined;
  try {
    const file = tmp
      ? (await mergeEventFiles({ dir: flags.data!, out: join(tmp, MERGED_FILE_NAME) })).output
      : resolve(flags.file!);
    if (!existsSync(file)) throw new Error(`${file}: no merged file; run \`npm start\` (or pass -f or -d)`);
    const report = await withClient(settings, flags.start, (client, config) =>
      verifyTables(client, {
        file,
        keyspace: config.keyspace,
        tables,
        concurrency: flags.concurrency,
        consistency: flags.consistency,
      }),
    );
    if (flags.json) console.log(JSON.stringify(report, null, 1));
    else {
      printTable(
        verifyHeadline(report),
        verifyRows(report),
        Object.fromEntries(Object.keys(verifyRows(report)[0]).map((k) => [k, k])),
      );
      for (const line of verifyExampleLines(report)) console.log(line);
    }
    if (!report.ok) {
      const bad = report.tables.filter((t) => !t.ok).map((t) => t.table);
      throw new Error(`${bad.join(', ')}: not what ${file} holds (see above)`);
    }
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

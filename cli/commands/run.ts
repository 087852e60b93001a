// run command: `run` (also `npm start`) — the whole job: make sure a node answers (starting the local
// one when none does), merge, create the keyspace and tables, load, ask the three questions.
import type { Client } from 'cassandra-driver';
import type { Command } from 'commander';
import {
  askClassicQuestions,
  describeTarget,
  resumableCheckpoint,
  type Settings,
  type SparkifyConfig,
} from '../../lib/index';
import { formatCount, formatSeconds } from '../../lib/show/format';
import { withClient } from '../client';
import { printAnswers } from '../report';
import { action } from '../ui';
import { failOnFailedRows, loadAndReport, prepareTables } from './load';
import { mergeAndReport, type MergeFlags } from './merge';
import {
  batchRowsOption,
  viaOption,
  concurrencyOption,
  dataOption,
  noStartOption,
  outOption,
  repairOption,
  resumeOption,
  type LoadFlags,
} from './options';

type RunFlags = MergeFlags & LoadFlags & { dryRun?: boolean };

/**
 * With --resume, an interrupted load of this very merged file continues and the merge is not redone
 * (it would rewrite the file the checkpoint describes). Returns the file to load.
 */
async function mergeUnlessResuming(flags: RunFlags, keyspace: string): Promise<{ file: string; resume: boolean }> {
  if (!flags.resume) return { file: (await mergeAndReport(flags)).output, resume: false };
  const checkpoint = await resumableCheckpoint(flags.out, keyspace);
  if (!checkpoint) {
    console.log(`\nNo checkpoint of an interrupted load of ${flags.out} into ${keyspace}: running from the start.`);
    return { file: (await mergeAndReport(flags)).output, resume: false };
  }
  console.log(
    `\nResuming the interrupted load of ${flags.out} from line ${formatCount(checkpoint.doneBelowLine)} ` +
      `(${formatCount(checkpoint.playsDone)} plays done); merge skipped.`,
  );
  return { file: flags.out, resume: true };
}

async function runJob(client: Client, config: SparkifyConfig, flags: RunFlags): Promise<void> {
  const { file, resume } = await mergeUnlessResuming(flags, config.keyspace);
  await prepareTables(client, config);
  console.log(`\nKeyspace ${config.keyspace} and its 3 tables are ready on ${describeTarget(config)}`);
  const load = await loadAndReport(client, config, file, { ...flags, resume });
  printAnswers(await askClassicQuestions(client, config.keyspace));
  failOnFailedRows(load);
}

export function registerRunCommand(program: Command, settings: Settings): void {
  program
    .command('run', { isDefault: true })
    .description(
      'the whole job: make sure a node answers (start a local one if none does), merge, create keyspace and tables, load, ask the three questions',
    )
    .addOption(dataOption(settings))
    .addOption(outOption())
    .addOption(concurrencyOption())
    .addOption(batchRowsOption())
    .addOption(repairOption())
    .addOption(noStartOption())
    .option('--dry-run', 'validate and report the merge only; do not touch Cassandra')
    .addOption(resumeOption())
    .addOption(viaOption())
    .action(
      action(async (flags: RunFlags) => {
        const t0 = Date.now();
        if (flags.dryRun) {
          await mergeAndReport(flags);
          console.log(`\nDry run: nothing sent to Cassandra (${formatSeconds(Date.now() - t0)}).`);
          return;
        }
        await withClient(settings, flags.start, (client, config) => runJob(client, config, flags));
        console.log(`\nDone in ${formatSeconds(Date.now() - t0)}.`);
      }),
    );
}

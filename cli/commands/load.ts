// load command: `load` — create the keyspace and tables and load a merged file into them.
import { resolve } from 'node:path';
import type { Client } from 'cassandra-driver';
import type { Command } from 'commander';
import {
  createKeyspace,
  createTables,
  loadTables,
  MERGED_FILE_NAME,
  type LoadResult,
  type Settings,
  type SparkifyConfig,
} from '../../lib/index';
import { withClient } from '../client';
import { loadProgress, printLoadResult } from '../report';
import { action } from '../ui';
import { batchRowsOption, concurrencyOption, noStartOption, resumeOption, type LoadFlags } from './options';

/** Creates the keyspace and the tables when they do not exist yet. */
export async function prepareTables(client: Client, config: SparkifyConfig): Promise<void> {
  await createKeyspace(client, config);
  await createTables(client, config.keyspace);
}

/** Throws when rows failed (after everything else was shown). */
export function failOnFailedRows(result: LoadResult): void {
  if (result.failedCount) throw new Error(`${result.failedCount} rows failed; see the lines above.`);
}

/** Loads `file` with a progress bar and prints the result. */
export async function loadAndReport(
  client: Client,
  config: SparkifyConfig,
  file: string,
  flags: LoadFlags,
): Promise<LoadResult> {
  const lp = loadProgress();
  const result = await loadTables(client, {
    file,
    keyspace: config.keyspace,
    concurrency: flags.concurrency,
    batchRows: flags.batchRows,
    onProgress: lp.onProgress,
    resume: flags.resume,
  }).finally(lp.stop);
  printLoadResult(result);
  return result;
}

export function registerLoadCommand(program: Command, settings: Settings): void {
  program
    .command('load')
    .description('create keyspace and tables and load a merged file into them')
    .option('-f, --file <file>', 'merged file to load', MERGED_FILE_NAME)
    .addOption(concurrencyOption())
    .addOption(batchRowsOption())
    .addOption(noStartOption())
    .addOption(resumeOption())
    .action(
      action(async (flags: LoadFlags & { file: string }) => {
        await withClient(settings, flags.start, async (client, config) => {
          await prepareTables(client, config);
          failOnFailedRows(await loadAndReport(client, config, resolve(flags.file), flags));
        });
      }),
    );
}

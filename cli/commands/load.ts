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
import { cassandraTools } from '../../lib/dev/index';
import { batchRowsOption, concurrencyOption, noStartOption, resumeOption, viaOption, type LoadFlags } from './options';

/** Creates the keyspace and the tables when they do not exist yet. */
export async function prepareTables(client: Client, config: SparkifyConfig): Promise<void> {
  await createKeyspace(client, config);
  await createTables(client, config.keyspace);
}

/** Throws when rows failed (after everything else was shown). */
export function failOnFailedRows(result: LoadResult): void {
  if (result.failedCount) throw new Error(`${result.failedCount} rows failed; see the lines above.`);
}

/** What a load via SSTables needs: the JVM tools from the local node's options, and the target's credentials. */
function sstableOptions(config: SparkifyConfig) {
  return {
    tools: cassandraTools(),
    credentials: config.username ? { username: config.username, password: config.password ?? '' } : undefined,
    tls: !!config.tls,
  };
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
    via: flags.via,
    ...(flags.via === 'sstables' ? { sstables: sstableOptions(config) } : {}),
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
    .addOption(viaOption())
    .action(
      action(async (flags: LoadFlags & { file: string }) => {
        await withClient(settings, flags.start, async (client, config) => {
          await prepareTables(client, config);
          failOnFailedRows(await loadAndReport(client, config, resolve(flags.file), flags));
        });
      }),
    );
}

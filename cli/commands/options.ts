// options: the options several pipeline commands share, each defined once with its help and default.
import { Option } from 'commander';
import { MERGED_FILE_NAME, type Settings } from '../../lib/index';
import { positiveInt } from '../ui';

export const repairOption = () =>
  new Option(
    '--repair-encoding',
    'repair text that looks double-encoded (UTF-8 read as Latin-1); off by default so the tables hold what the files hold',
  );
export const dataOption = (settings: Settings) =>
  new Option(
    '-d, --data <dir>',
    'folder of YYYY-MM-DD-events.csv (or .csv.gz) files (env SPARKIFY_EVENT_DATA)',
  ).default(settings.eventData);
export const outOption = () => new Option('-o, --out <file>', 'merged file to write').default(MERGED_FILE_NAME);
export const resumeOption = () =>
  new Option(
    '--resume',
    'continue an interrupted load: skip the lines its checkpoint (<merged file>.load-checkpoint.json) records as done in every table',
  );
export const concurrencyOption = () =>
  new Option('-c, --concurrency <n>', 'requests (batches or single inserts) in flight at once')
    .argParser(positiveInt('--concurrency'))
    .default(64);
export const batchRowsOption = () =>
  new Option(
    '--batch-rows <n>',
    'most rows per UNLOGGED batch, grouped by replica and partition (1: one INSERT per row and table)',
  )
    .argParser(positiveInt('--batch-rows'))
    .default(20);
export const viaOption = () =>
  new Option(
    '--via <way>',
    "how rows reach Cassandra: cql (batched INSERTs) or sstables (written by Cassandra's CQLSSTableWriter, then nodetool import on one local node or sstableloader on a cluster)",
  )
    .choices(['cql', 'sstables'])
    .default('cql');
export const noStartOption = () => new Option('--no-start', 'never start a local node; fail when none answers');

/** What `load` and `run` pass to the loader. */
export interface LoadFlags {
  concurrency: number;
  batchRows: number;
  start: boolean;
  resume?: boolean;
  via: 'cql' | 'sstables';
}

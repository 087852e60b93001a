// pipeline: the whole job in one call — merge the daily files, create the keyspace and tables, load
// them, ask the three classic questions — for the command line and the tests. Each step stays
// available on its own in its module; this only strings them together and collects their reports.
import type { Client } from 'cassandra-driver';
import { createKeyspace } from './cassandra/keyspace';
import type { SparkifyConfig } from './cassandra/config';
import { loadTables } from './load/load';
import {
  listenersOf,
  sessionPlaylist,
  songInSession,
  type Listener,
  type PlaylistEntry,
  type SongInSession,
} from './cassandra/queries';
import { CLASSIC_PARAMETERS } from './model/questions';
import { mergeEventFiles, MERGED_FILE_NAME } from './etl/merge';
import type { MergeProgress, MergeReport } from './etl/report';
import { createTables } from './load/schema';
import type { LoadProgress, LoadResult } from './load/progress';

export interface ClassicAnswers {
  songInSession: SongInSession[];
  sessionPlaylist: PlaylistEntry[];
  listenersOf: Listener[];
}

/** Asks the three questions with the exercise's own parameters. */
export async function askClassicQuestions(client: Client, keyspace: string): Promise<ClassicAnswers> {
  return {
    songInSession: await songInSession(client, keyspace, CLASSIC_PARAMETERS.songInSession),
    sessionPlaylist: await sessionPlaylist(client, keyspace, CLASSIC_PARAMETERS.sessionPlaylist),
    listenersOf: await listenersOf(client, keyspace, CLASSIC_PARAMETERS.listenersOf),
  };
}

export interface JobOptions {
  dataDir: string;
  /** Where the merged file goes. Default `event_datafile_new.csv` in the working folder. */
  mergedFile?: string;
  concurrency?: number;
  /** Most rows per UNLOGGED batch (loadTables' `batchRows`, default 20; 1: one INSERT per row and table). */
  batchRows?: number;
  onMergeProgress?: (p: MergeProgress) => void;
  onLoadProgress?: (p: LoadProgress) => void;
}

export interface JobResult {
  merge: MergeReport;
  load: LoadResult;
  answers: ClassicAnswers;
}

/** Merge → keyspace → tables → load → the three questions, on a connected client. */
export async function runJob(client: Client, config: SparkifyConfig, options: JobOptions): Promise<JobResult> {
  const merge = await mergeEventFiles({
    dir: options.dataDir,
    out: options.mergedFile ?? MERGED_FILE_NAME,
    onProgress: options.onMergeProgress,
  });
  await createKeyspace(client, config);
  await createTables(client, config.keyspace);
  const load = await loadTables(client, {
    file: merge.output,
    keyspace: config.keyspace,
    concurrency: options.concurrency,
    batchRows: options.batchRows,
    onProgress: options.onLoadProgress,
  });
  const answers = await askClassicQuestions(client, config.keyspace);
  return { merge, load, answers };
}

// pipeline commands: `run` (the whole job), `merge`, `load` and `query` — thin wrappers that parse
// options, make sure a node answers, call lib/ and print its reports and answers.
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Client } from 'cassandra-driver';
import {
  askClassicQuestions, configFromEnv, connect, createKeyspace, createTables, describeTarget, eventDataDir,
  listenersOf, loadTables, mergeEventFiles, MERGED_FILE_NAME, resumableCheckpoint, sessionPlaylist, songInSession,
  type ClassicAnswers, type LoadProgress, type LoadResult, type MergeProgress, type MergeReport, type SparkifyConfig,
} from '../../lib/index';
import { askedTitle, QUESTION_1, QUESTION_2, QUESTION_3 } from '../../lib/model/questions';
import { startLocalCassandra } from '../../lib/dev/localnode/localnode';
import { fail, positiveInt, printTable, progress } from '../ui';
import { formatCount, formatSeconds } from '../../lib/show/format';

const int = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return Number(v);
};

const isLoopback = (host: string) => /^127\.|^localhost$|^::1$/.test(host);

/** Connects; when nothing answers on loopback and `start` is on, starts the local node first. */
async function connectOrStart(config: SparkifyConfig, start: boolean): Promise<Client> {
  try {
    return await connect(config, { waitMs: start ? 1500 : Number(process.env.SPARKIFY_CONNECT_WAIT_MS ?? 30_000) });
  } catch (err) {
    if (!start || !config.contactPoints.every(isLoopback)) throw err;
  }
  console.error(`No node answers at ${describeTarget(config)}: starting a local Cassandra (first time: downloads it, ~1 min)…`);
  const started = await startLocalCassandra({ log: (line) => console.error(`  ${line}`) });
  console.error(`${started.message} (${formatSeconds(started.ms)})`);
  return connect(config, { waitMs: 60_000 });
}

function mergeProgress() {
  const bar = progress('merge');
  return {
    onProgress: (p: MergeProgress) =>
      bar.update(p.bytesRead, p.bytesTotal, `${p.filesDone}/${p.filesTotal} files, ${formatCount(p.rowsRead)} rows, ${formatCount(p.kept)} plays`),
    stop: () => bar.stop(),
  };
}

function loadProgress() {
  const bar = progress('load');
  return {
    onProgress: (p: LoadProgress) => {
      const rate = p.elapsedMs ? Math.round((p.rowsRead * 1000) / p.elapsedMs) : 0;
      const waiting = p.waitingMs && p.waitingMs >= 1000 ? `, no write accepted for ${formatSeconds(p.waitingMs)}: retrying` : '';
      bar.update(p.bytesRead, p.bytesTotal, `${formatCount(p.rowsRead)} plays, ${formatCount(rate)} plays/s${p.retries ? `, ${p.retries} retries` : ''}${p.failed ? `, ${p.failed} failed` : ''}${waiting}`);
    },
    stop: () => bar.stop(),
  };
}

export function printMergeReport(r: MergeReport): void {
  console.log(`\nMerged ${r.files.length} files from ${r.dir} into ${r.output} in ${formatSeconds(r.ms)}`);
  console.log(`  rows read ${formatCount(r.rowsRead)} = page views ${formatCount(r.pageViews)} + plays kept ${formatCount(r.kept)} + skipped ${formatCount(r.skippedTotal)}; rows written ${formatCount(r.written)}`);
  for (const [reason, n] of Object.entries(r.skipped)) console.log(`  skipped, ${reason}: ${formatCount(n ?? 0)}`);
  for (const s of r.skippedExamples.slice(0, 10)) console.log(`    ${s.file}, line ${s.line}: ${s.reason} (${s.detail})`);
  for (const f of r.files.filter((x) => x.note)) console.log(`  ${f.file}: ${f.note}`);
  for (const i of r.ignored) console.log(`  left out ${i.name}: ${i.reason}`);
  const q = r.quality;
  if (q.doubleEncodedTotal) {
    const cols = Object.entries(q.doubleEncoded).map(([c, n]) => `${c} ${formatCount(n)}`).join(', ');
    console.log(`  data quality: ${formatCount(q.doubleEncodedTotal)} values look double-encoded (${cols}); ${q.repaired ? 'repaired in the output' : 'kept as they are (--repair-encoding fixes them)'}`);
    for (const e of q.examples.slice(0, 3)) console.log(`    ${e.file}, line ${e.line}, ${e.column}: ${JSON.stringify(e.value)} → ${JSON.stringify(e.repaired)}`);
  }
}

export function printLoadResult(r: LoadResult): void {
  const rate = r.ms ? Math.round((r.rowsRead * 1000) / r.ms) : 0;
  const requests = r.requests !== undefined ? `, ${formatCount(r.requests)} requests` : '';
  console.log(`\nLoaded ${formatCount(r.rowsRead)} plays in ${formatSeconds(r.ms)} (${formatCount(rate)} plays/s${requests}${r.retries ? `, ${r.retries} retried` : ''}):`);
  if (r.resumed) console.log(`  resumed: ${formatCount(r.resumed.playsSkipped)} plays below line ${formatCount(r.resumed.fromLine)} were already in every table (skipped)`);
  for (const [table, n] of Object.entries(r.loaded)) console.log(`  ${table}: ${formatCount(n)} rows written`);
  const t = r.transient;
  if (t && (t.unavailable || t.overloaded || t.timedOut || t.failure)) {
    console.log(`  retried after transient errors: ${formatCount(t.unavailable)} unavailable, ${formatCount(t.overloaded)} overloaded, ${formatCount(t.timedOut)} timed out, ${formatCount(t.failure ?? 0)} failed on the node`);
  }
  if (r.outages) console.log(`  waited out ${r.outages} period(s) with no node accepting writes, ${formatSeconds(r.waitedMs ?? 0)} in all`);
  if (r.checkpointFile) console.log(`  checkpoint kept in ${r.checkpointFile}: \`load --resume\` retries from the first failed line`);
  if (r.failedCount) {
    console.log(`  FAILED: ${formatCount(r.failedCount)} rows`);
    for (const f of r.failures.slice(0, 10)) console.log(`    line ${f.line} (${f.table}): ${f.message}`);
  }
}

export function printAnswers(a: ClassicAnswers): void {
  printTable(askedTitle(QUESTION_1), a.songInSession as never[], { artist: 'artist', song: 'song', length: 'length' });
  printTable(askedTitle(QUESTION_2), a.sessionPlaylist as never[], {
    itemInSession: 'item', artist: 'artist', song: 'song', firstName: 'first name', lastName: 'last name',
  });
  printTable(askedTitle(QUESTION_3), a.listenersOf as never[], { firstName: 'first name', lastName: 'last name' });
}

async function withClient<T>(start: boolean, work: (client: Client, config: SparkifyConfig) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  const client = await connectOrStart(config, start);
  try {
    return await work(client, config);
  } finally {
    await client.shutdown();
  }
}

const repairOption = () => new Option('--repair-encoding', 'repair text that looks double-encoded (UTF-8 read as Latin-1); off by default so the tables hold what the files hold');
const dataOption = () => new Option('-d, --data <dir>', 'folder of YYYY-MM-DD-events.csv files (env SPARKIFY_EVENT_DATA)').default(eventDataDir());
const resumeOption = () => new Option('--resume', 'continue an interrupted load: skip the lines its checkpoint (<merged file>.load-checkpoint.json) records as done in every table');
const concurrencyOption = () => new Option('-c, --concurrency <n>', 'requests (batches or single inserts) in flight at once').argParser(positiveInt('--concurrency')).default(64);
const batchRowsOption = () =>
  new Option('--batch-rows <n>', 'most rows per UNLOGGED batch, grouped by replica and partition (1: one INSERT per row and table)').argParser(positiveInt('--batch-rows')).default(20);

export function registerPipelineCommands(program: Command): void {
  program
    .command('run', { isDefault: true })
    .description('the whole job: make sure a node answers (start a local one if none does), merge, create keyspace and tables, load, ask the three questions')
    .addOption(dataOption())
    .option('-o, --out <file>', 'merged file to write', MERGED_FILE_NAME)
    .addOption(concurrencyOption())
    .addOption(batchRowsOption())
    .addOption(repairOption())
    .option('--no-start', 'never start a local node; fail when none answers')
    .option('--dry-run', 'validate and report the merge only; do not touch Cassandra')
    .addOption(resumeOption())
    .action(async (opts: { data: string; out: string; concurrency: number; batchRows: number; start: boolean; repairEncoding?: boolean; dryRun?: boolean; resume?: boolean }) => {
      try {
        const t0 = Date.now();
        const runMerge = async () => {
          const mp = mergeProgress();
          const merge = await mergeEventFiles({ dir: opts.data, out: opts.out, onProgress: mp.onProgress, repairEncoding: opts.repairEncoding }).finally(mp.stop);
          printMergeReport(merge);
          return merge;
        };
        if (opts.dryRun) {
          await runMerge();
          console.log(`\nDry run: nothing sent to Cassandra (${formatSeconds(Date.now() - t0)}).`);
          return;
        }
        await withClient(opts.start, async (client, config) => {
          // --resume: an interrupted load of this very merged file continues; the merge is not redone (it would
          // rewrite the file the checkpoint describes).
          const checkpoint = opts.resume ? await resumableCheckpoint(opts.out, config.keyspace) : undefined;
          if (opts.resume) {
            console.log(checkpoint
              ? `\nResuming the interrupted load of ${opts.out} from line ${formatCount(checkpoint.doneBelowLine)} (${formatCount(checkpoint.playsDone)} plays done); merge skipped.`
              : `\nNo checkpoint of an interrupted load of ${opts.out} into ${config.keyspace}: running from the start.`);
          }
          const mergedFile = checkpoint ? opts.out : (await runMerge()).output;
          await createKeyspace(client, config);
          await createTables(client, config.keyspace);
          console.log(`\nKeyspace ${config.keyspace} and its 3 tables are ready on ${describeTarget(config)}`);
          const lp = loadProgress();
          const load = await loadTables(client, {
            file: mergedFile, keyspace: config.keyspace, concurrency: opts.concurrency, batchRows: opts.batchRows, onProgress: lp.onProgress, resume: !!checkpoint,
          }).finally(lp.stop);
          printLoadResult(load);
          printAnswers(await askClassicQuestions(client, config.keyspace));
          if (load.failedCount) throw new Error(`${load.failedCount} rows failed; see the lines above.`);
        });
        console.log(`\nDone in ${formatSeconds(Date.now() - t0)}.`);
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('merge')
    .description('merge the daily event files into one CSV of plays (no Cassandra needed)')
    .addOption(dataOption())
    .option('-o, --out <file>', 'merged file to write', MERGED_FILE_NAME)
    .addOption(repairOption())
    .action(async (opts: { data: string; out: string; repairEncoding?: boolean }) => {
      try {
        const mp = mergeProgress();
        printMergeReport(await mergeEventFiles({ dir: opts.data, out: opts.out, onProgress: mp.onProgress, repairEncoding: opts.repairEncoding }).finally(mp.stop));
      } catch (err) {
        fail(err);
      }
    });

  program
    .command('load')
    .description('create keyspace and tables and load a merged file into them')
    .option('-f, --file <file>', 'merged file to load', MERGED_FILE_NAME)
    .addOption(concurrencyOption())
    .addOption(batchRowsOption())
    .option('--no-start', 'never start a local node; fail when none answers')
    .addOption(resumeOption())
    .action(async (opts: { file: string; concurrency: number; batchRows: number; start: boolean; resume?: boolean }) => {
      try {
        await withClient(opts.start, async (client, config) => {
          await createKeyspace(client, config);
          await createTables(client, config.keyspace);
          const lp = loadProgress();
          const r = await loadTables(client, {
            file: resolve(opts.file), keyspace: config.keyspace, concurrency: opts.concurrency, batchRows: opts.batchRows, onProgress: lp.onProgress, resume: opts.resume,
          }).finally(lp.stop);
          printLoadResult(r);
          if (r.failedCount) throw new Error(`${r.failedCount} rows failed; see the lines above.`);
        });
      } catch (err) {
        fail(err);
      }
    });

  const query = program.command('query').description('ask one of the three questions with your own parameters');
  query
    .command('song-in-session')
    .description('Q1: artist, song and length of the play at --item of session --session')
    .requiredOption('-s, --session <id>', 'sessionId', int('session'))
    .requiredOption('-i, --item <n>', 'itemInSession', int('item'))
    .action(async (opts: { session: number; item: number }) => {
      try {
        await withClient(false, async (client, config) => {
          const rows = await songInSession(client, config.keyspace, { sessionId: opts.session, itemInSession: opts.item });
          printTable(`sessionId = ${opts.session}, itemInSession = ${opts.item}`, rows as never[], { artist: 'artist', song: 'song', length: 'length' });
        });
      } catch (err) {
        fail(err);
      }
    });
  query
    .command('playlist')
    .description("Q2: the songs of a user's session in order, with the user's name")
    .requiredOption('-u, --user <id>', 'userId', int('user'))
    .requiredOption('-s, --session <id>', 'sessionId', int('session'))
    .action(async (opts: { user: number; session: number }) => {
      try {
        await withClient(false, async (client, config) => {
          const rows = await sessionPlaylist(client, config.keyspace, { userId: opts.user, sessionId: opts.session });
          printTable(`userId = ${opts.user}, sessionId = ${opts.session}`, rows as never[], {
            itemInSession: 'item', artist: 'artist', song: 'song', firstName: 'first name', lastName: 'last name',
          });
        });
      } catch (err) {
        fail(err);
      }
    });
  query
    .command('listeners')
    .description('Q3: every user who played a song (exact title)')
    .requiredOption('--song <title>', 'song title')
    .action(async (opts: { song: string }) => {
      try {
        await withClient(false, async (client, config) => {
          const rows = await listenersOf(client, config.keyspace, { song: opts.song });
          printTable(`listeners of ${JSON.stringify(opts.song)}`, rows as never[], { userId: 'userId', firstName: 'first name', lastName: 'last name' });
        });
      } catch (err) {
        fail(err);
      }
    });
}

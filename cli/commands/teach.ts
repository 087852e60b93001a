// teach commands: `teach diagrams` (Chebotko SVGs of the model into a folder), `teach check` (the
// checker's verdict for the four questions, and question 5, against the three tables and the indexed
// demo table — how and at what cost an index serves, for the cluster given — and the table it proposes
// for what no table serves) and `teach partitions` (partition statistics and histograms from the merged
// file). Thin wrappers: parse options, call lib/, print. None of them needs Cassandra.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  analyzePartitions,
  checkQuestion,
  createTableCql,
  INDEXED_TABLES,
  QUESTION_5,
  type CheckOptions,
  describePartitionStats,
  MERGED_FILE_NAME,
  partitionHistogramSvg,
  proposeTable,
  QUESTIONS,
  TABLES,
  writeDiagrams,
  writeHotPartitionFile,
  type PartitionStats,
  type Question,
  type TableSpec,
} from '../../lib/index';
import { action, positiveInt, wholeNumber } from '../ui';
import { formatCount } from '../../lib/show/format';
import { servedHow, tableLabel } from '../../lib/show/checker';

/** What `teach check` checks: the four questions and question 5, the three tables and the indexed one. */
const CHECKED = { questions: [...QUESTIONS, QUESTION_5], tables: [...TABLES, ...INDEXED_TABLES] };

/**
 * The verdicts as text: one block per question, one line per table with its reasons indented; a question
 * an index serves gets the route and its cost under its line.
 */
export function checkReport(
  tables: readonly TableSpec[] = CHECKED.tables,
  options: CheckOptions = {},
  questions: readonly Question[] = CHECKED.questions,
): string[] {
  const lines: string[] = [];
  for (const q of questions) {
    lines.push(`${q.name}: ${q.text}`);
    let served = false;
    for (const t of tables) {
      const v = checkQuestion(q, t, options);
      served ||= v.served;
      lines.push(
        `  ${v.served ? 'SERVED    ' : 'not served'} by ${tableLabel(t)}${v.needsAllowFiltering ? ' (Cassandra would ask for ALLOW FILTERING)' : ''}`,
      );
      if (v.served && v.via !== 'partition') lines.push(`      ${servedHow(v)}`);
      for (const r of v.reasons) lines.push(`      - ${r}`);
    }
    if (!served) {
      const proposal = proposeTable(q);
      lines.push(`  no table serves ${q.name}; the minimal table for it:`);
      for (const l of createTableCql(proposal, 'sparkify').split('\n')) lines.push(`      ${l}`);
      lines.push(`      ${checkQuestion(q, proposal).summary}`);
    }
    lines.push('');
  }
  return lines;
}

async function printPartitions(
  file: string,
  charts: string | undefined,
  tables: readonly TableSpec[],
): Promise<PartitionStats[]> {
  const stats = await analyzePartitions(file, { tables });
  for (const s of stats) {
    console.log('');
    for (const l of describePartitionStats(s)) console.log(l);
  }
  if (charts) {
    const dir = resolve(charts);
    await mkdir(dir, { recursive: true });
    for (const s of stats) {
      for (const measure of ['values', 'bytes'] as const) {
        const out = join(dir, `${s.table}-${measure}.svg`);
        await writeFile(out, await partitionHistogramSvg(s, measure));
        console.log(`wrote ${out}`);
      }
    }
  }
  return stats;
}

export function registerTeachCommand(program: Command): void {
  const teach = program
    .command('teach')
    .description(
      'query-first modeling, shown: diagrams, the question checker, partition analysis (no Cassandra needed)',
    );
  registerDiagrams(teach);
  registerCheck(teach);
  registerPartitions(teach);
}

function registerDiagrams(teach: Command): void {
  teach
    .command('diagrams')
    .description('write Chebotko diagrams of the model as SVG: one per table, model.svg and workflow.svg')
    .option('-o, --out <dir>', 'folder to write them into (created when missing)', 'diagrams')
    .action(
      action(async (opts: { out: string }) => {
        const files = await writeDiagrams(opts.out, TABLES, QUESTIONS);
        for (const f of files) console.log(`wrote ${f}`);
      }),
    );
}

function registerCheck(teach: Command): void {
  teach
    .command('check')
    .description('does each table serve each question, and why not; the proposed table for a question none serves')
    .option('--json', 'print the verdicts as JSON')
    .option(
      '--nodes <n>',
      'nodes of the cluster the index costs are for (default: the local node, 1)',
      positiveInt('nodes'),
    )
    .option(
      '--num-tokens <n>',
      'tokens per node of that cluster (default 1, as the local node)',
      positiveInt('num-tokens'),
    )
    .action(
      action(async (opts: { json?: boolean; nodes?: number; numTokens?: number }) => {
        const options: CheckOptions = { cluster: { nodes: opts.nodes ?? 1, numTokens: opts.numTokens ?? 1 } };
        if (opts.json) {
          const verdicts = CHECKED.questions.flatMap((q) => CHECKED.tables.map((t) => checkQuestion(q, t, options)));
          console.log(JSON.stringify(verdicts, null, 2));
          return;
        }
        for (const l of checkReport(CHECKED.tables, options)) console.log(l);
      }),
    );
}

/** `--hot`: the partition report of a generated file with one hot session, in a folder removed afterwards. */
async function printHotPartitions(hotRows: number | undefined, charts: string | undefined): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'sparkify-hot-'));
  try {
    const hot = await writeHotPartitionFile(join(tmp, MERGED_FILE_NAME), { hotRows });
    console.log(`generated ${formatCount(hot.plays)} plays with one hot session (${hot.hotSessionId}) in ${hot.file}`);
    await printPartitions(hot.file, charts, TABLES);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function registerPartitions(teach: Command): void {
  teach
    .command('partitions')
    .description(
      'partitions, rows and values (cells) per partition and estimated partition sizes of the three tables, from the merged file',
    )
    .option('-f, --file <file>', 'the merged file (made by `sparkify merge`)', MERGED_FILE_NAME)
    .option(
      '--charts <dir>',
      'also write the histograms (values per partition, bytes per partition) as SVG into this folder',
    )
    .option(
      '--hot [rows]',
      'instead, demonstrate the warning on a generated file with one hot session of this many plays (default 120000)',
      wholeNumber('rows'),
    )
    .action(
      action(async (opts: { file: string; charts?: string; hot?: number | true }) => {
        if (opts.hot !== undefined) return printHotPartitions(opts.hot === true ? undefined : opts.hot, opts.charts);
        if (!existsSync(opts.file)) {
          throw new Error(
            `${resolve(opts.file)} does not exist: make it with \`npm run sparkify -- merge\` or pass --file`,
          );
        }
        await printPartitions(opts.file, opts.charts, TABLES);
      }),
    );
}

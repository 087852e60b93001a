// grade command: `grade [--question N] FILE.cql|FOLDER [--json] [-d DIR | -f MERGED]` — a teacher grades
// a learner's CQL for a question (or a folder of `<name>-q<N>.cql` submissions) with lib/grade, on the
// merged file given or merged from the event files. Exit 0 when every submission passes, 1 otherwise.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Option, type Command } from 'commander';
import {
  gradeLines,
  gradeSubmission,
  gradeSummaryRows,
  mergeEventFiles,
  QUESTIONS,
  SubmissionError,
  type AskedQuestion,
  type Grade,
  type Settings,
} from '../../lib/index';
import { withClient } from '../client';
import { dataOption, noStartOption } from './options';
import { action, printTable } from '../ui';

const SUBMISSION = /^(.+)-q(\d+)\.cql$/;

interface Job {
  file: string;
  submission: string;
  question: AskedQuestion;
}

/** The question a submission answers: --question, else the `-qN` of its name. */
function questionFor(file: string, asked: number | undefined): AskedQuestion {
  const n = asked ?? Number(SUBMISSION.exec(basename(file))?.[2]);
  const q = QUESTIONS[n - 1];
  if (!q) {
    throw new Error(`${file}: which question? Pass --question 1-${QUESTIONS.length} or name the file <name>-q<N>.cql`);
  }
  return q;
}

/** One job for a file; for a folder, one per `<name>-q<N>.cql` in it. */
function jobsFor(target: string, asked: number | undefined): Job[] {
  if (!statSync(target).isDirectory())
    return [{ file: target, submission: basename(target), question: questionFor(target, asked) }];
  const files = readdirSync(target)
    .filter((f) => SUBMISSION.test(f))
    .sort();
  if (!files.length) throw new Error(`${target}: no submissions named <name>-q<N>.cql in it`);
  return files.map((f) => ({
    file: join(target, f),
    submission: SUBMISSION.exec(f)![1],
    question: questionFor(f, undefined),
  }));
}

export function registerGradeCommand(program: Command, settings: Settings): void {
  program
    .command('grade')
    .description("grade a learner's CQL (CREATE TABLE, INSERT with named markers, SELECT) for a question, by Cassandra")
    .argument('<target>', 'a .cql file, or a folder of <name>-q<N>.cql files')
    .addOption(new Option('-q, --question <n>', 'the question the file answers (1-4)').argParser(Number))
    .addOption(new Option('--json', 'print the verdicts as JSON, one object per submission'))
    .addOption(dataOption(settings))
    .addOption(new Option('-f, --file <merged>', 'a merged file to grade against (default: merge --data first)'))
    .addOption(noStartOption())
    .action(
      action(
        async (
          target: string,
          o: { question?: number; json?: boolean; data: string; file?: string; start: boolean },
        ) => {
          const jobs = jobsFor(target, o.question);
          const tmp = o.file ? undefined : await mkdtemp(join(tmpdir(), 'sparkify-grade-'));
          try {
            const merged =
              o.file ?? (await mergeEventFiles({ dir: o.data, out: join(tmp!, 'event_datafile_new.csv') })).output;
            const results = await withClient(settings, o.start, (client) => gradeAll(client, jobs, merged));
            report(results, jobs.length > 1, o.json === true);
            if (!results.every((r) => r.grade?.passed)) process.exitCode = 1;
          } finally {
            if (tmp) await rm(tmp, { recursive: true, force: true });
          }
        },
        'sparkify grade',
      ),
    );
}

type Result = { submission: string; question: string; grade?: Grade; error?: string };

async function gradeAll(client: Parameters<typeof gradeSubmission>[0], jobs: Job[], merged: string): Promise<Result[]> {
  const results: Result[] = [];
  for (const job of jobs) {
    const base = { submission: job.submission, question: job.question.name };
    try {
      const text = readFileSync(job.file, 'utf8');
      results.push({
        ...base,
        grade: await gradeSubmission(client, job.question, text, { mergedFile: merged, name: job.file }),
      });
    } catch (err) {
      if (!(err instanceof SubmissionError) && jobs.length === 1) throw err;
      results.push({ ...base, error: (err as Error).message });
    }
  }
  return results;
}

function report(results: Result[], folder: boolean, json: boolean): void {
  if (json) {
    for (const r of results) {
      const g = r.grade;
      console.log(
        JSON.stringify(
          g
            ? {
                submission: r.submission,
                question: Number(r.question.slice(1)),
                passed: g.passed,
                rules: g.rules.map(({ rule, ok, level, detail }) => ({ rule, ok, level, detail })),
              }
            : { submission: r.submission, question: Number(r.question.slice(1)), passed: false, error: r.error },
        ),
      );
    }
    return;
  }
  for (const r of results) console.log(r.grade ? `\n${gradeLines(r.grade).join('\n')}` : `\n${r.error}`);
  if (folder) {
    const rows = gradeSummaryRows(results);
    printTable('Submissions × questions', rows, Object.fromEntries(Object.keys(rows[0]).map((k) => [k, k])));
  }
}

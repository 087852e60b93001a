// lesson: the notebook's CQL cells as one call each. A cell hands a literal statement (the `cql` tag of
// lib/cassandra/cql: values bound) to a Lesson, which runs it on Cassandra and shows the outcome: the rows,
// "done", or the refusal explained; for a CREATE TABLE also the table as Cassandra now holds it (a
// Chebotko diagram) and, given the question it is for, the checker's verdict and the mapping rule behind
// each column; for an INSERT with named markers the load of the merged file, live, then which field fed
// which column and the rows the table holds. The computing is lib's (cassandra, load, teach); the HTML
// is lib/show's; the screen is the caller's (tslab's display in the notebook, a recorder in tests).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { cql, cqlName, createdTableName, runCql, type CqlOutcome, type CqlStatement } from '../cassandra/cql';
import { readTableShape } from '../cassandra/schema';
import { loadWithInsert, type InsertLoad } from '../load/from-insert';
import type { Question } from '../model/questions';
import type { TableSpec } from '../model/tables';
import { checkQuestion } from '../teach/checker';
import { tableSvg } from '../teach/diagram';
import { mappingOf } from '../teach/mapping';
import { cqlOutcomeHtml } from '../show/cql';
import { gradeSubmission, SubmissionError, type Grade, type GradedQuestion } from '../grade/index';
import { gradeHtml, notGradedHtml, notWrittenHtml } from '../show/grade';
import { fitSvg, htmlTable } from '../show/html';
import { verdictTableHtml } from '../show/checker';
import { insertFieldsHtml, loadProgressHtml, loadResultHtml } from '../show/load';
import { verifyHtml } from '../show/verify';
import { verifyTables, type VerifyReport } from '../verify/verify';
import { tableOfShape } from './shape';

/** Where a lesson shows things: tslab's `display` has these, and so does each `tslab.newDisplay()`. */
export interface Screen {
  html(html: string): void;
  svg(svg: string): void;
  markdown(markdown: string): void;
}

export interface LessonOptions {
  keyspace: string;
  /** The merged file the INSERT cells load. */
  mergedFile: string;
  screen: Screen;
  /** A screen whose content a later call replaces (a live progress line): `tslab.newDisplay`. */
  line: () => Screen;
}

/** A loaded table: the load, and the rows the table holds afterwards (`SELECT COUNT(*)`). */
export interface LessonLoad extends InsertLoad {
  rows: number;
}

export class Lesson {
  constructor(
    readonly client: Client,
    readonly options: LessonOptions,
  ) {}

  /** Runs a statement and shows its outcome. */
  async run(statement: CqlStatement, empty?: string): Promise<CqlOutcome> {
    const outcome = await runCql(this.client, statement);
    this.options.screen.html(cqlOutcomeHtml(outcome, { empty }));
    return outcome;
  }

  /**
   * Runs a CREATE TABLE, then shows the table Cassandra holds and, for `question`, the checker's verdict
   * and the rule behind each column. Returns the table (undefined when Cassandra refused the statement).
   */
  async createTable(statement: CqlStatement, question?: Question): Promise<TableSpec | undefined> {
    const table = createdTableName(statement.query);
    if (!table) throw new Error('createTable runs a CREATE TABLE statement');
    const outcome = await this.run(statement);
    if (outcome.kind === 'refused') return undefined;
    const spec = tableOfShape(await readTableShape(this.client, this.options.keyspace, table), question);
    this.options.screen.svg(fitSvg(tableSvg(spec, { legend: true })));
    if (question) this.showVerdict(question, spec);
    return spec;
  }

  /** A learner's draft: drops the table of that name first, so an edited CREATE TABLE takes effect. */
  async tryTable(statement: CqlStatement, question: Question): Promise<TableSpec | undefined> {
    const table = createdTableName(statement.query);
    if (!table) throw new Error('tryTable runs a CREATE TABLE statement');
    await this.client.execute(cql`DROP TABLE IF EXISTS ${cqlName(this.options.keyspace)}.${cqlName(table)}`.query);
    return this.createTable(statement, question);
  }

  /** Loads the merged file with an INSERT of named markers, live, then shows the fields and the rows held. */
  async load(insert: CqlStatement): Promise<LessonLoad> {
    const line = this.options.line();
    line.html('Loading …');
    const loaded = await loadWithInsert(this.client, insert, {
      file: this.options.mergedFile,
      keyspace: this.options.keyspace,
      onProgress: (p) => line.html(loadProgressHtml(p)),
    });
    const rows = await this.countRows(loaded.table.name);
    line.html(`${loadResultHtml(loaded.result, { [loaded.table.name]: rows })}<br>${insertFieldsHtml(loaded.table)}`);
    return { ...loaded, rows };
  }

  /**
   * Whether the tables hold exactly what the merged file holds (lib/verify: each table read back by token
   * range and reconciled with the plays), shown as one line per table.
   */
  async verify(tables: readonly TableSpec[]): Promise<VerifyReport> {
    const line = this.options.line();
    line.html('Reading the tables back, token range by token range …');
    const { keyspace, mergedFile: file } = this.options;
    const report = await verifyTables(this.client, { file, keyspace, tables });
    line.html(verifyHtml(report));
    return report;
  }

  /** Rows a table holds: a full scan, fine for a teaching data set, never for a production table. */
  async countRows(table: string): Promise<number> {
    const rs = await this.client.execute(
      cql`SELECT COUNT(*) AS n FROM ${cqlName(this.options.keyspace)}.${cqlName(table)}`.query,
    );
    return Number(rs.first()?.get('n') ?? 0);
  }

  /**
   * Grades a learner's CQL for a question (lib/grade: Cassandra runs it in a scratch keyspace) and shows the
   * verdict and the learner's table; a text with no statement yet shows "not written yet", and a grading
   * that cannot run (the connection closed, no node) shows why in one line — never a cell error.
   */
  async grade(question: GradedQuestion, text: string, name = 'your CQL'): Promise<Grade | undefined> {
    const screen = this.options.screen;
    const line = this.options.line();
    line.html('Grading: Cassandra runs your statements in a scratch keyspace …');
    try {
      const g = await gradeSubmission(this.client, question, text, { mergedFile: this.options.mergedFile, name });
      line.html(gradeHtml(g));
      if (g.spec) screen.svg(fitSvg(tableSvg(g.spec, { legend: true })));
      return g;
    } catch (err) {
      line.html(err instanceof SubmissionError ? notWrittenHtml(err.message) : notGradedHtml(err));
      return undefined;
    }
  }

  private showVerdict(question: Question, table: TableSpec): void {
    const screen = this.options.screen;
    screen.html(verdictTableHtml([checkQuestion(question, table)], { questions: [question] }));
    screen.html(
      htmlTable(mappingOf(question, table), {
        columns: ['column', 'place', 'why'],
        caption: `${table.name} for ${question.name}: the mapping rule behind each column`,
      }),
    );
  }
}

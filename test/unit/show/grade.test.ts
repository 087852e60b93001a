// Unit tests of lib/show/grade.ts: a verdict as a headline, HTML rows and terminal lines; a folder's summary;
// and the two grading cells that show no verdict — nothing written yet, a grading that could not run.
import { describe, expect, it } from 'vitest';
import type { Grade } from '../../../lib/grade/grade';
import { gradeHeadline, gradeLines, gradeSummaryRows, notGradedHtml, notWrittenHtml } from '../../../lib/show/grade';

const rule = (r: string, ok: boolean, level: 'required' | 'style', detail: string, fix?: string) =>
  ({ rule: r, ok, level, detail, ...(fix ? { fix } : {}) }) as Grade['rules'][number];

const PASSED: Grade = {
  question: 'Q1',
  submission: 'ann-q1.cql',
  table: 'songs_by_session',
  passed: true,
  rules: [rule('creates', true, 'required', 'created'), rule('table-name', false, 'style', 'says nothing', 'name it')],
};
const FAILED: Grade = {
  question: 'Q1',
  submission: 'bob-q1.cql',
  table: 'plays',
  passed: false,
  rules: [
    rule('creates', true, 'required', 'created'),
    rule('types', false, 'required', 'length is float', 'use double'),
  ],
};

describe('gradeHeadline', () => {
  it.each([
    [PASSED, 'Q1 songs_by_session: passed — every required rule holds (1 style note)'],
    [FAILED, 'Q1 plays: not passed — 1 required rule fails'],
    [
      {
        ...FAILED,
        table: undefined,
        rules: [rule('creates', false, 'required', 'x'), rule('types', false, 'required', 'y')],
      },
      'Q1 bob-q1.cql: not passed — 2 required rules fail',
    ],
  ])('%#', (g, headline) => {
    expect(gradeHeadline(g as Grade)).toBe(headline);
  });
});

describe('gradeLines', () => {
  it('marks each rule, ✗ for a required one and △ for style, with the fix under it', () => {
    expect(gradeLines(FAILED)).toEqual([
      'Q1 plays: not passed — 1 required rule fails',
      '  ✓ creates            created',
      '  ✗ types              length is float',
      '                       fix: use double',
    ]);
    expect(gradeLines(PASSED)[2]).toBe('  △ table-name         says nothing');
  });
});

describe('gradeSummaryRows', () => {
  it('one row per submission, a column per question, the error of a file that could not be graded', () => {
    expect(
      gradeSummaryRows([
        { submission: 'bob', question: 'Q1', grade: FAILED },
        { submission: 'ann', question: 'Q1', grade: PASSED },
        { submission: 'ann', question: 'Q2', error: 'a SELECT is missing' },
      ]),
    ).toEqual([
      { submission: 'ann', Q1: '✓', Q2: '✗ a SELECT is missing' },
      { submission: 'bob', Q1: '✗', Q2: '' },
    ]);
  });
});

describe('the cells without a verdict', () => {
  it('nothing written yet: what to write, escaped', () => {
    expect(notWrittenHtml('q1: not written <yet>')).toBe(
      '<p class="sparkify-grade-pending">✎ q1: not written &lt;yet&gt;: write a CREATE TABLE, an INSERT with named markers and a SELECT, then run this cell again.</p>',
    );
  });
  it.each([
    [
      new Error('Connecting after shutdown is not supported'),
      '✗ not graded: Connecting after shutdown is not supported — the connection to Cassandra was closed: run the connection cell again, then this one',
    ],
    [new Error('All host(s) tried for query failed <x>'), '✗ not graded: All host(s) tried for query failed &lt;x&gt;'],
    ['a string thrown', '✗ not graded: a string thrown'],
  ])('a grading that could not run: %s', (err, text) => {
    expect(notGradedHtml(err)).toBe(`<p class="sparkify-grade-failed">${text}</p>`);
  });
});

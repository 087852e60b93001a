// report: the merge report's counting — skips by reason with capped examples, file totals, progress.
import { describe, expect, it } from 'vitest';
import {
  addFileReport,
  addFileTotals,
  countSkip,
  doneProgress,
  fileProgress,
  newMergeReport,
  QualityCheck,
  type EventFile,
} from '../../../lib/index';

const FILE: EventFile = {
  path: '/d/2019-11-01-events.csv',
  name: '2019-11-01-events.csv',
  date: '2019-11-01',
  bytes: 100,
};
const fresh = () => newMergeReport('/d', '/o.csv', [], new QualityCheck(false).report);

describe('report counting', () => {
  it('starts a report with every count at zero, in the order the report is printed', () => {
    expect(Object.keys(fresh())).toEqual([
      'dir',
      'output',
      'files',
      'ignored',
      'rowsRead',
      'pageViews',
      'kept',
      'skipped',
      'skippedTotal',
      'skippedExamples',
      'written',
      'quality',
      'ms',
    ]);
    expect(fresh()).toMatchObject({
      rowsRead: 0,
      pageViews: 0,
      kept: 0,
      skipped: {},
      skippedTotal: 0,
      skippedExamples: [],
      written: 0,
      ms: 0,
    });
  });
  it('adds a file report to the list and counts skips by reason, keeping only the first examples', () => {
    const report = fresh();
    const fr = addFileReport(report, FILE);
    expect(report.files).toEqual([
      { file: FILE.name, date: FILE.date, bytes: 100, rowsRead: 0, pageViews: 0, kept: 0, skipped: 0 },
    ]);
    for (const line of [2, 3, 4])
      countSkip(report, fr, { file: FILE.path, line, reason: 'blank line', detail: 'the line is empty' }, 2);
    countSkip(report, fr, { file: FILE.path, line: 5, reason: 'empty song', detail: 'd' }, 2);
    expect(fr.skipped).toBe(4);
    expect(report.skipped).toEqual({ 'blank line': 3, 'empty song': 1 });
    expect(report.skippedExamples.map((s) => s.line)).toEqual([2, 3]);
  });
  it('adds a finished file to the totals; progress counts the file being read on top of them', () => {
    const report = fresh();
    const a = addFileReport(report, FILE);
    Object.assign(a, { rowsRead: 10, pageViews: 2, kept: 7, skipped: 1 });
    addFileTotals(report, a);
    expect(report).toMatchObject({ rowsRead: 10, pageViews: 2, kept: 7, skippedTotal: 1 });
    const b = addFileReport(report, { ...FILE, name: 'b' });
    Object.assign(b, { rowsRead: 3, kept: 1 });
    expect(fileProgress(report, b, 1, 2, 150, 200)).toEqual({
      file: 'b',
      filesDone: 1,
      filesTotal: 2,
      rowsRead: 13,
      kept: 8,
      bytesRead: 150,
      bytesTotal: 200,
    });
    addFileTotals(report, b);
    expect(doneProgress(report, 200)).toEqual({
      file: '',
      filesDone: 2,
      filesTotal: 2,
      rowsRead: 13,
      kept: 8,
      bytesRead: 200,
      bytesTotal: 200,
    });
  });
});

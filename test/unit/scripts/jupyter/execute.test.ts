// The failing cell's paragraph and the summary line scripts/execute_notebook.py prints.
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../../../lib/errors';
import { describeFailure, parseSummary, type CellFailure } from '../../../../scripts/jupyter/execute';

describe('describeFailure', () => {
  const cell = (f: Partial<CellFailure>): CellFailure => ({ index: 3, code_cell: 2, source: '', error: '', ...f });
  it.each([
    [
      'names the code cell by its first non-blank line and drops the stack trace',
      cell({
        source: '\n  const x = load();\nmore',
        error: 'TypeError: x is not a function.\n    at foo (a.ts:1)\n    at bar',
      }),
      'Code cell 2 (`const x = load();`) failed: TypeError: x is not a function. The cells that ran, with their outputs, are in build/n.ipynb.',
    ],
    [
      'joins a message of several lines before the stack',
      cell({ source: 'x', error: 'Error: one\n  two\n    at z' }),
      'Code cell 2 (`x`) failed: Error: one two. The cells that ran, with their outputs, are in build/n.ipynb.',
    ],
    [
      'says the kernel failed when no code cell is named',
      cell({ index: null, code_cell: null, error: 'DeadKernelError: died' }),
      'The tslab kernel failed: DeadKernelError: died. The cells that ran, with their outputs, are in build/n.ipynb.',
    ],
  ])('%s', (_, failure, text) => {
    expect(describeFailure(failure, 'build/n.ipynb')).toBe(text);
  });
});

describe('parseSummary', () => {
  it('reads the last stdout line as JSON', () => {
    const s = parseSummary('progress\n{"ok":true,"cells":3,"ran":3,"failed":null,"ms":12}\n', '', 0);
    expect(s).toEqual({ ok: true, cells: 3, ran: 3, failed: null, ms: 12 });
  });
  it('throws a SetupError quoting the output when there is no summary', () => {
    const e = (() => {
      try {
        parseSummary('Traceback', 'ModuleNotFoundError: nbclient', 1);
      } catch (err) {
        return err as Error;
      }
    })();
    expect(e).toBeInstanceOf(SetupError);
    expect(e?.message).toBe(
      'Executing the notebook with nbclient failed before any result (exit 1):\nTraceback\nModuleNotFoundError: nbclient',
    );
  });
});

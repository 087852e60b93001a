// The tails quoted in error messages (running a program is tested in test/integration/scripts/jupyter/run.test.ts:
// a unit test starts no process).
import { describe, expect, it } from 'vitest';
import { fileTail, outputTail } from '../../../../scripts/jupyter/run';

describe('outputTail', () => {
  it('keeps the last lines of stdout then stderr', () => {
    expect(outputTail('a\nb', 'c\n', 2)).toBe('b\nc');
    expect(outputTail(null, undefined)).toBe('');
  });
});

describe('fileTail', () => {
  it("says '(no log)' when the file cannot be read", () => {
    expect(fileTail('/nonexistent/sparkify.log')).toBe('(no log)');
  });
});

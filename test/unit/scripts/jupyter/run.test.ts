// Running a program to completion and the tails quoted in error messages.
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../../../lib/errors';
import { fileTail, outputTail, run } from '../../../../scripts/jupyter/run';

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

describe('run', () => {
  it('returns the output of a program that succeeds', () => {
    expect(run('sh', ['-c', 'echo out; echo err >&2'], 'Echo')).toBe('out\nerr\n');
  });
  it.each([
    [
      'a missing program',
      'no-such-program-sparkify',
      [],
      'Step failed: the program "no-such-program-sparkify" was not found on PATH.',
    ],
    [
      'a failing program',
      'sh',
      ['-c', 'echo why; exit 3'],
      'Step failed (`sh -c echo why; exit 3` exited with 3). Its last output:\nwhy',
    ],
  ])('throws a SetupError for %s', (_, cmd, args, message) => {
    expect(() => run(cmd as string, args as string[], 'Step')).toThrow(new SetupError(message as string));
  });
});

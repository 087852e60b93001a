// Running a program to completion: its output, or a SetupError quoting why (it starts processes, so it is
// not a unit test; the tails it quotes are unit-tested in test/unit/scripts/jupyter/run.test.ts).
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../../../lib/errors';
import { run } from '../../../../scripts/jupyter/run';

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

// watermark: the checkpoint's line as the plays of a load settle in any order (table-driven steps).
import { describe, expect, it } from 'vitest';
import { LineWatermark } from '../../../lib/load/watermark';

describe('LineWatermark', () => {
  type Step = ['start', number, number] | ['ok', number] | ['fail', number];
  it.each<[string, Step[], number, number]>([
    ['nothing started', [], 1, 0],
    [
      'one play done',
      [
        ['start', 2, 3],
        ['ok', 2],
        ['ok', 2],
        ['ok', 2],
      ],
      3,
      1,
    ],
    [
      'one play half done',
      [
        ['start', 2, 3],
        ['ok', 2],
      ],
      2,
      0,
    ],
    [
      'a later play done first',
      [
        ['start', 2, 1],
        ['start', 3, 1],
        ['ok', 3],
      ],
      2,
      0,
    ],
    [
      'both done out of order',
      [
        ['start', 2, 1],
        ['start', 3, 1],
        ['ok', 3],
        ['ok', 2],
      ],
      4,
      2,
    ],
    [
      'gaps (bad rows, multi-line records)',
      [
        ['start', 2, 1],
        ['start', 7, 1],
        ['ok', 2],
        ['ok', 7],
      ],
      8,
      2,
    ],
    [
      'a failure pins it',
      [
        ['start', 2, 1],
        ['start', 3, 1],
        ['fail', 2],
        ['ok', 3],
      ],
      2,
      0,
    ],
    [
      'a failure later on',
      [
        ['start', 2, 1],
        ['start', 3, 1],
        ['ok', 2],
        ['fail', 3],
      ],
      3,
      1,
    ],
    [
      'one insert fails, the others of the play succeed',
      [
        ['start', 2, 3],
        ['start', 3, 3],
        ['ok', 2],
        ['fail', 2],
        ['ok', 2],
        ['ok', 3],
        ['ok', 3],
        ['ok', 3],
      ],
      2,
      0,
    ],
    [
      'plays done below, many in flight above',
      [
        ['start', 2, 1],
        ['start', 3, 1],
        ['start', 4, 1],
        ['start', 5, 1],
        ['ok', 2],
        ['ok', 3],
        ['ok', 5],
      ],
      4,
      2,
    ],
    [
      'a window settled table by table, batches out of order: one row short',
      [
        ['start', 2, 3],
        ['start', 3, 3],
        ['start', 4, 3],
        ['ok', 4],
        ['ok', 3],
        ['ok', 2],
        ['ok', 3],
        ['ok', 2],
        ['ok', 4],
        ['ok', 4],
        ['ok', 2],
      ],
      3,
      1,
    ],
    [
      'a window settled table by table, batches out of order: all of it',
      [
        ['start', 2, 3],
        ['start', 3, 3],
        ['start', 4, 3],
        ['ok', 4],
        ['ok', 3],
        ['ok', 2],
        ['ok', 3],
        ['ok', 2],
        ['ok', 4],
        ['ok', 4],
        ['ok', 2],
        ['ok', 3],
      ],
      5,
      3,
    ],
    [
      'the next window read before the last settled',
      [
        ['start', 2, 1],
        ['start', 3, 1],
        ['ok', 3],
        ['start', 4, 1],
        ['ok', 4],
      ],
      2,
      0,
    ],
  ])('%s', (_what, steps, line, done) => {
    const w = new LineWatermark();
    for (const s of steps) {
      if (s[0] === 'start') w.start(s[1], s[2]);
      else if (s[0] === 'ok') w.succeeded(s[1]);
      else w.failed(s[1]);
    }
    expect(w.line).toBe(line);
    expect(w.playsDone).toBe(done);
  });
  it('starts from the floor of a resumed load', () => {
    const w = new LineWatermark(500);
    expect(w.line).toBe(500);
    w.start(500, 1);
    w.succeeded(500);
    expect(w.line).toBe(501);
  });
});

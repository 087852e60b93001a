// Tests for lib/common/async: throttling a progress callback.
import { describe, expect, it } from 'vitest';
import { throttle } from '../../../lib/common/async';

describe('throttle', () => {
  it('calls at most once per interval, the first call always', () => {
    let t = 0;
    const seen: number[] = [];
    const f = throttle(
      (v: number) => seen.push(v),
      100,
      () => t,
    );
    for (const [time, v] of [
      [0, 1],
      [50, 2],
      [99, 3],
      [100, 4],
      [150, 5],
      [250, 6],
    ]) {
      t = time;
      f(v);
    }
    expect(seen).toEqual([1, 4, 6]);
  });
});

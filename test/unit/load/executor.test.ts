// executor: the request pool keeps at most `concurrency` tasks in flight and submitting waits for a free
// slot. Tasks end when the test says (promises resolved by hand), not after timers.
import { describe, expect, it } from 'vitest';
import { RequestPool } from '../../../lib/load/executor';

/** A task that ends when `end(i)` is called; `running` counts tasks started and not ended. */
function tasks() {
  const ends: (() => void)[] = [];
  const state = { running: 0, max: 0, started: 0 };
  const task = () => () => {
    state.started++;
    state.running++;
    state.max = Math.max(state.max, state.running);
    return new Promise<void>((resolve) =>
      ends.push(() => {
        state.running--;
        resolve();
      }),
    );
  };
  return { task, state, end: (i: number) => ends[i](), ends };
}
const tick = () => new Promise<void>((r) => setImmediate(r));

describe('RequestPool', () => {
  it.each([1, 3, 7])('keeps at most %i in flight; a submit waits for a free slot', async (concurrency) => {
    const pool = new RequestPool(concurrency);
    const { task, state, end } = tasks();
    for (let i = 0; i < concurrency; i++) await pool.submit(task());
    let waiting = true;
    const next = pool.submit(task()).then(() => {
      waiting = false;
    });
    await tick();
    expect(state).toMatchObject({ running: concurrency, started: concurrency });
    expect(waiting).toBe(true);
    end(0);
    await next;
    expect(state).toMatchObject({ running: concurrency, started: concurrency + 1, max: concurrency });
    for (let i = 1; i <= concurrency; i++) end(i);
    await pool.drain();
    expect(state.running).toBe(0);
  });

  it('settle waits for every task in flight', async () => {
    const pool = new RequestPool(4);
    const { task, state, end } = tasks();
    await pool.submit(task());
    await pool.submit(task());
    let settled = false;
    const all = pool.settle().then(() => {
      settled = true;
    });
    end(1);
    await tick();
    expect(settled).toBe(false);
    end(0);
    await all;
    expect(state.running).toBe(0);
  });
});

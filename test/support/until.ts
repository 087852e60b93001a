// A wait on a condition the test watches (plays landed, rounds answered): polls, and fails naming what
// it waited for. Counted in events, not seconds; the limit is only there so a stuck run ends.
import { sleep } from '../../lib/common/async';

/** Waits until `done()` holds; fails naming `what` after `ms` (two minutes by default). */
export async function until(done: () => boolean, what: string, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!done()) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms / 1000} s`);
    await sleep(20);
  }
}

// executor: bounded in-flight requests. Owns RequestPool: at most `concurrency` tasks run at once, and
// submitting waits for a free slot (so packing never runs ahead of the node by more than the pool).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

export class RequestPool {
  private readonly inFlight = new Set<Promise<void>>();
  constructor(readonly concurrency: number) {}

  /** Starts `task` once fewer than `concurrency` run (its errors surface in `drain`). */
  async submit(task: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const p = task().finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Waits for every task; rejects with the first error. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /** Waits for every task, whatever their ends. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.inFlight);
  }
}

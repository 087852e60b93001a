// watermark: the checkpoint's line. Owns LineWatermark, which follows the plays of a load as their rows
// settle (in any order) and names the lowest line not yet in every table, never past a row that failed.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
/**
 * The lowest line not yet done, for the checkpoint. Plays are started in line order (as they are read);
 * each is pending until all its rows (one per table) have settled, in any order: the rows of a window
 * go out grouped by replica and partition, and batches complete as they will. The line only moves past
 * a play once every row of it settled, and never past a row that failed for good. Memory: one entry per
 * play read and not yet settled (at most a window plus the rows in flight), plus the first line with a
 * row that failed for good.
 */
export class LineWatermark {
  /** Plays in flight: line → rows still to settle, and the play's ordinal (plays of this load started before it). */
  private readonly pending = new Map<number, { left: number; ordinal: number }>();
  private started = 0;
  private lastStarted = 0;
  private firstFailed: { line: number; ordinal: number } | undefined;
  constructor(private readonly floor = 0) {}

  /** A play on `line` starts, with `inserts` rows (one per table) to go. */
  start(line: number, inserts: number): void {
    this.pending.set(line, { left: inserts, ordinal: this.started++ });
    this.lastStarted = Math.max(this.lastStarted, line);
  }
  /** One row of the play on `line` landed. */
  succeeded(line: number): void {
    this.settle(line);
  }
  /** One row of the play on `line` failed for good (or was abandoned): the watermark cannot pass it. */
  failed(line: number): void {
    const ordinal = this.pending.get(line)?.ordinal ?? this.started;
    if (!this.firstFailed || line < this.firstFailed.line) this.firstFailed = { line, ordinal };
    this.settle(line);
  }
  private settle(line: number): void {
    const p = this.pending.get(line);
    if (p && --p.left <= 0) this.pending.delete(line);
  }
  /** The first play not known to be done: its line and ordinal. */
  private head(): { line: number; ordinal: number } {
    let head = { line: Math.max(this.floor, this.lastStarted + 1), ordinal: this.started };
    // Map iteration follows insertion order and lines are started in increasing order: the first key is the lowest.
    for (const [line, p] of this.pending) {
      if (line < head.line) head = { line, ordinal: p.ordinal };
      break;
    }
    if (this.firstFailed && this.firstFailed.line < head.line) head = this.firstFailed;
    return head;
  }
  /** Every play on a line below this one is in every table. */
  get line(): number {
    return this.head().line;
  }
  /** Plays of this load on lines below `line` (all of them done). */
  get playsDone(): number {
    return this.head().ordinal;
  }
  get anyFailed(): boolean {
    return this.firstFailed !== undefined;
  }
}

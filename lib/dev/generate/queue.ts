// queue: the simulation's priority queue — a binary min-heap of item indices keyed by the time of
// their next event, in typed arrays with a position index so any item's key can move. Items
// 0..users-1 are the users; the last item, `clock`, is not a user: its key is the time of the next
// planting appointment, so appointments run at their exact time, in order with the events.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).

export class EventQueue {
  /** Time of each item's next event (ms); the clock starts at Infinity (no appointment). */
  readonly key: Float64Array;
  /** The heap of items; `heap[0]` is the item due first. */
  readonly heap: Int32Array;
  /** Position of each item in the heap. */
  readonly pos: Int32Array;
  /** The appointment item (after the users). */
  readonly clock: number;
  private readonly n: number;

  constructor(users: number) {
    this.clock = users;
    this.n = users + 1;
    this.key = new Float64Array(this.n);
    this.heap = new Int32Array(this.n);
    this.pos = new Int32Array(this.n);
    this.key[this.clock] = Infinity;
  }

  /** Order the heap once every key is set. */
  heapify(): void {
    for (let i = 0; i < this.n; i++) {
      this.heap[i] = i;
      this.pos[i] = i;
    }
    for (let i = (this.n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** The item due first. */
  top(): number {
    return this.heap[0];
  }

  /** Give `item` the earlier (or equal) time `k`. */
  moveEarlier(item: number, k: number): void {
    this.key[item] = k;
    this.siftUp(this.pos[item]);
  }

  /** Give `item` the later (or equal) time `k`. */
  moveLater(item: number, k: number): void {
    this.key[item] = k;
    this.siftDown(this.pos[item]);
  }

  private siftDown(i0: number): void {
    const { heap, pos, key, n } = this;
    let i = i0;
    const item = heap[i];
    const k = key[item];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && key[heap[r]] < key[heap[l]]) c = r;
      if (key[heap[c]] >= k) break;
      heap[i] = heap[c];
      pos[heap[i]] = i;
      i = c;
    }
    heap[i] = item;
    pos[item] = i;
  }

  private siftUp(i0: number): void {
    const { heap, pos, key } = this;
    let i = i0;
    const item = heap[i];
    const k = key[item];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (key[heap[p]] <= k) break;
      heap[i] = heap[p];
      pos[heap[i]] = i;
      i = p;
    }
    heap[i] = item;
    pos[item] = i;
  }
}

// queue: the simulation's priority queue (lib/dev/generate/queue): the top is always the item with
// the smallest key, after heapify and after keys move earlier or later; the clock item starts idle.
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../../lib/dev/generate/queue';
import { Rng } from '../../../../lib/dev/generate/rng';

/** Pops every item by pushing each top to Infinity; returns the keys in pop order. */
function drain(q: EventQueue, n: number): number[] {
  const keys: number[] = [];
  for (let i = 0; i < n; i++) {
    const top = q.top();
    keys.push(q.key[top]);
    q.moveLater(top, Infinity);
  }
  return keys;
}

describe('EventQueue', () => {
  it('starts with the clock at Infinity, after the users', () => {
    const q = new EventQueue(3);
    expect(q.clock).toBe(3);
    expect(q.key[3]).toBe(Infinity);
  });

  it('pops in key order after heapify and random moves', () => {
    const rng = new Rng(1);
    const n = 200;
    const q = new EventQueue(n);
    for (let i = 0; i < n; i++) q.key[i] = rng.int(1000);
    q.heapify();
    for (let k = 0; k < 300; k++) {
      const i = rng.int(n);
      const v = rng.int(1000);
      if (v < q.key[i]) q.moveEarlier(i, v);
      else q.moveLater(i, v);
    }
    const expected = [...q.key.slice(0, n)].sort((a, b) => a - b);
    expect(drain(q, n)).toEqual(expected);
    for (let i = 0; i <= n; i++) expect(q.heap[q.pos[i]]).toBe(i);
  });

  it('lets the clock come first when its appointment is earliest', () => {
    const q = new EventQueue(2);
    q.key[0] = 50;
    q.key[1] = 40;
    q.heapify();
    expect(q.top()).toBe(1);
    q.moveEarlier(q.clock, 10);
    expect(q.top()).toBe(q.clock);
    q.moveLater(q.clock, Infinity);
    expect(q.top()).toBe(1);
  });
});

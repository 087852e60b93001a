// physical: the physical model's settings in a sentence each — how many replicas a consistency level waits
// for at a keyspace's replication factor. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { escapeHtml } from './html';

/** Replicas a read or write waits for at `consistency` (a driver name, e.g. `localQuorum`) with `rf` copies. */
export function replicasAnswering(consistency: string, rf: number): number {
  const quorum = Math.floor(rf / 2) + 1;
  const n: Record<string, number> = { any: 1, one: 1, localOne: 1, two: 2, three: 3, all: rf };
  if (/quorum/i.test(consistency)) return quorum;
  return Math.min(n[consistency] ?? 1, rf);
}

/** "Reads and writes at LOCAL_QUORUM: 1 of the 1 replica(s) must answer each one." */
export function consistencyHtml(consistency: string, rf: number): string {
  const level = consistency.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  const k = replicasAnswering(consistency, rf);
  return (
    `Every statement here runs at <b>${escapeHtml(level)}</b>: with ${rf} ${rf === 1 ? 'copy' : 'copies'} of each row, ` +
    `${k} of ${rf} ${rf === 1 ? 'replica' : 'replicas'} must answer each read and each write ` +
    `(${2 * k > rf ? 'reads and writes both reach a majority, so every read meets the latest acknowledged write' : 'reads and writes need not overlap: a read may miss a recent write'}).`
  );
}

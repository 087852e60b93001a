// handover: which ways of handing SSTables to Cassandra are tried, first to last, for a target.
import { describe, expect, it } from 'vitest';
import { handoversFor } from '../../../../lib/load/sstables/handover';

describe('handoversFor', () => {
  it.each([
    ['one node on this machine', ['127.0.0.1'], ['nodetool import', 'sstableloader']],
    ['one node on another loopback address', ['127.0.0.95'], ['nodetool import', 'sstableloader']],
    [
      'three local nodes (import would not reach the replicas)',
      ['127.0.0.1', '127.0.0.2', '127.0.0.3'],
      ['sstableloader'],
    ],
    ['one remote node', ['10.0.0.5'], ['sstableloader']],
  ])('%s', (_, hosts, expected) => {
    expect(handoversFor({ hosts, port: 9042 })).toEqual(expected);
  });
});

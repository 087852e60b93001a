// status: which nodes status looks at and how it words them (lib/dev/localnode/status).
import { describe, expect, it } from 'vitest';
import { nodeState, statusIndices, statusMessage, statusNodeCount } from '../../../../lib/dev/localnode/status';
import type { NodeStatus } from '../../../../lib/dev/localnode/types';

const node = (over: Partial<NodeStatus>): NodeStatus => ({
  index: 0,
  name: 'node1',
  address: '127.0.0.1',
  port: 9042,
  pidAlive: false,
  cql: false,
  logFile: '/h/node1/logs/system.log',
  ...over,
});

describe('which nodes', () => {
  it.each([
    [undefined, [], 1],
    [1, [0, 1, 2], 3],
    [5, [0, 2], 5],
  ])('requested %j with node directories %j: %i nodes', (requested, known, count) => {
    expect(statusNodeCount(requested, known)).toBe(count);
  });

  it('looks at the node directories and the configured nodes, in order', () => {
    expect(statusIndices([4, 1], 3)).toEqual([0, 1, 2, 4]);
  });
});

describe('wording', () => {
  it.each([
    [{ pidAlive: true, cql: true, pid: 7, releaseVersion: '5.0.6' }, 'running (pid 7), answers CQL (Cassandra 5.0.6)'],
    [{ pidAlive: true, cql: true, pid: 7 }, 'running (pid 7), answers CQL'],
    [{ pidAlive: true, pid: 7 }, 'process running (pid 7) but not answering CQL'],
    [{ pid: 7 }, 'stopped (recorded pid 7 is gone)'],
    [{}, 'stopped'],
  ])('%j is "%s"', (over, state) => {
    expect(nodeState(node(over))).toBe(state);
  });

  it('lists nodes, then what answers without being ours', () => {
    expect(statusMessage('/h', [], [])).toBe('No local Cassandra node has been created in /h.');
    expect(statusMessage('/h', [node({})], [{ address: '127.0.0.2', port: 9042, releaseVersion: '4.1' }])).toBe(
      'node1 127.0.0.1:9042: stopped\n127.0.0.2:9042: a Cassandra 4.1 answers that was not started from /h',
    );
  });
});

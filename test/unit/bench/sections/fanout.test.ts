import { describe, expect, it } from 'vitest';
import { fanoutRows } from '../../../../bench/sections/fanout';
import type { WaysComparison } from '../../../../lib/teach/ways/compare';
import type { WayResult } from '../../../../lib/teach/ways/result';

/** A measured way with only what the table reads: the trace's reach and the latency. */
const way = (name: string, label: string, ranges: number | null, replicas: number, p50: number, p99: number) =>
  ({
    way: name,
    label,
    available: true,
    trace: { rangesQueried: ranges, replicas },
    latency: { p50Ms: p50, p99Ms: p99 },
  }) as unknown as WayResult;

const comparison = (ways: WayResult[]) => ({ ways }) as unknown as WaysComparison;

describe('bench fanout table', () => {
  it('one row per way: the partition or the token ranges, the nodes, p50 and p99 on one node and on three', () => {
    const single = comparison([
      way('table', 'its own table', null, 1, 1.049, 6.151),
      way('sai', 'SAI index', 1, 1, 2.43, 9.5),
    ]);
    const three = comparison([
      way('table', 'its own table', null, 2, 10.26, 97.4),
      way('sai', 'SAI index', 3, 3, 20.13, 70.68),
    ]);
    expect(fanoutRows(single, three)).toBe(
      '| its own table | 1 partition, 1 node · p50 1.05 ms, p99 6.15 ms | 1 partition, 2 nodes · p50 10.26 ms, p99 97.40 ms |\n' +
        '| SAI index | 1 token range, 1 node · p50 2.43 ms, p99 9.50 ms | 3 token ranges, 3 nodes · p50 20.13 ms, p99 70.68 ms |',
    );
  });

  it('a way Cassandra refused says so with its reason, on the ring that refused it', () => {
    const refused = {
      way: 'view',
      label: 'the view',
      available: false,
      reason: 'Materialized views are disabled',
    } as unknown as WayResult;
    const single = comparison([refused]);
    const three = comparison([way('view', 'the view', null, 2, 6.49, 37.25)]);
    expect(fanoutRows(single, three)).toBe(
      '| the view | not available: Materialized views are disabled | 1 partition, 2 nodes · p50 6.49 ms, p99 37.25 ms |',
    );
  });
});

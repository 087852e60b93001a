// Unit tests of lib/teach/index-support.ts: the matrix's lookup and its shape (one row per operator ×
// kind × column class, the same answer with or without the partition key). Whether each row is what the
// node does is test/integration/index-operators.test.ts's job.
import { describe, expect, it } from 'vitest';
import { columnClass, INDEX_SUPPORT, indexSupport } from '../../../lib/index';

describe('indexSupport', () => {
  it.each([
    ['sai', '=', 'text', 'accepted'],
    ['sai', 'range', 'int', 'accepted'],
    ['sai', 'range', 'double', 'accepted'],
    ['sai', 'range', 'text', 'allow-filtering'],
    ['sai', 'IN', 'int', 'allow-filtering'],
    ['sai', 'OR', 'int', 'refused'],
    ['sai', 'LIKE', 'text', 'refused'],
    ['sai', 'CONTAINS', 'collection', 'accepted'],
    ['legacy', '=', 'int', 'accepted'],
    ['legacy', 'range', 'int', 'allow-filtering'],
    ['legacy', 'CONTAINS', 'collection', 'accepted'],
  ] as const)('%s %s on %s: %s', (kind, op, type, outcome) => {
    expect(indexSupport(kind, op, type, false)?.outcome).toBe(outcome);
    expect(indexSupport(kind, op, type, true)?.outcome).toBe(outcome);
  });

  it('no row: undefined (not measured)', () => {
    expect(indexSupport('sai', 'LIKE', 'int', false)).toBeUndefined();
    expect(indexSupport('sai', '=', 'boolean', false)).toBeUndefined();
    expect(columnClass('timestamp')).toBe('numeric');
  });

  it('one row per kind × operator × column class; refusals carry a message', () => {
    const keys = INDEX_SUPPORT.map((r) => `${r.kind} ${r.operator} ${r.columns}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of INDEX_SUPPORT)
      for (const o of [r.alone, r.inPartition])
        if (o.outcome === 'refused') expect(o.message.length).toBeGreaterThan(10);
  });
});

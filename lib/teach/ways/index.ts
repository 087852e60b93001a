// ways/: question 3 answered four ways on the same plays (its own table, an SAI index, a legacy secondary
// index, a materialized view) and what each costs: the CQL, the trace's shape, latency p50/p99, extra disk
// and write cost. spec.ts has the ways as data and their statements; prepare.ts makes and loads them;
// latency.ts, disk.ts and result.ts measure and assemble; compare.ts is the orchestrator. Re-exports only.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './spec';
export * from './latency';
export * from './disk';
export * from './result';
export * from './prepare';
export * from './compare';
export * from './inside';

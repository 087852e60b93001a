// common/: the few helpers every layer shares — waiting and throttling (async.ts), writing a small JSON
// state file atomically (files.ts), the seeded random generator (random.ts).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './async';
export * from './files';
export * from './random';

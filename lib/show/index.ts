// show/: what people read. format.ts is the one set of number, size and duration formatters; html.ts the
// HTML primitives of the notebook (tables, frames, CQL blocks); the other files turn lib's results — a
// merge, a load, the checker's verdicts, traces, the measured dependencies, partition statistics and charts,
// shared song titles — into the notebook's HTML and the explanations in words. Pure functions: no I/O, no driver.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './checker';
export * from './conceptual';
export * from './etl';
export * from './format';
export * from './html';
export * from './load';
export * from './partition-chart';
export * from './partitions';
export * from './trace';
export * from './titles';
export * from './trace-text';
export * from './cql';
export * from './duplication';
export * from './physical';
export * from './settings';
export * from './grade';
export * from './verify';
export * from './ways';
export * from './ways-words';

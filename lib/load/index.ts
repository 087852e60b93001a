// load/: the tables filled from the merged file — created, then loaded in UNLOGGED batches grouped by
// replica and partition, at bounded concurrency, with retries and a resumable checkpoint.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './load';

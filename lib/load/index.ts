// load/: the tables filled from the merged file. load.ts is the short orchestrator; options.ts its
// settings; schema.ts creates and drops the tables; routing.ts finds a row's replicas; batches.ts packs
// rows into UNLOGGED batches grouped by replica and partition; retry.ts decides what to do with an error;
// watermark.ts and checkpoint.ts record how far the load got so it can resume; progress.ts counts and
// reports. The request pool (executor.ts) and the batch writer (writer.ts) stay inside.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './batches';
export * from './checkpoint';
export * from './load';
export * from './options';
export * from './progress';
export * from './retry';
export * from './routing';
export * from './schema';
export * from './watermark';

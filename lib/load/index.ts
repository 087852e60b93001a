// load/: the tables filled from the merged file. load.ts is the short orchestrator; options.ts its
// settings; schema.ts creates and drops the tables; routing.ts finds a row's replicas; batches.ts packs
// rows into UNLOGGED batches grouped by replica and partition; retry.ts decides what to do with an error;
// watermark.ts and checkpoint.ts record how far the load got so it can resume; progress.ts counts and
// reports. The parts inside the load (routing, batches, retry, watermark, the request pool and the batch
// writer) are not re-exported: their tests import them from their own files.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './checkpoint';
export * from './load';
export * from './options';
export * from './progress';
export * from './schema';
export * from './from-insert';
export * from './insert';

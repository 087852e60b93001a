// index: the public surface of lib/, re-exports only. Import from './lib/index' (tslab cannot import a folder).
export * from './etl/csv';
export * from './etl/events';
export * from './model/tables';
export * from './cassandra/connection';
export * from './load/load';
export * from './cassandra/queries';
export * from './pipeline';
export * from './teach/checker';
export * from './teach/diagram';
export * from './teach/trace';
export * from './teach/partitions';
export * from './etl/quality';
export * from './dev/localnode/localnode';
export * from './show/notebook';
export * from './dev/generate/generate';

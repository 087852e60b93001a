// index: the public surface of lib/, re-exports only. Import from './lib/index' (tslab cannot import a folder).
export * from './csv';
export * from './events';
export * from './model';
export * from './connection';
export * from './load';
export * from './queries';
export * from './pipeline';
export * from './checker';
export * from './diagram';
export * from './trace';
export * from './partitions';
export * from './quality';
export * from './localnode';
export * from './notebook';
export * from './generate';

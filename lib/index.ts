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
export { EVENTS_PER_USER_PER_DAY, GENERATE_DEFAULTS, type GenerateOptions, type GenerateProgress } from './dev/generate/options';
export {
  CLASSIC_SONG, CLASSIC_SESSION_Q1, CLASSIC_ITEM_Q1, CLASSIC_USER_Q2, CLASSIC_SESSION_Q2,
  type ClassicPlay, type ClassicListener, type ClassicFacts,
} from './dev/generate/classic';
export type { GeneratedFile } from './dev/generate/writer';
export { Rng } from './dev/generate/rng';
export { csvField } from './dev/generate/rows';
export * from './show/format';
export * from './common/async';
export * from './errors';

// dev/: tooling a learner can ignore. localnode/ runs a real Apache Cassandra 5.0 node or cluster from
// Maven jars without Docker (start, stop, status, install); generate/ is the seeded event generator that
// made the sample month in event_data/ (its PRNG, catalogue, users, pages and writer stay inside).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './localnode/types';
export * from './localnode/localnode';
export { installCassandra } from './localnode/install';
export { localNodetool, type Nodetool } from './localnode/nodetool';
export { cassandraTools, type CassandraTools, type JavaRun } from './localnode/tools';
export * from './generate/generate';
export {
  EVENTS_PER_USER_PER_DAY,
  GENERATE_DEFAULTS,
  type GenerateOptions,
  type GenerateProgress,
} from './generate/options';
export {
  CLASSIC_ITEM_Q1,
  CLASSIC_SESSION_Q1,
  CLASSIC_SESSION_Q2,
  CLASSIC_SONG,
  CLASSIC_USER_Q2,
  type ClassicFacts,
  type ClassicListener,
  type ClassicPlay,
} from './generate/classic';
export type { GeneratedFile } from './generate/writer';

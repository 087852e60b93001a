// dev/: tooling a learner can ignore. localnode/ runs a real Apache Cassandra 5.0 node or cluster from
// Maven jars without Docker (start, stop, status, install); generate/ is the seeded event generator that
// made the sample month in event_data/.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './localnode/types';
export * from './localnode/localnode';
export { installCassandra } from './localnode/install';
export * from './generate/generate';

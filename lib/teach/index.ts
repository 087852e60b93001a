// teach/: query-first modeling, shown. The checker (does a table serve a question, and why not), the
// table it proposes, the dependencies between play fields (and the conceptual model measured from them,
// with its entity diagram), the song titles shared by several artists, traces of real queries and the
// demos built on them (ALLOW FILTERING, a wrong key), partition statistics and the Chebotko and workflow
// diagrams.
// Computes data only: the words and HTML people read are built in lib/show.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './checker';
export * from './index-rules';
export * from './index-support';
export * from './index-demo';
export * from './conceptual';
export * from './conceptual-svg';
export * from './demos';
export * from './dependencies';
export * from './diagram';
export * from './hot-partition';
export * from './partition-size';
export * from './partitions';
export * from './propose';
export * from './question';
export * from './question-cql';
export * from './statistics';
export * from './titles';
export * from './trace';
export * from './trace-summary';
export * from './workflow';
export * from './wrong-key';
export { escapeXml } from './svg';
export * from './mapping';
export * from './duplication';
export * from './ways/index';

// index: the public surface of lib/, re-exports only. Import from './lib/index' (tslab cannot import a folder).
// Each layer is here twice: as a namespace (`import { model, etl } from './lib/index'`, what the notebook
// does) and name by name (what the command line and the tests do). Files a layer keeps to itself (the
// loader's watermark, the generator's PRNG, the diagrams' SVG primitives …) are not re-exported.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * as model from './model/index';
export * as etl from './etl/index';
export * as cassandra from './cassandra/index';
export * as load from './load/index';
export * as teach from './teach/index';
export * as show from './show/index';
export * as dev from './dev/index';
export * as lesson from './lesson/index';
export * as grade from './grade/index';
export * as verify from './verify/index';

export * from './model/index';
export * from './etl/index';
export * from './cassandra/index';
export * from './load/index';
export * from './teach/index';
export * from './show/index';
export * from './dev/index';
export * from './lesson/index';
export * from './grade/index';
export * from './verify/index';
export * from './common/index';
export * from './errors';
export * from './pipeline';
export * from './settings';

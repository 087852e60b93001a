// model/: the questions and the tables, each written once as data. questions.ts holds the exercise's
// questions (words, restricted columns, order, returns, uniqueness, the values they are asked with);
// tables.ts the tables that answer them (columns and types, partition key, clustering order) and every
// CQL statement derived from them. Nothing here talks to Cassandra.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './questions';
export * from './tables';
export * from './indexes';

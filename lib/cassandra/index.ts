// cassandra/: reaching Cassandra and asking it. config.ts reads how to connect from the environment;
// connect.ts makes a client and connects with a readable error; ensure.ts is the one "connect, or start
// the local node"; keyspace.ts the keyspace's CQL; queries.ts one typed function per question.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './config';
export * from './connect';
export * from './ensure';
export * from './keyspace';
export * from './queries';
export * from './cql';
export * from './explain';
export * from './schema';

// etl/: from the daily event files to plays. csv.ts reads CSV as a stream (UTF-8, BOM, CRLF, line
// numbers); events.ts finds the daily files, checks each row, merges them into one file with a report of
// every row, and reads the plays back; quality.ts spots text encoded twice. No Cassandra here.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './csv';
export * from './events';
export * from './quality';

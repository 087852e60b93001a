// etl/: from the daily event files to plays. csv.ts reads CSV as a stream (UTF-8, BOM, CRLF, line
// numbers; csvscan.ts its record scanner); files.ts finds the daily files, rows.ts checks each row,
// merge.ts merges them into one file (filemerge.ts one file's rows, output.ts the output) with the
// report of every row (report.ts); plays.ts reads the plays back; quality.ts spots text encoded twice.
// No Cassandra here.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
export * from './columns';
export * from './csv';
export * from './files';
export * from './merge';
export * from './plays';
export * from './quality';
export * from './report';
export * from './rows';

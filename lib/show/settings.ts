// settings: the notebook's settings cell as a table — where the event files and the merged file are, which
// Cassandra, keyspace, replication and consistency — so a reader sees what this run reads and writes. Pure.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as path from 'path';
import { describeTarget } from '../cassandra/config';
import type { Settings } from '../settings';
import { htmlTable } from './html';

/** The settings a run uses, one row each; `dropTablesAtEnd` is the notebook's own switch. */
export function settingsHtml(settings: Settings, options: { dropTablesAtEnd?: boolean } = {}): string {
  const c = settings.cassandra;
  const rows = [
    { setting: 'event files', value: path.resolve(settings.eventData) },
    { setting: 'merged file', value: path.resolve(settings.mergedFile) },
    { setting: 'Cassandra', value: `${describeTarget(c)}, datacenter ${c.localDataCenter}` },
    { setting: 'keyspace', value: c.keyspace },
    { setting: 'replication', value: JSON.stringify(c.replication) },
    { setting: 'consistency', value: c.consistency },
  ];
  if (options.dropTablesAtEnd !== undefined) {
    rows.push({ setting: 'drop tables at the end', value: options.dropTablesAtEnd ? 'yes' : 'no' });
  }
  return htmlTable(rows, { caption: 'Settings' });
}

// Small fixtures the unit tests share, written for the cases that use them: one play with every field, a
// question built from a few fields, and a table with a static column and two clustering columns (for the
// clustering-prefix and static-column rules), and a trace summary (a single-partition read, or a scan).
import type { Play } from '../../lib/etl/columns';
import type { Question } from '../../lib/model/questions';
import type { TableSpec } from '../../lib/model/tables';
import type { TraceSummary } from '../../lib/teach/trace-summary';

/** A play from the original files (2018-11), with `over` replacing some of its fields. */
export const play = (over: Partial<Play> = {}): Play => ({
  artist: "Des'ree",
  firstName: 'Kaylee',
  gender: 'F',
  itemInSession: 1,
  lastName: 'Summers',
  length: 246.30812,
  level: 'free',
  location: 'Phoenix-Mesa-Scottsdale, AZ',
  sessionId: 139,
  song: 'You Gotta Be',
  userId: 8,
  ...over,
});

/** A question that returns `song` and restricts nothing, with `over` replacing some of it. */
export const question = (over: Partial<Question>): Question => ({
  name: 'Qx',
  text: 'test',
  equals: [],
  returns: ['song'],
  ...over,
});

/** Songs by user, newest session first; `first_name` is static (one per partition). */
export const songsByUser: TableSpec = {
  name: 'songs_by_user',
  question: 'Every song a user played, newest session first.',
  lookedUpBy: 'songs looked up by user_id',
  columns: [
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'session_id', type: 'int', from: 'sessionId' },
    { name: 'item_in_session', type: 'int', from: 'itemInSession' },
    { name: 'first_name', type: 'text', from: 'firstName', static: true },
    { name: 'artist', type: 'text', from: 'artist' },
    { name: 'song', type: 'text', from: 'song' },
  ],
  partitionKey: ['user_id'],
  clustering: [
    { column: 'session_id', order: 'DESC' },
    { column: 'item_in_session', order: 'ASC' },
  ],
  lookup: ['user_id'],
  returns: ['session_id', 'item_in_session', 'artist', 'song'],
};

/** A trace summary of a single-partition read, with `over` replacing some of it. */
export const traceSummary = (over: Partial<TraceSummary> = {}): TraceSummary => ({
  requestType: 'Execute CQL3 prepared query',
  coordinator: '127.0.0.1',
  durationMicros: 1234,
  kind: 'single-partition',
  singlePartitionReads: 1,
  tables: ['songs_by_session'],
  rangeRequests: null,
  seqScans: [],
  wholeRing: false,
  sstablesRead: 0,
  sstablesSkipped: 0,
  memtablesRead: true,
  liveRowsRead: 1,
  tombstonesRead: 0,
  nodes: ['127.0.0.1'],
  rowsReturned: 1,
  pages: 1,
  events: [],
  ...over,
});
/** What a full range scan (every token range) changes in a summary. */
export const rangeScan: Partial<TraceSummary> = {
  kind: 'range scan',
  singlePartitionReads: 0,
  rangeRequests: 1,
  wholeRing: true,
  liveRowsRead: 788,
  rowsReturned: 28,
  durationMicros: 10779,
  seqScans: [{ sstables: 1, range: '(min(-9223372036854775808), min(-9223372036854775808)]' }],
  sstablesRead: 1,
};

// show/settings: the notebook's settings table, from settings read elsewhere (no environment here).
import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from '../../../lib/settings';
import { settingsHtml } from '../../../lib/show/settings';
import { rowsOf } from './html-text';

describe('settingsHtml', () => {
  const settings = settingsFromEnv({
    SPARKIFY_EVENT_DATA: '/data/events',
    SPARKIFY_MERGED_FILE: '/out/merged.csv',
    CASSANDRA_CONTACT_POINTS: 'db1,db2:9142',
    SPARKIFY_REPLICATION: 'dc1:3',
    CASSANDRA_LOCAL_DC: 'dc1',
  });

  it('shows what the run reads and writes, one row each, and the drop switch when given', () => {
    expect(rowsOf(settingsHtml(settings, { dropTablesAtEnd: false }))).toEqual([
      'Settings',
      'setting | value',
      'event files | /data/events',
      'merged file | /out/merged.csv',
      'Cassandra | db1:9042, db2:9142, datacenter dc1',
      'keyspace | sparkify',
      'replication | {"class":"NetworkTopologyStrategy","datacenters":{"dc1":3}}',
      'consistency | localQuorum',
      'drop tables at the end | no',
    ]);
    expect(rowsOf(settingsHtml(settings))).not.toContain('drop tables at the end | no');
  });
});

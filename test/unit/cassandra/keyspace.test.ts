// Tests for lib/cassandra/keyspace: the CREATE KEYSPACE a replication setting becomes.
import { describe, expect, it } from 'vitest';
import { parseReplication } from '../../../lib/cassandra/config';
import { createKeyspaceCql } from '../../../lib/cassandra/keyspace';

describe('keyspace CQL', () => {
  it.each([
    ['', "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"],
    ['3', "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}"],
    [
      'datacenter1:3,dc2:1',
      "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3, 'dc2': 1}",
    ],
  ])('replication %j', (text, cql) => {
    expect(createKeyspaceCql({ keyspace: 'ks', replication: parseReplication(text) })).toBe(cql);
  });
});

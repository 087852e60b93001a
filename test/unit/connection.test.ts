import { describe, expect, it } from 'vitest';
import { configFromEnv, createKeyspaceCql, parseReplication } from '../../lib/index';

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    expect(configFromEnv({})).toEqual({
      contactPoints: ['127.0.0.1'], port: 9042, localDataCenter: 'datacenter1', keyspace: 'sparkify',
      replication: { class: 'SimpleStrategy', replicationFactor: 1 }, consistency: 'localQuorum',
      username: undefined, password: undefined,
    });
  });
  it('reads every variable', () => {
    expect(configFromEnv({
      CASSANDRA_CONTACT_POINTS: '10.0.0.1, 10.0.0.2', CASSANDRA_PORT: '9142', CASSANDRA_LOCAL_DC: 'dc1',
      SPARKIFY_KEYSPACE: 'Music', SPARKIFY_REPLICATION: 'dc1:3,dc2:2', CASSANDRA_CONSISTENCY: 'quorum',
      CASSANDRA_USERNAME: 'u', CASSANDRA_PASSWORD: 'p',
    })).toEqual({
      contactPoints: ['10.0.0.1', '10.0.0.2'], port: 9142, localDataCenter: 'dc1', keyspace: 'music',
      replication: { class: 'NetworkTopologyStrategy', datacenters: { dc1: 3, dc2: 2 } }, consistency: 'quorum',
      username: 'u', password: 'p',
    });
  });
  it.each([
    [{ CASSANDRA_PORT: 'x' }, /CASSANDRA_PORT is not a port/],
    [{ SPARKIFY_KEYSPACE: "x'); DROP KEYSPACE system; --" }, /Invalid keyspace name/],
    [{ SPARKIFY_REPLICATION: 'dc1=3' }, /SPARKIFY_REPLICATION: cannot read "dc1=3"/],
    [{ SPARKIFY_REPLICATION: '0' }, /at least 1/],
    [{ CASSANDRA_CONSISTENCY: 'most' }, /CASSANDRA_CONSISTENCY "most" is not one of/],
  ])('rejects %j', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });
});

describe('keyspace CQL', () => {
  it.each([
    ['', "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"],
    ['3', "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}"],
    ['datacenter1:3,dc2:1', "CREATE KEYSPACE IF NOT EXISTS ks WITH replication = {'class': 'NetworkTopologyStrategy', 'datacenter1': 3, 'dc2': 1}"],
  ])('replication %j', (text, cql) => {
    expect(createKeyspaceCql({ keyspace: 'ks', replication: parseReplication(text) })).toBe(cql);
  });
});

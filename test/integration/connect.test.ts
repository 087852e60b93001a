// lib/cassandra/connect against a port where no node listens: the error names where and how long, never the password.
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../lib/cassandra/config';
import { connect } from '../../lib/cassandra/connect';
import { CassandraUnavailableError } from '../../lib/errors';

describe('connect', () => {
  it('a node that does not answer: the error names where, not the password', async () => {
    const c = {
      ...configFromEnv({
        CASSANDRA_CONTACT_POINTS: '127.0.0.254',
        CASSANDRA_PORT: '9',
        CASSANDRA_USERNAME: 'app',
        CASSANDRA_PASSWORD: 'Pa55-w0rd!',
      }),
    };
    const err = await connect(c, { waitMs: 0 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(CassandraUnavailableError);
    expect((err as Error).message).toMatch(/No Cassandra node answered at 127\.0\.0\.254:9/);
    expect((err as Error).message).not.toContain('Pa55-w0rd!');
  });
});

// Tests for lib/cassandra/config: the configuration from the environment, TLS options and masking secrets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../lib/cassandra/connect';
import {
  configFromEnv,
  describeConfig,
  isLoopbackHost,
  maskSecrets,
  sslOptionsFor,
  tlsFromEnv,
} from '../../../lib/cassandra/config';

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    expect(configFromEnv({})).toEqual({
      contactPoints: ['127.0.0.1'],
      port: 9042,
      localDataCenter: 'datacenter1',
      keyspace: 'sparkify',
      replication: { class: 'SimpleStrategy', replicationFactor: 1 },
      consistency: 'localQuorum',
      username: undefined,
      password: undefined,
    });
  });
  it('reads every variable', () => {
    expect(
      configFromEnv({
        CASSANDRA_CONTACT_POINTS: '10.0.0.1, 10.0.0.2',
        CASSANDRA_PORT: '9142',
        CASSANDRA_LOCAL_DC: 'dc1',
        SPARKIFY_KEYSPACE: 'Music',
        SPARKIFY_REPLICATION: 'dc1:3,dc2:2',
        CASSANDRA_CONSISTENCY: 'quorum',
        CASSANDRA_USERNAME: 'u',
        CASSANDRA_PASSWORD: 'p',
      }),
    ).toEqual({
      contactPoints: ['10.0.0.1', '10.0.0.2'],
      port: 9142,
      localDataCenter: 'dc1',
      keyspace: 'music',
      replication: { class: 'NetworkTopologyStrategy', datacenters: { dc1: 3, dc2: 2 } },
      consistency: 'quorum',
      username: 'u',
      password: 'p',
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

describe('TLS from the environment', () => {
  it.each([
    [{}, undefined],
    [{ CASSANDRA_SSL: 'false' }, undefined],
    [{ CASSANDRA_SSL: 'true' }, { verify: 'full' }],
    [{ CASSANDRA_SSL_CA: '/c/ca.pem' }, { ca: '/c/ca.pem', verify: 'full' }],
    [
      { CASSANDRA_SSL_CA: '/c/ca.pem', CASSANDRA_SSL_VERIFY: 'ca' },
      { ca: '/c/ca.pem', verify: 'ca' },
    ],
    [{ CASSANDRA_SSL: '1', CASSANDRA_SSL_VERIFY: 'none' }, { verify: 'none' }],
    [{ CASSANDRA_SSL: 'yes', CASSANDRA_SSL_VERIFY: 'false' }, { verify: 'none' }],
    [
      { CASSANDRA_SSL_CA: '/c/ca.pem', CASSANDRA_SSL_VERIFY: 'TRUE' },
      { ca: '/c/ca.pem', verify: 'full' },
    ],
    [
      {
        CASSANDRA_SSL_CA: '/c/ca.pem',
        CASSANDRA_SSL_CERT: '/c/client.pem',
        CASSANDRA_SSL_KEY: '/c/client.key',
        CASSANDRA_SSL_KEY_PASSWORD: 'kp',
      },
      { ca: '/c/ca.pem', cert: '/c/client.pem', key: '/c/client.key', keyPassphrase: 'kp', verify: 'full' },
    ],
  ])('%j → %j', (env, tls) => {
    const want =
      tls === undefined
        ? undefined
        : { ca: undefined, cert: undefined, key: undefined, keyPassphrase: undefined, ...tls };
    expect(tlsFromEnv(env)).toEqual(want);
    expect(configFromEnv(env).tls).toEqual(want);
  });
  it.each([
    [{ CASSANDRA_SSL: 'maybe' }, /CASSANDRA_SSL must be true or false, got "maybe"/],
    [
      { CASSANDRA_SSL_CERT: '/c/client.pem' },
      /needs both CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY; only CASSANDRA_SSL_CERT is set/,
    ],
    [{ CASSANDRA_SSL_KEY: '/c/client.key' }, /only CASSANDRA_SSL_KEY is set/],
    [
      { CASSANDRA_SSL: 'true', CASSANDRA_SSL_VERIFY: 'sometimes' },
      /CASSANDRA_SSL_VERIFY must be full, ca or none, got "sometimes"/,
    ],
    [
      { CASSANDRA_SSL: 'false', CASSANDRA_SSL_CA: '/c/ca.pem' },
      /CASSANDRA_SSL is false but CASSANDRA_SSL_CA\/CERT\/KEY are set/,
    ],
  ])('rejects %j', (env, message) => {
    expect(() => tlsFromEnv(env)).toThrow(message);
  });
});

describe('sslOptionsFor', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-tls-unit-'));
    for (const f of ['ca.pem', 'client.pem', 'client.key']) writeFileSync(join(dir, f), `-----${f}-----\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the PEM files and verifies chain and host name by default (the driver alone would not)', () => {
    const o = sslOptionsFor({
      ca: join(dir, 'ca.pem'),
      cert: join(dir, 'client.pem'),
      key: join(dir, 'client.key'),
      verify: 'full',
    });
    expect(o.rejectUnauthorized).toBe(true);
    expect(o.checkServerIdentity).toBeUndefined();
    expect(String((o.ca as Buffer[])[0])).toBe('-----ca.pem-----\n');
    expect(String(o.cert)).toBe('-----client.pem-----\n');
    expect(String(o.key)).toBe('-----client.key-----\n');
  });
  it.each([
    ['ca', true, true],
    ['none', false, false],
  ] as const)('verify %s: rejectUnauthorized %s, host name check skipped: %s', (verify, reject, skipName) => {
    const o = sslOptionsFor({ ca: join(dir, 'ca.pem'), verify });
    expect(o.rejectUnauthorized).toBe(reject);
    expect(o.checkServerIdentity !== undefined).toBe(verify === 'ca' && skipName);
  });
  it('names the variable and the file it cannot read', () => {
    expect(() => sslOptionsFor({ ca: join(dir, 'missing.pem'), verify: 'full' })).toThrow(
      /CASSANDRA_SSL_CA names .*missing\.pem, which cannot be read \(ENOENT\)/,
    );
    expect(() => sslOptionsFor({ cert: join(dir, 'client.pem'), key: join(dir, 'nope.key'), verify: 'full' })).toThrow(
      /CASSANDRA_SSL_KEY names/,
    );
  });
  it('createClient turns the config into the driver sslOptions', () => {
    const client = createClient({ ...configFromEnv({}), tls: { ca: join(dir, 'ca.pem'), verify: 'full' } });
    // The driver keeps its options on the client (not in its typings).
    const options = (
      client as unknown as {
        options: { sslOptions: { rejectUnauthorized?: boolean }; queryOptions: { isIdempotent?: boolean } };
      }
    ).options;
    expect(options.sslOptions.rejectUnauthorized).toBe(true);
    expect(options.queryOptions.isIdempotent).toBe(true);
  });
});

describe('secrets never appear in messages', () => {
  const config = { password: 'Pa55-w0rd!', tls: { verify: 'full' as const, keyPassphrase: 'key-phrase-9' } };
  it.each([
    [
      'Provided username u and/or password Pa55-w0rd! are incorrect',
      'Provided username u and/or password **** are incorrect',
    ],
    ['bad decrypt for key-phrase-9', 'bad decrypt for ****'],
    ['Pa55-w0rd!Pa55-w0rd!', '********'],
    ['nothing secret', 'nothing secret'],
  ])('%s', (text, masked) => {
    expect(maskSecrets(text, config)).toBe(masked);
  });
  it('describeConfig shows where and who, never the password or passphrase', () => {
    const c = configFromEnv({
      CASSANDRA_USERNAME: 'app',
      CASSANDRA_PASSWORD: 'Pa55-w0rd!',
      CASSANDRA_SSL_CA: '/c/ca.pem',
      CASSANDRA_SSL_KEY_PASSWORD: 'key-phrase-9',
    });
    const text = JSON.stringify(describeConfig(c));
    expect(text).toContain('"username":"app"');
    expect(text).toContain('"password":"****"');
    expect(text).not.toContain('Pa55-w0rd!');
    expect(text).not.toContain('key-phrase-9');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '127.0.0.1:9042',
    'localhost',
    'LOCALHOST:9042',
    '::1',
    '[::1]:9042',
    ' 127.1.2.3 ',
  ])('%s is this machine', (h) => expect(isLoopbackHost(h)).toBe(true));
  it.each(['10.0.0.5', 'cassandra.example.com', '128.0.0.1', '127.0.0', '::2', '[fe80::1]:9042', ''])(
    '%s is not',
    (h) => expect(isLoopbackHost(h)).toBe(false),
  );
});

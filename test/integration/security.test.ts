// Security, against real Cassandra 5.0 nodes of our own (never the dev node on 127.0.0.1 for auth and TLS):
//  - hostile values: a song title that is CQL injection is bound and round-trips; a hostile keyspace name
//    is rejected before any CQL is sent (a real client on the shared node, its requests recorded by the
//    driver's request tracker; the node's keyspaces are unchanged after);
//  - PasswordAuthenticator (node on 127.0.0.41, JMX 7500): the right credentials load and query, wrong or
//    missing ones give a clear error, and no password appears in any message, driver log line or CLI output;
//  - the local node listens on loopback only;
//  - TLS with client certificates (node on 127.0.0.42, JMX 7510): CA, server and client certificates made
//    with openssl, a PKCS12 keystore and truststore with keytool; the driver connects with CA + client
//    certificate from CASSANDRA_SSL_* and fails clearly without them.
//   npx vitest run test/integration/security.test.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tracker, type Client } from 'cassandra-driver';
import {
  CassandraConnectionError,
  CassandraUnavailableError,
  configFromEnv,
  connect,
  createClient,
  createKeyspace,
  createTables,
  dropKeyspaceCql,
  listenersOf,
  loadTables,
  PLAY_COLUMNS,
  sessionPlaylist,
  type SparkifyConfig,
} from '../../lib/index';
import { startLocalCassandra, stopLocalCassandra } from '../../lib/dev/localnode/localnode';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { newcomerEnv, sparkify } from '../support/cli';
import { closeSuite, openSuite, type Suite } from './support';
import { portOpen, SUITE_NODES, testNodeOptions } from '../support/nodes';

const log = (line: string) => console.log(`[security] ${line}`);
const HOSTILE_TITLE = "x'); DROP TABLE listeners_by_song; --";
const HOSTILE_ARTIST = 'Robert\'); DROP KEYSPACE system_auth; -- "Bobby" \\ Tables';
const HOSTILE_KEYSPACES = [
  "x'); DROP TABLE songs_by_session; --",
  'sparkify; DROP KEYSPACE system',
  'system_auth.roles',
  '"Quoted"',
  'two words',
  '1starts_with_digit',
  'ünïcode',
  '',
  'x'.repeat(49),
];
// Distinctive secrets, searched for in every message and output below.
const APP_PASSWORD = 'S3cret-Sparkify-Pw-7731';
const WRONG_PASSWORD = 'Wr0ng-Sparkify-Pw-4410';

function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `sparkify-security-${tag}-`));
}

/** A merged file with hostile values: injection in title and artist, apostrophes, quotes, non-ASCII. */
function hostileMergedFile(dir: string): string {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = [
    [HOSTILE_ARTIST, 'Ann', 'F', '0', "O'Brien", '201.5', 'free', 'Town, ST', '91', HOSTILE_TITLE, '7'],
    ["Des'ree", 'Zoë', 'F', '1', 'Nuñez', '180.25', 'paid', 'San José, CA', '91', "Kissing You'); --", '7'],
    ['Björk', 'Li', 'M', '0', 'Wu', '99.0', 'free', 'Town, ST', '92', HOSTILE_TITLE, '8'],
  ];
  const file = join(dir, 'event_datafile_new.csv');
  writeFileSync(file, [PLAY_COLUMNS.join(','), ...rows.map((r) => r.map(q).join(','))].join('\n') + '\n');
  return file;
}

function sparkifyCli(args: string[], env: Record<string, string>, cwd: string) {
  return sparkify(args, { cwd, env: newcomerEnv({ SPARKIFY_CONNECT_WAIT_MS: '5000', ...env }), timeoutMs: 120_000 });
}

describe('hostile identifiers are rejected before any CQL is sent (the shared node)', () => {
  // A real client on the shared node; the driver's request tracker records every request that reached it.
  const sent: string[] = [];
  class Recorder implements tracker.RequestTracker {
    onSuccess(_host: unknown, query: string | { query: string }[]): void {
      sent.push(JSON.stringify(query));
    }
    onError(_host: unknown, query: string | { query: string }[]): void {
      sent.push(JSON.stringify(query));
    }
    shutdown(): void {}
  }
  let suite: Suite;
  let dir: string;
  const keyspaces = async () =>
    (await suite.client.execute('SELECT keyspace_name FROM system_schema.keyspaces')).rows
      .map((r) => r.get('keyspace_name') as string)
      .sort();
  let before: string[];
  beforeAll(async () => {
    dir = tempDir('ids');
    suite = await openSuite('ids');
    before = await keyspaces();
    // createClient takes no tracker; the driver reads client.options.requestTracker on every request.
    (suite.client as unknown as { options: { requestTracker?: tracker.RequestTracker } }).options.requestTracker =
      new Recorder();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await closeSuite(suite);
  });

  it('the recorder sees requests', async () => {
    sent.length = 0;
    await suite.client.execute('SELECT release_version FROM system.local');
    expect(sent).toEqual([JSON.stringify('SELECT release_version FROM system.local')]);
  });

  it.each(HOSTILE_KEYSPACES)('keyspace %j', async (name) => {
    sent.length = 0;
    const invalid = /Invalid keyspace name/;
    expect(() => configFromEnv({ SPARKIFY_KEYSPACE: name })).toThrow(name === '' ? /./ : invalid);
    const config = { ...suite.config, keyspace: name };
    await expect(createKeyspace(suite.client, config)).rejects.toThrow(invalid);
    await expect(createTables(suite.client, name)).rejects.toThrow(invalid);
    await expect(loadTables(suite.client, { file: hostileMergedFile(dir), keyspace: name })).rejects.toThrow(invalid);
    await expect(listenersOf(suite.client, name, { song: 'x' })).rejects.toThrow(invalid);
    expect(() => dropKeyspaceCql(name)).toThrow(invalid);
    expect(sent).toEqual([]);
  });

  it("left the node's keyspaces as they were", async () => {
    expect(await keyspaces()).toEqual(before);
  });
});

describe('PasswordAuthenticator, hostile values and loopback (own node on 127.0.0.41)', () => {
  const home = tempDir('auth-node');
  const dir = tempDir('auth');
  const node: LocalClusterOptions = {
    ...testNodeOptions(SUITE_NODES.auth, home, { log }),
    extraYaml: { authenticator: 'PasswordAuthenticator' },
    credentials: { username: 'cassandra', password: 'cassandra' },
  };
  const env = {
    CASSANDRA_CONTACT_POINTS: '127.0.0.41',
    CASSANDRA_CONSISTENCY: 'one',
    SPARKIFY_KEYSPACE: 'sparkify_secure',
    CASSANDRA_USERNAME: 'sparkify_app',
    CASSANDRA_PASSWORD: APP_PASSWORD,
  };
  let app: Client | undefined;
  let config: SparkifyConfig;

  beforeAll(async () => {
    const r = await startLocalCassandra(node);
    log(r.message);
    expect(r.foreign).toBe(false);
    const admin = await connect(
      configFromEnv({
        CASSANDRA_CONTACT_POINTS: '127.0.0.41',
        CASSANDRA_USERNAME: 'cassandra',
        CASSANDRA_PASSWORD: 'cassandra',
      }),
    );
    try {
      // DDL takes no bind markers; the password is a constant of this test.
      await admin.execute(`CREATE ROLE IF NOT EXISTS sparkify_app WITH PASSWORD = '${APP_PASSWORD}' AND LOGIN = true`);
    } finally {
      await admin.shutdown();
    }
    config = configFromEnv(env);
  }, 300_000);

  afterAll(async () => {
    try {
      await app?.shutdown();
    } finally {
      log((await stopLocalCassandra(node).catch((e) => ({ message: String(e) }))).message);
      rmSync(home, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('the right credentials connect, load and query; a CQL-injection title is bound and round-trips', async () => {
    app = await connect(config, { waitMs: 30_000 });
    await createKeyspace(app, config);
    await createTables(app, config.keyspace);
    const r = await loadTables(app, { file: hostileMergedFile(dir), keyspace: config.keyspace });
    expect(r).toMatchObject({ rowsRead: 3, failedCount: 0 });
    const listeners = await listenersOf(app, config.keyspace, { song: HOSTILE_TITLE });
    expect(listeners.map((l) => `${l.userId} ${l.firstName} ${l.lastName}`)).toEqual(["7 Ann O'Brien", '8 Li Wu']);
    const playlist = await sessionPlaylist(app, config.keyspace, { userId: 7, sessionId: 91 });
    expect(playlist.map((p) => [p.artist, p.song])).toEqual([
      [HOSTILE_ARTIST, HOSTILE_TITLE],
      ["Des'ree", "Kissing You'); --"],
    ]);
    // Nothing was dropped: every table is there, and so is system_auth.
    const tables = await app.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [
      config.keyspace,
    ]);
    expect(tables.rows.map((t) => t.get('table_name')).sort()).toEqual([
      'listeners_by_song',
      'songs_by_session',
      'songs_by_user_session',
    ]);
    const auth = await app.execute(
      "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'system_auth'",
    );
    expect(auth.rows).toHaveLength(1);
  });

  it('a wrong password gives a clear error at once, naming the user and never a password', async () => {
    // Waiting would not help: connect gives up at once (a retrying connect would outlast the test's timeout
    // and end in CassandraUnavailableError, not CassandraConnectionError).
    const err = await connect({ ...config, password: WRONG_PASSWORD }, { waitMs: 600_000 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(CassandraConnectionError);
    expect((err as CassandraConnectionError).kind).toBe('authentication');
    const message = (err as Error).message;
    log(`wrong password: ${message}`);
    expect(message).toMatch(
      /^Cassandra at 127\.0\.0\.41:9042 refused the credentials \(user "sparkify_app"\): .*(incorrect|[Bb]ad credentials)/,
    );
    expect(message).not.toContain(WRONG_PASSWORD);
    expect(message).not.toContain(APP_PASSWORD);
    expect(JSON.stringify(err)).not.toContain(WRONG_PASSWORD);
  });

  it('no credentials at all: a clear error that says which variables to set', async () => {
    const err = await connect({ ...config, username: undefined, password: undefined }, { waitMs: 30_000 }).catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(CassandraConnectionError);
    expect((err as Error).message).toMatch(
      /refused the credentials \(no credentials were given \(set CASSANDRA_USERNAME and CASSANDRA_PASSWORD\)\)/,
    );
  });

  it("the driver's own log lines never hold a password (right and wrong credentials, every level)", async () => {
    const lines: string[] = [];
    const outcome: Record<string, string> = {};
    for (const [which, password] of [
      ['right', APP_PASSWORD],
      ['wrong', WRONG_PASSWORD],
    ] as const) {
      const client = createClient({ ...config, password });
      client.on('log', (level: string, className: string, message: string, furtherInfo?: unknown) => {
        lines.push(`${level} ${className} ${message} ${furtherInfo === undefined ? '' : JSON.stringify(furtherInfo)}`);
      });
      outcome[which] = await client
        .connect()
        .then(() => client.execute('SELECT release_version FROM system.local'))
        .then(
          (rs) => `answered ${rs.first()?.get('release_version')}`,
          (e: Error) => `failed: ${e.name}`,
        )
        .finally(() => client.shutdown());
    }
    // The right password connects and answers; the wrong one is refused as bad credentials.
    expect(outcome.right).toMatch(/^answered 5\./);
    expect(outcome.wrong).toMatch(/^failed: (NoHostAvailableError|AuthenticationError)$/);
    expect(lines.join('\n')).toMatch(/127\.0\.0\.41/);
    expect(
      lines.some((l) => /[Aa]uthenticat|credentials/.test(l)),
      'the refusal itself is logged',
    ).toBe(true);
    for (const line of lines) {
      expect(line).not.toContain(APP_PASSWORD);
      expect(line).not.toContain(WRONG_PASSWORD);
    }
  });

  it('the CLI: credentials from the environment answer; a wrong password is one clear line, no password, no stack', () => {
    const ok = sparkifyCli(['query', 'listeners', '--song', HOSTILE_TITLE], env, dir);
    expect(ok.err).not.toMatch(/\n\s+at /);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("O'Brien");
    const bad = sparkifyCli(
      ['query', 'listeners', '--song', HOSTILE_TITLE],
      { ...env, CASSANDRA_PASSWORD: WRONG_PASSWORD },
      dir,
    );
    log(`CLI with a wrong password (exit ${bad.code}): ${bad.err.trim()}`);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /sparkify: Cassandra at 127\.0\.0\.41:9042 refused the credentials \(user "sparkify_app"\)/,
    );
    expect(bad.err).not.toMatch(/\n\s+at /);
    for (const text of [ok.out, ok.err, bad.out, bad.err]) {
      expect(text).not.toContain(APP_PASSWORD);
      expect(text).not.toContain(WRONG_PASSWORD);
    }
  });

  it('the local node listens on loopback only, and localnode refuses a non-loopback address', async () => {
    const yaml = readFileSync(join(home, 'node1', 'conf', 'cassandra.yaml'), 'utf8');
    expect(yaml).toMatch(/^listen_address: "?127\.0\.0\.41"?$/m);
    expect(yaml).toMatch(/^rpc_address: "?127\.0\.0\.41"?$/m);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    log(`non-loopback address of this machine: ${external ?? '(none)'}`);
    for (const address of ['0.0.0.0', '10.1.2.3', '192.168.0.10', 'example.com', ...(external ? [external] : [])]) {
      const other = tempDir('refuse');
      try {
        await expect(startLocalCassandra({ baseAddress: address, home: other, jmxPort: 7505 })).rejects.toThrow(
          /runs on loopback addresses \(127\.x\.y\.z\)/,
        );
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    }
    expect(await portOpen('127.0.0.41', 9042)).toBe(true);
    if (external) {
      // Nothing answers on the machine's own address at the CQL, internode or JMX ports of this node.
      for (const port of [9042, 7000, 7500]) expect(await portOpen(external, port)).toBe(false);
    }
  });
});

describe('TLS with client certificates (own node on 127.0.0.42)', () => {
  const home = tempDir('tls-node');
  const pki = tempDir('tls');
  const TLS_PORT = 9142;
  const KEY_PASSPHRASE = 'Key-Passphrase-5512';
  const pem = (f: string) => join(pki, f);
  let node: LocalClusterOptions;
  let tlsReady = false;

  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: pki, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error}`);
  };

  beforeAll(async () => {
    // A CA; a server certificate for 127.0.0.42 (IP SAN, so the host name check passes); a client certificate.
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Sparkify Test CA',
    ]);
    writeFileSync(pem('server.ext'), 'subjectAltName=IP:127.0.0.42\nextendedKeyUsage=serverAuth\n');
    writeFileSync(pem('client.ext'), 'extendedKeyUsage=clientAuth\n');
    run('openssl', [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=127.0.0.42',
    ]);
    run('openssl', [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    ]);
    run('openssl', [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'client.key',
      '-out',
      'client.csr',
      '-subj',
      '/CN=sparkify-client',
    ]);
    run('openssl', [
      'x509',
      '-req',
      '-in',
      'client.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'client.pem',
      '-days',
      '2',
      '-extfile',
      'client.ext',
    ]);
    // The same client key, encrypted with a passphrase (CASSANDRA_SSL_KEY_PASSWORD).
    run('openssl', [
      'pkey',
      '-in',
      'client.key',
      '-aes256',
      '-passout',
      `pass:${KEY_PASSPHRASE}`,
      '-out',
      'client-encrypted.key',
    ]);
    // A client certificate from another CA: the node must refuse it.
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'rogue.key',
      '-out',
      'rogue.pem',
      '-days',
      '2',
      '-subj',
      '/CN=rogue',
    ]);
    // The node's keystore (key + certificate chain) and truststore (the CA, to check client certificates), PKCS12.
    run('openssl', [
      'pkcs12',
      '-export',
      '-in',
      'server.pem',
      '-inkey',
      'server.key',
      '-certfile',
      'ca.pem',
      '-name',
      'node',
      '-out',
      'server-openssl.p12',
      '-passout',
      'pass:keystore-pw',
    ]);
    run('keytool', [
      '-importkeystore',
      '-noprompt',
      '-srckeystore',
      'server-openssl.p12',
      '-srcstoretype',
      'PKCS12',
      '-srcstorepass',
      'keystore-pw',
      '-destkeystore',
      'keystore.p12',
      '-deststoretype',
      'PKCS12',
      '-deststorepass',
      'keystore-pw',
    ]);
    run('keytool', [
      '-importcert',
      '-noprompt',
      '-alias',
      'sparkify-ca',
      '-file',
      'ca.pem',
      '-keystore',
      'truststore.p12',
      '-storetype',
      'PKCS12',
      '-storepass',
      'truststore-pw',
    ]);

    // TLS only on port 9142 (native_transport_port_ssl); 9042 stays plain for localnode's readiness probe, which
    // speaks plain CQL only.
    node = {
      baseAddress: '127.0.0.42',
      port: 9042,
      jmxPort: 7510,
      home,
      heap: '512M',
      newHeap: '128M',
      timeoutMs: 180_000,
      log,
      extraYaml: {
        native_transport_port_ssl: TLS_PORT,
        client_encryption_options: {
          enabled: true,
          optional: false,
          store_type: 'PKCS12',
          keystore: pem('keystore.p12'),
          keystore_password: 'keystore-pw',
          require_client_auth: true,
          truststore: pem('truststore.p12'),
          truststore_password: 'truststore-pw',
        },
      },
    };
    const r = await startLocalCassandra(node);
    log(r.message);
    tlsReady = true;
  }, 300_000);

  afterAll(async () => {
    log(
      (
        await stopLocalCassandra(node ?? { baseAddress: '127.0.0.42', home, jmxPort: 7510 }).catch((e) => ({
          message: String(e),
        }))
      ).message,
    );
    rmSync(home, { recursive: true, force: true });
    rmSync(pki, { recursive: true, force: true });
  }, 120_000);

  const tlsEnv = (extra: Record<string, string>) =>
    configFromEnv({
      CASSANDRA_CONTACT_POINTS: '127.0.0.42',
      CASSANDRA_PORT: String(TLS_PORT),
      CASSANDRA_CONSISTENCY: 'one',
      ...extra,
    });

  it('connects over TLS with the CA and a client certificate from CASSANDRA_SSL_* (chain and host name checked)', async () => {
    expect(tlsReady).toBe(true);
    const config = tlsEnv({
      CASSANDRA_SSL_CA: pem('ca.pem'),
      CASSANDRA_SSL_CERT: pem('client.pem'),
      CASSANDRA_SSL_KEY: pem('client.key'),
    });
    expect(config.tls).toMatchObject({ verify: 'full' });
    const client = await connect(config, { waitMs: 30_000 });
    try {
      const rs = await client.execute('SELECT release_version FROM system.local');
      expect(rs.first().get('release_version')).toMatch(/^5\.0\./);
      // The node reports the session as encrypted, with the client's certificate.
      const me = await client.execute('SELECT ssl_enabled, ssl_protocol FROM system_views.clients');
      expect(me.rows.some((r) => r.get('ssl_enabled') === true)).toBe(true);
      log(`TLS sessions: ${me.rows.map((r) => `${r.get('ssl_enabled')}/${r.get('ssl_protocol')}`).join(', ')}`);
    } finally {
      await client.shutdown();
    }
  });

  it('an encrypted client key works with CASSANDRA_SSL_KEY_PASSWORD, which never shows in messages', async () => {
    const config = tlsEnv({
      CASSANDRA_SSL_CA: pem('ca.pem'),
      CASSANDRA_SSL_CERT: pem('client.pem'),
      CASSANDRA_SSL_KEY: pem('client-encrypted.key'),
      CASSANDRA_SSL_KEY_PASSWORD: KEY_PASSPHRASE,
    });
    const client = await connect(config, { waitMs: 30_000 });
    await client.shutdown();
    const wrong = await connect(
      { ...config, tls: { ...config.tls!, keyPassphrase: 'not-the-Passphrase-1' } },
      { waitMs: 30_000 },
    ).catch((e: Error) => e);
    log(`wrong key passphrase: ${(wrong as Error).message}`);
    expect(wrong).toBeInstanceOf(CassandraConnectionError);
    // A wrong passphrase usually fails OpenSSL's padding check ("bad decrypt"); about one key in 256 passes it
    // and the garbage then fails to decode ("unsupported"). Both name the variable to check.
    expect((wrong as Error).message).toMatch(
      /failed: the client certificate or key cannot be used \((bad decrypt|unsupported)\); check .*CASSANDRA_SSL_KEY_PASSWORD/,
    );
    expect((wrong as Error).message).not.toContain('not-the-Passphrase-1');
    expect((wrong as Error).message).not.toContain(KEY_PASSPHRASE);
  });

  it.each([
    [
      'without a client certificate',
      { CASSANDRA_SSL_CA: 'ca.pem' },
      /^TLS connection to Cassandra at 127\.0\.0\.42:9142 failed: the node requires a client certificate \(set CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY\): tlsv13 alert certificate required$/,
    ],
    [
      'with a client certificate from another CA',
      { CASSANDRA_SSL_CA: 'ca.pem', CASSANDRA_SSL_CERT: 'rogue.pem', CASSANDRA_SSL_KEY: 'rogue.key' },
      /TLS connection to Cassandra at 127\.0\.0\.42:9142 failed: the TLS handshake failed \(.+\); check that the node trusts the CA of the client certificate/,
    ],
    [
      "without the CA (the node's certificate is not trusted)",
      { CASSANDRA_SSL_CERT: 'client.pem', CASSANDRA_SSL_KEY: 'client.key' },
      /TLS connection to Cassandra at 127\.0\.0\.42:9142 failed: the node's certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN.*set CASSANDRA_SSL_CA/,
    ],
  ])('fails at once and clearly %s', async (_what, vars, message) => {
    const env = Object.fromEntries(Object.entries(vars).map(([k, f]) => [k, pem(f)]));
    // At once: with ten minutes to wait, only a connect that gives up on the first refusal ends in the test's time.
    const err = await connect(tlsEnv(env), { waitMs: 600_000 }).catch((e: Error) => e);
    log(`${_what}: ${(err as Error).message}`);
    expect(err).toBeInstanceOf(CassandraConnectionError);
    expect((err as Error).message).toMatch(message);
  });

  it('a plain (non-TLS) client gets a clear "no node answered" with the hint to set CASSANDRA_SSL_CA', async () => {
    const err = await connect(tlsEnv({}), { waitMs: 3000 }).catch((e: Error) => e);
    log(`plain client on the TLS port: ${(err as Error).message}`);
    expect(err).toBeInstanceOf(CassandraUnavailableError);
    expect((err as Error).message).toMatch(/No Cassandra node answered at 127\.0\.0\.42:9142/);
    expect((err as Error).message).toMatch(
      /if the node requires TLS \(client_encryption_options\), set CASSANDRA_SSL_CA/,
    );
  });
});

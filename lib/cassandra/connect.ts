// connect: a driver Client for a configuration, and connecting with a readable error — waiting for a
// node that is still starting, failing at once on credentials or TLS that waiting will not fix.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { auth, Client, policies, types } from 'cassandra-driver';
import { CassandraConnectionError, CassandraUnavailableError, errorsIn, hostProblems } from '../errors';
import { describeTarget, maskSecrets, sslOptionsFor, type SparkifyConfig } from './config';

/**
 * A driver Client for the config. Every statement the project runs is idempotent (upserts, reads,
 * IF [NOT] EXISTS DDL), so the driver may retry any of them on another node when one goes away;
 * a node that went down is tried again every 0.5–4 s, so a returning node is used within seconds.
 * Native protocol v4: the driver (4.10) has no v5 for Apache Cassandra and always ends at v4 after
 * offering its DSE version first; over TLS that in-band downgrade breaks against Cassandra 5.0 ("The
 * server replied with a wrong streamId #0", then a timeout), so it starts at v4.
 */
export function createClient(config: SparkifyConfig): Client {
  return new Client({
    contactPoints: config.contactPoints,
    localDataCenter: config.localDataCenter,
    protocolOptions: { port: config.port, maxVersion: types.protocolVersion.v4 },
    authProvider:
      config.username !== undefined
        ? new auth.PlainTextAuthProvider(config.username, config.password ?? '')
        : undefined,
    sslOptions: config.tls ? sslOptionsFor(config.tls) : undefined,
    queryOptions: { prepare: true, consistency: types.consistencies[config.consistency], isIdempotent: true },
    socketOptions: { connectTimeout: 5000, readTimeout: 20000 },
    policies: { reconnection: new policies.reconnection.ExponentialReconnectionPolicy(500, 4000, false) },
  });
}

/** The error's own message, or per host for "all hosts tried" errors, with the secrets masked. */
export function problemOf(err: unknown, config: Pick<SparkifyConfig, 'password' | 'tls'>): string {
  const inner = hostProblems(err, true).map(({ host, message }) => `${host}: ${message}`);
  const text = inner.length ? inner.join('; ') : ((err as { message?: string } | undefined)?.message ?? String(err));
  return maskSecrets(text, config);
}

function isAuthError(err: unknown): boolean {
  return errorsIn(err).some(
    (x) => x?.name === 'AuthenticationError' || /authenticat|credentials|password|username/i.test(x?.message ?? ''),
  );
}

/** OpenSSL's "…:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:…" → the reason alone. */
function opensslReason(message: string): string {
  const m = /error:[0-9A-Fa-f]+:[^:]*routines:[^:]*:([^:]+)/.exec(message);
  return (m ? m[1] : message.split('\n')[0]).trim();
}

/** A TLS failure that waiting will not fix: a certificate the client rejects, or a handshake the node rejects. */
export function tlsProblem(err: unknown): string | undefined {
  // Innermost first: the socket's own error says more than "All host(s) tried".
  for (const x of errorsIn(err).reverse()) {
    const code = x?.code ?? '';
    const msg = x?.message ?? '';
    const reason = opensslReason(msg);
    if (/CERTIFICATE_REQUIRED|certificate required/i.test(code + ' ' + msg)) {
      return `the node requires a client certificate (set CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY): ${reason}`;
    }
    if (/^ERR_TLS_CERT_ALTNAME_INVALID$/.test(code)) {
      return `the node's certificate does not name the address connected to (${reason}); use the name it carries, or CASSANDRA_SSL_VERIFY=ca`;
    }
    if (
      /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|CERT_SIGNATURE_FAILURE)$/.test(
        code,
      )
    ) {
      return `the node's certificate is not trusted (${code}: ${reason}); set CASSANDRA_SSL_CA to the CA that signed it`;
    }
    // OpenSSL's own errors (ERR_OSSL_*) come from reading the key or certificate, before any handshake.
    if (
      /^ERR_OSSL_/.test(code) ||
      /bad decrypt|bad password read|PEM_read_bio|no start line|key values mismatch/i.test(msg)
    ) {
      return `the client certificate or key cannot be used (${reason}); check CASSANDRA_SSL_CERT, CASSANDRA_SSL_KEY and, for an encrypted key, CASSANDRA_SSL_KEY_PASSWORD`;
    }
    if (/^ERR_SSL_/.test(code) || /ssl3?_|tlsv1[0-9]* alert|wrong version number|handshake failure/i.test(msg)) {
      return (
        `the TLS handshake failed (${reason}); check that the node trusts the CA of the client certificate (CASSANDRA_SSL_CERT) ` +
        `and that CASSANDRA_SSL_CA is the CA of the node's certificate`
      );
    }
  }
  return undefined;
}

/**
 * Connects, retrying until a node answers or `waitMs` passes. Authentication failures are not retried.
 * The returned client must be shut down by the caller (`client.shutdown()`), in a `finally`.
 */
export async function connect(config: SparkifyConfig, options: { waitMs?: number } = {}): Promise<Client> {
  const waitMs = options.waitMs ?? 60_000;
  const started = Date.now();
  let last = 'no attempt made';
  for (;;) {
    const client = createClient(config);
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.shutdown().catch(() => undefined);
      const target = describeTarget(config);
      // TLS first: OpenSSL's messages about keys ("bad password read") must not pass for refused credentials.
      const tls = config.tls ? tlsProblem(err) : undefined;
      if (tls) {
        throw new CassandraConnectionError(
          maskSecrets(`TLS connection to Cassandra at ${target} failed: ${tls}`, config),
          target,
          'tls',
        );
      }
      if (isAuthError(err)) {
        const who =
          config.username === undefined
            ? 'no credentials were given (set CASSANDRA_USERNAME and CASSANDRA_PASSWORD)'
            : `user ${JSON.stringify(config.username)}`;
        throw new CassandraConnectionError(
          maskSecrets(`Cassandra at ${target} refused the credentials (${who}): ${problemOf(err, config)}`, config),
          target,
          'authentication',
        );
      }
      last = problemOf(err, config);
      if (!config.tls && /Socket was closed|ECONNRESET|socket hang up/i.test(last)) {
        last +=
          '; if the node requires TLS (client_encryption_options), set CASSANDRA_SSL_CA (and CASSANDRA_SSL_CERT/_KEY for a client certificate)';
      }
    }
    if (Date.now() - started >= waitMs)
      throw new CassandraUnavailableError(describeTarget(config), Date.now() - started, last);
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(0, waitMs - (Date.now() - started)))));
  }
}

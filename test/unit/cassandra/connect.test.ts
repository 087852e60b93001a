// Tests for lib/cassandra/connect: what a driver error says, in one line a person can act on, secrets masked.
import { describe, expect, it } from 'vitest';
import { problemOf, tlsProblem } from '../../../lib/cassandra/connect';

describe('problemOf', () => {
  const config = { password: 'Pa55-w0rd!', tls: { verify: 'full' as const, keyPassphrase: 'key-phrase-9' } };
  it('problemOf masks what each host said', () => {
    const err = Object.assign(new Error('All host(s) tried for query failed.'), {
      innerErrors: { '127.0.0.1:9042': new Error('password Pa55-w0rd! rejected') },
    });
    expect(problemOf(err, config)).toBe('127.0.0.1:9042: password **** rejected');
  });
});

describe('tlsProblem', () => {
  const e = (code: string, message: string) => Object.assign(new Error(message), { code });
  const wrapped = (inner: Error) =>
    Object.assign(new Error('All host(s) tried for query failed.'), {
      innerErrors: { '127.0.0.42:9042': Object.assign(new Error('Socket was closed'), { innerError: inner }) },
    });
  it.each([
    [
      e('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required'),
      /requires a client certificate \(set CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY\)/,
    ],
    [
      e('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      /not trusted \(SELF_SIGNED_CERT_IN_CHAIN.*set CASSANDRA_SSL_CA/,
    ],
    [e('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), /not trusted/],
    [
      e('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      /does not name the address.*CASSANDRA_SSL_VERIFY=ca/,
    ],
    [
      e('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'),
      /^the TLS handshake failed \(wrong version number\); check that the node trusts/,
    ],
    [
      e(
        'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR',
        '80CC:error:0A000438:SSL routines:ssl3_read_bytes:tlsv1 alert internal error:../deps/x.c:1601:SSL alert number 80',
      ),
      /^the TLS handshake failed \(tlsv1 alert internal error\)/,
    ],
    [
      e('ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt'),
      /^the client certificate or key cannot be used \(bad decrypt\); check .*CASSANDRA_SSL_KEY_PASSWORD/,
    ],
    [
      e('ERR_OSSL_UNSUPPORTED', 'error:1E08010C:DECODER routines::unsupported'),
      /^the client certificate or key cannot be used \(unsupported\)/,
    ],
    [
      wrapped(
        e(
          'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
          '80CC:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/x.c:1601:SSL alert number 116',
        ),
      ),
      /^the node requires a client certificate \(set CASSANDRA_SSL_CERT and CASSANDRA_SSL_KEY\): tlsv13 alert certificate required$/,
    ],
    [e('ECONNREFUSED', 'connect ECONNREFUSED'), undefined],
    [new Error('Socket was closed'), undefined],
  ])('%s', (err, want) => {
    const got = tlsProblem(err);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(want);
  });
});

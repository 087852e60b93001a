// options: how the local cluster's options are filled in (lib/dev/localnode/options) — explicit options
// over the environment over the defaults, the environment read once by readLocalnodeEnv, loopback
// addressing, and the errors for values that cannot work.
import { describe, expect, it } from 'vitest';
import {
  firstContactPoint,
  localNodeAddress,
  normaliseAddress,
  readLocalnodeEnv,
  resolveOptions,
  type LocalnodeEnv,
} from '../../../../lib/dev/localnode/options';

const bare: LocalnodeEnv = { userHome: '/u' };

describe('readLocalnodeEnv', () => {
  it('reads the honoured variables, trimmed; blank counts as unset', () => {
    const env = readLocalnodeEnv({
      CASSANDRA_CONTACT_POINTS: ' 127.0.0.5:9999,x ',
      CASSANDRA_PORT: '  ',
      CASSANDRA_JMX_PORT: '7300',
      MAX_HEAP_SIZE: '2G',
      HEAP_NEWSIZE: '400M',
      JAVA_HOME: '/opt/jdk',
      SPARKIFY_CASSANDRA_HOME: '/h',
      SPARKIFY_CASSANDRA_CACHE: '/c',
    });
    expect(env).toMatchObject({
      contactPoints: '127.0.0.5:9999,x',
      port: undefined,
      jmxPort: '7300',
      heap: '2G',
      newHeap: '400M',
      javaHome: '/opt/jdk',
      home: '/h',
      cacheDir: '/c',
    });
    expect(typeof env.userHome).toBe('string');
  });
});

describe('resolveOptions', () => {
  it('uses the defaults when neither options nor environment say otherwise', () => {
    const r = resolveOptions({}, bare);
    expect(r).toMatchObject({
      nodes: 1,
      baseAddress: '127.0.0.1',
      port: 9042,
      storagePort: 7000,
      jmxPort: 7199,
      home: '/u/.local/share/sparkify-cassandra',
      cacheDir: '/u/.cache/sparkify-cassandra',
      version: '5.0.6',
      heap: '1G',
      newHeap: '128M',
      timeoutMs: 120_000,
      clusterName: 'sparkify-local',
      extraYaml: {},
      extraJvmArgs: [],
      javaHome: undefined,
    });
  });

  it('takes the environment over the defaults, and explicit options over the environment', () => {
    const env: LocalnodeEnv = {
      userHome: '/u',
      contactPoints: '127.0.0.5:9999',
      port: '9043',
      jmxPort: '7300',
      heap: '2G',
      newHeap: '400M',
      home: '/h',
      cacheDir: '/c',
    };
    expect(resolveOptions({}, env)).toMatchObject({
      baseAddress: '127.0.0.5',
      port: 9043,
      jmxPort: 7300,
      heap: '2G',
      newHeap: '400M',
      home: '/h',
      cacheDir: '/c',
    });
    const opts = {
      baseAddress: '127.0.0.2',
      port: 9100,
      jmxPort: 7400,
      heap: '512M',
      newHeap: '64M',
      home: '/oh',
      cacheDir: '/oc',
    };
    expect(resolveOptions(opts, env)).toMatchObject({ ...opts });
  });

  it('takes the port of the first contact point only when CASSANDRA_PORT is unset', () => {
    expect(resolveOptions({}, { ...bare, contactPoints: 'localhost:9044' })).toMatchObject({
      baseAddress: '127.0.0.1',
      port: 9044,
    });
    expect(resolveOptions({}, { ...bare, contactPoints: 'localhost:9044', port: '9045' }).port).toBe(9045);
  });

  it.each([
    [{ nodes: 0 }, bare, 'nodes must be an integer from 1 to 16, got 0'],
    [{ nodes: 17 }, bare, 'nodes must be an integer from 1 to 16, got 17'],
    [{ baseAddress: '10.0.0.1' }, bare, 'loopback addresses (127.x.y.z), but the base address is "10.0.0.1"'],
    [{ baseAddress: '127.0.0.250', nodes: 6 }, bare, '6 nodes starting at 127.0.0.250 would run past 127.x.y.254'],
    [{ port: 70000 }, bare, 'port must be a positive integer port/count, got 70000'],
    [{}, { ...bare, port: 'abc' }, 'port must be a positive integer port/count, got "abc"'],
    [{ jmxPort: -1 }, bare, 'jmxPort must be a positive integer port/count, got -1'],
    [{ heap: '1GB' }, bare, 'heap must look like 512M or 1G, got "1GB"'],
    [{}, { ...bare, newHeap: 'x' }, 'newHeap must look like 512M or 1G, got "x"'],
  ])('refuses %j with env %j', (opts, env, message) => {
    expect(() => resolveOptions(opts, env)).toThrow(message);
  });
});

describe('addresses', () => {
  it.each([
    ['127.0.0.5:9999, 10.0.0.1', { host: '127.0.0.5', port: 9999 }],
    ['localhost', { host: 'localhost' }],
    ['::1', { host: '::1' }],
    [' , 127.0.0.1', undefined],
    [undefined, undefined],
  ])('firstContactPoint(%j) is %j', (value, expected) => {
    expect(firstContactPoint(value)).toEqual(expected);
  });

  it('normalises loopback addresses and refuses others', () => {
    expect(normaliseAddress(' LocalHost ')).toBe('127.0.0.1');
    expect(normaliseAddress('127.000.0.7')).toBe('127.0.0.7');
    expect(() => normaliseAddress('127.0.0.300')).toThrow('loopback');
  });

  it('gives node i the base address + i, up to .254', () => {
    expect(localNodeAddress('127.0.0.1', 2)).toBe('127.0.0.3');
    expect(() => localNodeAddress('127.0.0.254', 1)).toThrow('node 2 would get address 127.0.0.255, past .254');
  });
});

// Integration tests of lib/localnode against real Cassandra 5.0 nodes started from Maven's jars.
// They keep clear of anyone else's node on this machine: addresses 127.0.0.21-23 (not 127.0.0.1),
// JMX ports 7321+/7331+ (not 7199) and a temporary home. Each describe can run on its own:
//   npx vitest run test/integration/localnode.test.ts -t "one node"
//   npx vitest run test/integration/localnode.test.ts -t "three nodes"
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, policies, types } from 'cassandra-driver';
import {
  localCassandraStatus,
  startLocalCassandra,
  startLocalNode,
  stopLocalCassandra,
  stopLocalNode,
} from '../../lib/dev/localnode/localnode';
import { LocalCassandraError } from '../../lib/errors';
import type { LocalClusterOptions } from '../../lib/dev/localnode/types';
import { pidAlive, portOpen, SUITE_NODES, testNodeOptions } from '../support/nodes';

const PORT = 9042;
const TEST_TIMEOUT = 240_000;
const HOOK_TIMEOUT = 120_000;

function tempHome(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sparkify-localnode-${tag}-`));
}

function baseOptions(home: string, jmxPort: number): LocalClusterOptions {
  return testNodeOptions({ address: SUITE_NODES.localnode.address, jmxPort }, home, {
    port: PORT,
    timeoutMs: 120_000,
    log: (line) => console.log(`[localnode] ${line}`),
  });
}

/** A client that talks to one node only. */
async function nodeClient(address: string): Promise<Client> {
  const client = new Client({
    contactPoints: [`${address}:${PORT}`],
    localDataCenter: 'datacenter1',
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(
        new policies.loadBalancing.DCAwareRoundRobinPolicy('datacenter1'),
        [`${address}:${PORT}`],
      ),
    },
  });
  await client.connect();
  return client;
}

async function cleanup(opts: LocalClusterOptions): Promise<void> {
  await stopLocalCassandra(opts).catch((e) => console.error(`[localnode] cleanup: ${String(e)}`));
  if (opts.home) fs.rmSync(opts.home, { recursive: true, force: true });
}

describe('local Cassandra: one node', () => {
  const opts = baseOptions(tempHome('one'), 7321);
  const failingOpts: LocalClusterOptions = {
    ...baseOptions(tempHome('fail'), 7326),
    baseAddress: '127.0.0.23',
    extraYaml: { no_such_setting_in_cassandra: 42 },
    timeoutMs: 60_000,
  };
  afterAll(async () => {
    await cleanup(opts);
    await cleanup(failingOpts);
  }, HOOK_TIMEOUT);

  it(
    'starts a node, reports it, reuses it, and stops it',
    async () => {
      const first = await startLocalCassandra(opts);
      expect(first.started).toBe(true);
      expect(first.alreadyRunning).toBe(false);
      expect(first.nodes).toHaveLength(1);
      const [node] = first.nodes;
      expect(node.address).toBe('127.0.0.21');
      expect(node.pid).toBeGreaterThan(0);
      expect(fs.existsSync(node.logFile)).toBe(true);
      console.log(`[localnode] one node started in ${first.ms} ms`);

      const status = await localCassandraStatus(opts);
      expect(status.nodes).toHaveLength(1);
      expect(status.nodes[0]).toMatchObject({ address: '127.0.0.21', pid: node.pid, pidAlive: true, cql: true });
      expect(status.nodes[0].releaseVersion).toMatch(/^5\.0\./);
      expect(status.foreign).toEqual([]);

      const client = await nodeClient('127.0.0.21');
      const rs = await client.execute('SELECT release_version, cluster_name FROM system.local');
      expect(rs.first().get('cluster_name')).toBe('sparkify-local');
      await client.shutdown();

      const again = await startLocalCassandra(opts);
      expect(again.started).toBe(false);
      expect(again.alreadyRunning).toBe(true);
      expect(again.foreign).toBe(false);
      expect(again.nodes[0].pid).toBe(node.pid);

      const stopped = await stopLocalCassandra(opts);
      expect(stopped.stopped.map((s) => s.pid)).toEqual([node.pid]);
      expect(stopped.stopped[0].killed).toBe(false);
      expect(pidAlive(node.pid!)).toBe(false);
      expect(await portOpen('127.0.0.21', PORT)).toBe(false);
      expect(fs.existsSync(path.join(opts.home!, 'node1', 'pid.json'))).toBe(false);

      const after = await localCassandraStatus(opts);
      expect(after.nodes[0]).toMatchObject({ pidAlive: false, cql: false });

      const nothing = await stopLocalCassandra(opts);
      expect(nothing.stopped).toEqual([]);
      expect(nothing.message).toMatch(/nothing to stop/);
    },
    TEST_TIMEOUT,
  );

  it(
    'reports a node that dies during startup with the tail of its log',
    async () => {
      const err = await startLocalCassandra(failingOpts).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(LocalCassandraError);
      const e = err as LocalCassandraError;
      expect(e.summary).toMatch(/node1 at 127\.0\.0\.23:9042 \(pid \d+\) exited/);
      expect(e.message).toContain('no_such_setting_in_cassandra');
      expect(fs.existsSync(path.join(failingOpts.home!, 'node1', 'pid.json'))).toBe(false);
      expect(await portOpen('127.0.0.23', PORT)).toBe(false);
    },
    TEST_TIMEOUT,
  );
});

describe('local Cassandra: three nodes', () => {
  const opts: LocalClusterOptions = { ...baseOptions(tempHome('three'), 7331), nodes: 3 };
  const addresses = ['127.0.0.21', '127.0.0.22', '127.0.0.23'];
  afterAll(() => cleanup(opts), HOOK_TIMEOUT);

  it(
    'starts three nodes that see each other, stops and restarts one, stops all',
    async () => {
      const started = await startLocalCassandra(opts);
      console.log(`[localnode] three nodes started in ${started.ms} ms`);
      expect(started.started).toBe(true);
      expect(started.nodes.map((n) => n.address)).toEqual(addresses);
      expect(new Set(started.nodes.map((n) => n.jmxPort))).toEqual(new Set([7331, 7332, 7333]));
      const pids = started.nodes.map((n) => n.pid!);

      const hostIdOf = async (address: string) => {
        const c = await nodeClient(address);
        try {
          return String((await c.execute('SELECT host_id FROM system.local')).first().get('host_id'));
        } finally {
          await c.shutdown();
        }
      };
      const node2HostId = await hostIdOf(addresses[1]);

      const c1 = await nodeClient(addresses[0]);
      try {
        const peers = (await c1.execute('SELECT peer FROM system.peers')).rows.map((r) => String(r.get('peer'))).sort();
        expect(peers).toEqual(addresses.slice(1));
        await c1.execute(
          "CREATE KEYSPACE localnode_t WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}",
        );
        await c1.execute('CREATE TABLE localnode_t.kv (k int PRIMARY KEY, v text)');
        await c1.execute('INSERT INTO localnode_t.kv (k, v) VALUES (?, ?)', [1, 'before'], {
          prepare: true,
          consistency: types.consistencies.all,
        });

        const down = await stopLocalNode(opts, 1);
        expect(down.stopped.map((s) => s.pid)).toEqual([pids[1]]);
        expect(pidAlive(pids[1])).toBe(false);
        expect(await portOpen(addresses[1], PORT)).toBe(false);
        const status = await localCassandraStatus(opts);
        expect(status.nodes.map((n) => [n.name, n.pidAlive, n.cql])).toEqual([
          ['node1', true, true],
          ['node2', false, false],
          ['node3', true, true],
        ]);

        // The cluster keeps serving writes at ONE while node2 is down.
        await c1.execute('INSERT INTO localnode_t.kv (k, v) VALUES (?, ?)', [2, 'while down'], {
          prepare: true,
          consistency: types.consistencies.one,
        });

        const back = await startLocalNode(opts, 1);
        expect(back.started).toBe(true);
        expect(back.address).toBe(addresses[1]);
        expect(back.pid).not.toBe(pids[1]);
      } finally {
        await c1.shutdown();
      }

      // node2 restarted on its own data: the row written before it stopped is there, read from node2 alone.
      const c2 = await nodeClient(addresses[1]);
      try {
        const rs = await c2.execute('SELECT v FROM localnode_t.kv WHERE k = ?', [1], {
          prepare: true,
          consistency: types.consistencies.one,
        });
        expect(rs.first()?.get('v')).toBe('before');
      } finally {
        await c2.shutdown();
      }

      expect(await hostIdOf(addresses[1])).toBe(node2HostId);

      const again = await startLocalCassandra(opts);
      expect(again.started).toBe(false);

      const all = await stopLocalCassandra(opts);
      expect(all.stopped).toHaveLength(3);
      for (const s of all.stopped) expect(pidAlive(s.pid)).toBe(false);
      for (const a of addresses) expect(await portOpen(a, PORT)).toBe(false);
    },
    TEST_TIMEOUT,
  );
});

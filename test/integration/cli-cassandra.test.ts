// `npm run cassandra -- install | start | stop | status` as a user types them. With the defaults they act
// on the project's node (the one this run uses): `install` finds its jars in the cache, `status` reports
// it and `start` finds it already answering — none may stop it. A second node of its own (--home,
// --address 127.0.0.61, --jmx-port 7361) is started, inspected, stopped and restarted by the same
// commands, so `stop` is tested without taking the suite's node away.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_DIR, sparkify } from '../support/cli';

const home = mkdtempSync(join(tmpdir(), 'sparkify-cli-cassandra-'));
const own = ['--home', home, '--address', '127.0.0.61', '--jmx-port', '7361'];
const cassandra = (args: string[]) => sparkify(['cassandra', ...args], { cwd: PROJECT_DIR, timeoutMs: 240_000 });

afterAll(() => {
  cassandra(['stop', ...own]);
  rmSync(home, { recursive: true, force: true });
});

describe('sparkify cassandra, defaults', () => {
  it('status names the running node and says it answers CQL', () => {
    const r = cassandra(['status']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Local Cassandra \(.+\):/);
    expect(r.out).toMatch(/127\.0\.0\.1:9042/);
    expect(r.out).toMatch(/answers CQL|answers/);
  });

  it('install with the jars already in the cache downloads nothing and says where they are', () => {
    const r = cassandra(['install']);
    expect(r.code, r.err).toBe(0);
    expect(r.out + r.err).not.toMatch(/Downloading/);
    const m = /^Cassandra (5\.0\.\d+) jars are in (\S+) \(/m.exec(r.out);
    expect(m, r.out).not.toBeNull();
    expect(m![2]).toMatch(new RegExp(`${m![1].replace(/\./g, '\\.')}[/\\\\]lib$`));
    expect(
      readdirSync(m![2]).some((f) => /^apache-cassandra-5\.0\.\d+\.jar$|^cassandra-all-5\.0\.\d+\.jar$/.test(f)),
    ).toBe(true);
  });

  it('start with a node already answering starts nothing and says so', () => {
    const r = cassandra(['start', '--quiet']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/already/i);
    expect(r.out).not.toMatch(/^Started/m);
  });
});

describe('sparkify cassandra, a node of its own', () => {
  it('start, status, stop, start again: the node answers, then is gone, then answers with its data dir kept', () => {
    const started = cassandra(['start', ...own, '--heap', '512M', '--new-heap', '128M']);
    expect(started.code, started.err).toBe(0);
    expect(started.out).toMatch(/node1\s+127\.0\.0\.61:9042\s+pid \d+\s+started/);

    const up = cassandra(['status', ...own]);
    expect(up.code, up.err).toBe(0);
    expect(up.out).toMatch(/127\.0\.0\.61/);
    expect(up.out).toMatch(/answers CQL|answers/);

    const stopped = cassandra(['stop', ...own]);
    expect(stopped.code, stopped.err).toBe(0);
    expect(stopped.out).toMatch(/[Ss]topped/);
    const down = cassandra(['status', ...own]);
    expect(down.out).toMatch(/node1 127\.0\.0\.61:9042: stopped/);

    const again = cassandra(['start', ...own, '--heap', '512M', '--new-heap', '128M', '--quiet']);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/node1\s+127\.0\.0\.61:9042\s+pid \d+\s+started/);
  });
});

// client: how a command reaches Cassandra — through lib's one connect-or-start — and closes the
// connection when its work is done, whatever happens.
import type { Client } from 'cassandra-driver';
import { connectOrStart, type Settings, type SparkifyConfig } from '../lib/index';
import { formatSeconds } from '../lib/show/format';

/**
 * Runs `work` with a connected client. With `start`, a local node is started when none answers on this
 * machine (after a short wait); without it, the command waits `settings.connectWaitMs` and fails.
 */
export async function withClient<T>(
  settings: Settings,
  start: boolean,
  work: (client: Client, config: SparkifyConfig) => Promise<T>,
): Promise<T> {
  const config = settings.cassandra;
  const t0 = Date.now();
  const { client, started, startMessage } = await connectOrStart(config, {
    start,
    waitMs: start ? 1500 : settings.connectWaitMs,
    log: (line) => console.error(`  ${line}`),
  });
  if (started) console.error(`${startMessage} (${formatSeconds(Date.now() - t0)})`);
  try {
    return await work(client, config);
  } finally {
    await client.shutdown();
  }
}

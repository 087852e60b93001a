// Global setup for the integration and notebook projects: make sure a Cassandra node answers at the
// configured address through lib's one connect-or-start (the local node is started when none answers
// on this machine), and stop it afterwards only if this run started it (unless SPARKIFY_KEEP_NODE).
import { ensureCassandra, settingsFromEnv } from '../../lib/index';
import { stopLocalCassandra } from '../../lib/dev/localnode/localnode';

export default async function setup(): Promise<() => Promise<void>> {
  const { cassandra } = settingsFromEnv();
  const r = await ensureCassandra(cassandra, { waitMs: 1000, log: (l) => console.log(`[setup] ${l}`) });
  if (r.startMessage) console.log(`[setup] ${r.startMessage}`);
  return async () => {
    if (r.started && !process.env.SPARKIFY_KEEP_NODE) console.log(`[setup] ${(await stopLocalCassandra()).message}`);
  };
}

// Global setup for the integration and notebook projects: make sure a Cassandra node answers at the
// configured address, starting the project's local node when none does, and stop it afterwards only
// if this run started it.
import { configFromEnv, connect, describeTarget } from '../../lib/index';
import { startLocalCassandra, stopLocalCassandra } from '../../lib/dev/localnode/localnode';

export default async function setup(): Promise<() => Promise<void>> {
  const config = configFromEnv();
  let startedHere = false;
  try {
    const client = await connect(config, { waitMs: 1000 });
    await client.shutdown();
  } catch {
    console.log(`[setup] no Cassandra at ${describeTarget(config)}: starting the local node`);
    const r = await startLocalCassandra({ log: (l) => console.log(`[setup] ${l}`) });
    startedHere = r.started;
    console.log(`[setup] ${r.message}`);
  }
  return async () => {
    if (startedHere && !process.env.SPARKIFY_KEEP_NODE) {
      const r = await stopLocalCassandra();
      console.log(`[setup] ${r.message}`);
    }
  };
}

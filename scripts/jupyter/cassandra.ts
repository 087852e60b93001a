// scripts/jupyter/cassandra.ts: a Cassandra node for the notebook, before JupyterLab or a headless run
// starts. Delegates to lib's one connect-or-start (lib/cassandra/ensure) and words its outcome.
import { SetupError } from '../../lib/errors';
import { defaultLog, type Log } from './run';

/**
 * Makes sure a Cassandra node answers where the configuration (CASSANDRA_CONTACT_POINTS, CASSANDRA_PORT)
 * points: on this machine's loopback the local node is started when none answers (lib/localnode); a
 * remote cluster is only waited for.
 */
export async function ensureCassandra(log: Log = defaultLog): Promise<string> {
  // Loaded lazily: `setup` does not need the driver.
  const { describeTarget, ensureCassandra: ensure, settingsFromEnv } = await import('../../lib/index');
  const config = settingsFromEnv().cassandra;
  try {
    const r = await ensure(config, { log });
    return r.started
      ? (r.startMessage ?? 'Started the local node.')
      : `Cassandra answers at ${describeTarget(config)}.`;
  } catch (e) {
    throw new SetupError(
      `No Cassandra node answers at ${describeTarget(config)}, and none could be started: ${(e as Error).message}`,
    );
  }
}

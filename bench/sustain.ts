// Does the loader keep its rate and its memory over a long load? Loads a whole merged file (the full
// bench's is about 8.5 million plays from 10 million events) with lib/load loadTables, sampling every
// second the plays loaded and this process's RSS, and prints one JSON line: the rate in each tenth of
// the load, the RSS at the end of each tenth, the peak, and the transient errors seen (overload,
// timeouts), so a rate that sags or memory that climbs shows up as a number.
//
//   tsx bench/sustain.ts FILE HOST KEYSPACE [CONCURRENCY] [BATCH_ROWS]
import { configFromEnv } from '../lib/cassandra/config';
import { connect } from '../lib/cassandra/connect';
import { loadTables } from '../lib/load/load';
import type { LoadProgress } from '../lib/load/progress';

interface Sample {
  ms: number;
  plays: number;
  rssMB: number;
}

/** Rate and RSS per tenth of the plays, from samples taken along the load. */
export function tenths(
  samples: readonly Sample[],
  total: number,
): { tenth: number; playsPerSecond: number; rssMB: number }[] {
  const out: { tenth: number; playsPerSecond: number; rssMB: number }[] = [];
  let from: Sample = { ms: 0, plays: 0, rssMB: samples[0]?.rssMB ?? 0 };
  for (let k = 1; k <= 10; k++) {
    const goal = (total * k) / 10;
    const to = samples.find((s) => s.plays >= goal) ?? samples[samples.length - 1];
    if (!to || to.ms <= from.ms) continue;
    out.push({ tenth: k, playsPerSecond: (to.plays - from.plays) / ((to.ms - from.ms) / 1000), rssMB: to.rssMB });
    from = to;
  }
  return out;
}

async function main(): Promise<void> {
  const [file, host, keyspace, conc, rows] = process.argv.slice(2);
  const config = configFromEnv({ ...process.env, CASSANDRA_CONTACT_POINTS: host, SPARKIFY_KEYSPACE: keyspace });
  const client = await connect(config, { waitMs: 30_000 });
  const samples: Sample[] = [];
  let peakRssMB = 0;
  try {
    const t0 = Date.now();
    const onProgress = (p: LoadProgress) => {
      const rssMB = process.memoryUsage.rss() / 2 ** 20;
      peakRssMB = Math.max(peakRssMB, rssMB);
      const plays = Math.min(...Object.values(p.loaded));
      samples.push({ ms: Date.now() - t0, plays, rssMB });
    };
    const r = await loadTables(client, {
      file,
      keyspace,
      concurrency: conc ? Number(conc) : undefined,
      batchRows: rows ? Number(rows) : undefined,
      checkpointFile: false,
      onProgress,
      progressEveryMs: 1000,
    });
    const ms = Date.now() - t0;
    samples.push({ ms, plays: r.rowsRead, rssMB: process.memoryUsage.rss() / 2 ** 20 });
    const parts = tenths(samples, r.rowsRead);
    const rates = parts.map((p) => p.playsPerSecond);
    console.log(
      JSON.stringify({
        rows: r.rowsRead,
        ms,
        loaded: r.loaded,
        failed: r.failedCount,
        retries: r.retries,
        transient: r.transient,
        tenths: parts,
        slowestTenth: Math.min(...rates),
        fastestTenth: Math.max(...rates),
        rssFirstTenthMB: parts[0]?.rssMB,
        rssLastTenthMB: parts[parts.length - 1]?.rssMB,
        peakRssMB,
      }),
    );
  } finally {
    await client.shutdown();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

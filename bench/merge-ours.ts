// One run of this project's merge (lib/etl/merge mergeEventFiles), in its own process so the bench can
// measure its time and peak RSS. usage: tsx bench/merge-ours.ts EVENT_DIR OUT_FILE
import { mergeEventFiles } from '../lib/etl/merge';

async function main(): Promise<void> {
  const [dir, out] = process.argv.slice(2);
  const r = await mergeEventFiles({ dir, out });
  console.log(JSON.stringify({ rowsRead: r.rowsRead, written: r.written, kept: r.kept, skipped: r.skippedTotal, ms: r.ms }));
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});

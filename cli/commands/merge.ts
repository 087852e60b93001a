// merge command: `merge` — the daily event files into one CSV of plays, with its report (no Cassandra).
import type { Command } from 'commander';
import { mergeEventFiles, type MergeReport, type Settings } from '../../lib/index';
import { mergeProgress, printMergeReport } from '../report';
import { action } from '../ui';
import { dataOption, outOption, repairOption } from './options';

export interface MergeFlags {
  data: string;
  out: string;
  repairEncoding?: boolean;
}

/** Merges with a progress bar and prints the report. */
export async function mergeAndReport(flags: MergeFlags): Promise<MergeReport> {
  const mp = mergeProgress();
  const merge = await mergeEventFiles({
    dir: flags.data,
    out: flags.out,
    onProgress: mp.onProgress,
    repairEncoding: flags.repairEncoding,
  }).finally(mp.stop);
  printMergeReport(merge);
  return merge;
}

export function registerMergeCommand(program: Command, settings: Settings): void {
  program
    .command('merge')
    .description('merge the daily event files into one CSV of plays (no Cassandra needed)')
    .addOption(dataOption(settings))
    .addOption(outOption())
    .addOption(repairOption())
    .action(action(async (flags: MergeFlags) => void (await mergeAndReport(flags))));
}

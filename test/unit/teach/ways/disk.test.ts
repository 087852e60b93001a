// Unit tests of lib/teach/ways/disk.ts's parsing of `nodetool tablestats` (as 5.0.6 prints it): tables,
// a legacy index's hidden table and a view, with their "Space used (live)" in bytes; and the flush's
// outcome with a given runner (flush, then tablestats), without one, and when it fails (never an error).
import { describe, expect, it } from 'vitest';
import { flushAndStat, parseTablestats } from '../../../../lib/teach/ways/disk';

const PRINTOUT = `Total number of tables: 4
----------------
Keyspace : ways
	Read Count: 0
	Write Count: 14118
		Table: listeners_by_song
		SSTable count: 1
		Space used (live): 257806
		Space used (total): 257806
		Space used by snapshots (total): 0
		Table (index): songs_by_user_session_legacy.songs_by_user_session_legacy_song_idx
		SSTable count: 1
		Space used (live): 275023
		Space used (total): 275023
		Table: listeners_by_song_of_user_session_view
		Space used (live): 302939
		Table: songs_by_user_session_legacy
		Max SSTable size: 766.651KiB
		Space used (live): 785051
----------------
`;

describe('parseTablestats', () => {
  it('each table with its live bytes; a legacy index marked as one', () => {
    expect(parseTablestats(PRINTOUT)).toEqual([
      { name: 'listeners_by_song', index: false, liveBytes: 257806 },
      {
        name: 'songs_by_user_session_legacy.songs_by_user_session_legacy_song_idx',
        index: true,
        liveBytes: 275023,
      },
      { name: 'listeners_by_song_of_user_session_view', index: false, liveBytes: 302939 },
      { name: 'songs_by_user_session_legacy', index: false, liveBytes: 785051 },
    ]);
  });
  it('no tables: nothing', () => {
    expect(parseTablestats('Total number of tables: 0\n')).toEqual([]);
  });
});

describe('flushAndStat', () => {
  it('flushes the keyspace, then reads its tablestats', async () => {
    const calls: string[] = [];
    const run = async (args: readonly string[]) => {
      calls.push(args.join(' '));
      return args[0] === 'tablestats' ? PRINTOUT : '';
    };
    const out = await flushAndStat('ways', run);
    expect(calls).toEqual(['flush ways', 'tablestats ways']);
    expect(out.stats).toHaveLength(4);
    expect(out.method).toMatch(/^after nodetool flush/);
  });
  it.each([
    ['no nodetool', undefined, /^no nodetool given: memtables not flushed/],
    [
      'a nodetool that fails',
      async () => {
        throw new Error('nodetool flush ways failed on JMX port 7199: Connection refused\nmore');
      },
      /^nodetool failed \(nodetool flush ways failed on JMX port 7199: Connection refused\): memtables not flushed/,
    ],
  ])('%s: no stats, and the method says why', async (_name, run, method) => {
    const out = await flushAndStat('ways', run);
    expect(out.stats).toBeUndefined();
    expect(out.method).toMatch(method);
  });
});

// writer: how each row of a sent row settles (landed, failed with the message to report, or abandoned
// because the load stops), including the earlier rows with its primary key that it replaced.
import { describe, expect, it } from 'vitest';
import type { PlayRecord } from '../../../lib/index';
import { settlements, type Outcome, type Settlement } from '../../../lib/load/writer';
import type { PackedRow } from '../../../lib/load/batches';

const rec = (line: number) => ({ line, play: {} }) as PlayRecord;
const alone: PackedRow<PlayRecord> = { item: rec(7) };
const replacing: PackedRow<PlayRecord> = { item: rec(9), superseded: [rec(3), rec(5)] };

describe('settlements', () => {
  it.each<[string, PackedRow<PlayRecord>, Outcome, Settlement[]]>([
    ['a row that landed', alone, { ok: true }, [{ line: 7, landed: true }]],
    [
      'a row and the rows it replaced, landed',
      replacing,
      { ok: true },
      [
        { line: 3, landed: true },
        { line: 5, landed: true },
        { line: 9, landed: true },
      ],
    ],
    [
      'a row the node rejected',
      alone,
      { ok: false, stopped: false, rejected: true, message: 'Invalid value' },
      [{ line: 7, landed: false, message: 'Invalid value' }],
    ],
    [
      'a row that kept timing out',
      alone,
      { ok: false, stopped: false, rejected: false, message: 'Operation timed out (after 4 tries)' },
      [{ line: 7, landed: false, message: 'Operation timed out (after 4 tries)' }],
    ],
    [
      'the rows a failed row replaced say so',
      replacing,
      { ok: false, stopped: false, rejected: true, message: 'bad' },
      [
        { line: 3, landed: false, message: 'bad (line 9, with the same primary key, replaces this row and failed)' },
        { line: 5, landed: false, message: 'bad (line 9, with the same primary key, replaces this row and failed)' },
        { line: 9, landed: false, message: 'bad' },
      ],
    ],
    [
      'abandoned because the load stops: not landed, nothing to report',
      replacing,
      { ok: false, stopped: true },
      [
        { line: 3, landed: false },
        { line: 5, landed: false },
        { line: 9, landed: false },
      ],
    ],
  ])('%s', (_what, row, outcome, want) => {
    expect(settlements(row, outcome)).toEqual(want);
  });
});

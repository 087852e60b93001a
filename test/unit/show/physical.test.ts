// show/physical: the replicas a consistency level waits for, and the sentence the notebook's Step 5 shows.
import { describe, expect, it } from 'vitest';
import { consistencyHtml, replicasAnswering } from '../../../lib/show/physical';
import { textOf } from './html-text';

describe('replicasAnswering', () => {
  it.each([
    ['one', 3, 1],
    ['localOne', 3, 1],
    ['two', 3, 2],
    ['three', 1, 1],
    ['quorum', 1, 1],
    ['quorum', 3, 2],
    ['localQuorum', 5, 3],
    ['eachQuorum', 4, 3],
    ['all', 3, 3],
    ['any', 3, 1],
  ] as const)('%s with %i copies: %i', (level, rf, n) => {
    expect(replicasAnswering(level, rf)).toBe(n);
  });
});

describe('consistencyHtml', () => {
  it('names the level as CQL spells it and says when reads and writes overlap', () => {
    expect(textOf(consistencyHtml('localQuorum', 3))).toBe(
      'Every statement here runs at LOCAL_QUORUM: with 3 copies of each row, 2 of 3 replicas must answer each read and each write (reads and writes both reach a majority, so every read meets the latest acknowledged write).',
    );
    expect(textOf(consistencyHtml('one', 3))).toContain(
      '1 of 3 replicas must answer each read and each write (reads and writes need not overlap: a read may miss a recent write)',
    );
    expect(textOf(consistencyHtml('localQuorum', 1))).toContain('with 1 copy of each row, 1 of 1 replica must answer');
  });
});

// Unit tests of lib/grade/expected.ts: what a tiny merged file says, counted by hand — question 1's answer,
// the rows a right key keeps, the plays a session_id-only key lets overwrite each other (and the first such
// pair), a rewritten play (the last one wins, as in Cassandra), and question 2's answer put in play order
// although the file holds it out of order.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAY_COLUMNS, type Play } from '../../../lib/etl/columns';
import { fileFacts } from '../../../lib/grade/expected';
import { QUESTION_1, QUESTION_2 } from '../../../lib/model/questions';
import type { ColumnSpec, TableSpec } from '../../../lib/model/tables';
import { play } from '../../support/fixtures';

// The file, in this order. Sessions 338 (user 50), 182 (users 10 and 11) and 139 (user 8).
const P1 = play({ sessionId: 338, itemInSession: 3, userId: 50, artist: 'Pulp', song: 'Common People', length: 250.5 });
const P2 = play({
  sessionId: 338,
  itemInSession: 4,
  userId: 50,
  artist: 'Faithless',
  song: 'Music Matters (Mark Knight Dub)',
  length: 495.3073,
});
const P3 = play({ sessionId: 182, itemInSession: 2, userId: 10, artist: 'B2', song: 'S2', firstName: 'Sylvie' });
const P4 = play({ sessionId: 182, itemInSession: 0, userId: 10, artist: 'B0', song: 'S0', firstName: 'Sylvie' });
const P5 = play({ sessionId: 182, itemInSession: 1, userId: 10, artist: 'B1', song: 'S1', firstName: 'Sylvie' });
const P6 = { ...P5, song: 'S1, "again"' }; // the same play written again: Cassandra keeps this one
const P7 = play({ sessionId: 182, itemInSession: 3, userId: 11, artist: 'B3', song: 'S3' });
const P8 = play({ sessionId: 139, itemInSession: 0, userId: 8 });
const PLAYS = [P1, P2, P3, P4, P5, P6, P7, P8];

const quoted = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
const csv = (rows: (string | number)[][]) => rows.map((r) => r.map(quoted).join(',')).join('\r\n') + '\r\n';

const col = (name: string, from: ColumnSpec['from']): ColumnSpec => ({ name, type: 'int', from });
const table = (partitionKey: string[], clustering: string[], columns: ColumnSpec[]): TableSpec => ({
  name: 't',
  question: '',
  lookedUpBy: '',
  columns: [...columns, { name: 'song', type: 'text', from: 'song' }],
  partitionKey,
  clustering: clustering.map((column) => ({ column, order: 'ASC' as const })),
  lookup: [],
  returns: [],
});
const SESSION = col('session_id', 'sessionId');
const ITEM = col('item_in_session', 'itemInSession');
const USER = col('user_id', 'userId');

describe('fileFacts', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-grade-expected-'));
    file = join(dir, 'event_datafile_new.csv');
    await writeFile(file, csv([[...PLAY_COLUMNS], ...PLAYS.map((p: Play) => PLAY_COLUMNS.map((c) => p[c]))]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('Q1 on a right key (session_id, item_in_session): the asked play, 7 distinct rows, no collision', async () => {
    expect(await fileFacts(file, QUESTION_1, table(['session_id'], ['item_in_session'], [SESSION, ITEM]))).toEqual({
      plays: 8,
      answer: [P2],
      distinctUnique: 7, // P5 and P6 are one row
      distinctKeys: 7,
      collidingKeys: 0,
      example: undefined,
    });
  });

  it('Q1 on session_id alone: 3 keys, two of them shared by different plays, the first pair shown', async () => {
    expect(await fileFacts(file, QUESTION_1, table(['session_id'], [], [SESSION]))).toEqual({
      plays: 8,
      answer: [P2],
      distinctUnique: 7,
      distinctKeys: 3, // 338, 182, 139
      collidingKeys: 2, // 338 (P1, P2) and 182 (P3, P4, P5, P7); 139 holds one play
      example: {
        key: { session_id: 338 },
        first: { sessionId: 338, itemInSession: 3 },
        second: { sessionId: 338, itemInSession: 4 },
      },
    });
  });

  it('Q2 on its right key: the answer in item_in_session order, the rewritten play last-wins', async () => {
    const facts = await fileFacts(
      file,
      QUESTION_2,
      table(['user_id', 'session_id'], ['item_in_session'], [USER, SESSION, ITEM]),
    );
    expect(facts).toEqual({
      plays: 8,
      answer: [P4, P6, P3], // written P3 (2), P4 (0), P5/P6 (1)
      distinctUnique: 7,
      distinctKeys: 7,
      collidingKeys: 0,
      example: undefined,
    });
    expect(facts.answer.map((p) => p.itemInSession)).toEqual([0, 1, 2]);
  });

  it('Q2 on (user_id, session_id) with no clustering column: the collision shows every field in play', async () => {
    expect(await fileFacts(file, QUESTION_2, table(['user_id', 'session_id'], [], [USER, SESSION]))).toMatchObject({
      distinctUnique: 7,
      distinctKeys: 4, // (50, 338), (10, 182), (11, 182), (8, 139)
      collidingKeys: 2, // (50, 338) and (10, 182)
      example: {
        key: { user_id: 50, session_id: 338 },
        first: { userId: 50, sessionId: 338, itemInSession: 3 },
        second: { userId: 50, sessionId: 338, itemInSession: 4 },
      },
    });
  });
});

// queries: the three questions, one typed function each. Parameters are checked and bound to the
// prepared SELECT that `model` derives from the table's description; rows come back typed, named as
// the play fields they hold, and all pages are read (a popular song may have many listeners).
import type { Client } from 'cassandra-driver';
import {
  listenersBySong,
  returnedFields,
  selectCql,
  songsBySession,
  songsByUserSession,
  type TableSpec,
} from '../model/tables';

export interface SongInSession {
  artist: string;
  song: string;
  length: number;
}

export interface PlaylistEntry {
  itemInSession: number;
  artist: string;
  song: string;
  firstName: string;
  lastName: string;
}

export interface Listener {
  userId: number;
  firstName: string;
  lastName: string;
}

function checkInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 2147483647) {
    throw new Error(`${name} must be a whole number from 0 to 2147483647, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Runs a table's question with bound values (in lookup order); rows keyed by play field names. */
export async function ask<T>(client: Client, keyspace: string, table: TableSpec, values: unknown[]): Promise<T[]> {
  const fields = returnedFields(table);
  const result = await client.execute(selectCql(table, keyspace), values, { prepare: true, fetchSize: 1000 });
  const rows: T[] = [];
  for await (const row of result) {
    const typed: Record<string, unknown> = {};
    for (const { column, field } of fields) typed[field] = row[column];
    rows.push(typed as T);
  }
  return rows;
}

/** Question 1: the artist, song and length of the play at `itemInSession` of session `sessionId`. */
export function songInSession(
  client: Client,
  keyspace: string,
  params: { sessionId: number; itemInSession: number },
): Promise<SongInSession[]> {
  return ask<SongInSession>(client, keyspace, songsBySession, [
    checkInt('sessionId', params.sessionId),
    checkInt('itemInSession', params.itemInSession),
  ]);
}

/** Question 2: the songs of user `userId`'s session `sessionId` in play order, with the user's name. */
export function sessionPlaylist(
  client: Client,
  keyspace: string,
  params: { userId: number; sessionId: number },
): Promise<PlaylistEntry[]> {
  return ask<PlaylistEntry>(client, keyspace, songsByUserSession, [
    checkInt('userId', params.userId),
    checkInt('sessionId', params.sessionId),
  ]);
}

/** Question 3: every user who played `song` (exact title), one row per user, by user id. */
export function listenersOf(client: Client, keyspace: string, params: { song: string }): Promise<Listener[]> {
  if (typeof params.song !== 'string') throw new Error('song must be a string');
  return ask<Listener>(client, keyspace, listenersBySong, [params.song]);
}

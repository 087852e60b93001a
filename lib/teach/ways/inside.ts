// ways/inside: the combination learners should know — the whole partition key by equality, then an SAI
// index filtering inside that one partition ("the songs by artist A that user 10 played in session 182").
// Makes the index on the lesson's own table (IF NOT EXISTS; a refusal comes back as Cassandra's reason),
// waits until Cassandra reports it queryable, and runs the question traced: one partition read, filtered.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { Client } from 'cassandra-driver';
import { createIndexCql, type TableIndex } from '../../model/indexes';
import { checkIdentifier } from '../../model/tables';
import { indexesBuilt } from '../../load/schema';
import { tracedExecute } from '../trace';
import { waitUntilReady } from './prepare';
import { boundForReading } from './spec';
import { wayTraceOf, type WayTrace } from './result';

export interface InsideAsk {
  userId: number;
  sessionId: number;
  /** The artist filtered on; default the artist of the partition's first row. */
  artist?: string;
  /** The table with (user_id, session_id) as partition key and an artist column. Default songs_by_user_session. */
  table?: string;
  buildWaitMs?: number;
}

export type InsideResult =
  | { available: false; indexCql: string; reason: string }
  | {
      available: true;
      indexCql: string;
      select: { cql: string; values: (string | number)[]; bound: string };
      rows: Record<string, unknown>[];
      trace: WayTrace;
    };

/** The SAI index on artist (lib/model/indexes names it `<table>_artist_sai`). */
const ARTIST_SAI: TableIndex = { column: 'artist', kind: 'sai' };

/** Asks for one artist inside one partition, through an SAI index on artist, traced. */
export async function indexInsidePartition(client: Client, keyspace: string, ask: InsideAsk): Promise<InsideResult> {
  const table = checkIdentifier(ask.table ?? 'songs_by_user_session', 'table name');
  const ks = checkIdentifier(keyspace, 'keyspace name');
  const indexCql = createIndexCql({ name: table }, ARTIST_SAI, keyspace);
  try {
    await client.execute(indexCql);
  } catch (err) {
    return { available: false, indexCql, reason: (err as Error).message };
  }
  const built = () => indexesBuilt(client, keyspace, { name: table, indexes: [ARTIST_SAI] });
  if (!(await waitUntilReady(built, ask.buildWaitMs ?? 60_000)))
    return { available: false, indexCql, reason: 'Cassandra did not report the index queryable in time' };
  const key = [ask.userId, ask.sessionId];
  const artist =
    ask.artist ??
    String(
      (
        await client.execute(`SELECT artist FROM ${ks}.${table} WHERE user_id = ? AND session_id = ? LIMIT 1`, key, {
          prepare: true,
        })
      )
        .first()
        ?.get('artist') ?? '',
    );
  const cql = `SELECT item_in_session, artist, song FROM ${ks}.${table} WHERE user_id = ? AND session_id = ? AND artist = ?`;
  const values = [...key, artist];
  const run = await tracedExecute(client, cql, values);
  return {
    available: true,
    indexCql,
    select: { cql, values, bound: boundForReading(cql, values) },
    rows: run.rows,
    trace: wayTraceOf(run.summary),
  };
}

// wrong-key: question 3's data keyed by song alone — the wrong key of the lesson: one row per song, so
// each listener overwrites the one before (the notebook and the trace demos load it to show the loss).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import type { TableSpec } from '../model/tables';

/** Question 3's data keyed by song alone — the wrong key: one row per song, listeners overwrite each other. */
export const listenersBySongOnly: TableSpec = {
  name: 'listeners_by_song_only',
  question: 'Give me the first and last name of every user who listened to song T (wrong key: song alone).',
  lookedUpBy: 'WRONG KEY on purpose: one row per song, each listener overwrites the previous one',
  columns: [
    { name: 'song', type: 'text', from: 'song' },
    { name: 'user_id', type: 'int', from: 'userId' },
    { name: 'first_name', type: 'text', from: 'firstName' },
    { name: 'last_name', type: 'text', from: 'lastName' },
  ],
  partitionKey: ['song'],
  clustering: [],
  lookup: ['song'],
  returns: ['user_id', 'first_name', 'last_name'],
};

// query commands: `query song-in-session | playlist | listeners` — ask one of the three questions with
// your own parameters, through lib's typed query functions (values bound, never pasted into CQL).
import type { Command } from 'commander';
import { listenersOf, sessionPlaylist, songInSession, type Settings } from '../../lib/index';
import { withClient } from '../client';
import { ANSWER_COLUMNS } from '../report';
import { action, printTable, wholeNumber } from '../ui';

export function registerQueryCommands(program: Command, settings: Settings): void {
  const query = program.command('query').description('ask one of the three questions with your own parameters');
  query
    .command('song-in-session')
    .description('Q1: artist, song and length of the play at --item of session --session')
    .requiredOption('-s, --session <id>', 'sessionId', wholeNumber('session'))
    .requiredOption('-i, --item <n>', 'itemInSession', wholeNumber('item'))
    .action(
      action(async (o: { session: number; item: number }) => {
        await withClient(settings, false, async (client, config) => {
          const rows = await songInSession(client, config.keyspace, { sessionId: o.session, itemInSession: o.item });
          printTable(
            `sessionId = ${o.session}, itemInSession = ${o.item}`,
            rows as never[],
            ANSWER_COLUMNS.songInSession,
          );
        });
      }),
    );
  query
    .command('playlist')
    .description("Q2: the songs of a user's session in order, with the user's name")
    .requiredOption('-u, --user <id>', 'userId', wholeNumber('user'))
    .requiredOption('-s, --session <id>', 'sessionId', wholeNumber('session'))
    .action(
      action(async (o: { user: number; session: number }) => {
        await withClient(settings, false, async (client, config) => {
          const rows = await sessionPlaylist(client, config.keyspace, { userId: o.user, sessionId: o.session });
          printTable(`userId = ${o.user}, sessionId = ${o.session}`, rows as never[], ANSWER_COLUMNS.sessionPlaylist);
        });
      }),
    );
  query
    .command('listeners')
    .description('Q3: every user who played a song (exact title)')
    .requiredOption('--song <title>', 'song title')
    .action(
      action(async (o: { song: string }) => {
        await withClient(settings, false, async (client, config) => {
          const rows = await listenersOf(client, config.keyspace, { song: o.song });
          printTable(`listeners of ${JSON.stringify(o.song)}`, rows as never[], ANSWER_COLUMNS.listenersOf);
        });
      }),
    );
}

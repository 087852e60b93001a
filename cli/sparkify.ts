// sparkify: the command line. `npm start` runs the whole job; `npm run sparkify -- <command> --help`
// lists each step's options. Commands live in cli/commands, one file per concern.
import { Command } from 'commander';
import { registerCassandraCommand } from './commands/cassandra';
import { registerGenerateCommand } from './commands/generate';
import { registerPipelineCommands } from './commands/pipeline';
import { registerTeachCommand } from './commands/teach';

const program = new Command('sparkify')
  .description('Sparkify on Cassandra: merge the event files, model one table per question, load them and ask.')
  .showHelpAfterError();
registerPipelineCommands(program);
registerCassandraCommand(program);
registerGenerateCommand(program);
registerTeachCommand(program);
program.parseAsync(process.argv).catch((err) => {
  console.error(`sparkify: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// sparkify: the command line. `npm start` runs the whole job; `npm run sparkify -- <command> --help`
// lists each step's options. The environment is read here, once, and passed to the commands; the
// commands live in cli/commands, one file per command or group.
import { Command } from 'commander';
import { settingsFromEnv } from '../lib/settings';
import { registerCassandraCommand } from './commands/cassandra';
import { registerGenerateCommand } from './commands/generate';
import { registerGradeCommand } from './commands/grade';
import { registerLoadCommand } from './commands/load';
import { registerMergeCommand } from './commands/merge';
import { registerQueryCommands } from './commands/query';
import { registerRunCommand } from './commands/run';
import { registerTeachCommand } from './commands/teach';
import { registerVerifyCommand } from './commands/verify';
import { fail, setShowStacks } from './ui';

function main(): Promise<unknown> {
  const settings = settingsFromEnv();
  setShowStacks(settings.debug);
  const program = new Command('sparkify')
    .description('Sparkify on Cassandra: merge the event files, model one table per question, load them and ask.')
    .showHelpAfterError();
  registerRunCommand(program, settings);
  registerMergeCommand(program, settings);
  registerLoadCommand(program, settings);
  registerQueryCommands(program, settings);
  registerCassandraCommand(program);
  registerGenerateCommand(program);
  registerTeachCommand(program);
  registerGradeCommand(program, settings);
  registerVerifyCommand(program, settings);
  return program.parseAsync(process.argv);
}

try {
  main().catch((err) => fail(err));
} catch (err) {
  fail(err);
}

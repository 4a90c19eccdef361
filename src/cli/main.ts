/**
 * The `lookthrough` command line: thin commands over the same modules the server uses.
 * Each command lives in src/cli/commands/<name>.ts and exports `register(program)`.
 */
import { Command } from 'commander';

const program = new Command();
program
  .name('lookthrough')
  .description('Ownership-graph explorer: trace facilities to their ultimate owners, flag state and sanctioned control.')
  .showHelpAfterError();

// Command registrations (one line each, keep sorted).

await program.parseAsync(process.argv);

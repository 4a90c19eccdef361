/**
 * The `lookthrough` command line: thin commands over the same modules the server uses.
 * Each command lives in src/cli/commands/<name>.ts and exports `register(program)`.
 */
import { Command } from 'commander';
import { DatabaseError } from '../db/errors.ts';
import { register as registerAnalyze } from './commands/analyze.ts';
import { register as registerExport } from './commands/export.ts';
import { register as registerFlags } from './commands/flags.ts';
import { register as registerImport } from './commands/import.ts';
import { register as registerNeo4j } from './commands/neo4j.ts';
import { register as registerSeed } from './commands/seed.ts';
import { register as registerServe } from './commands/serve.ts';

// A reader that stops early (`lookthrough analyze big.json | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program
  .name('lookthrough')
  .description(
    'Ownership-graph explorer: trace facilities to their ultimate owners, flag state and sanctioned control.',
  )
  .showHelpAfterError();

// Command registrations (one line each, keep sorted).
registerAnalyze(program);
registerExport(program);
registerFlags(program);
registerImport(program);
registerNeo4j(program);
registerSeed(program);
registerServe(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // The database layer's errors say what to do (start Neo4j, check NEO4J_URI, the password ...): print that, not
  // a stack trace.
  if (!(error instanceof DatabaseError)) throw error;
  process.stderr.write(`lookthrough ${process.argv[2] ?? ''}: ${error.message}\n`);
  process.exitCode = 1;
}

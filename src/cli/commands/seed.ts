import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { applySchema } from '../../db/graph-repository.ts';
import { FIXTURES_FILE, seedFixtures } from '../../db/seed.ts';

export function register(program: Command): void {
  program
    .command('seed')
    .description('apply the schema and load the illustrative fixtures (idempotent)')
    .option('--file <file>', 'snapshot JSON to load', FIXTURES_FILE)
    .action(async (options: { file: string }) => {
      const connection = await connectNeo4j({ log: (message) => console.error(message) });
      try {
        await applySchema(connection.db);
        const summary = await seedFixtures(connection.db, options.file);
        console.log(JSON.stringify(summary));
      } finally {
        await connection.close();
      }
    });
}

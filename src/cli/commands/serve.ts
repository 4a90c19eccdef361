import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { applySchema } from '../../db/graph-repository.ts';
import { seedIfEmpty } from '../../db/seed.ts';
import { buildServer, DEFAULT_WEB_DIR } from '../../server/app.ts';

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the explorer: Neo4j (embedded unless NEO4J_URI is set), schema, fixtures when empty, web app')
    .option('--port <port>', 'HTTP port (env PORT)', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to bind (env HOST)', process.env.HOST ?? '127.0.0.1')
    .option('--no-seed', 'do not load the illustrative fixtures into an empty database')
    .action(async (options: { port: string; host: string; seed: boolean }) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        program.error(`--port must be a whole number from 0 to 65535, got "${options.port}"`, { exitCode: 2 });
      }
      const connection = await connectNeo4j({ log: (message) => console.log(message) });
      const { db } = connection;
      await applySchema(db);
      if (options.seed) {
        const seeded = await seedIfEmpty(db);
        if (seeded)
          console.log(
            `Loaded the illustrative fixtures: ${seeded.nodes} entities, ${seeded.relationships} relationships.`,
          );
      }
      const app = await buildServer({ db, webDir: DEFAULT_WEB_DIR });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: finishing requests and stopping...`);
        await app.close();
        await connection.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      const address = await app.listen({ port, host: options.host });
      const url = address.replace('[::1]', 'localhost');
      console.log(`Lookthrough is running at ${url}  (Neo4j: ${connection.uri}; Ctrl+C stops)`);
    });
}

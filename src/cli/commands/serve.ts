import type { Command } from 'commander';
import { connectNeo4j } from '../../db/connect.ts';
import { applySchema } from '../../db/graph-repository.ts';
import { seedIfEmpty } from '../../db/seed.ts';
import { assertBindAllowed } from '../../server/access.ts';
import { analysisSettingsFromEnv, type AnalysisServiceOptions } from '../../server/analysis-service.ts';
import { buildServer, DEFAULT_WEB_DIR } from '../../server/app.ts';

interface ServeOptions {
  port: string;
  host: string;
  seed: boolean;
  rankAtStart: boolean;
  queryTimeout: string;
  maxNodes: string;
  importLimit: string;
}

function positiveInteger(text: string, flag: string, program: Command): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) program.error(`${flag} must be a whole number above 0, got "${text}"`);
  return value;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the explorer: Neo4j (embedded unless NEO4J_URI is set), schema, fixtures when empty, web app')
    .option('--port <port>', 'HTTP port (env PORT)', process.env.PORT ?? '8080')
    .option(
      '--host <host>',
      'address to bind (env HOST); any but loopback needs LOOKTHROUGH_API_TOKEN',
      process.env.HOST ?? '127.0.0.1',
    )
    .option('--no-seed', 'do not load the illustrative fixtures into an empty database')
    .option(
      '--no-rank-at-start',
      "do not rank the whole graph (default regime, today's date) as soon as the server is up, only when first asked",
    )
    .option(
      '--query-timeout <ms>',
      'time limit of each query in milliseconds (env LOOKTHROUGH_QUERY_TIMEOUT_MS)',
      process.env.LOOKTHROUGH_QUERY_TIMEOUT_MS ?? '30000',
    )
    .option(
      '--max-nodes <n>',
      'cap on nodes in a query result (env LOOKTHROUGH_MAX_NODES)',
      process.env.LOOKTHROUGH_MAX_NODES ?? '10000',
    )
    .option(
      '--import-limit <MiB>',
      'cap on one upload to the import endpoint, all files together, in MiB (env LOOKTHROUGH_IMPORT_LIMIT_MB)',
      process.env.LOOKTHROUGH_IMPORT_LIMIT_MB ?? '100',
    )
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        program.error(`--port must be a whole number from 0 to 65535, got "${options.port}"`, { exitCode: 2 });
      }
      const queryTimeoutMs = positiveInteger(options.queryTimeout, '--query-timeout', program);
      const maxNodes = positiveInteger(options.maxNodes, '--max-nodes', program);
      const importLimit = positiveInteger(options.importLimit, '--import-limit', program) * 1024 * 1024;
      const token = process.env.LOOKTHROUGH_API_TOKEN?.trim() || undefined;
      // Before anything starts: a non-loopback bind without a token is refused outright, and a bad setting of the
      // analysis (projection cap, trace freshness, prepared explanations) is named.
      let analysis: AnalysisServiceOptions = {};
      try {
        assertBindAllowed(options.host, token);
        analysis = analysisSettingsFromEnv();
      } catch (error) {
        console.error((error as Error).message);
        process.exit(2);
      }
      const corsOrigin = process.env.LOOKTHROUGH_CORS_ORIGIN?.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);

      const connection = await connectNeo4j({
        log: (message) => console.log(message),
        defaultTimeoutMs: queryTimeoutMs,
      });
      const { db } = connection;
      await applySchema(db);
      if (options.seed) {
        const seeded = await seedIfEmpty(db);
        if (seeded)
          console.log(
            `Loaded the illustrative fixtures: ${seeded.nodes} entities, ${seeded.relationships} relationships.`,
          );
      }
      const app = await buildServer({
        db,
        webDir: DEFAULT_WEB_DIR,
        queryTimeoutMs,
        maxNodes,
        importLimit,
        analysis,
        rankAtStart: options.rankAtStart,
        ...(token ? { requireToken: token } : {}),
        ...(corsOrigin?.length ? { corsOrigin } : {}),
      });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: finishing requests in flight, then closing Neo4j...`);
        // In-flight requests get the query timeout plus a margin; then the process goes anyway.
        const force = setTimeout(() => {
          console.error('Requests did not finish in time; exiting.');
          process.exit(1);
        }, queryTimeoutMs + 15_000);
        force.unref();
        let code = 0;
        try {
          await app.close(); // stops accepting, answers 503 to new requests, waits for those in flight
        } catch (error) {
          console.error(`Closing the HTTP server: ${(error as Error).message}`);
          code = 1;
        }
        try {
          await connection.close(); // closes the driver, then stops the embedded Neo4j if this process started it
        } catch (error) {
          console.error(`Closing Neo4j: ${(error as Error).message}`);
          code = 1;
        }
        console.log('Stopped.');
        process.exit(code);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      const address = await app.listen({ port, host: options.host });
      const url = address.replace('[::1]', 'localhost');
      const access = token ? ' (API token required: open the app with #token=<token>)' : '';
      console.log(`Lookthrough is running at ${url}${access}  (Neo4j: ${connection.uri}; Ctrl+C stops)`);
    });
}

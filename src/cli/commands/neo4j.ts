import type { Command } from 'commander';
import { neo4jConfigFromEnv } from '../../db/config.ts';
import { openDatabase } from '../../db/connect.ts';
import { embeddedNeo4jStatus, ensureEmbeddedNeo4j, stopEmbeddedNeo4j } from '../../db/embedded.ts';
import { DatabaseError, EmbeddedNeo4jError } from '../../db/errors.ts';

export function register(program: Command): void {
  const neo4j = program
    .command('neo4j')
    .description('the embedded default Neo4j 5.26 (data in .neo4j/); not used when NEO4J_URI is set');

  neo4j
    .command('start')
    .description('start the embedded Neo4j and keep it running in the foreground until Ctrl+C')
    .option('--port <port>', 'Bolt port on 127.0.0.1 (env NEO4J_BOLT_PORT, default 7687)')
    .action(async (options: { port?: string }) => {
      const port = options.port === undefined ? neo4jConfigFromEnv().boltPort : Number(options.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        program.error(`--port must be a port number from 1 to 65535, got "${options.port}"`, { exitCode: 2 });
      }
      if (process.env.NEO4J_URI) {
        console.error(
          `Note: NEO4J_URI is set (${process.env.NEO4J_URI}), so other commands will use that, not this one.`,
        );
      }
      const server = await ensureEmbeddedNeo4j({ port, log: (message) => console.error(message) }).catch(fail);
      if (server.reused) {
        console.log(`Neo4j ${server.version} is already running at ${server.uri} (pid ${server.pid}); nothing to do.`);
        return;
      }
      console.log(`Neo4j ${server.version} is running at ${server.uri}`);
      console.log(`  user ${server.user}, password in ${server.dataDir}/password; Ctrl+C stops it.`);

      await new Promise<void>((resolveStop) => {
        let stopping = false;
        const stop = (reason: string) => {
          if (stopping) return;
          stopping = true;
          clearInterval(watch);
          console.log(`\n${reason}: stopping Neo4j...`);
          void server.stop().then(() => {
            console.log('Neo4j stopped.');
            resolveStop();
          });
        };
        // Keeps this process alive, and notices if Neo4j dies on its own.
        const watch = setInterval(() => {
          if (!stopping && !isAlive(server.pid)) {
            stopping = true;
            clearInterval(watch);
            console.error(`Neo4j exited on its own: see ${server.dataDir}/logs/launcher.log`);
            process.exitCode = 1;
            resolveStop();
          }
        }, 2_000);
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });

  neo4j
    .command('status')
    .description('tell whether Neo4j is running (the embedded one, or the one NEO4J_URI names) and its version')
    .action(async () => {
      const config = neo4jConfigFromEnv();
      if (config.uri !== undefined) {
        const db = openDatabase({ uri: config.uri, user: config.user, password: config.password });
        try {
          const info = await db.serverInfo();
          console.log(`Neo4j ${info.version} answers at ${config.uri} (NEO4J_URI).`);
        } catch (error) {
          console.log(error instanceof DatabaseError ? error.message : String(error));
          process.exitCode = 1;
        } finally {
          await db.close();
        }
        return;
      }
      const status = await embeddedNeo4jStatus();
      if (!status.running) {
        console.log('The embedded Neo4j is not running. `lookthrough neo4j start` starts it; `serve` starts it too.');
        process.exitCode = 1;
        return;
      }
      const { state } = status;
      console.log(
        `Neo4j ${state.version} is running at ${state.uri} (pid ${state.pid}, since ${state.startedAt}, started by pid ${state.ownerPid}).`,
      );
    });

  neo4j
    .command('stop')
    .description('stop the embedded Neo4j, whichever process started it')
    .action(async () => {
      const stopped = await stopEmbeddedNeo4j();
      console.log(stopped ? 'Neo4j stopped.' : 'The embedded Neo4j was not running.');
    });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function fail(error: unknown): never {
  if (error instanceof DatabaseError) {
    console.error(error.message);
    if (error instanceof EmbeddedNeo4jError && error.details) console.error(`\n${error.details}`);
    process.exit(1);
  }
  throw error;
}

/**
 * Vitest globalSetup for the `integration` project: the real Neo4j the tests run against.
 *
 * NEO4J_URI set: use that Neo4j (NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE). Otherwise start the embedded
 * default (or reuse the one already running, e.g. from `lookthrough neo4j start`). The connection is provided to
 * test files as `inject('neo4j')` and also put in process.env (NEO4J_URI ...) for code that reads the
 * environment. Teardown stops Neo4j only if this setup started it. Tests are never skipped for want of a database.
 */
import type { TestProject } from 'vitest/node';
import { neo4jConfigFromEnv } from '../../src/db/config.ts';
import { ensureEmbeddedNeo4j } from '../../src/db/embedded.ts';

export interface ProvidedNeo4j {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ProvidedNeo4j;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = neo4jConfigFromEnv();
  let connection: ProvidedNeo4j;
  let stop = (): Promise<void> => Promise.resolve();

  if (config.uri !== undefined) {
    connection = { uri: config.uri, user: config.user, password: config.password };
  } else {
    const started = Date.now();
    const embedded = await ensureEmbeddedNeo4j({
      port: config.boltPort,
      log: (message) => console.log(`[neo4j] ${message}`),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `[neo4j] ${embedded.reused ? 'Reusing' : 'Started'} the embedded Neo4j ${embedded.version} at ${embedded.uri} (${seconds} s)`,
    );
    connection = { uri: embedded.uri, user: embedded.user, password: embedded.password };
    stop = () => embedded.stop();
    // Code under test that reads the environment (connectNeo4j) then finds this Neo4j rather than starting one.
    process.env.NEO4J_URI = embedded.uri;
    process.env.NEO4J_USER = embedded.user;
    process.env.NEO4J_PASSWORD = embedded.password;
  }
  if (config.database !== undefined) connection.database = config.database;

  project.provide('neo4j', connection);
  return stop;
}

/**
 * Where Neo4j is. NEO4J_URI names an existing Neo4j; without it the project starts its own embedded default
 * (see embedded.ts) on 127.0.0.1:NEO4J_BOLT_PORT.
 */

export interface Neo4jConfig {
  /** From NEO4J_URI; absent means "use the embedded default". */
  uri?: string;
  /** NEO4J_USER, default `neo4j`. */
  user: string;
  /** NEO4J_PASSWORD, default empty (the embedded default brings its own). */
  password: string;
  /** NEO4J_DATABASE; absent means the server's default database. */
  database?: string;
  /** NEO4J_BOLT_PORT, default 7687: the port of the embedded default. */
  boltPort: number;
}

export const DEFAULT_BOLT_PORT = 7687;

/** Reads the NEO4J_* variables. Throws on a NEO4J_BOLT_PORT that is not a port number. */
export function neo4jConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jConfig {
  const config: Neo4jConfig = {
    user: nonEmpty(env.NEO4J_USER) ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    boltPort: parsePort(env.NEO4J_BOLT_PORT),
  };
  const uri = nonEmpty(env.NEO4J_URI);
  if (uri !== undefined) config.uri = uri;
  const database = nonEmpty(env.NEO4J_DATABASE);
  if (database !== undefined) config.database = database;
  return config;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === undefined) return DEFAULT_BOLT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`NEO4J_BOLT_PORT must be a port number between 1 and 65535, not "${text}".`);
  }
  return port;
}

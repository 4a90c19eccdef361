/**
 * One way in: `connectNeo4j()` uses the Neo4j that NEO4J_URI names, or else starts (or reuses) the embedded
 * default. The server, the CLI and the tests all connect through here.
 */
import neo4j from 'neo4j-driver';
import { neo4jConfigFromEnv } from './config.ts';
import { Database } from './database.ts';
import { ensureEmbeddedNeo4j } from './embedded.ts';
import type { EmbeddedNeo4j, EmbeddedNeo4jOptions } from './embedded.ts';

export interface ConnectionSettings {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

export interface ConnectOptions {
  /** Where to read NEO4J_* from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Options for the embedded default, used only when NEO4J_URI is unset. */
  embedded?: EmbeddedNeo4jOptions;
  /** Progress messages; default standard error. */
  log?: (message: string) => void;
  /** Server-side timeout of each transaction, unless a call gives its own. */
  defaultTimeoutMs?: number;
}

export interface Neo4jConnection {
  db: Database;
  /** The Bolt address in use, for messages. */
  uri: string;
  /** Present when the embedded default is in use (started here, or reused). */
  embedded?: EmbeddedNeo4j;
  /** Closes the driver, and stops the embedded Neo4j if this process started it. */
  close(): Promise<void>;
}

/** Connects and verifies the connection; throws DatabaseUnavailableError or EmbeddedNeo4jError otherwise. */
export async function connectNeo4j(options: ConnectOptions = {}): Promise<Neo4jConnection> {
  const config = neo4jConfigFromEnv(options.env ?? process.env);
  let embedded: EmbeddedNeo4j | undefined;
  let settings: ConnectionSettings;
  if (config.uri !== undefined) {
    settings = { uri: config.uri, user: config.user, password: config.password };
  } else {
    embedded = await ensureEmbeddedNeo4j({
      port: config.boltPort,
      ...(options.log ? { log: options.log } : {}),
      ...options.embedded,
    });
    settings = { uri: embedded.uri, user: embedded.user, password: embedded.password };
  }
  if (config.database !== undefined) settings.database = config.database;

  const db = openDatabase(settings, options.defaultTimeoutMs);
  try {
    await db.verify();
  } catch (error) {
    await db.close();
    await embedded?.stop();
    throw error;
  }
  return {
    db,
    uri: settings.uri,
    ...(embedded ? { embedded } : {}),
    async close() {
      try {
        await db.close();
      } finally {
        await embedded?.stop();
      }
    },
  };
}

/** A Database over a new driver for these settings. Does not connect yet: call `verify()` to check. */
export function openDatabase(settings: ConnectionSettings, defaultTimeoutMs?: number): Database {
  const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
    // Fail fast when nothing listens, rather than after the driver's default 30 s of retries.
    connectionTimeout: 10_000,
    maxTransactionRetryTime: 15_000,
    userAgent: 'lookthrough',
  });
  return new Database(driver, {
    uri: settings.uri,
    ...(settings.database !== undefined ? { database: settings.database } : {}),
    ...(defaultTimeoutMs !== undefined ? { defaultTimeoutMs } : {}),
  });
}

/**
 * Access to Neo4j, after neo4j/graphql's `Executor.ts`: managed read and write transactions
 * (`executeRead` / `executeWrite`, which retry transient failures), transaction metadata that names the app,
 * sessions closed in `finally`, and driver errors mapped to this project's own errors (errors.ts).
 */
import { Neo4jError } from 'neo4j-driver';
import type { Driver, ManagedTransaction, SessionMode } from 'neo4j-driver';
import { DatabaseUnavailableError, QueryError } from './errors.ts';
import { serializeRecords } from './serialize.ts';
import type { PlainMap } from './serialize.ts';

export type { ManagedTransaction };

export type AccessMode = 'READ' | 'WRITE';

export interface DatabaseOptions {
  /** The database to use; absent means the server's default (home) database. */
  database?: string;
  /** The address, for error messages only (the driver does not expose it). */
  uri?: string;
  /** Server-side timeout for each transaction, unless a call gives its own. */
  defaultTimeoutMs?: number;
}

export interface TransactionOptions {
  /** Server-side transaction timeout in milliseconds. */
  timeoutMs?: number;
  /** Records the server sends per batch (the driver's default is 1,000); larger for long streams. */
  fetchSize?: number;
}

export interface RunOptions extends TransactionOptions {
  mode: AccessMode;
  /** Extra transaction metadata, e.g. `{query: 'trace-ultimate-owners'}`; shows in `SHOW TRANSACTIONS`. */
  meta?: Record<string, unknown>;
}

export interface ServerInfo {
  /** e.g. `5.26.30`. */
  version: string;
  /** host:port the driver is connected to. */
  address: string;
}

const APP = 'lookthrough';

export class Database {
  readonly database: string | undefined;
  readonly uri: string;
  private readonly driver: Driver;
  private readonly defaultTimeoutMs: number | undefined;

  constructor(driver: Driver, options: DatabaseOptions | string = {}) {
    const resolved = typeof options === 'string' ? { database: options } : options;
    this.driver = driver;
    this.database = resolved.database;
    this.uri = resolved.uri ?? 'the configured address';
    this.defaultTimeoutMs = resolved.defaultTimeoutMs;
  }

  /** Runs `work` in a managed read transaction (retried on transient errors, so it must be idempotent). */
  read<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    meta?: Record<string, unknown>,
    options?: TransactionOptions,
  ): Promise<T> {
    return this.execute('READ', work, meta, options);
  }

  /** Runs `work` in a managed write transaction (retried on transient errors, so it must be idempotent). */
  write<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    meta?: Record<string, unknown>,
    options?: TransactionOptions,
  ): Promise<T> {
    return this.execute('WRITE', work, meta, options);
  }

  /** Runs one parameterised query and returns its records as plain objects (see serialize.ts). */
  run<T = PlainMap>(
    cypher: string,
    params: Record<string, unknown> = {},
    options: RunOptions = { mode: 'READ' },
  ): Promise<T[]> {
    return this.execute(
      options.mode,
      async (tx) => {
        const result = await tx.run(cypher, params);
        return serializeRecords(result.records) as T[];
      },
      options.meta,
      options,
    );
  }

  /** Throws DatabaseUnavailableError unless the server answers and accepts the credentials. */
  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity(this.database === undefined ? {} : { database: this.database });
    } catch (error) {
      throw mapDriverError(error, this.uri);
    }
  }

  /** The version and address of the server. */
  async serverInfo(): Promise<ServerInfo> {
    try {
      const info = await this.driver.getServerInfo(this.database === undefined ? {} : { database: this.database });
      return { version: (info.agent ?? '').replace(/^Neo4j\//, ''), address: info.address ?? '' };
    } catch (error) {
      throw mapDriverError(error, this.uri);
    }
  }

  /** Closes the driver and its connections. The Database is unusable afterwards. */
  async close(): Promise<void> {
    await this.driver.close();
  }

  private async execute<T>(
    mode: AccessMode,
    work: (tx: ManagedTransaction) => Promise<T>,
    meta: Record<string, unknown> | undefined,
    options: TransactionOptions | undefined,
  ): Promise<T> {
    const defaultAccessMode: SessionMode = mode;
    const session = this.driver.session({
      defaultAccessMode,
      ...(this.database === undefined ? {} : { database: this.database }),
      ...(options?.fetchSize === undefined ? {} : { fetchSize: options.fetchSize }),
    });
    const timeout = options?.timeoutMs ?? this.defaultTimeoutMs;
    const config = { metadata: { app: APP, ...meta }, ...(timeout === undefined ? {} : { timeout }) };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw mapDriverError(error, this.uri);
    } finally {
      await session.close();
    }
  }
}

/**
 * Maps a driver error to this project's errors; anything that is not a Neo4j error (e.g. thrown by the caller's
 * own code inside a transaction) is returned unchanged.
 */
export function mapDriverError(error: unknown, uri: string): unknown {
  if (!(error instanceof Neo4jError)) return error;
  const code = error.code;
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return new DatabaseUnavailableError(uri, 'unreachable', { cause: error, detail: firstLine(error.message) });
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new DatabaseUnavailableError(uri, 'unauthorized', { cause: error });
  }
  if (code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new QueryError('The query ran past its time limit and was stopped', code, {
      cause: error,
      gqlStatus: error.gqlStatus,
    });
  }
  return new QueryError(firstLine(error.message) || 'Neo4j rejected the query', code || 'Neo.Unknown', {
    cause: error,
    gqlStatus: error.gqlStatus,
  });
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.trim() ?? '';
}

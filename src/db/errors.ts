/**
 * The database layer's own errors. Driver errors are mapped to these (see database.ts), so that callers outside
 * src/db never import neo4j-driver, and every message tells a person what to do next.
 */

/** Base class: `instanceof DatabaseError` catches anything this layer throws on purpose. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Neo4j cannot be reached, or refused the credentials: nothing will work until a person fixes that. */
export class DatabaseUnavailableError extends DatabaseError {
  readonly uri: string;
  readonly reason: 'unreachable' | 'unauthorized';

  constructor(uri: string, reason: 'unreachable' | 'unauthorized', options?: { cause?: unknown; detail?: string }) {
    const detail = options?.detail ? ` (${options.detail})` : '';
    super(
      reason === 'unauthorized'
        ? `Neo4j at ${uri} refused the credentials${detail}: check NEO4J_USER and NEO4J_PASSWORD.`
        : `Neo4j at ${uri} is not reachable${detail}: start it with \`lookthrough neo4j start\`, or check NEO4J_URI.`,
      options,
    );
    this.uri = uri;
    this.reason = reason;
  }
}

/** Neo4j rejected a query: a syntax error, a constraint violation, a timeout. `code` is Neo4j's status code. */
export class QueryError extends DatabaseError {
  /** e.g. `Neo.ClientError.Statement.SyntaxError`. */
  readonly code: string;
  /** The GQL status (e.g. `42001`) when the server sends one. */
  readonly gqlStatus: string | undefined;

  constructor(message: string, code: string, options?: { cause?: unknown; gqlStatus?: string }) {
    super(`${message} [${code}]`, options);
    this.code = code;
    this.gqlStatus = options?.gqlStatus;
  }
}

/** What went wrong while preparing or starting the embedded default Neo4j. */
export type EmbeddedNeo4jProblem =
  'java-missing' | 'maven-missing' | 'build-failed' | 'port-in-use' | 'start-failed' | 'start-timeout';

/** The embedded default Neo4j could not be started. The message is one actionable line. */
export class EmbeddedNeo4jError extends DatabaseError {
  readonly problem: EmbeddedNeo4jProblem;
  /** The last lines of the launcher's or Maven's output, when there are any, for a closer look. */
  readonly details: string | undefined;

  constructor(problem: EmbeddedNeo4jProblem, message: string, options?: { cause?: unknown; details?: string }) {
    super(message, options);
    this.problem = problem;
    this.details = options?.details;
  }
}

/** A saved query that `loadCypher` was asked for does not exist. */
export class CypherFileNotFoundError extends DatabaseError {
  readonly queryName: string;

  constructor(queryName: string, triedPaths: readonly string[]) {
    super(`No saved query "${queryName}": expected ${triedPaths.join(' or ')}.`);
    this.queryName = queryName;
  }
}

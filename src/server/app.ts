/**
 * The HTTP server: validate -> db -> domain -> JSON. Serves the built web app (dist/web) and the JSON API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { DatabaseUnavailableError, QueryError } from '../db/errors.ts';
import { prepareExploreQueries } from '../db/explore-repository.ts';
import type { Database } from '../db/database.ts';
import { DEFAULT_LIMITS, isTimeoutError, QueryRefusedError, QueryRejectedError } from '../db/read-only.ts';
import {
  InvalidQueryParameterError,
  SavedQueryFormatError,
  loadSavedQueries,
  SavedQueryNotFoundError,
  type SavedQuery,
} from '../db/saved-queries.ts';
import { SavedQueryExistsError } from '../db/save-query.ts';
import { registerAccess } from './access.ts';
import { registerGracefulClose } from './shutdown.ts';
import { errorBody, HttpError } from './errors.ts';
import { registerCypherRoutes } from './routes/cypher.ts';
import { registerQueryRoutes } from './routes/queries.ts';
import { AnalysisService, type AnalysisServiceOptions } from './analysis-service.ts';
import { defaultAnalysisOptions, registerAnalysisRoutes } from './routes/analysis.ts';
import { registerExploreRoutes } from './routes/explore.ts';
import { registerFacilityRoutes } from './routes/facilities.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerImportRoutes } from './routes/import.ts';

export interface ServerOptions {
  db: Database;
  /** Folder of the built web app; when absent the API still works and `/` explains how to build. */
  webDir?: string;
  logger?: boolean;
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Require `Authorization: Bearer <token>` on /api/* (LOOKTHROUGH_API_TOKEN); see access.ts. */
  requireToken?: string;
  /** Allowed CORS origin(s) (LOOKTHROUGH_CORS_ORIGIN); CORS is off without it. */
  corsOrigin?: string | string[];
  /** Per-query server-side timeout for saved and ad-hoc queries (default 30 s). */
  queryTimeoutMs?: number;
  /** Cap on distinct nodes in a query result (default 10,000); reported as `truncated: true`. */
  maxNodes?: number;
  /** Cap on rows in a query result (default 10,000); reported as `truncated: true`. */
  maxRows?: number;
  /** Ad-hoc Cypher queries running at once (default 16); beyond that, 429. */
  maxConcurrentQueries?: number;
  /** The saved queries to offer; default: every file in cypher/queries/. */
  savedQueries?: readonly SavedQuery[];
  /** Where `POST /api/queries` writes new saved queries; default cypher/queries/. */
  savedQueriesDir?: string;
  /** Cap in bytes on one upload to `POST /api/import`, all files together (default 100 MiB). */
  importLimit?: number;
  /** The analysis service's settings (projection cap, trace freshness, prepared explanations); default from env. */
  analysis?: AnalysisServiceOptions;
  /**
   * Rank the whole graph under the default regime at today's date as soon as the server is ready (`lookthrough serve`
   * does, unless `--no-rank-at-start`), so that the first page finds the ranking, and its facilities' prepared
   * explanations, instead of starting them. Default false.
   */
  rankAtStart?: boolean;
}

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
export const DEFAULT_WEB_DIR = join(PROJECT_ROOT, 'dist', 'web');

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  registerGracefulClose(app);

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (error instanceof DatabaseUnavailableError) {
      return reply.status(503).send(errorBody('NEO4J_UNAVAILABLE', error.message));
    }
    if (error instanceof QueryRefusedError) {
      return reply.status(403).send(errorBody('QUERY_REFUSED', error.message));
    }
    if (error instanceof QueryRejectedError) {
      return reply.status(400).send(errorBody('INVALID_QUERY', error.message));
    }
    if (error instanceof InvalidQueryParameterError) {
      return reply.status(400).send(errorBody('INVALID_PARAMETER', error.message));
    }
    if (error instanceof SavedQueryExistsError) {
      return reply.status(409).send(errorBody('QUERY_EXISTS', error.message));
    }
    if (error instanceof SavedQueryFormatError) {
      return reply.status(400).send(errorBody('INVALID_QUERY', error.message));
    }
    if (error instanceof SavedQueryNotFoundError) {
      return reply.status(404).send(errorBody('NOT_FOUND', error.message));
    }
    if (isTimeoutError(error)) {
      return reply.status(504).send(errorBody('QUERY_TIMEOUT', (error as Error).message));
    }
    if (error instanceof QueryError && error.code.startsWith('Neo.ClientError.')) {
      // Syntax errors, unknown functions, type errors in the request's own query or params.
      return reply.status(400).send(errorBody('CYPHER_ERROR', error.message));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = (error as { code?: string }).code ?? 'BAD_REQUEST';
      return reply.status(status).send(errorBody(code, (error as Error).message));
    }
    request.log.error(error);
    return reply.status(500).send(errorBody('INTERNAL', 'Internal error; the server log has the details.'));
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !options.webDir || !existsSync(join(options.webDir, 'index.html'))) {
      return reply.status(404).send(errorBody('NOT_FOUND', `No such resource: ${request.method} ${request.url}`));
    }
    // Client-side routes of the single-page app.
    return reply.sendFile('index.html');
  });

  await registerAccess(app, {
    ...(options.requireToken ? { requireToken: options.requireToken } : {}),
    ...(options.corsOrigin !== undefined ? { corsOrigin: options.corsOrigin } : {}),
  });
  const limits = {
    timeoutMs: options.queryTimeoutMs ?? DEFAULT_LIMITS.timeoutMs,
    maxNodes: options.maxNodes ?? DEFAULT_LIMITS.maxNodes,
    maxRows: options.maxRows ?? DEFAULT_LIMITS.maxRows,
  };

  const analysis = new AnalysisService(options.db, options.analysis);
  await registerHealthRoutes(app, options.db, () => ({
    projection: analysis.projectionState(),
    preparedExplanations: analysis.preparedState(),
  }));
  let explorePrepared: Promise<void> = Promise.resolve();
  // The in-memory projection for traces is built once the server is ready, in the background.
  app.addHook('onReady', () => {
    // The explorer's first queries planned before the first click; a failure is left to the requests.
    explorePrepared = prepareExploreQueries(options.db).catch(() => undefined);
    void analysis.warmUp();
    // Shares the projection's read of the whole graph; a failure (Neo4j down) leaves the ranking to the first request.
    if (options.rankAtStart) analysis.wholeGraph(defaultAnalysisOptions()).catch(() => undefined);
    return Promise.resolve();
  });
  app.addHook('onClose', async () => {
    analysis.close();
    // Before the caller closes the database under it.
    await explorePrepared;
  });
  await registerFacilityRoutes(app, options.db, analysis);
  await registerQueryRoutes(
    app,
    options.db,
    options.savedQueries ?? loadSavedQueries(),
    limits,
    options.savedQueriesDir,
  );
  await registerCypherRoutes(app, options.db, limits, options.maxConcurrentQueries);
  await registerExploreRoutes(app, options.db);
  await registerAnalysisRoutes(app, analysis);
  // After an upload the in-memory graph is read again in the background, so that the next trace or flag ranking
  // does not wait for it.
  await registerImportRoutes(app, options.db, options.importLimit, () => void analysis.warmUp());

  if (options.webDir && existsSync(options.webDir)) {
    await app.register(fastifyStatic, { root: options.webDir, prefix: '/' });
  } else {
    app.get('/', (_request, reply) =>
      reply
        .type('text/plain')
        .send('Lookthrough API is running. The web app is not built: run `npm run build` (npm start does it).'),
    );
  }
  return app;
}

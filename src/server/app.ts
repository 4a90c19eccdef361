/**
 * The HTTP server: validate -> db -> domain -> JSON. Serves the built web app (dist/web) and the JSON API.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { DatabaseUnavailableError } from '../db/errors.ts';
import type { Database } from '../db/database.ts';
import { errorBody, HttpError } from './errors.ts';
import { registerExploreRoutes } from './routes/explore.ts';
import { registerFacilityRoutes } from './routes/facilities.ts';
import { registerHealthRoutes } from './routes/health.ts';

export interface ServerOptions {
  db: Database;
  /** Folder of the built web app; when absent the API still works and `/` explains how to build. */
  webDir?: string;
  logger?: boolean;
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
}

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
export const DEFAULT_WEB_DIR = join(PROJECT_ROOT, 'dist', 'web');

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof HttpError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.message));
    }
    if (error instanceof DatabaseUnavailableError) {
      return reply.status(503).send(errorBody('NEO4J_UNAVAILABLE', error.message));
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

  await registerHealthRoutes(app, options.db);
  await registerFacilityRoutes(app, options.db);
  await registerExploreRoutes(app, options.db);

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

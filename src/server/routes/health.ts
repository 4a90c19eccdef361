import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database.ts';

/**
 * GET /api/health: Neo4j reachable (with its version) or 503 with the reason; `extra` adds the server's own state
 * (the trace projection).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  db: Database,
  extra: () => Record<string, unknown> = () => ({}),
): Promise<void> {
  app.get('/api/health', async (_request, reply) => {
    try {
      const info = await db.serverInfo();
      return { status: 'ok', neo4j: { connected: true, version: info.version }, ...extra() };
    } catch (error) {
      return reply.status(503).send({
        status: 'unavailable',
        neo4j: { connected: false, reason: error instanceof Error ? error.message : String(error) },
        error: { code: 'NEO4J_UNAVAILABLE', message: error instanceof Error ? error.message : String(error) },
      });
    }
  });
  return Promise.resolve();
}

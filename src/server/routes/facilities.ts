import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { listFacilities } from '../../db/graph-repository.ts';
import type { AnalysisService } from '../analysis-service.ts';
import { HttpError } from '../errors.ts';
import { entityIdParams, parseOrThrow } from '../validate.ts';

const graphQuery = z.object({
  maxDepth: z.coerce.number().int().min(1).max(50).optional(),
  maxNodes: z.coerce.number().int().min(1).max(50_000).optional(),
});

export function registerFacilityRoutes(app: FastifyInstance, db: Database, analysis: AnalysisService): Promise<void> {
  app.get('/api/facilities', async () => ({ facilities: await listFacilities(db) }));

  // The upstream ownership subgraph of a facility (or of any entity) as a graphology snapshot.
  app.get('/api/facilities/:id/graph', async (request, reply) => {
    const { id } = parseOrThrow(entityIdParams, request.params, 'path');
    const query = parseOrThrow(graphQuery, request.query, 'query');
    const snapshot = await analysis.upstream(id, query);
    if (!snapshot) throw new HttpError(404, 'NOT_FOUND', `No entity with id "${id}"`);
    return reply.type('application/json; charset=utf-8').send(analysis.snapshotJson(snapshot));
  });
  return Promise.resolve();
}

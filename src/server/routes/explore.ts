import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { listSites, neighbours, searchEntities } from '../../db/explore-repository.ts';
import { ENTITY_KINDS } from '../../domain/model.ts';
import { HttpError } from '../errors.ts';
import { entityIdParams, parseOrThrow } from '../validate.ts';

const searchQuery = z.object({
  q: z.string().max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  kind: z.enum(ENTITY_KINDS).optional(),
});

const neighbourQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(50),
});

export function registerExploreRoutes(app: FastifyInstance, db: Database): Promise<void> {
  // Suggestions as you type: names, aliases and identifiers, tolerant of typos.
  app.get('/api/search', async (request) => {
    const { q, limit, kind } = parseOrThrow(searchQuery, request.query, 'query');
    return { query: q, results: await searchEntities(db, q, { limit, kinds: kind ? [kind] : [] }) };
  });

  // One page of a node's neighbours in both directions; `total` says how many there are in all.
  app.get('/api/entities/:id/neighbours', async (request) => {
    const { id } = parseOrThrow(entityIdParams, request.params, 'path');
    const { offset, limit } = parseOrThrow(neighbourQuery, request.query, 'query');
    const page = await neighbours(db, id, { offset, limit });
    if (!page) throw new HttpError(404, 'NOT_FOUND', `No entity with id "${id}"`);
    return page.snapshot;
  });

  app.get('/api/sites', async () => ({ sites: await listSites(db) }));
  return Promise.resolve();
}

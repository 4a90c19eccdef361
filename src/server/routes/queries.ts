import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ResultLimits } from '../../db/read-only.ts';
import { saveQuery } from '../../db/save-query.ts';
import { describeSavedQuery, PARAM_TYPES, runSavedQuery, SavedQueryNotFoundError } from '../../db/saved-queries.ts';
import type { SavedQuery } from '../../db/saved-queries.ts';
import { parseOrThrow } from '../validate.ts';

const nameParams = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,100}$/, 'a kebab-case query name') });
const runBody = z
  .object({ params: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .optional();

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const saveBody = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,100}$/, 'expected a kebab-case name (a-z, 0-9, -)'),
    title: z.string().max(200).optional(),
    description: z.string().min(1, 'say what the query finds').max(2000),
    query: z.string().min(1).max(20_000),
    params: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a Cypher parameter name'),
            type: z.enum(PARAM_TYPES),
            default: paramValue.optional(),
            description: z.string().max(500).optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();

/**
 * Saved queries: `GET /api/queries` lists them; `POST /api/queries/:name/run` runs one with validated params;
 * `POST /api/queries` saves a new one (read-only checked, never overwriting) as a file in `savedQueriesDir`.
 */
export function registerQueryRoutes(
  app: FastifyInstance,
  db: Database,
  initial: readonly SavedQuery[],
  limits: ResultLimits,
  savedQueriesDir?: string,
): Promise<void> {
  const queries = [...initial];
  const byName = new Map(queries.map((query) => [query.name, query]));

  app.get('/api/queries', () => ({ queries: queries.map(describeSavedQuery) }));

  app.post('/api/queries', async (request, reply) => {
    const body = parseOrThrow(saveBody, request.body ?? undefined, 'body');
    const input = { ...body, ...(body.title === undefined ? {} : { title: body.title }) };
    const saved = await saveQuery(db, input, new Set(byName.keys()), savedQueriesDir);
    queries.push(saved);
    byName.set(saved.name, saved);
    return reply.status(201).send({ query: describeSavedQuery(saved) });
  });

  app.post('/api/queries/:name/run', async (request) => {
    const { name } = parseOrThrow(nameParams, request.params, 'path');
    const query = byName.get(name);
    if (!query) throw new SavedQueryNotFoundError(name);
    const body = parseOrThrow(runBody, request.body ?? undefined, 'body');
    const result = await runSavedQuery(db, query, body?.params ?? {}, limits);
    return { query: name, ...result };
  });
  return Promise.resolve();
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ResultLimits } from '../../db/read-only.ts';
import { describeSavedQuery, runSavedQuery, SavedQueryNotFoundError } from '../../db/saved-queries.ts';
import type { SavedQuery } from '../../db/saved-queries.ts';
import { parseOrThrow } from '../validate.ts';

const nameParams = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,100}$/, 'a kebab-case query name') });
const runBody = z
  .object({ params: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .optional();

/** Saved queries: `GET /api/queries` lists them; `POST /api/queries/:name/run` runs one with validated params. */
export function registerQueryRoutes(
  app: FastifyInstance,
  db: Database,
  queries: readonly SavedQuery[],
  limits: ResultLimits,
): Promise<void> {
  const byName = new Map(queries.map((query) => [query.name, query]));

  app.get('/api/queries', () => ({ queries: queries.map(describeSavedQuery) }));

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

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { runUntrustedQuery } from '../../db/read-only.ts';
import type { ResultLimits } from '../../db/read-only.ts';
import { HttpError } from '../errors.ts';
import { parseOrThrow } from '../validate.ts';

const cypherBody = z
  .object({
    query: z.string().min(1).max(100_000),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** Ad-hoc queries running at once, by default: each may take the whole query timeout, so Neo4j is kept for the rest. */
export const DEFAULT_MAX_CONCURRENT_QUERIES = 16;

/**
 * Ad-hoc Cypher, read-only: `POST /api/cypher` with `{"query","params"}`. The checks (lexical screen, EXPLAIN query
 * type and plan operators, READ transaction) are in src/db/read-only.ts; a refusal is a 403 that says why. At most
 * `maxConcurrent` ad-hoc queries run at once; beyond that the answer is 429 with Retry-After.
 */
export function registerCypherRoutes(
  app: FastifyInstance,
  db: Database,
  limits: ResultLimits,
  maxConcurrent: number = DEFAULT_MAX_CONCURRENT_QUERIES,
): Promise<void> {
  let running = 0;
  app.post('/api/cypher', async (request, reply) => {
    const body = parseOrThrow(cypherBody, request.body, 'body');
    if (running >= maxConcurrent) {
      void reply.header('retry-after', '1');
      throw new HttpError(
        429,
        'TOO_MANY_QUERIES',
        `${running} ad-hoc queries are running, the most this server allows at once; try again in a moment.`,
      );
    }
    running += 1;
    try {
      return await runUntrustedQuery(db, body.query, body.params ?? {}, limits);
    } finally {
      running -= 1;
    }
  });
  return Promise.resolve();
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { runUntrustedQuery } from '../../db/read-only.ts';
import type { ResultLimits } from '../../db/read-only.ts';
import { parseOrThrow } from '../validate.ts';

const cypherBody = z
  .object({
    query: z.string().min(1).max(100_000),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/**
 * Ad-hoc Cypher, read-only: `POST /api/cypher` with `{"query","params"}`. The checks (lexical screen, EXPLAIN query
 * type and plan operators, READ transaction) are in src/db/read-only.ts; a refusal is a 403 that says why.
 */
export function registerCypherRoutes(app: FastifyInstance, db: Database, limits: ResultLimits): Promise<void> {
  app.post('/api/cypher', async (request) => {
    const body = parseOrThrow(cypherBody, request.body, 'body');
    return runUntrustedQuery(db, body.query, body.params ?? {}, limits);
  });
  return Promise.resolve();
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { parseSavedQuery } from '../../src/db/saved-queries.ts';
import { buildServer } from '../../src/server/app.ts';
import { fixtureDatabase } from './helpers.ts';
import { tempDir } from '../setup/temp-dir.ts';

let db: Database;
let app: FastifyInstance;
let dir: string;

beforeAll(async () => {
  db = await fixtureDatabase();
  dir = tempDir('lookthrough-queries-');
  app = await buildServer({ db, savedQueries: [], savedQueriesDir: dir });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const facilitiesInCountry = {
  name: 'facilities-in-country',
  title: 'Facilities in a country',
  description: 'Facilities located in the given country, largest first.',
  query:
    'MATCH (f:Facility) WHERE f.country = $country RETURN f.id AS key, f.name AS name, f.powerMw AS mw ORDER BY mw DESC',
  params: [{ name: 'country', type: 'string', default: 'US', description: 'ISO country code' }],
};

describe('saving a new query', () => {
  it('writes a file in the saved-query format, lists it and runs it with its default', async () => {
    const saved = await app.inject({ method: 'POST', url: '/api/queries', payload: facilitiesInCountry });
    expect(saved.statusCode).toBe(201);
    const text = readFileSync(join(dir, 'facilities-in-country.cypher'), 'utf8');
    expect(parseSavedQuery(text, 'facilities-in-country.cypher').params).toEqual([
      { name: 'country', type: 'string', default: 'US', description: 'ISO country code' },
    ]);
    const listed = await app.inject({ method: 'GET', url: '/api/queries' });
    expect(listed.json<{ queries: { name: string }[] }>().queries.map((q) => q.name)).toContain(
      'facilities-in-country',
    );
    const run = await app.inject({ method: 'POST', url: '/api/queries/facilities-in-country/run', payload: {} });
    expect(run.statusCode).toBe(200);
    const keys = run.json<{ rows: { key: string }[] }>().rows.map((r) => r.key);
    expect(keys).toContain('fac-cheyenne-1');
    expect(keys).not.toContain('fac-bratsk-1');
  });

  it('never overwrites an existing query (409)', async () => {
    const again = await app.inject({ method: 'POST', url: '/api/queries', payload: facilitiesInCountry });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('QUERY_EXISTS');
  });

  it('refuses a write query with 403 and writes no file', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/queries',
      payload: {
        name: 'sneaky',
        description: 'x',
        query: 'MATCH (n:Entity) SET n.flagged = true RETURN n',
        params: [],
      },
    });
    expect(response.statusCode).toBe(403);
    expect(readdirSync(dir)).not.toContain('sneaky.cypher');
  });

  it('rejects an undeclared parameter, a bad name and a bad type with 400 naming the problem', async () => {
    const undeclared = await app.inject({
      method: 'POST',
      url: '/api/queries',
      payload: { name: 'undeclared', description: 'x', query: 'MATCH (n:Entity {id: $id}) RETURN n', params: [] },
    });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json<{ error: { message: string } }>().error.message).toMatch(/\$id/);
    const badName = await app.inject({
      method: 'POST',
      url: '/api/queries',
      payload: { ...facilitiesInCountry, name: '../etc/passwd' },
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json<{ error: { message: string } }>().error.message).toMatch(/name/);
    const badType = await app.inject({
      method: 'POST',
      url: '/api/queries',
      payload: { ...facilitiesInCountry, name: 'bad-type', params: [{ name: 'country', type: 'text' }] },
    });
    expect(badType.statusCode).toBe(400);
    expect(badType.json<{ error: { message: string } }>().error.message).toMatch(/type/);
    expect(readdirSync(dir)).toEqual(['facilities-in-country.cypher']);
  });
});

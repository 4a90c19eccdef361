/** Access control and headers: the API token, the bind rule, CSP and nosniff, CORS off unless configured. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { assertBindAllowed } from '../../src/server/access.ts';
import { buildServer } from '../../src/server/app.ts';
import { testDatabase } from './helpers.ts';

const TOKEN = 'test-token-0123456789abcdef';
let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  db = await testDatabase();
  app = await buildServer({ db, requireToken: TOKEN });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('an API token, when required (any non-loopback bind)', () => {
  it.each([
    ['GET', '/api/health'],
    ['GET', '/api/queries'],
    ['GET', '/api/facilities'],
    ['POST', '/api/cypher'],
    ['POST', '/api/queries/ultimate-owners/run'],
  ] as const)('%s %s without it -> 401 in the error shape', async (method, url) => {
    const response = await app.inject({ method, url, payload: method === 'POST' ? { query: 'RETURN 1' } : undefined });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toEqual({
      error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/token/) as string },
    });
  });

  it('refuses a wrong token and a token sent another way', async () => {
    for (const authorization of [`Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const response = await app.inject({ method: 'GET', url: '/api/queries', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
    }
    const inQuery = await app.inject({ method: 'GET', url: `/api/queries?token=${TOKEN}` });
    expect(inQuery.statusCode).toBe(401);
  });

  it('accepts the right bearer token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/cypher',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { query: 'RETURN 1 AS one' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ columns: ['one'], rows: [{ one: 1 }], truncated: false });
  });

  it('leaves the static web app public (it holds no data and no secret)', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
  });
});

describe('the bind rule', () => {
  it.each(['127.0.0.1', 'localhost', '::1'])('%s needs no token', (host) => {
    expect(() => assertBindAllowed(host, undefined)).not.toThrow();
  });

  it.each(['0.0.0.0', '::', '192.168.1.20'])('%s without a token refuses to start, saying what to set', (host) => {
    expect(() => assertBindAllowed(host, undefined)).toThrow(/LOOKTHROUGH_API_TOKEN/);
    expect(() => assertBindAllowed(host, TOKEN)).not.toThrow();
  });

  it('refuses a short token', () => {
    expect(() => assertBindAllowed('0.0.0.0', 'short')).toThrow(/too short/);
  });
});

describe('headers', () => {
  it('sends a CSP that allows the app’s own scripts and blob: workers, and nosniff', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends no CORS headers unless an origin is configured', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/queries',
      headers: { origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const withCors = await buildServer({ db, corsOrigin: 'https://team.example' });
    try {
      const allowed = await withCors.inject({
        method: 'GET',
        url: '/api/queries',
        headers: { origin: 'https://team.example' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://team.example');
      const other = await withCors.inject({
        method: 'GET',
        url: '/api/queries',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      // The analysis varies by Accept-Encoding too (a prepared answer may go deflated): added to CORS's Origin.
      const analysis = await withCors.inject({
        method: 'GET',
        url: '/api/entities/fac-cheyenne-1/analysis',
        headers: { origin: 'https://team.example' },
      });
      expect(analysis.statusCode).toBe(200);
      expect(
        String(analysis.headers.vary)
          .toLowerCase()
          .split(/\s*,\s*/),
      ).toEqual(expect.arrayContaining(['origin', 'accept-encoding']));
    } finally {
      await withCors.close();
    }
  });

  it('never sends the Neo4j password to the browser', async () => {
    const { password } = (await import('vitest')).inject('neo4j');
    for (const url of ['/api/health', '/api/queries', '/']) {
      const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
      if (password) expect(response.body).not.toContain(password);
    }
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish, then refuses new ones', async () => {
    const server = await buildServer({ db });
    const url = await server.listen({ host: '127.0.0.1', port: 0 });
    const slow = fetch(`${url}/api/cypher`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'UNWIND range(1, 20000000) AS i WITH i WHERE i % 7 = 3 RETURN count(i) AS n' }),
    });
    // Close only once the query is running in Neo4j (the server may be busy loading its projection at first).
    for (let tries = 0; tries < 200; tries++) {
      const running = await db.read((tx) =>
        tx.run(
          `SHOW TRANSACTIONS YIELD currentQuery
           WHERE currentQuery CONTAINS 'range(1, 20000000)' AND NOT currentQuery STARTS WITH 'SHOW'
           RETURN count(*) AS n`,
        ),
      );
      if (Number(running.records[0]?.get('n')) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const closing = server.close();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ rows: [{ n: expect.any(Number) as number }] });
    await closing;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow(); // no longer listening
  });
});

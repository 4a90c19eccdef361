/**
 * Facility explanations prepared after a ranking, against the real Neo4j: each prepared answer is byte for byte the
 * answer computed on request, it is given only for the ranking's options and data, and a change of data drops it.
 */
import { inflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { importSnapshot } from '../../src/db/graph-repository.ts';
import { AnalysisService } from '../../src/server/analysis-service.ts';
import { buildServer } from '../../src/server/app.ts';
import { fixtureDatabase, uniqueId } from './helpers.ts';

const OPTIONS = { rule: 'ofac' as const, asOf: '2026-01-01', stateThreshold: 25, radiusKm: 1.609344 };
const BUDGET = 64 * 1024 * 1024;

let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  db = await fixtureDatabase();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Waits while the service prepares (or has not begun to). */
async function prepared(state: () => { state: string }): Promise<void> {
  for (let i = 0; i < 3000 && ['none', 'preparing'].includes(state().state); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('prepared facility explanations', { timeout: 600_000 }, () => {
  it('answers every facility of the ranking with the bytes computed on request, for those options only', async () => {
    // Traces read the data's fingerprint each time (no 1 s trust), so a change shows at once.
    const service = new AnalysisService(db, { preparedBudgetBytes: BUDGET, traceFreshnessMs: 0 });
    const onRequest = new AnalysisService(db, { preparedBudgetBytes: 0, traceFreshnessMs: 0 });
    await service.warmUp();
    await onRequest.warmUp();
    const ranking = await service.wholeGraph(OPTIONS);
    await onRequest.wholeGraph(OPTIONS);
    await prepared(() => service.preparedState());
    const facilities = Object.values(ranking.result.entities)
      .filter((e) => e.kind === 'Facility')
      .map((e) => e.key);
    expect(facilities.length).toBeGreaterThan(5);
    expect(service.preparedState()).toMatchObject({ state: 'ready', prepared: facilities.length });
    expect(onRequest.preparedState()).toEqual({ state: 'off' });

    // Every facility (a development database may hold thousands: the first 300 of them).
    for (const key of facilities.slice(0, 300)) {
      const answer = await service.explainText(key, OPTIONS);
      // Bytes: a prepared answer (a computed one is a string).
      expect(Buffer.isBuffer(answer), key).toBe(true);
      const computed = await onRequest.explainText(key, OPTIONS);
      expect(typeof computed).toBe('string');
      expect((answer as Buffer).toString('utf8')).toBe(computed);
    }
    // Other options, or the subgraph asked for: computed.
    expect(typeof (await service.explainText(facilities[0]!, { ...OPTIONS, rule: 'eu' }))).toBe('string');
    expect(typeof (await service.explainText(facilities[0]!, OPTIONS, { subgraph: true }))).toBe('string');

    // Another client's write changes the data: the prepared answers are dropped, the next is computed on the new data.
    const company = uniqueId('co');
    const facility = uniqueId('fac');
    await importSnapshot(db, {
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      nodes: [
        { key: company, attributes: { kind: 'Company', name: 'Prepared Check Operator' } },
        { key: facility, attributes: { kind: 'Facility', name: 'Prepared Check Mine', lat: 12, lon: 12 } },
      ],
      edges: [{ key: uniqueId('op'), source: company, target: facility, attributes: { kind: 'OPERATES' } }],
    });
    const after = await service.explainText(facilities[0]!, OPTIONS);
    expect(typeof after).toBe('string');
    expect(service.preparedState()).toEqual({ state: 'none' });
    expect(after).toBe(await onRequest.explainText(facilities[0]!, OPTIONS));
    service.close();
    onRequest.close();
  });

  it('serves a prepared answer through the API and reports the preparation in /api/health', async () => {
    app = await buildServer({ db, analysis: { preparedBudgetBytes: BUDGET } });
    const health = async () =>
      (await app.inject({ method: 'GET', url: '/api/health' })).json<{
        preparedExplanations: { state: string; prepared?: number; facilities?: number; bytes?: number };
      }>().preparedExplanations;
    expect((await health()).state).toBe('none');
    const flags = await app.inject({ method: 'GET', url: '/api/flags?rule=ofac&asOf=2026-01-01' });
    expect(flags.statusCode).toBe(200);
    let state = await health();
    for (let i = 0; i < 3000 && state.state === 'preparing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await health();
    }
    expect(state.state).toBe('ready');
    expect(state.prepared).toBe(state.facilities);
    expect(state.bytes).toBeGreaterThan(0);
    const res = await app.inject({
      method: 'GET',
      url: '/api/entities/fac-cheyenne-1/analysis?rule=ofac&asOf=2026-01-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = res.json<{ analysis: { key: string; flags: string[] }; flagged: Record<string, string[]> }>();
    expect(body.analysis.key).toBe('fac-cheyenne-1');
    expect(body.analysis.flags).toEqual(['STATE_CONTROL', 'STATE_OWNERSHIP', 'NEAR_SENSITIVE_SITE']);
    expect(body.flagged['fac-cheyenne-1']).toEqual(body.analysis.flags);
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.headers['content-encoding']).toBeUndefined();

    // A client that accepts deflate (every browser) is sent the kept bytes, which inflate to the same answer.
    const url = '/api/entities/fac-cheyenne-1/analysis?rule=ofac&asOf=2026-01-01';
    const deflated = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(deflated.statusCode).toBe(200);
    expect(deflated.headers['content-encoding']).toBe('deflate');
    expect(deflated.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(deflated.rawPayload.length).toBeLessThan(res.rawPayload.length);
    expect(inflateSync(deflated.rawPayload).toString('utf8')).toBe(res.payload);
    // Refused with a weight of zero; and an answer computed on request (another date) is never encoded.
    const refused = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'deflate;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.payload).toBe(res.payload);
    const computed = await app.inject({
      method: 'GET',
      url: '/api/entities/fac-cheyenne-1/analysis?rule=ofac&asOf=2026-02-01',
      headers: { 'accept-encoding': 'deflate' },
    });
    expect(computed.statusCode).toBe(200);
    expect(computed.headers['content-encoding']).toBeUndefined();
    expect(computed.json<{ analysis: { key: string } }>().analysis.key).toBe('fac-cheyenne-1');
  });

  it("ranks the default regime at today's date as soon as the server is ready when asked to (as serve does)", async () => {
    const server = await buildServer({ db, rankAtStart: true, analysis: { preparedBudgetBytes: BUDGET } });
    try {
      await server.ready();
      const today = new Date().toISOString().slice(0, 10);
      const health = async () =>
        (await server.inject({ method: 'GET', url: '/api/health' })).json<{
          preparedExplanations: { state: string; options?: string; prepared?: number; facilities?: number };
        }>().preparedExplanations;
      // No request has asked for a ranking: the server's own, at start, is what gets prepared.
      let state = await health();
      for (let i = 0; i < 3000 && ['none', 'preparing'].includes(state.state); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = await health();
      }
      expect(state.state).toBe('ready');
      expect(JSON.parse(state.options!)).toEqual(['ofac', today, 25, 1.609344]);
      expect(state.prepared).toBe(state.facilities);
      // The first page's ranking (the app's defaults) is the one computed at start.
      const flags = await server.inject({ method: 'GET', url: '/api/flags' });
      expect(flags.statusCode).toBe(200);
      expect(flags.json<{ cached: boolean; asOf: string; rule: string }>()).toMatchObject({
        cached: true,
        asOf: today,
        rule: 'ofac',
      });
    } finally {
      await server.close();
    }
  });
});

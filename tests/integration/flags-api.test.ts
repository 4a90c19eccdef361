/**
 * GET /api/flags against the real Neo4j: the whole-graph analysis ranks facilities (or every flagged entity) by the
 * severity of their flags, is cached per options, and is recomputed when an import changes the data.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { importSnapshot } from '../../src/db/graph-repository.ts';
import { buildServer } from '../../src/server/app.ts';
import { fixtureDatabase, uniqueId } from './helpers.ts';

interface FlagsBody {
  rule: string;
  asOf: string;
  cached: boolean;
  total: number;
  truncated: boolean;
  flagCounts: Record<string, number>;
  items: { key: string; name: string; kind: string; country?: string; flags: string[]; severity: number }[];
}

let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  db = await fixtureDatabase();
  app = await buildServer({ db });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function flags(query: string): Promise<FlagsBody> {
  const res = await app.inject({ method: 'GET', url: `/api/flags?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FlagsBody>();
}

describe('GET /api/flags', { timeout: 120_000 }, () => {
  it('ranks the facilities by severity, with the fixtures’ cases flagged as documented', async () => {
    const body = await flags('rule=ofac&asOf=2026-01-01&limit=10000');
    expect(body.rule).toBe('ofac');
    expect(body.items.every((i) => i.kind === 'Facility')).toBe(true);
    for (let i = 1; i < body.items.length; i++) {
      const [before, after] = [body.items[i - 1]!, body.items[i]!];
      expect(before.severity).toBeGreaterThanOrEqual(after.severity);
      if (before.severity === after.severity) expect(before.name.localeCompare(after.name)).toBeLessThanOrEqual(0);
    }
    const cheyenne = body.items.find((i) => i.key === 'fac-cheyenne-1');
    expect(cheyenne?.flags).toEqual(['STATE_CONTROL', 'STATE_OWNERSHIP', 'NEAR_SENSITIVE_SITE']);
    expect(body.truncated).toBe(false);
  });

  it('filters by flag and country, says when the list is capped, and lists every flagged kind with kind=all', async () => {
    const near = await flags('rule=ofac&asOf=2026-01-01&flag=NEAR_SENSITIVE_SITE');
    expect(near.items.length).toBeGreaterThan(0);
    expect(near.items.every((i) => i.flags.includes('NEAR_SENSITIVE_SITE'))).toBe(true);
    const us = await flags('rule=ofac&asOf=2026-01-01&country=us');
    expect(us.items.every((i) => i.country === 'US')).toBe(true);
    // A filtered list is the ranking's own entries, in the ranking's order.
    const ranking = await flags('rule=ofac&asOf=2026-01-01&limit=10000');
    const first = (items: FlagsBody['items']) => items.slice(0, 500); // the default limit
    expect(near.items).toEqual(first(ranking.items.filter((i) => i.flags.includes('NEAR_SENSITIVE_SITE'))));
    expect(us.items).toEqual(first(ranking.items.filter((i) => i.country === 'US')));
    const capped = await flags('rule=ofac&asOf=2026-01-01&kind=all&limit=1');
    expect(capped.items).toHaveLength(1);
    expect(capped.total).toBeGreaterThan(1);
    expect(capped.truncated).toBe(true);
    const all = await flags('rule=ofac&asOf=2026-01-01&kind=all&limit=10000');
    expect(all.items.some((i) => i.kind !== 'Facility')).toBe(true);
    expect(all.items.every((i) => i.flags.length > 0)).toBe(true);
  });

  it('serves the cached analysis until an import changes the data, then recomputes', async () => {
    const query = 'rule=eu&asOf=2026-01-02';
    await flags(query);
    const again = await flags(query);
    expect(again.cached).toBe(true);
    // A new facility operated by a listed company: the next call sees it.
    const company = uniqueId('co');
    const facility = uniqueId('fac');
    await importSnapshot(db, {
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      nodes: [
        {
          key: company,
          attributes: { kind: 'Company', name: 'Listed Operator', sanctions: [{ authority: 'EU', program: 'TEST' }] },
        },
        { key: facility, attributes: { kind: 'Facility', name: 'New Mine', lat: 10, lon: 10 } },
      ],
      edges: [{ key: uniqueId('op'), source: company, target: facility, attributes: { kind: 'OPERATES' } }],
    });
    const fresh = await flags(`${query}&limit=10000`);
    expect(fresh.cached).toBe(false);
    expect(fresh.items.find((i) => i.key === facility)?.flags).toContain('SANCTIONED_OWNERSHIP');
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/flags?flag=NOPE' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/flag/);
  });
});

describe('GET /api/entities/:id/analysis', { timeout: 120_000 }, () => {
  interface AnalysisBody {
    rule: string;
    asOf: string;
    analysis: { key: string; flags: string[]; effectiveOwners: Record<string, number>; explanation: unknown[] };
    flagged: Record<string, string[]>;
    snapshot?: { nodes: { key: string }[]; edges: { key: string }[] };
  }
  const get = async (url: string): Promise<AnalysisBody> => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<AnalysisBody>();
  };

  it('gives the explanation and the flags of the subgraph, and the subgraph itself only when asked', async () => {
    const lean = await get('/api/entities/fac-cheyenne-1/analysis?rule=ofac&asOf=2026-01-01');
    expect(lean.analysis.key).toBe('fac-cheyenne-1');
    expect(lean.analysis.flags).toEqual(['STATE_CONTROL', 'STATE_OWNERSHIP', 'NEAR_SENSITIVE_SITE']);
    expect(lean.analysis.explanation.length).toBeGreaterThan(0);
    expect(Object.keys(lean.analysis.effectiveOwners).length).toBeGreaterThan(0);
    expect(lean).not.toHaveProperty('snapshot');

    const full = await get('/api/entities/fac-cheyenne-1/analysis?rule=ofac&asOf=2026-01-01&include=subgraph');
    const { snapshot, ...rest } = full;
    expect(rest).toEqual(lean);
    // The subgraph is the trace the app draws; the flagged entities listed are those of it whose own analysis has
    // flags (with those flags), and no other.
    const graph = await app.inject({ method: 'GET', url: '/api/facilities/fac-cheyenne-1/graph' });
    expect(snapshot).toEqual(graph.json());
    const expected: Record<string, string[]> = {};
    for (const key of snapshot!.nodes.map((n) => n.key).sort()) {
      const own = await get(`/api/entities/${encodeURIComponent(key)}/analysis?rule=ofac&asOf=2026-01-01`);
      if (own.analysis.flags.length) expected[key] = own.analysis.flags;
    }
    // The facility and the state-held companies above it are flagged; the government and the sites are not.
    expect(Object.keys(expected)).toContain('fac-cheyenne-1');
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(snapshot!.nodes.length).toBeGreaterThan(Object.keys(expected).length);
    expect(lean.flagged).toEqual(expected);
    expect(Object.keys(lean.flagged)).toEqual(Object.keys(expected));
  });

  it('refuses an unknown include with 400 naming the field, and an unknown id with 404', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/entities/fac-cheyenne-1/analysis?include=everything' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/include/);
    const missing = await app.inject({ method: 'GET', url: '/api/entities/no-such-entity/analysis' });
    expect(missing.statusCode).toBe(404);
  });
});

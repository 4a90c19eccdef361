import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { applySchema, countEntities, importSnapshot } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { buildServer } from '../../src/server/app.ts';
import { fixtureDatabase } from './helpers.ts';

const fixtures = readFixtures();
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

describe('schema and fixtures in the real Neo4j', () => {
  it('applies the schema a second time without error and keeps its constraints', async () => {
    const statements = await applySchema(db);
    expect(statements).toBeGreaterThan(10);
    const rows = await db.read((tx) => tx.run('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names'));
    expect(rows.records[0]?.get('names')).toEqual(expect.arrayContaining(['entity_id', 'listing_id', 'owns_id']));
  });

  it('loads the fixtures idempotently: a second import changes no count', async () => {
    const before = await countEntities(db);
    const summary = await importSnapshot(db, fixtures);
    expect(summary.nodes).toBe(fixtures.nodes.length);
    expect(summary.relationships).toBe(fixtures.edges.length);
    expect(await countEntities(db)).toBe(before);
    const rels = await db.read((tx) =>
      tx.run('MATCH (:Entity)-[r]->(:Entity) WHERE r.sourceDataset = $dataset RETURN count(r) AS n', {
        dataset: 'lookthrough-illustrative',
      }),
    );
    expect(Number(rels.records[0]?.get('n'))).toBe(fixtures.edges.length);
  });

  it('refuses a snapshot with an edge to a missing entity and writes nothing of it', async () => {
    const bad: OwnershipSnapshot = {
      nodes: [{ key: 'test-orphan-holder', attributes: { kind: 'Company', name: 'Orphan Holder' } }],
      edges: [
        {
          key: 'test-orphan-edge',
          source: 'test-orphan-holder',
          target: 'test-no-such-entity',
          attributes: { kind: 'OWNS', percent: 10 },
        },
      ],
    };
    await expect(importSnapshot(db, bad)).rejects.toThrow(/neither in the data nor in the database/);
    const left = await db.read((tx) => tx.run("MATCH (n:Entity {id: 'test-orphan-holder'}) RETURN count(n) AS n"));
    expect(Number(left.records[0]?.get('n'))).toBe(0);
  });
});

describe('HTTP API', () => {
  it('reports health with the Neo4j version', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ status: string; neo4j: { connected: boolean; version: string } }>();
    expect(body.status).toBe('ok');
    expect(body.neo4j.connected).toBe(true);
    expect(body.neo4j.version).toMatch(/^5\.26\./);
  });

  it('lists every fixture facility', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/facilities' });
    const { facilities } = response.json<{ facilities: { key: string; name: string; lat: number }[] }>();
    const expected = fixtures.nodes.filter((n) => n.attributes.kind === 'Facility').map((n) => n.key);
    expect(facilities.map((f) => f.key)).toEqual(expect.arrayContaining(expected));
    const cheyenne = facilities.find((f) => f.key === 'fac-cheyenne-1');
    const fixture = fixtures.nodes.find((n) => n.key === 'fac-cheyenne-1');
    expect(cheyenne?.lat).toBe(fixture?.attributes.lat);
    expect(cheyenne?.name).toBe(fixture?.attributes.name);
  });

  it('returns the six-level upstream chain of the Cheyenne facility up to the foreign government', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/facilities/fac-cheyenne-1/graph' });
    expect(response.statusCode).toBe(200);
    const snapshot = response.json<OwnershipSnapshot>();
    const chain = [
      ['co-prairie-digital', 'fac-cheyenne-1', 100],
      ['co-lotus-bay-holdings', 'co-prairie-digital', 90],
      ['co-kestria-energy-overseas', 'co-lotus-bay-holdings', 100],
      ['co-kestria-energy-group', 'co-kestria-energy-overseas', 80],
      ['gov-kestria-strategic-fund', 'co-kestria-energy-group', 70],
      ['gov-kestria', 'gov-kestria-strategic-fund', 100],
    ] as const;
    for (const [source, target, percent] of chain) {
      const edge = snapshot.edges.find(
        (e) => e.source === source && e.target === target && e.attributes.kind === 'OWNS',
      );
      expect(edge, `${source} -> ${target}`).toBeDefined();
      expect(edge?.attributes.percent).toBe(percent);
      expect(edge?.attributes.source?.dataset).toBe('lookthrough-illustrative');
    }
    // Control and operation come along; links and unrelated parties do not.
    expect(snapshot.edges.some((e) => e.attributes.kind === 'CONTROLS' && e.target === 'co-kestria-energy-group')).toBe(
      true,
    );
    expect(snapshot.edges.some((e) => e.attributes.kind === 'OPERATES' && e.target === 'fac-cheyenne-1')).toBe(true);
    expect(snapshot.edges.every((e) => e.attributes.kind !== 'LINKED_TO')).toBe(true);
    // The nearby missile base is in the subgraph so proximity can be judged from it.
    expect(snapshot.nodes.map((n) => n.key)).toContain('site-fe-warren');
    expect(snapshot.attributes?.truncated).toBe(false);
  });

  it('returns entity attributes exactly as the fixtures hold them (listings, identifiers, provenance)', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/facilities/fac-usolye-1/graph' });
    const snapshot = response.json<OwnershipSnapshot>();
    for (const node of snapshot.nodes) {
      const original = fixtures.nodes.find((n) => n.key === node.key);
      expect(node.attributes, node.key).toEqual(original?.attributes);
    }
    const listed = snapshot.nodes.find((n) => n.key === 'co-taiga-mining-group');
    expect(listed?.attributes.sanctions?.[0]?.authority).toBe('OFAC');
  });

  it('answers 404 in the error shape for an unknown facility, and 400 for a bad parameter', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/facilities/no-such-facility/graph' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No entity with id "no-such-facility"' } });
    const bad = await app.inject({ method: 'GET', url: '/api/facilities/fac-cheyenne-1/graph?maxDepth=zero' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/maxDepth/);
  });
});

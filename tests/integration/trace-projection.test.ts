/**
 * The in-memory projection answers traces and explanations exactly as Neo4j does: every fixture entity, under
 * depth and node caps and several site radii, through upstreamSubgraph and through the projection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { analysisSnapshot } from '../../src/db/explore-repository.ts';
import { upstreamSubgraph } from '../../src/db/graph-repository.ts';
import type { UpstreamOptions } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import { byKey, fromSnapshot, toSnapshot } from '../../src/domain/snapshot.ts';
import { AnalysisService, projectionCapFromEnv } from '../../src/server/analysis-service.ts';
import { graphFromSnapshot, traceProjection, upstreamFromProjection } from '../../src/server/trace-projection.ts';
import type { TraceProjection } from '../../src/server/trace-projection.ts';
import { fixtureDatabase } from './helpers.ts';

const fixtures = readFixtures();
let db: Database;
let projection: TraceProjection;

beforeAll(async () => {
  db = await fixtureDatabase();
  projection = traceProjection('test', fromSnapshot(await analysisSnapshot(db)));
}, 300_000);

afterAll(async () => {
  await db?.close();
});

const OPTIONS: UpstreamOptions[] = [
  {},
  { maxDepth: 1 },
  { maxDepth: 2 },
  { maxNodes: 1 },
  { maxNodes: 3 },
  { siteRadiusKm: 1.609344 },
  { siteRadiusKm: 2000 },
];

describe('trace projection', () => {
  it('cuts the same upstream subgraph as Neo4j for every fixture entity', async () => {
    let compared = 0;
    let truncated = 0;
    for (const { key } of fixtures.nodes) {
      for (const options of OPTIONS) {
        const fromNeo4j = await upstreamSubgraph(db, key, options);
        expect(upstreamFromProjection(projection, key, options), `${key} ${JSON.stringify(options)}`).toEqual(
          fromNeo4j,
        );
        compared++;
        if (fromNeo4j?.attributes?.truncated) truncated++;
      }
    }
    expect(compared).toBe(fixtures.nodes.length * OPTIONS.length);
    // The caps were exercised, not only the whole traces.
    expect(truncated).toBeGreaterThan(0);
    expect(upstreamFromProjection(projection, 'no-such-entity')).toBeNull();
  }, 300_000);

  it('gives the same explanation through the service with and without the projection', async () => {
    const inMemory = new AnalysisService(db);
    const onNeo4j = new AnalysisService(db, { maxProjectionRelationships: 0 });
    await inMemory.warmUp();
    await onNeo4j.warmUp();
    expect(inMemory.projectionFingerprint()).toBeDefined();
    expect(onNeo4j.projectionFingerprint()).toBeUndefined();
    const options = { rule: 'ofac' as const, asOf: '2025-06-01', stateThreshold: 25, radiusKm: 1.609344 };
    const facilities = fixtures.nodes.filter((n) => n.attributes.kind === 'Facility');
    for (const facility of facilities) {
      expect(await inMemory.explain(facility.key, options)).toEqual(await onNeo4j.explain(facility.key, options));
    }
    // Once the whole-graph analysis is cached, the subgraph's flags come from it: the same flags.
    const whole = await inMemory.wholeGraph(options);
    expect(Object.keys(whole.result.entities).length).toBeGreaterThan(facilities.length);
    let flagged = 0;
    for (const facility of facilities) {
      const cached = await inMemory.explain(facility.key, options);
      expect(cached).toEqual(await onNeo4j.explain(facility.key, options));
      flagged += Object.values(cached!.entities).filter((e) => e.flags.length > 0).length;
    }
    expect(flagged).toBeGreaterThan(facilities.length);
  }, 300_000);

  it('builds the projection graph from the whole-graph read, equal to the snapshot it was read from', async () => {
    const snapshot = await analysisSnapshot(db);
    const built = toSnapshot(await graphFromSnapshot(snapshot));
    expect(built.nodes.length).toBeGreaterThanOrEqual(fixtures.nodes.length);
    expect(built.edges.length).toBeGreaterThan(100);
    expect(built.nodes.sort(byKey)).toEqual([...snapshot.nodes].sort(byKey));
    expect(built.edges.sort(byKey)).toEqual([...snapshot.edges].sort(byKey));
  });

  it('reads its cap from LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS and names the variable when it is wrong', () => {
    expect(projectionCapFromEnv({})).toBe(3_000_000);
    expect(projectionCapFromEnv({ LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS: '0' })).toBe(0);
    expect(() => projectionCapFromEnv({ LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS: 'lots' })).toThrow(
      /LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS/,
    );
  });
});

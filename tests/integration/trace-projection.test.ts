/**
 * The in-memory projection answers traces and explanations exactly as Neo4j does: every fixture entity, under
 * depth and node caps and several site radii, through upstreamSubgraph and through the projection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { analysisSnapshot } from '../../src/db/explore-repository.ts';
import { importSnapshot, upstreamSubgraph } from '../../src/db/graph-repository.ts';
import type { UpstreamOptions } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import { explainEntity } from '../../src/domain/analysis/analyze.ts';
import type { UpstreamSource } from '../../src/domain/analysis/graph-index.ts';
import { byKey, fromSnapshot } from '../../src/domain/snapshot.ts';
import { AnalysisService, projectionCapFromEnv, traceFreshnessFromEnv } from '../../src/server/analysis-service.ts';
import { TraceProjection } from '../../src/server/trace-projection.ts';
import { fixtureDatabase, uniqueId } from './helpers.ts';

const fixtures = readFixtures();
let db: Database;
let projection: TraceProjection;

beforeAll(async () => {
  db = await fixtureDatabase();
  projection = await TraceProjection.build('test', await analysisSnapshot(db));
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
        expect(projection.upstream(key, options), `${key} ${JSON.stringify(options)}`).toEqual(fromNeo4j);
        // Unsorted, the same nodes and edges in the order they were found.
        const found = projection.upstream(key, options, 'none');
        expect(found && { ...found, nodes: [...found.nodes].sort(byKey), edges: [...found.edges].sort(byKey) }).toEqual(
          fromNeo4j,
        );
        compared++;
        if (fromNeo4j?.attributes?.truncated) truncated++;
      }
    }
    expect(compared).toBe(fixtures.nodes.length * OPTIONS.length);
    // The caps were exercised, not only the whole traces.
    expect(truncated).toBeGreaterThan(0);
    expect(projection.upstream('no-such-entity')).toBeNull();
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
      for (const subgraph of [false, true]) {
        const held = await inMemory.explain(facility.key, options, { subgraph });
        const read = await onNeo4j.explain(facility.key, options, { subgraph });
        expect(held).toEqual(read);
        expect(held!.snapshot !== undefined).toBe(subgraph);
        // The flagged entities are listed in key order whichever way the subgraph was cut.
        expect(Object.keys(held!.flagged)).toEqual(Object.keys(read!.flagged));
        expect(Object.keys(held!.flagged)).toEqual(Object.keys(held!.flagged).sort());
        expect(Object.values(held!.flagged).every((flags) => flags.length > 0)).toBe(true);
      }
    }
    // Once the whole-graph analysis is cached, the subgraph's flags come from it: the same flags.
    const whole = await inMemory.wholeGraph(options);
    expect(Object.keys(whole.result.entities).length).toBeGreaterThan(facilities.length);
    let flagged = 0;
    for (const facility of facilities) {
      const cached = await inMemory.explain(facility.key, options);
      expect(cached).toEqual(await onNeo4j.explain(facility.key, options));
      flagged += Object.keys(cached!.flagged).length;
    }
    expect(flagged).toBeGreaterThan(facilities.length);
  }, 300_000);

  it('answers the lookups of an analysis as the graph of the same read does', async () => {
    const snapshot = await analysisSnapshot(db);
    const graph = fromSnapshot(snapshot);
    const held = await TraceProjection.build('test', snapshot);
    const inEdges = (source: UpstreamSource, key: string) => {
      const list: unknown[] = [];
      source.forEachInEdge(key, (edge, attributes, holder, target, holderAttributes) =>
        list.push([edge, attributes, holder, target, holderAttributes]),
      );
      return list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    };
    const nodes: string[] = [];
    held.forEachNode((key) => nodes.push(key));
    expect(nodes.sort()).toEqual(graph.nodes().sort());
    // The fixtures' entities (the database may hold other tests' data too).
    let withHolders = 0;
    for (const { key } of fixtures.nodes) {
      expect(held.hasNode(key)).toBe(true);
      expect(held.getNodeAttributes(key)).toEqual(graph.getNodeAttributes(key));
      const edges = inEdges(held, key);
      expect(edges, key).toEqual(inEdges(graph, key));
      if (edges.length > 0) withHolders++;
    }
    expect(withHolders).toBeGreaterThan(10);
    expect(held.hasNode('no-such-entity')).toBe(false);
    expect(() => held.getNodeAttributes('no-such-entity')).toThrow(/no-such-entity/);
    // One entity's analysis on the projection is the analysis on the graph.
    const options = { rule: 'eu' as const, asOf: '2025-06-01' };
    for (const { key } of fixtures.nodes)
      expect(explainEntity(held, key, options), key).toEqual(explainEntity(graph, key, options));
    await expect(
      TraceProjection.build('test', {
        ...snapshot,
        edges: [{ key: 'e', source: 'nobody', target: nodes[0]!, attributes: { kind: 'OWNS', percent: 10 } }],
      }),
    ).rejects.toThrow(/edge e: no node nobody/);
  });

  it('trusts a fingerprint read within traceFreshnessMs, and none read before its own import', async () => {
    const facility = uniqueId('fac');
    const first = uniqueId('owner');
    const second = uniqueId('owner');
    const write = (owner: string, percent: number) =>
      importSnapshot(db, {
        options: { type: 'directed', multi: true, allowSelfLoops: false },
        nodes: [
          { key: owner, attributes: { kind: 'Company', name: owner } },
          { key: facility, attributes: { kind: 'Facility', name: facility, lat: 1, lon: 1 } },
        ],
        edges: [{ key: uniqueId('owns'), source: owner, target: facility, attributes: { kind: 'OWNS', percent } }],
      });
    const holders = async (service: AnalysisService) =>
      (await service.upstream(facility))!.nodes.map((n) => n.key).filter((k) => k !== facility);
    await write(first, 40);
    const patient = new AnalysisService(db, { traceFreshnessMs: 600_000 });
    const strict = new AnalysisService(db, { traceFreshnessMs: 0 });
    await patient.warmUp();
    await strict.warmUp();
    expect(await holders(patient)).toEqual([first]);
    // Another client writes: the patient service answers from the fingerprint it read, the strict one reads again.
    await write(second, 30);
    expect(await holders(patient)).toEqual([first]);
    expect((await holders(strict)).sort()).toEqual([first, second].sort());
    // After a load of its own (warmUp is what POST /api/import calls), no earlier read is trusted.
    await patient.warmUp();
    expect((await holders(patient)).sort()).toEqual([first, second].sort());
    patient.close();
    strict.close();
  });

  it('reads its cap and its freshness from the environment and names the variable when it is wrong', () => {
    expect(projectionCapFromEnv({})).toBe(3_000_000);
    expect(projectionCapFromEnv({ LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS: '0' })).toBe(0);
    expect(() => projectionCapFromEnv({ LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS: 'lots' })).toThrow(
      /LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS/,
    );
    expect(traceFreshnessFromEnv({})).toBe(1000);
    expect(traceFreshnessFromEnv({ LOOKTHROUGH_TRACE_FRESHNESS_MS: '0' })).toBe(0);
    expect(() => traceFreshnessFromEnv({ LOOKTHROUGH_TRACE_FRESHNESS_MS: '1s' })).toThrow(
      /LOOKTHROUGH_TRACE_FRESHNESS_MS/,
    );
  });
});

/**
 * The projection as the engine's upstream source: explainEntity walks it by node number (NumberedUpstreamSource)
 * and must find what it finds by key on the same graph built with graphology. (Traces cut from the projection are
 * compared with Neo4j's in tests/integration/trace-projection.test.ts.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainEntity } from '../domain/analysis/analyze.ts';
import { siteIndexFromGraph, siteIndexFromNodes } from '../domain/analysis/proximity.ts';
import { arbitraryGraph, tableGraph } from '../domain/analysis/testing.ts';
import { SANCTIONS_REGIMES } from '../domain/analysis/types.ts';
import { fromSnapshot, toSnapshot } from '../domain/snapshot.ts';
import { generateSnapshot } from '../generate/ownership-graph.ts';
import { STEP_ITEMS } from '../domain/analysis/steps.ts';
import { TraceProjection } from './trace-projection.ts';

describe('TraceProjection as an upstream source', () => {
  it('gives explainEntity the same explanations as the graph, walked by number instead of by key', async () => {
    const snapshot = generateSnapshot({ entities: 3000, seed: 7 });
    const projection = await TraceProjection.build('test', snapshot);
    const graph = fromSnapshot(snapshot);
    const sites = siteIndexFromNodes(snapshot.nodes);
    // Every facility (proximity, operators) and a spread of the other entities, several times each: the walk's
    // scratch is reused from call to call.
    const keys = snapshot.nodes
      .filter((node, i) => node.attributes.kind === 'Facility' || i % 25 === 0)
      .map((node) => node.key);
    const flags = new Set<string>();
    for (const rule of SANCTIONS_REGIMES) {
      for (const asOf of ['2019-01-01', '2025-06-01']) {
        for (const key of keys) {
          const byNumber = explainEntity(projection, key, { rule, asOf, sites });
          expect(byNumber, `${rule} ${asOf} ${key}`).toEqual(explainEntity(graph, key, { rule, asOf, sites }));
          for (const flag of byNumber.flags) flags.add(flag);
        }
      }
    }
    // The sample exercised the rules, not only entities with nothing to report.
    expect([...flags]).toEqual(
      expect.arrayContaining([
        'SANCTIONED_OWNERSHIP',
        'SANCTIONED_CONTROL_REVIEW',
        'STATE_CONTROL',
        'STATE_OWNERSHIP',
        'NEAR_SENSITIVE_SITE',
      ]),
    );
    expect(() => explainEntity(projection, 'no-such-entity', { rule: 'ofac', asOf: '2025-06-01' })).toThrow(
      /unknown entity/,
    );
  });

  it('reads validity dates, joint arrangements, votes and bands from its columns as the graph has them', async () => {
    // Bounds of every form the engine meets: none, plain dates, dates with a time, and texts that are not dates
    // (compared as text, as activeOn does).
    const bound = fc.constantFrom(
      undefined,
      undefined,
      '2024-01-01',
      '2025-06-01',
      '2026-03-01T12:00:00Z',
      '2025',
      '2025-13',
      'unknown',
      '',
    );
    const graphs = arbitraryGraph.chain((table) =>
      fc.tuple(fc.constant(table), fc.array(fc.tuple(bound, bound), { minLength: table.edges.length })),
    );
    await fc.assert(
      fc.asyncProperty(graphs, fc.constantFrom(...SANCTIONS_REGIMES), async ([table, bounds], rule) => {
        const edges = table.edges.map(([s, t, spec], i): (typeof table.edges)[number] => {
          const [from, to] = bounds[i]!;
          const attributes = typeof spec === 'number' ? { percent: spec } : { ...spec };
          return [s, t, { ...attributes, ...(from !== undefined && { from }), ...(to !== undefined && { to }) }];
        });
        const graph = tableGraph({ nodes: table.nodes, edges });
        const projection = await TraceProjection.build('test', toSnapshot(graph));
        const sites = siteIndexFromGraph(graph);
        for (const asOf of ['2025-01-01', '2025-06-01', '2026-11-22']) {
          for (const key of Object.keys(table.nodes)) {
            expect(explainEntity(projection, key, { rule, asOf, sites })).toEqual(
              explainEntity(graph, key, { rule, asOf, sites }),
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('TraceProjection.build', () => {
  it('lets the event loop turn between the steps of its layout', async () => {
    const snapshot = generateSnapshot({ entities: 20_000, seed: 3 });
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    // Slices of no time: a turn after every step (STEP_ITEMS nodes or edges), where one build in a piece would let
    // the counter run once, before it.
    const projection = await TraceProjection.build('test', snapshot, 0);
    counting = false;
    expect(turns).toBeGreaterThan((snapshot.nodes.length * 3 + snapshot.edges.length * 2) / STEP_ITEMS - 10);
    expect(projection.nodeCount).toBe(snapshot.nodes.length);
    for (const node of snapshot.nodes.filter((_, i) => i % 997 === 0)) {
      const v = projection.numberOf(node.key)!;
      expect(snapshot.nodes[v]!.key).toBe(node.key);
      const inEdges: string[] = [];
      projection.forEachInEdge(node.key, (edge) => inEdges.push(edge));
      const expected = snapshot.edges.filter((e) => e.target === node.key).map((e) => e.key);
      expect(inEdges.sort()).toEqual(expected.sort());
    }
  });
});

/**
 * upstreamSubgraph on a small graph of its own (unique ids): what it climbs (OWNS, CONTROLS, OPERATES; not
 * LINKED_TO), diamonds and cycles, the depth and node caps and how it says it was capped, sites near the facility.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { applySchema, importSnapshot, upstreamSubgraph } from '../../src/db/graph-repository.ts';
import type { EntityAttributes, StakeAttributes } from '../../src/domain/model.ts';
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';
import { testDatabase, uniqueId } from './helpers.ts';

const p = uniqueId('up');
const id = (name: string) => `${p}_${name}`;
const source = { dataset: 'upstream-test', recordId: 'r1', date: '2025-01-02' };

const entities: [string, EntityAttributes][] = [
  ['F', { kind: 'Facility', name: 'Facility F', lat: 10, lon: 10, powerMw: 12, source }],
  ['A', { kind: 'Company', name: 'A Holdings', country: 'NL', aliases: ['A Hold'], source }],
  [
    'B',
    { kind: 'Company', name: 'B Capital', sanctions: [{ authority: 'OFAC', program: 'SDGT', listed: '2020-01-01' }] },
  ],
  ['C', { kind: 'Company', name: 'C Group', identifiers: [{ scheme: 'lei', value: 'C123' }] }],
  ['D', { kind: 'Government', name: 'State D', governmentType: 'state' }],
  ['E', { kind: 'Person', name: 'E Linked' }],
  ['G', { kind: 'Company', name: 'G Operator' }],
  ['S1', { kind: 'SensitiveSite', name: 'Near base', category: 'military', lat: 10.01, lon: 10 }],
  ['S2', { kind: 'SensitiveSite', name: 'Far base', category: 'military', lat: 50, lon: 50 }],
];
const stakes: [string, string, string, Partial<StakeAttributes>][] = [
  ['A', 'F', 'OWNS', { percent: 60, from: '2019-01-01', source }],
  ['B', 'F', 'OWNS', { percentMin: 25, percentMax: 50 }],
  ['G', 'F', 'OPERATES', {}],
  ['C', 'A', 'OWNS', { percent: 100 }],
  ['C', 'B', 'CONTROLS', { basis: 'board appointment' }],
  ['D', 'C', 'OWNS', { percent: 70 }],
  ['C', 'D', 'OWNS', { percent: 10 }],
  ['E', 'F', 'LINKED_TO', { basis: 'director' }],
];
const graph: OwnershipSnapshot = {
  options: { type: 'directed', multi: true, allowSelfLoops: false },
  nodes: entities.map(([name, attributes]) => ({ key: id(name), attributes })),
  edges: stakes.map(([from, to, kind, attributes]) => ({
    key: id(`${from}${to}`),
    source: id(from),
    target: id(to),
    attributes: { kind: kind as StakeAttributes['kind'], ...attributes },
  })),
};

let db: Database;

beforeAll(async () => {
  db = await testDatabase();
  await applySchema(db);
  await importSnapshot(db, graph);
});

afterAll(async () => {
  await db?.write((tx) =>
    tx.run(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $p OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing) DETACH DELETE n, l',
      { p },
    ),
  );
  await db?.close();
});

const keys = (s: OwnershipSnapshot | null) => s!.nodes.map((n) => n.key).sort();
const edgeKeys = (s: OwnershipSnapshot | null) => s!.edges.map((e) => e.key).sort();
const ids = (...names: string[]) => names.map(id).sort();

describe('upstreamSubgraph', () => {
  it('climbs ownership, control and operation through diamonds and cycles, with nearby sites, not LINKED_TO', async () => {
    const s = await upstreamSubgraph(db, id('F'));
    expect(keys(s)).toEqual(ids('F', 'A', 'B', 'G', 'C', 'D', 'S1'));
    expect(edgeKeys(s)).toEqual(ids('AF', 'BF', 'GF', 'CA', 'CB', 'DC', 'CD'));
    // D is 3 levels up: a fourth level was searched and found nothing.
    expect(s!.attributes).toEqual({ root: id('F'), depth: 4, truncated: false, maxNodes: 10_000 });
  });

  it('keeps every attribute, listing and provenance as the snapshot had them', async () => {
    const s = await upstreamSubgraph(db, id('F'));
    for (const node of s!.nodes) {
      expect(node.attributes).toEqual(graph.nodes.find((n) => n.key === node.key)!.attributes);
    }
    for (const edge of s!.edges) {
      const { key, source: from, target: to, attributes } = graph.edges.find((e) => e.key === edge.key)!;
      expect(edge).toEqual({ key, source: from, target: to, attributes });
    }
  });

  it('stops at maxDepth and says it was truncated when entities lie at that depth', async () => {
    const s = await upstreamSubgraph(db, id('F'), { maxDepth: 2 });
    expect(keys(s)).toEqual(ids('F', 'A', 'B', 'G', 'C', 'S1'));
    // C's holders were not looked for: C is at depth 2.
    expect(edgeKeys(s)).toEqual(ids('AF', 'BF', 'GF', 'CA', 'CB'));
    expect(s!.attributes).toMatchObject({ depth: 2, truncated: true });
    const three = await upstreamSubgraph(db, id('F'), { maxDepth: 3 });
    expect(three!.attributes).toMatchObject({ depth: 3, truncated: true });
    expect(edgeKeys(three)).toEqual(ids('AF', 'BF', 'GF', 'CA', 'CB', 'DC'));
  });

  it('keeps the nearest maxNodes entities and only the relationships among them', async () => {
    const s = await upstreamSubgraph(db, id('F'), { maxNodes: 3 });
    // Depth 1 holds A, B and G; nearest first, then by id.
    expect(keys(s)).toEqual(ids('F', 'A', 'B', 'S1'));
    expect(edgeKeys(s)).toEqual(ids('AF', 'BF'));
    expect(s!.attributes).toMatchObject({ truncated: true, maxNodes: 3 });
    const exact = await upstreamSubgraph(db, id('F'), { maxNodes: 6 });
    expect(exact!.attributes).toMatchObject({ truncated: false, depth: 4 });
  });

  it('adds only the sites within the radius, climbs from any entity, and answers null for an unknown id', async () => {
    expect(keys(await upstreamSubgraph(db, id('F'), { siteRadiusKm: 0.5 }))).not.toContain(id('S1'));
    const fromC = await upstreamSubgraph(db, id('C'));
    expect(keys(fromC)).toEqual(ids('C', 'D'));
    expect(edgeKeys(fromC)).toEqual(ids('DC', 'CD'));
    expect(await upstreamSubgraph(db, id('nobody'))).toBeNull();
  });
});

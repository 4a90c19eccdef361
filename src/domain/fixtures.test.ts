import { readFileSync } from 'node:fs';
import { DirectedGraph } from 'graphology';
import { hasCycle } from 'graphology-dag';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, SANCTION_AUTHORITIES, SITE_CATEGORIES, STAKE_KINDS, type OwnershipGraph } from './model.ts';
import { fromSnapshot, type OwnershipSnapshot } from './snapshot.ts';

// The illustrative dataset written by scripts/make-fixtures.ts, and the README that documents its cases.
const snapshot = JSON.parse(
  readFileSync(new URL('../../fixtures/illustrative.json', import.meta.url), 'utf8'),
) as OwnershipSnapshot;
const readme = readFileSync(new URL('../../fixtures/README.md', import.meta.url), 'utf8');
const graph = fromSnapshot(snapshot);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function nodesOfKind(kind: string): string[] {
  return graph.filterNodes((_, attributes) => attributes.kind === kind);
}

function ownsEdgesInto(target: string): string[] {
  return graph.filterInEdges(target, (_, attributes) => attributes.kind === 'OWNS');
}

/** Sum of the exact percentages of the OWNS edges into a node. */
function knownOwnership(target: string): number {
  return ownsEdgesInto(target).reduce((sum, edge) => sum + (graph.getEdgeAttribute(edge, 'percent') ?? 0), 0);
}

function ownsOnly(g: OwnershipGraph): DirectedGraph {
  const owns = new DirectedGraph();
  g.forEachNode((key) => owns.addNode(key));
  g.forEachEdge((_, attributes, source, target) => {
    if (attributes.kind === 'OWNS') owns.mergeEdge(source, target);
  });
  return owns;
}

/** Number of OWNS hops of the longest simple ownership path that ends at `target`. */
function longestOwnershipChain(owns: DirectedGraph, target: string, onPath = new Set<string>()): number {
  onPath.add(target);
  let longest = 0;
  for (const owner of owns.inNeighbors(target)) {
    if (!onPath.has(owner)) longest = Math.max(longest, 1 + longestOwnershipChain(owns, owner, onPath));
  }
  onPath.delete(target);
  return longest;
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
function distanceKm(a: string, b: string): number {
  const toRad = Math.PI / 180;
  const [lat1, lon1, lat2, lon2] = [a, b].flatMap((key) => {
    const { lat, lon } = graph.getNodeAttributes(key);
    if (lat === undefined || lon === undefined) throw new Error(`${key} has no coordinates`);
    return [lat * toRad, lon * toRad];
  }) as [number, number, number, number];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('illustrative dataset: shape', () => {
  it('is marked illustrative and fictional, as a whole and node by node', () => {
    expect(snapshot.attributes).toMatchObject({ illustrative: true, fictional: true });
    expect(snapshot.options).toEqual({ type: 'directed', multi: true, allowSelfLoops: false });
    expect(graph.filterNodes((_, a) => a.illustrative !== true)).toEqual([]);
  });

  it('uses only the kinds of the model', () => {
    expect(graph.filterNodes((_, a) => !ENTITY_KINDS.includes(a.kind))).toEqual([]);
    expect(graph.filterEdges((_, a) => !STAKE_KINDS.includes(a.kind))).toEqual([]);
    for (const kind of STAKE_KINDS) expect(graph.filterEdges((_, a) => a.kind === kind).length).toBeGreaterThan(0);
  });

  it('holds at least 80 nodes, with people, companies and governments', () => {
    expect(graph.order).toBeGreaterThanOrEqual(80);
    expect(nodesOfKind('Company').length).toBeGreaterThanOrEqual(30);
    expect(nodesOfKind('Person').length).toBeGreaterThanOrEqual(10);
  });

  it('has readable, unique keys', () => {
    const nodeKey = /^(gov|co|per|fac|site)-[a-z0-9]+(-[a-z0-9]+)*$/;
    const edgeKey = /^(own|ctl|ops|link):[a-z0-9-]+->[a-z0-9-]+$/;
    expect(snapshot.nodes.filter((n) => !nodeKey.test(n.key)).map((n) => n.key)).toEqual([]);
    expect(snapshot.edges.filter((e) => e.key === undefined || !edgeKey.test(e.key)).map((e) => e.key)).toEqual([]);
    expect(new Set(snapshot.edges.map((e) => e.key)).size).toBe(snapshot.edges.length);
    expect(graph.size).toBe(snapshot.edges.length);
  });

  it('has edges whose endpoints exist', () => {
    const keys = new Set(snapshot.nodes.map((n) => n.key));
    expect(snapshot.edges.filter((e) => !keys.has(e.source) || !keys.has(e.target)).map((e) => e.key)).toEqual([]);
  });

  it('gives every node and every edge a source', () => {
    const unsourced = [
      ...graph.filterNodes((_, a) => !a.source?.dataset || !a.source.recordId),
      ...graph.filterEdges((_, a) => !a.source?.dataset || !a.source.recordId),
    ];
    expect(unsourced).toEqual([]);
  });

  it('keeps every share within 0..100 and every OWNS edge has one', () => {
    graph.forEachEdge((key, a) => {
      for (const share of [a.percent, a.percentMin, a.percentMax, a.votingPercent]) {
        if (share !== undefined) expect(share, key).toBeGreaterThanOrEqual(0);
        if (share !== undefined) expect(share, key).toBeLessThanOrEqual(100);
      }
      if (a.kind === 'OWNS') expect(a.percent !== undefined || a.percentMin !== undefined, key).toBe(true);
      if (a.percentMin !== undefined) expect(a.percentMin, key).toBeLessThanOrEqual(a.percentMax ?? 100);
      for (const date of [a.from, a.to]) if (date !== undefined) expect(date, key).toMatch(ISO_DATE);
    });
  });

  it('stores countries as ISO alpha-2 upper case', () => {
    expect(graph.filterNodes((_, a) => a.country === undefined || !/^[A-Z]{2}$/.test(a.country))).toEqual([]);
  });

  it('records sanctions with a known authority, a programme and a listing date', () => {
    const sanctioned = graph.filterNodes((_, a) => (a.sanctions?.length ?? 0) > 0);
    expect(sanctioned.length).toBeGreaterThanOrEqual(8);
    for (const key of sanctioned) {
      for (const listing of graph.getNodeAttribute(key, 'sanctions') ?? []) {
        expect(SANCTION_AUTHORITIES).toContain(listing.authority);
        expect(listing.program.length, key).toBeGreaterThan(0);
        expect(listing.listed, key).toMatch(ISO_DATE);
      }
      expect(graph.getNodeAttribute(key, 'topics'), key).toContain('sanction');
    }
    const authorities = new Set(
      sanctioned.flatMap((key) => graph.getNodeAttribute(key, 'sanctions')?.map((s) => s.authority) ?? []),
    );
    expect([...authorities].sort()).toEqual(['EU', 'OFAC', 'UK']);
  });
});

describe('illustrative dataset: places', () => {
  it('has at least 12 facilities with coordinates, power and hashrate, in several countries', () => {
    const facilities = nodesOfKind('Facility');
    expect(facilities.length).toBeGreaterThanOrEqual(12);
    for (const key of facilities) {
      const { lat, lon, powerMw, hashratePhs } = graph.getNodeAttributes(key);
      expect(lat, key).toBeGreaterThanOrEqual(-90);
      expect(lat, key).toBeLessThanOrEqual(90);
      expect(lon, key).toBeGreaterThanOrEqual(-180);
      expect(lon, key).toBeLessThanOrEqual(180);
      expect(powerMw, key).toBeGreaterThan(0);
      expect(hashratePhs, key).toBeGreaterThan(0);
    }
    const countries = new Set(facilities.map((key) => graph.getNodeAttribute(key, 'country')));
    expect(countries.size).toBeGreaterThanOrEqual(8);
  });

  it('has at least 12 sensitive sites of every category, sourced from public datasets', () => {
    const sites = nodesOfKind('SensitiveSite');
    expect(sites.length).toBeGreaterThanOrEqual(12);
    for (const category of SITE_CATEGORIES) {
      expect(sites.filter((key) => graph.getNodeAttribute(key, 'category') === category).length).toBeGreaterThan(0);
    }
    for (const key of sites) {
      const { lat, lon, source } = graph.getNodeAttributes(key);
      expect(typeof lat === 'number' && typeof lon === 'number', key).toBe(true);
      expect(source?.dataset, key).not.toBe('lookthrough-illustrative');
    }
  });

  it('places F E Warren AFB at its MIRTA coordinates and fac-cheyenne-1 within one mile of it', () => {
    expect(graph.getNodeAttributes('site-fe-warren')).toMatchObject({
      category: 'military',
      lat: 41.17074205,
      lon: -104.8603382,
      source: { dataset: 'dod-mirta', recordId: '722' },
    });
    const km = distanceKm('fac-cheyenne-1', 'site-fe-warren');
    expect(km).toBeGreaterThan(0.9);
    expect(km).toBeLessThan(1.609344);
    expect(distanceKm('fac-cheyenne-2', 'site-fe-warren')).toBeLessThan(1.609344);
    expect(distanceKm('fac-rockdale-1', 'site-fort-hood')).toBeLessThan(160.9344);
  });
});

describe('illustrative dataset: structures the engine must handle', () => {
  const owns = ownsOnly(graph);

  it('contains a cross-holding cycle whose members are also held from outside', () => {
    expect(hasCycle(owns)).toBe(true);
    const a = 'co-columbia-basin-mining';
    const b = 'co-cascade-hash-holdings';
    expect(graph.getEdgeAttribute(`own:${a}->${b}`, 'percent')).toBe(30);
    expect(graph.getEdgeAttribute(`own:${b}->${a}`, 'percent')).toBe(20);
    expect(owns.inNeighbors(a).filter((owner) => owner !== b).length).toBeGreaterThan(0);
    expect(owns.inNeighbors(b).filter((owner) => owner !== a).length).toBeGreaterThan(0);
    expect(knownOwnership(a)).toBe(100);
    expect(knownOwnership(b)).toBe(100);
  });

  it('has a facility six OWNS hops below a government that no one owns', () => {
    const depths = nodesOfKind('Facility').map((key) => longestOwnershipChain(owns, key));
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(6);
    expect(longestOwnershipChain(owns, 'fac-cheyenne-1')).toBe(6);
    expect(owns.inDegree('gov-kestria')).toBe(0);
    const chain = [
      'gov-kestria',
      'gov-kestria-strategic-fund',
      'co-kestria-energy-group',
      'co-kestria-energy-overseas',
      'co-lotus-bay-holdings',
      'co-prairie-digital',
      'fac-cheyenne-1',
    ];
    for (let i = 1; i < chain.length; i++) {
      expect(graph.getEdgeAttribute(`own:${chain[i - 1]}->${chain[i]}`, 'percent')).toBeGreaterThan(50);
    }
  });

  it('has diamonds: two owners of one company that share an owner', () => {
    expect(owns.inNeighbors('co-taiga-bratsk-dc').sort()).toEqual(['co-taiga-siberia', 'co-taiga-trading']);
    expect(owns.inNeighbors('co-taiga-siberia')).toEqual(['co-taiga-mining-group']);
    expect(owns.inNeighbors('co-taiga-trading')).toEqual(['co-taiga-mining-group']);
  });

  it('has three states, each with state bodies and state-owned enterprises below it', () => {
    const states = graph.filterNodes((_, a) => a.kind === 'Government' && a.governmentType === 'state');
    expect(states.sort()).toEqual(['gov-avaria', 'gov-kestria', 'gov-norland']);
    for (const state of states) {
      const below = new Set<string>();
      const queue = [state];
      for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
        graph.forEachOutEdge(key, (_, a, __, target) => {
          if ((a.kind === 'OWNS' || a.kind === 'CONTROLS') && !below.has(target)) {
            below.add(target);
            queue.push(target);
          }
        });
      }
      const bodies = [...below].filter((key) => graph.getNodeAttribute(key, 'governmentType') === 'stateBody');
      const soes = [...below].filter((key) => graph.getNodeAttribute(key, 'topics')?.includes('gov.soe'));
      expect(bodies.length, state).toBeGreaterThanOrEqual(2);
      expect(soes.length, state).toBeGreaterThanOrEqual(1);
    }
  });

  it('has the data problems the engine must show', () => {
    expect(knownOwnership('co-alto-parana-mining')).toBe(115);
    expect(graph.getEdgeAttributes('own:per-konstantin-vyazemtsev->co-laurentian-hash')).toMatchObject({
      percentMin: 25,
      percentMax: 50,
    });
    expect(graph.getEdgeAttribute('own:per-konstantin-vyazemtsev->co-laurentian-hash', 'percent')).toBeUndefined();
    expect(ownsEdgesInto('fac-adama-1')).toEqual([]);
    expect(graph.inEdges('fac-adama-1')).toEqual(['ops:co-horn-hosting->fac-adama-1']);
  });

  it('has the dated and regime-specific cases', () => {
    expect(graph.getEdgeAttributes('own:co-lotus-bay-holdings->fac-cheyenne-2')).toMatchObject({
      from: '2022-06-01',
      to: '2024-09-10',
    });
    expect(graph.getNodeAttribute('per-ruslan-karagodin', 'sanctions')).toEqual([
      { authority: 'OFAC', program: 'RUSSIA-EO14024', listed: '2024-08-01' },
    ]);
    const joint = ownsEdgesInto('co-kuching-data')
      .map((edge) => graph.getEdgeAttribute(edge, 'jointArrangement'))
      .filter((arrangement) => arrangement !== undefined);
    expect(joint).toHaveLength(2);
    expect(new Set(joint).size).toBe(1);
    expect(graph.getEdgeAttribute('own:per-anatoly-verkhozin->co-boden-compute', 'percent')).toBe(50);
    expect(graph.getNodeAttribute('per-anatoly-verkhozin', 'sanctions')?.map((s) => s.authority)).toContain('EU');
  });
});

describe('fixtures/README.md', () => {
  it('names only keys that exist in the dataset', () => {
    const nodeKeys = [...readme.matchAll(/`((?:gov|co|per|fac|site)-[a-z0-9-]+)`/g)].map((m) => m[1] ?? '');
    const edgeKeys = [...readme.matchAll(/`((?:own|ctl|ops|link):[a-z0-9-]+->[a-z0-9-]+)`/g)].map((m) => m[1] ?? '');
    expect(nodeKeys.length).toBeGreaterThanOrEqual(30);
    expect(edgeKeys.length).toBeGreaterThanOrEqual(5);
    expect(nodeKeys.filter((key) => !graph.hasNode(key))).toEqual([]);
    expect(edgeKeys.filter((key) => !graph.hasEdge(key))).toEqual([]);
  });

  it('states the counts of the dataset', () => {
    expect(readme).toContain(`${graph.order} nodes`);
    expect(readme).toContain(`${graph.size} edges`);
  });
});

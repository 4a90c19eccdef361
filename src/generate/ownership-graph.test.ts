import { describe, expect, it } from 'vitest';
import { generateOwnershipGraph, generateSnapshot } from './ownership-graph.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';

const snapshot: OwnershipSnapshot = generateSnapshot({ entities: 5000, seed: 11 });
const graph = generateOwnershipGraph({ entities: 5000, seed: 11 });

/** Longest chain of OWNS edges ending at `key` (upward), by depth-first search with a depth cap. */
function depthAbove(key: string, holders: Map<string, string[]>, cap: number): number {
  let best = 0;
  const stack: [string, number, Set<string>][] = [[key, 0, new Set([key])]];
  while (stack.length > 0) {
    const [v, d, seen] = stack.pop()!;
    best = Math.max(best, d);
    if (d >= cap) continue;
    for (const h of holders.get(v) ?? []) if (!seen.has(h)) stack.push([h, d + 1, new Set([...seen, h])]);
  }
  return best;
}

describe('generateOwnershipGraph', () => {
  it('gives the same graph for the same seed, and another for another seed', () => {
    const again = generateSnapshot({ entities: 5000, seed: 11 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(snapshot));
    const other = generateSnapshot({ entities: 5000, seed: 12 });
    expect(JSON.stringify(other.edges)).not.toBe(JSON.stringify(snapshot.edges));
  });

  it('has the counts it reports: entities, kinds, about 1% listed, about 2 edges per entity', () => {
    expect(snapshot.nodes).toHaveLength(5000);
    expect(snapshot.edges).toHaveLength(graph.counts.edges);
    expect(new Set(snapshot.nodes.map((n) => n.key)).size).toBe(5000);
    expect(new Set(snapshot.edges.map((e) => e.key)).size).toBe(snapshot.edges.length);
    const kinds = new Map<string, number>();
    for (const n of snapshot.nodes) kinds.set(n.attributes.kind, (kinds.get(n.attributes.kind) ?? 0) + 1);
    expect(kinds.get('Person')).toBe(graph.counts.people);
    expect(kinds.get('Company')).toBe(graph.counts.companies);
    expect(kinds.get('Facility')).toBe(graph.counts.facilities);
    expect(kinds.get('SensitiveSite')).toBe(graph.counts.sites);
    expect(kinds.get('Government')).toBe(graph.counts.governments);
    const listed = snapshot.nodes.filter((n) => n.attributes.sanctions?.length).length;
    expect(listed).toBe(graph.counts.listed);
    expect(listed / 5000).toBeGreaterThan(0.003);
    expect(listed / 5000).toBeLessThan(0.02);
    expect(snapshot.edges.length / 5000).toBeGreaterThan(1.5);
    expect(snapshot.edges.length / 5000).toBeLessThan(3);
    for (const f of snapshot.nodes.filter((n) => n.attributes.kind === 'Facility')) {
      expect(f.attributes.lat).toBeGreaterThanOrEqual(-90);
      expect(f.attributes.lat).toBeLessThanOrEqual(90);
      expect(f.attributes.powerMw).toBeGreaterThan(0);
      expect(f.attributes.hashratePhs).toBeGreaterThan(0);
    }
    const authorities = new Set(snapshot.nodes.flatMap((n) => (n.attributes.sanctions ?? []).map((l) => l.authority)));
    expect([...authorities].sort()).toEqual(['EU', 'OFAC', 'UK']);
  });

  it('keeps every share in 0..100 and no entity held above 100% unless listed as over-allocated', () => {
    const keys = new Set(snapshot.nodes.map((n) => n.key));
    const sums = new Map<string, number>();
    for (const e of snapshot.edges) {
      expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
      expect(e.source).not.toBe(e.target);
      for (const p of [
        e.attributes.percent,
        e.attributes.percentMin,
        e.attributes.percentMax,
        e.attributes.votingPercent,
      ]) {
        if (p === undefined) continue;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
      }
      if (e.attributes.kind === 'OWNS' && e.attributes.percent !== undefined)
        sums.set(e.target, (sums.get(e.target) ?? 0) + e.attributes.percent);
    }
    const over = [...sums].filter(([, sum]) => sum > 100 + 1e-9).map(([k]) => k);
    expect(over.sort()).toEqual([...graph.overAllocated].sort());
  });

  it('has heavy-tailed holders, a chain of depth 8 or more and a cycle', () => {
    const holders = new Map<string, string[]>();
    const out = new Map<string, number>();
    for (const e of snapshot.edges) {
      if (e.attributes.kind !== 'OWNS') continue;
      holders.set(e.target, [...(holders.get(e.target) ?? []), e.source]);
      out.set(e.source, (out.get(e.source) ?? 0) + 1);
    }
    const degrees = [...out.values()].sort((a, b) => b - a);
    expect(degrees[0]).toBeGreaterThan(20 * degrees[Math.floor(degrees.length / 2)]!);
    expect(depthAbove(graph.deepFacility, holders, 12)).toBeGreaterThanOrEqual(8);
    // A cycle: some entity reaches itself going up.
    const hasCycle = [...holders.keys()].some((start) => {
      const seen = new Set<string>();
      const stack = [...(holders.get(start) ?? [])];
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (v === start) return true;
        if (seen.has(v)) continue;
        seen.add(v);
        stack.push(...(holders.get(v) ?? []));
      }
      return false;
    });
    expect(hasCycle).toBe(true);
  });

  it('streams the same nodes and edges as the snapshot', () => {
    expect([...graph.nodes()].slice(0, 50)).toEqual(snapshot.nodes.slice(0, 50));
    expect([...graph.edges()].slice(-50)).toEqual(snapshot.edges.slice(-50));
  });
});

import { describe, expect, it } from 'vitest';
import { indexGraph } from './graph-index.ts';
import { stakeComponents } from './scc.ts';
import { tableGraph } from './testing.ts';

describe('strongly connected components of stakes', () => {
  it('finds cross-holding groups in reverse topological order; CONTROLS and zero stakes do not connect', () => {
    const graph = tableGraph({
      nodes: { X: 'Person', A: 'Company', B: 'Company', C: 'Company', D: 'Company', E: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['A', 'B', 30],
        ['B', 'A', 20],
        ['B', 'C', 40],
        ['C', 'D', { kind: 'CONTROLS' }],
        ['D', 'C', 10],
        ['D', 'E', 0],
        ['E', 'D', 10],
      ],
    });
    const index = indexGraph(graph, undefined);
    const { comp, size, count } = stakeComponents(index);
    const c = (key: string): number => comp[index.indexOf.get(key)!]!;
    expect(c('A')).toBe(c('B'));
    expect(size[c('A')]).toBe(2);
    expect(new Set([c('X'), c('A'), c('C'), c('D'), c('E')]).size).toBe(5);
    expect(count).toBe(5);
    // Stakes across components point from higher to lower ids.
    expect(c('X')).toBeGreaterThan(c('A'));
    expect(c('B')).toBeGreaterThan(c('C'));
    expect(c('E')).toBeGreaterThan(c('D'));
  });

  it('handles long chains without recursion', { timeout: 30_000 }, () => {
    const nodes: Record<string, 'Company'> = {};
    const edges: [string, string, number][] = [];
    for (let i = 0; i < 50_000; i++) nodes[`c${i}`] = 'Company';
    for (let i = 1; i < 50_000; i++) edges.push([`c${i - 1}`, `c${i}`, 60]);
    edges.push(['c49999', 'c0', 10]);
    const index = indexGraph(tableGraph({ nodes, edges }), undefined);
    const { size, count } = stakeComponents(index);
    expect(count).toBe(1);
    expect(size[0]).toBe(50_000);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowPropagator, effectiveOwnersOf, effectiveOwnershipBy } from './effective-ownership.ts';
import type { RowResult } from './effective-ownership.ts';
import type { GraphIndex } from './graph-index.ts';
import { indexGraph } from './graph-index.ts';
import { stakeComponents } from './scc.ts';
import type { GraphTable, TableEdge } from './testing.ts';
import { tableGraph } from './testing.ts';

describe('effective ownership: sum over paths of the product of shares', () => {
  const cases: { name: string; table: GraphTable; target: string; expected: Record<string, number> }[] = [
    {
      name: 'a chain multiplies',
      table: {
        nodes: { X: 'Person', A: 'Company', B: 'Company' },
        edges: [
          ['X', 'A', 50],
          ['A', 'B', 50],
        ],
      },
      target: 'B',
      expected: { A: 50, X: 25 },
    },
    {
      name: 'parallel paths add',
      table: {
        nodes: { X: 'Person', A: 'Company', B: 'Company', C: 'Company' },
        edges: [
          ['X', 'A', 50],
          ['X', 'B', 50],
          ['A', 'C', 25],
          ['B', 'C', 25],
          ['X', 'C', 10],
        ],
      },
      target: 'C',
      expected: { A: 25, B: 25, X: 35 },
    },
    {
      name: 'parallel edges between the same pair add',
      table: {
        nodes: { X: 'Person', A: 'Company' },
        edges: [
          ['X', 'A', 20],
          ['X', 'A', 15],
        ],
      },
      target: 'A',
      expected: { X: 35 },
    },
    {
      // A 30% of B, B 20% of A, X 70% of A, Y 70% of B. Closed form X = B (I - A)^-1 with
      // (I - A)^-1 = 1/(1 - 0.06) [[1, 0.3], [0.2, 1]]: X in A = 0.7 / 0.94, X in B = 0.21 / 0.94,
      // Y in B = 0.7 / 0.94, Y in A = 0.14 / 0.94. A holds B only through its direct 30% (walks back to the
      // holder are not continued), B holds A 20%.
      name: 'two-company cross-holding with outside holders (closed form)',
      table: {
        nodes: { X: 'Person', Y: 'Person', A: 'Company', B: 'Company' },
        edges: [
          ['A', 'B', 30],
          ['B', 'A', 20],
          ['X', 'A', 70],
          ['Y', 'B', 70],
        ],
      },
      target: 'B',
      expected: { A: 30, X: (0.21 / 0.94) * 100, Y: (0.7 / 0.94) * 100 },
    },
    {
      name: 'the same cross-holding seen from A',
      table: {
        nodes: { X: 'Person', Y: 'Person', A: 'Company', B: 'Company' },
        edges: [
          ['A', 'B', 30],
          ['B', 'A', 20],
          ['X', 'A', 70],
          ['Y', 'B', 70],
        ],
      },
      target: 'A',
      expected: { B: 20, X: (0.7 / 0.94) * 100, Y: (0.14 / 0.94) * 100 },
    },
    {
      name: 'a three-company cycle with one outside holder',
      // A -> B 50, B -> C 50, C -> A 50, X -> A 50. X in A = 0.5 / (1 - 0.125), in B half that, in C a quarter;
      // A holds C through B only (0.5 * 0.5), B holds C directly.
      table: {
        nodes: { X: 'Person', A: 'Company', B: 'Company', C: 'Company' },
        edges: [
          ['A', 'B', 50],
          ['B', 'C', 50],
          ['C', 'A', 50],
          ['X', 'A', 50],
        ],
      },
      target: 'C',
      expected: { X: (0.125 / 0.875) * 100, B: 50, A: 25 },
    },
    {
      name: 'CONTROLS and LINKED_TO carry no ownership; OWNS outside its validity window does not count',
      table: {
        nodes: { X: 'Person', Y: 'Person', Z: 'Person', A: 'Company' },
        edges: [
          ['X', 'A', { kind: 'CONTROLS' }],
          ['Y', 'A', { kind: 'LINKED_TO' }],
          ['Z', 'A', { kind: 'OWNS', percent: 40, to: '2020-01-01' }],
        ],
      },
      target: 'A',
      expected: {},
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = effectiveOwnersOf(tableGraph(c.table), c.target, { asOf: '2025-01-01' });
      expect(Object.keys(result.owners).sort()).toEqual(Object.keys(c.expected).sort());
      for (const [holder, percent] of Object.entries(c.expected)) expect(result.owners[holder]).toBeCloseTo(percent, 9);
      expect(result.converged).toBe(true);
    });
  }

  it('row propagation from a holder gives the same figures as the column for a target', () => {
    const table = cases[3]!.table;
    const graph = tableGraph(table);
    const byX = effectiveOwnershipBy(graph, 'X');
    expect(byX.owners.A).toBeCloseTo((0.7 / 0.94) * 100, 9);
    expect(byX.owners.B).toBeCloseTo((0.21 / 0.94) * 100, 9);
    const byA = effectiveOwnershipBy(graph, 'A');
    expect(byA.owners).toEqual({ B: 30 });
  });

  it('banded shares give a lower and an upper figure, each computed separately', () => {
    const graph = tableGraph({
      nodes: { X: 'Person', A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', { percentMin: 20, percentMax: 40 }],
        ['A', 'B', 50],
      ],
    });
    const result = effectiveOwnersOf(graph, 'B');
    expect(result.owners).toEqual({ A: 50, X: 10 });
    expect(result.ownersMax).toEqual({ A: 50, X: 20 });
  });

  it('a group held only inside a cycle (no outside holder) terminates: each holds the other 100%', () => {
    const graph = tableGraph({
      nodes: { A: 'Company', B: 'Company' },
      edges: [
        ['A', 'B', 100],
        ['B', 'A', 100],
      ],
    });
    const result = effectiveOwnersOf(graph, 'B');
    expect(result.owners).toEqual({ A: 100 });
    expect(result.converged).toBe(true);
  });

  it('stakes above 100 percent inside a cycle do not converge: capped and reported, never a hang', () => {
    const graph = tableGraph({
      nodes: { X: 'Person', A: 'Company', B: 'Company' },
      edges: [
        ['A', 'B', 100],
        ['B', 'A', 100],
        ['X', 'A', 10],
      ],
    });
    const fromX = effectiveOwnershipBy(graph, 'X');
    expect(fromX.converged).toBe(false);
    expect(fromX.owners.A).toBeLessThanOrEqual(100);
    const ofB = effectiveOwnersOf(graph, 'B');
    expect(ofB.converged).toBe(false);
    expect(ofB.owners.X).toBeLessThanOrEqual(100);
  });
});

/** Random ownership tables whose stakes into each entity add up to at most 100 percent. */
const arbitraryTable = (maxNodes: number): fc.Arbitrary<GraphTable> =>
  fc.integer({ min: 2, max: maxNodes }).chain((n) =>
    fc
      .array(
        fc.record({
          source: fc.integer({ min: 0, max: n - 1 }),
          target: fc.integer({ min: 0, max: n - 1 }),
          weight: fc.double({ min: 0.05, max: 1, noNaN: true }),
        }),
        { maxLength: n * 3 },
      )
      .chain((raw) =>
        fc.array(fc.double({ min: 0.2, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((totals) => {
          const stakes = raw.filter((s) => s.source !== s.target);
          const sums = new Array<number>(n).fill(0);
          for (const s of stakes) sums[s.target]! += s.weight;
          const edges: TableEdge[] = stakes.map((s) => [
            `n${s.source}`,
            `n${s.target}`,
            Math.floor((s.weight / sums[s.target]!) * totals[s.target]! * 100 * 1e6) / 1e6,
          ]);
          const nodes: GraphTable['nodes'] = {};
          for (let i = 0; i < n; i++) nodes[`n${i}`] = 'Company';
          return { nodes, edges };
        }),
      ),
  );

/** Reference: power iteration x = b + x A' over the whole graph, many sweeps (walks stop at the holder). */
function bruteForce(table: GraphTable, holder: string): Record<string, number> {
  const keys = Object.keys(table.nodes);
  const x: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (let sweep = 0; sweep < 3000; sweep++) {
    const next: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const [s, t, p] of table.edges) {
      const share = (p as number) / 100;
      if (t === holder) continue;
      next[t]! += (s === holder ? 1 : x[s]!) * share;
    }
    Object.assign(x, next);
  }
  return x;
}

describe('effective ownership properties', { timeout: 120_000 }, () => {
  it('shares stay in [0, 100] when stakes into each entity add up to at most 100', () => {
    fc.assert(
      fc.property(arbitraryTable(9), (table) => {
        const graph = tableGraph(table);
        for (const key of Object.keys(table.nodes)) {
          const { owners, converged } = effectiveOwnersOf(graph, key);
          expect(converged).toBe(true);
          for (const v of Object.values(owners)) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100 + 1e-9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('column (all upstream owners of one entity) and row (one holder downstream) agree with brute force', () => {
    fc.assert(
      fc.property(arbitraryTable(7), (table) => {
        const graph = tableGraph(table);
        const keys = Object.keys(table.nodes);
        for (const holder of keys) {
          const row = effectiveOwnershipBy(graph, holder).owners;
          const reference = bruteForce(table, holder);
          for (const target of keys) {
            if (target === holder) continue;
            const column = effectiveOwnersOf(graph, target).owners[holder] ?? 0;
            expect(column).toBeCloseTo(row[target] ?? 0, 6);
            expect(column).toBeCloseTo(reference[target]! * 100, 4);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('does not depend on the order of nodes and edges', () => {
    fc.assert(
      fc.property(
        arbitraryTable(8).chain((table) =>
          fc.tuple(
            fc.constant(table),
            fc.shuffledSubarray(
              Object.keys(table.nodes).map((_, i) => i),
              { minLength: Object.keys(table.nodes).length },
            ),
            fc.shuffledSubarray(
              table.edges.map((_, i) => i),
              { minLength: table.edges.length },
            ),
          ),
        ),
        ([table, nodes, edges]) => {
          const a = tableGraph(table);
          const b = tableGraph(table, { nodes, edges });
          for (const key of Object.keys(table.nodes)) {
            const ra = effectiveOwnersOf(a, key).owners;
            const rb = effectiveOwnersOf(b, key).owners;
            expect(Object.keys(rb).sort()).toEqual(Object.keys(ra).sort());
            for (const [h, v] of Object.entries(ra)) expect(rb[h]).toBeCloseTo(v, 9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('adding a stake never lowers a holder’s effective ownership', () => {
    fc.assert(
      fc.property(
        arbitraryTable(7),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (table, s, t, fraction) => {
          const n = Object.keys(table.nodes).length;
          const source = `n${s % n}`;
          const target = `n${t % n}`;
          if (source === target) return;
          const used = table.edges.filter((e) => e[1] === target).reduce((a, e) => a + (e[2] as number), 0);
          const room = 100 - used;
          if (room <= 1e-6) return;
          const bigger: GraphTable = { nodes: table.nodes, edges: [...table.edges, [source, target, room * fraction]] };
          const before = tableGraph(table);
          const after = tableGraph(bigger);
          for (const key of Object.keys(table.nodes)) {
            const b = effectiveOwnersOf(before, key).owners;
            const a = effectiveOwnersOf(after, key).owners;
            for (const [h, v] of Object.entries(b)) expect(a[h] ?? 0).toBeGreaterThanOrEqual(v - 1e-9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('terminates on any cycles, even with stakes above 100 percent', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(
                fc.tuple(
                  fc.integer({ min: 0, max: n - 1 }),
                  fc.integer({ min: 0, max: n - 1 }),
                  fc.integer({ min: 1, max: 100 }),
                ),
                { maxLength: 14 },
              ),
            ),
          ),
        ([n, raw]) => {
          const nodes: GraphTable['nodes'] = {};
          for (let i = 0; i < n; i++) nodes[`n${i}`] = 'Company';
          const edges: TableEdge[] = raw.filter(([s, t]) => s !== t).map(([s, t, p]) => [`n${s}`, `n${t}`, p]);
          const graph = tableGraph({ nodes, edges });
          for (const key of Object.keys(nodes)) {
            for (const v of Object.values(effectiveOwnersOf(graph, key).owners)) expect(Number.isFinite(v)).toBe(true);
            for (const v of Object.values(effectiveOwnershipBy(graph, key).owners))
              expect(Number.isFinite(v)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('RowPropagator.propagateBatch', { timeout: 120_000 }, () => {
  /** A table with some stakes turned into bands, and up to four disjoint holder groups among its nodes. */
  const arbitraryBatch = arbitraryTable(10).chain((table) => {
    const n = Object.keys(table.nodes).length;
    return fc.tuple(
      fc.constant(table),
      fc.array(fc.boolean(), { minLength: table.edges.length, maxLength: table.edges.length }),
      fc.array(fc.integer({ min: -1, max: 3 }), { minLength: n, maxLength: n }),
    );
  });

  /** Each group's figures by node, from propagateBatch and from propagate() on its own, and notConverged of both. */
  const batchAndSingle = (index: GraphIndex, groups: number[][], floor: number) => {
    const comps = stakeComponents(index);
    const batch = new RowPropagator(index, comps).propagateBatch(groups, floor);
    const single = new RowPropagator(index, comps);
    const figures = (r: RowResult) =>
      Object.fromEntries([...r.nodes].map((v, i): [number, [number, number]] => [v, [r.min[i]!, r.max[i]!]]));
    return groups.map((group, j) => {
      const one = single.propagate(group, floor);
      const got = batch[j]!;
      return {
        expected: figures(one),
        actual: figures(got),
        notConverged: [[...got.notConverged].sort(), [...one.notConverged].sort()],
      };
    });
  };

  it('gives each group exactly what propagate() gives it on its own (cycles, bands, groups held by groups)', () => {
    fc.assert(
      fc.property(arbitraryBatch, ([table, bandIt, groupOf]) => {
        const edges: TableEdge[] = table.edges.map(([s, t, p], i) =>
          bandIt[i] ? [s, t, { kind: 'OWNS', percentMin: (p as number) / 2, percentMax: p as number }] : [s, t, p],
        );
        const index = indexGraph(tableGraph({ nodes: table.nodes, edges }), undefined);
        const groups: number[][] = [[], [], [], []];
        groupOf.forEach((g, i) => {
          if (g >= 0) groups[g]!.push(index.indexOf.get(`n${i}`)!);
        });
        for (const { expected, actual, notConverged } of batchAndSingle(
          index,
          groups.filter((g) => g.length > 0),
          0.001,
        )) {
          expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
          for (const [v, [min, max]] of Object.entries(expected)) {
            expect(actual[v]![0]).toBeCloseTo(min, 9);
            expect(actual[v]![1]).toBeCloseTo(max, 9);
          }
          expect(notConverged[0]).toEqual(notConverged[1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the very same numbers as propagate() with more groups than one batch holds (each node its own group)', () => {
    fc.assert(
      fc.property(arbitraryTable(40), (table) => {
        const index = indexGraph(tableGraph(table), undefined);
        const groups = [...Array(index.n).keys()].map((v) => [v]);
        for (const { expected, actual, notConverged } of batchAndSingle(index, groups, 0)) {
          expect(actual).toEqual(expected);
          expect(notConverged[0]).toEqual(notConverged[1]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowResult } from './effective-ownership.ts';
import { RowPropagator } from './effective-ownership.ts';
import type { GraphIndex } from './graph-index.ts';
import { indexGraph } from './graph-index.ts';
import { PrunedRows } from './pruned-rows.ts';
import { stakeComponents } from './scc.ts';
import type { GraphTable, TableEdge } from './testing.ts';
import { tableGraph } from './testing.ts';

/** A row as plain data: nodes in order, both figures, nodes not converged. */
const plain = (row: RowResult) => ({
  nodes: [...row.nodes],
  min: [...row.min],
  max: [...row.max],
  notConverged: [...row.notConverged].sort((a, b) => a - b),
});

/** For every node as holder: the pruned row (or null when it does not apply) and the full sweep's row. */
function rowsOf(index: GraphIndex, floor: number) {
  const comps = stakeComponents(index);
  const pruned = PrunedRows.of(index, comps, floor);
  const full = new RowPropagator(index, comps);
  return [...Array(index.n).keys()].map((h) => {
    const row = pruned.row(h);
    return { h, pruned: row === null ? null : plain(row), full: plain(full.propagate([h], floor)) };
  });
}

describe('PrunedRows: the rows of RowPropagator.propagate above a floor, by a pruned search', () => {
  const key = (index: GraphIndex, row: { nodes: number[]; max: number[] }) =>
    Object.fromEntries(row.nodes.map((v, i) => [index.keys[v]!, Math.round(row.max[i]! * 1e9) / 1e7]));

  it('reports what reaches the floor, with figures that need holders far below it', () => {
    // L holds 60% of A; A holds 1% of B (0.6%, below the floor of 1%), B holds 50% of D (0.3%); D holds 10% of C
    // and A 60%: C's 36.03% needs D's figure. E, below B at 0.06%, is never reported.
    const table: GraphTable = {
      nodes: { L: 'Person', A: 'Company', B: 'Company', C: 'Company', D: 'Company', E: 'Company' },
      edges: [
        ['L', 'A', 60],
        ['A', 'B', 1],
        ['B', 'D', 50],
        ['D', 'C', 10],
        ['A', 'C', 60],
        ['B', 'E', 10],
      ],
    };
    const index = indexGraph(tableGraph(table), undefined);
    const l = index.indexOf.get('L')!;
    const { pruned, full } = rowsOf(index, 0.01)[l]!;
    expect(pruned).not.toBeNull();
    expect(pruned).toEqual(full);
    expect(key(index, pruned!)).toEqual({ A: 60, C: 36.03 });
  });

  it('searches below holders under the floor when stakes above 100 percent can add them up past it', () => {
    // C's two holders have no recorded share (0 to 100 percent each): 5% + 5% through them reach the floor of 10%.
    const table: GraphTable = {
      nodes: { L: 'Person', A: 'Company', B: 'Company', C: 'Company', D: 'Company' },
      edges: [
        ['L', 'A', 5],
        ['L', 'B', 5],
        ['A', 'C', {}],
        ['B', 'C', {}],
        ['C', 'D', 100],
      ],
    };
    const index = indexGraph(tableGraph(table), undefined);
    const { pruned, full } = rowsOf(index, 0.1)[index.indexOf.get('L')!]!;
    expect(pruned).toEqual(full);
    expect(key(index, pruned!)).toEqual({ C: 10, D: 10 });
  });

  it('solves a cross-holding block below the holder as the full sweep does, and leaves a diverging one to it', () => {
    const table: GraphTable = {
      nodes: { L: 'Person', A: 'Company', B: 'Company', C: 'Company', M: 'Person', X: 'Company', Y: 'Company' },
      edges: [
        ['L', 'A', 70],
        ['A', 'B', 40],
        ['B', 'A', 20],
        ['B', 'C', 90],
        // X and Y hold each other fully: the series diverges.
        ['M', 'X', 50],
        ['X', 'Y', 100],
        ['Y', 'X', 100],
      ],
    };
    const index = indexGraph(tableGraph(table), undefined);
    const rows = rowsOf(index, 0.01);
    const l = rows[index.indexOf.get('L')!]!;
    expect(l.pruned).toEqual(l.full);
    expect(key(index, l.pruned!)).toEqual({ A: 76.0869565, B: 30.4347826, C: 27.3913043 });
    const m = rows[index.indexOf.get('M')!]!;
    expect(m.pruned).toBeNull();
    expect(m.full.notConverged.length).toBeGreaterThan(0);
  });

  /**
   * Random tables: exact, banded and unknown shares, stakes into one entity above 100 percent, cycles (some held
   * 100 percent or more from inside).
   */
  const arbitraryTable: fc.Arbitrary<GraphTable> = fc.integer({ min: 2, max: 24 }).chain((n) =>
    fc
      .array(
        fc.record({
          source: fc.integer({ min: 0, max: n - 1 }),
          target: fc.integer({ min: 0, max: n - 1 }),
          percent: fc.double({ min: 0.01, max: 100, noNaN: true }),
          form: fc.constantFrom('exact', 'exact', 'exact', 'band', 'unknown', 'tiny'),
        }),
        { maxLength: n * 3 },
      )
      .map((raw) => {
        const nodes: GraphTable['nodes'] = {};
        for (let i = 0; i < n; i++) nodes[`n${i}`] = 'Company';
        const edges: TableEdge[] = raw
          .filter((r) => r.source !== r.target)
          .map(({ source, target, percent, form }): TableEdge => {
            const s = `n${source}`;
            const t = `n${target}`;
            if (form === 'band') return [s, t, { percentMin: percent / 2, percentMax: percent }];
            if (form === 'unknown') return [s, t, {}];
            if (form === 'tiny') return [s, t, percent / 1000];
            return [s, t, percent];
          });
        return { nodes, edges };
      }),
  );

  it('gives every holder the very rows of the full sweep (property), and prunes most of them', () => {
    let applied = 0;
    let holders = 0;
    fc.assert(
      fc.property(arbitraryTable, fc.constantFrom(0.001, 0.01, 0.05, 0.25, 0.5), (table, floor) => {
        const index = indexGraph(tableGraph(table), undefined);
        for (const { pruned, full } of rowsOf(index, floor)) {
          holders++;
          if (pruned === null) continue;
          applied++;
          expect(pruned).toEqual(full);
        }
      }),
      { numRuns: 400 },
    );
    expect(applied).toBeGreaterThan(holders / 2);
  });

  it('does not apply with a floor of 0 (every figure is reported)', () => {
    const index = indexGraph(tableGraph({ nodes: { A: 'Person', B: 'Company' }, edges: [['A', 'B', 10]] }), undefined);
    expect(rowsOf(index, 0).every((r) => r.pruned === null)).toBe(true);
  });
});

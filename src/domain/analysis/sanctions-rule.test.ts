import { describe, expect, it } from 'vitest';
import { sanctionsOwnership, sanctionsRuleSpec } from './sanctions-rule.ts';
import type { GraphTable } from './testing.ts';
import { listing, tableGraph } from './testing.ts';
import type { SanctionsRegime } from './types.ts';

interface RuleCase {
  name: string;
  rule: SanctionsRegime;
  asOf?: string;
  table: GraphTable;
  /** key -> [owned under the rule, figure]; keys not listed must not be owned. */
  expected: Record<string, [boolean, number]>;
}

const ofacX = { kind: 'Person', sanctions: listing('OFAC', '2020-01-01') } as const;
const ofacY = { kind: 'Person', sanctions: listing('OFAC', '2020-01-01') } as const;
const ukX = { kind: 'Person', sanctions: listing('UK', '2020-01-01') } as const;
const ukY = { kind: 'Person', sanctions: listing('UK', '2020-01-01') } as const;
const euX = { kind: 'Person', sanctions: listing('EU', '2020-01-01') } as const;
const euY = { kind: 'Person', sanctions: listing('EU', '2020-01-01') } as const;

const cases: RuleCase[] = [
  // OFAC FAQ 401, example 1.
  {
    name: 'OFAC FAQ 401 ex. 1: X 50% of A, A 50% of B -> A and B blocked',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['A', 'B', 50],
      ],
    },
    expected: { A: [true, 50], B: [true, 50] },
  },
  // OFAC FAQ 401, example 2.
  {
    name: 'OFAC FAQ 401 ex. 2: X 50% of A and of B, A and B 25% each of C -> C blocked (50%)',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['X', 'B', 50],
        ['A', 'C', 25],
        ['B', 'C', 25],
      ],
    },
    expected: { A: [true, 50], B: [true, 50], C: [true, 50] },
  },
  // OFAC FAQ 401, example 3.
  {
    name: 'OFAC FAQ 401 ex. 3: X 50% of A and 10% of B, A 40% of B -> B blocked (50%)',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['X', 'B', 10],
        ['A', 'B', 40],
      ],
    },
    expected: { A: [true, 50], B: [true, 50] },
  },
  // OFAC FAQ 399 / 2014 guidance: aggregation of different blocked persons.
  {
    name: 'OFAC aggregation: X 25% and Y 25% of A -> A blocked',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, Y: ofacY, A: 'Company' },
      edges: [
        ['X', 'A', 25],
        ['Y', 'A', 25],
      ],
    },
    expected: { A: [true, 50] },
  },
  // 2014 guidance: aggregation through blocked entities of different blocked persons.
  {
    name: 'OFAC: A (50% X) and B (50% Y) each hold 25% of C -> C blocked at 50%',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, Y: ofacY, A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['Y', 'B', 50],
        ['A', 'C', 25],
        ['B', 'C', 25],
      ],
    },
    expected: { A: [true, 50], B: [true, 50], C: [true, 50] },
  },
  {
    name: 'OFAC: X 40% of A, A not blocked -> A’s 60% of C does not count',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', C: 'Company' },
      edges: [
        ['X', 'A', 40],
        ['A', 'C', 60],
      ],
    },
    expected: { A: [false, 40], C: [false, 0] },
  },
  {
    name: 'OFAC: stakes are added, not multiplied: X 50% of A, A 50% of B gives B 50% (not 25%)',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['A', 'B', 50],
        ['B', 'C', 50],
      ],
    },
    expected: { A: [true, 50], B: [true, 50], C: [true, 50] },
  },
  {
    name: 'OFAC: just under 50 percent is not blocked',
    rule: 'ofac',
    table: { nodes: { X: ofacX, A: 'Company' }, edges: [['X', 'A', 49.99]] },
    expected: { A: [false, 49.99] },
  },
  {
    name: 'OFAC: 33.3 + 16.7 reaches 50 despite floating point',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, Y: ofacY, A: 'Company' },
      edges: [
        ['X', 'A', 33.3],
        ['Y', 'A', 16.7],
      ],
    },
    expected: { A: [true, 50] },
  },
  {
    name: 'OFAC: only OFAC listings count (an EU listing does not)',
    rule: 'ofac',
    table: { nodes: { X: euX, A: 'Company' }, edges: [['X', 'A', 100]] },
    expected: { A: [false, 0] },
  },
  {
    name: 'OFAC: a listing counts from its listed date',
    rule: 'ofac',
    asOf: '2025-01-01',
    table: {
      nodes: { X: { kind: 'Person', sanctions: listing('OFAC', '2025-01-02') }, A: 'Company' },
      edges: [['X', 'A', 100]],
    },
    expected: { A: [false, 0] },
  },
  {
    name: 'OFAC: a listing counts on its listed date',
    rule: 'ofac',
    asOf: '2025-01-02',
    table: {
      nodes: { X: { kind: 'Person', sanctions: listing('OFAC', '2025-01-02') }, A: 'Company' },
      edges: [['X', 'A', 100]],
    },
    expected: { A: [true, 100] },
  },
  {
    name: 'OFAC: a delisting ends the listing (delisted date exclusive)',
    rule: 'ofac',
    asOf: '2025-01-01',
    table: {
      nodes: { X: { kind: 'Person', sanctions: listing('OFAC', '2020-01-01', '2025-01-01') }, A: 'Company' },
      edges: [['X', 'A', 100]],
    },
    expected: { A: [false, 0] },
  },
  {
    name: 'OFAC: a stake counts from its from date (inclusive) to its to date (exclusive)',
    rule: 'ofac',
    asOf: '2025-01-01',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['X', 'A', { percent: 60, from: '2025-01-01' }],
        ['X', 'B', { percent: 60, to: '2025-01-01' }],
        ['X', 'C', { percent: 60, from: '2025-01-02' }],
      ],
    },
    expected: { A: [true, 60] },
  },
  {
    name: 'OFAC: ownership only, not control or votes (CONTROLS and votingPercent ignored)',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', { kind: 'CONTROLS' }],
        ['X', 'B', { percent: 30, votingPercent: 80 }],
      ],
    },
    expected: { B: [false, 30] },
  },
  {
    name: 'OFAC: banded share decided on its minimum, maximum shown',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', { percentMin: 40, percentMax: 60 }],
        ['X', 'B', { percentMin: 50, percentMax: 75 }],
      ],
    },
    expected: { A: [false, 40], B: [true, 50] },
  },
  {
    name: 'OFAC: cross-holding with blocked members terminates and counts both ways',
    rule: 'ofac',
    table: {
      nodes: { X: ofacX, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', 50],
        ['A', 'B', 60],
        ['B', 'A', 30],
      ],
    },
    expected: { A: [true, 80], B: [true, 60] },
  },
  // EU.
  {
    name: 'EU before 2024-07-03: exactly 50% is not owned (more than 50 percent)',
    rule: 'eu',
    asOf: '2024-07-02',
    table: { nodes: { X: euX, A: 'Company' }, edges: [['X', 'A', 50]] },
    expected: { A: [false, 50] },
  },
  {
    name: 'EU from 2024-07-03: exactly 50% is owned (50 percent or more)',
    rule: 'eu',
    asOf: '2024-07-03',
    table: { nodes: { X: euX, A: 'Company' }, edges: [['X', 'A', 50]] },
    expected: { A: [true, 50] },
  },
  {
    name: 'EU aggregates designated persons and counts UN listings, not OFAC ones',
    rule: 'eu',
    table: {
      nodes: {
        X: euX,
        Y: { kind: 'Person', sanctions: listing('UN', '2020-01-01') },
        Z: ofacX,
        A: 'Company',
        B: 'Company',
      },
      edges: [
        ['X', 'A', 30],
        ['Y', 'A', 25],
        ['Z', 'B', 90],
      ],
    },
    expected: { A: [true, 55] },
  },
  {
    name: 'EU: indirect ownership through owned entities',
    rule: 'eu',
    table: {
      nodes: { X: euX, Y: euY, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', 60],
        ['A', 'B', 30],
        ['Y', 'B', 25],
      ],
    },
    expected: { A: [true, 60], B: [true, 55] },
  },
  // UK.
  {
    name: 'UK: holdings of different designated persons are not added up',
    rule: 'uk',
    table: {
      nodes: { X: ukX, Y: ukY, A: 'Company' },
      edges: [
        ['X', 'A', 30],
        ['Y', 'A', 30],
      ],
    },
    expected: { A: [false, 30] },
  },
  {
    name: 'UK: ... unless held under the same joint arrangement',
    rule: 'uk',
    table: {
      nodes: { X: ukX, Y: ukY, A: 'Company' },
      edges: [
        ['X', 'A', { percent: 30, jointArrangement: 'J' }],
        ['Y', 'A', { percent: 30, jointArrangement: 'J' }],
      ],
    },
    expected: { A: [true, 60] },
  },
  {
    name: 'UK: different joint arrangements are not added up',
    rule: 'uk',
    table: {
      nodes: { X: ukX, Y: ukY, A: 'Company' },
      edges: [
        ['X', 'A', { percent: 30, jointArrangement: 'J' }],
        ['Y', 'A', { percent: 30, jointArrangement: 'K' }],
      ],
    },
    expected: { A: [false, 30] },
  },
  {
    name: 'UK: one designated person’s direct and indirect (through entities it owns) stakes add up',
    rule: 'uk',
    table: {
      nodes: { X: ukX, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'B', 60],
        ['X', 'A', 30],
        ['B', 'A', 25],
      ],
    },
    expected: { B: [true, 60], A: [true, 55] },
  },
  {
    name: 'UK: exactly 50 percent is not more than 50 percent',
    rule: 'uk',
    table: { nodes: { X: ukX, A: 'Company' }, edges: [['X', 'A', 50]] },
    expected: { A: [false, 50] },
  },
  {
    name: 'UK: shares or voting rights (the larger counts); UN listings count',
    rule: 'uk',
    table: {
      nodes: { X: ukX, Y: { kind: 'Person', sanctions: listing('UN') }, A: 'Company', B: 'Company' },
      edges: [
        ['X', 'A', { percent: 40, votingPercent: 60 }],
        ['Y', 'B', 51],
      ],
    },
    expected: { A: [true, 60], B: [true, 51] },
  },
];

describe('sanctions ownership rules', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = sanctionsOwnership(tableGraph(c.table), { rule: c.rule, asOf: c.asOf ?? '2025-01-01' });
      for (const [key, status] of Object.entries(result)) {
        const expected = c.expected[key];
        if (status.listed) continue;
        if (expected === undefined) {
          expect(status.owned, key).toBe(false);
          continue;
        }
        expect(status.owned, key).toBe(expected[0]);
        expect(status.figure, key).toBeCloseTo(expected[1], 9);
      }
    });
  }

  it('banded shares: the figure on the upper ends is reported, the flag decided on the lower ends', () => {
    const graph = tableGraph({
      nodes: { X: ofacX, A: 'Company' },
      edges: [['X', 'A', { percentMin: 40, percentMax: 60 }]],
    });
    const result = sanctionsOwnership(graph, { rule: 'ofac', asOf: '2025-01-01' });
    expect(result.A).toEqual({ listed: false, owned: false, figure: 40, figureMax: 60 });
  });

  it('rule parameters name their sources', () => {
    expect(sanctionsRuleSpec('ofac', '2025-01-01').citation).toMatch(/FAQs 398-402.*13 August 2014/);
    expect(sanctionsRuleSpec('eu', '2024-07-03')).toMatchObject({
      threshold: 50,
      strict: false,
      authorities: ['EU', 'UN'],
    });
    expect(sanctionsRuleSpec('eu', '2024-07-02')).toMatchObject({ strict: true });
    expect(sanctionsRuleSpec('uk', '2025-01-01')).toMatchObject({
      strict: true,
      aggregation: 'per-person',
      measure: 'equity-or-voting',
    });
  });
});

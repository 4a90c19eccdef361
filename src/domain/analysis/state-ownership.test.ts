import { describe, expect, it } from 'vitest';
import { stateOwnership } from './state-ownership.ts';
import type { GraphTable } from './testing.ts';
import { tableGraph } from './testing.ts';

const G = { kind: 'Government', governmentType: 'state' } as const;
const S = { kind: 'Government', governmentType: 'stateBody' } as const;

const cases: {
  name: string;
  table: GraphTable;
  threshold?: number;
  expected: Record<string, Record<string, [number, boolean]>>;
}[] = [
  {
    name: 'direct state stakes, flagged at or above 25 percent',
    table: {
      nodes: { G, A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['G', 'A', 30],
        ['G', 'B', 20],
        ['G', 'C', 25],
      ],
    },
    expected: { A: { G: [30, true] }, B: { G: [20, false] }, C: { G: [25, true] } },
  },
  {
    name: 'indirect state ownership multiplies along the chain',
    table: {
      nodes: { G, A: 'Company', B: 'Company' },
      edges: [
        ['G', 'A', 50],
        ['A', 'B', 60],
      ],
    },
    expected: { A: { G: [50, true] }, B: { G: [30, true] } },
  },
  {
    name: 'a state body owned by its state counts towards the state (and is 100 percent state)',
    table: {
      nodes: { G, S, A: 'Company' },
      edges: [
        ['G', 'S', 100],
        ['S', 'A', 20],
        ['G', 'A', 10],
      ],
    },
    expected: { S: { G: [100, true] }, A: { G: [30, true] } },
  },
  {
    name: 'a state body controlled by its state (explicit CONTROLS) counts towards the state',
    table: {
      nodes: { G, S, A: 'Company' },
      edges: [
        ['G', 'S', { kind: 'CONTROLS', basis: 'statute' }],
        ['S', 'A', 30],
      ],
    },
    expected: { S: { G: [100, true] }, A: { G: [30, true] } },
  },
  {
    name: 'a state body its state does not control is a government of its own',
    table: {
      nodes: { G, S, A: 'Company' },
      edges: [
        ['G', 'S', 30],
        ['S', 'A', 40],
      ],
    },
    expected: { S: { G: [30, true] }, A: { S: [40, true], G: [12, false] } },
  },
  {
    name: 'the threshold is an option',
    threshold: 10,
    table: { nodes: { G, A: 'Company' }, edges: [['G', 'A', 12]] },
    expected: { A: { G: [12, true] } },
  },
];

describe('state ownership', () => {
  for (const c of cases) {
    it(c.name, () => {
      const options =
        c.threshold === undefined ? { asOf: '2025-01-01' } : { asOf: '2025-01-01', threshold: c.threshold };
      const result = stateOwnership(tableGraph(c.table), options);
      const simplified = Object.fromEntries(
        Object.entries(result).map(([entity, byGov]) => [
          entity,
          Object.fromEntries(Object.entries(byGov).map(([gov, share]) => [gov, [share.percent, share.flagged]])),
        ]),
      );
      expect(simplified).toEqual(c.expected);
    });
  }

  it('banded stakes: flagged on the lower end, upper end reported', () => {
    const result = stateOwnership(
      tableGraph({ nodes: { G, A: 'Company' }, edges: [['G', 'A', { percentMin: 20, percentMax: 30 }]] }),
    );
    expect(result.A).toEqual({ G: { percent: 20, percentMax: 30, flagged: false } });
  });
});

import { describe, expect, it } from 'vitest';
import { controlRelations } from './control.ts';
import type { GraphTable } from './testing.ts';
import { tableGraph } from './testing.ts';

const cases: { name: string; table: GraphTable; expected: Record<string, string[]> }[] = [
  {
    name: 'a majority stake controls; exactly 50 percent does not',
    table: {
      nodes: { P: 'Person', Q: 'Person', A: 'Company', B: 'Company' },
      edges: [
        ['P', 'A', 60],
        ['Q', 'B', 50],
      ],
    },
    expected: { A: ['P'] },
  },
  {
    name: 'control is transitive along majority chains',
    table: {
      nodes: { P: 'Person', A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['P', 'A', 60],
        ['A', 'B', 60],
        ['B', 'C', 51],
      ],
    },
    expected: { A: ['P'], B: ['A', 'P'], C: ['A', 'B', 'P'] },
  },
  {
    name: 'fixpoint: own stake plus stakes of controlled entities (P 30% + A 25% of C)',
    table: {
      nodes: { P: 'Person', A: 'Company', C: 'Company' },
      edges: [
        ['P', 'C', 30],
        ['P', 'A', 60],
        ['A', 'C', 25],
      ],
    },
    expected: { A: ['P'], C: ['P'] },
  },
  {
    name: 'fixpoint: two controlled minority holders add up (A 30% + B 30% of C)',
    table: {
      nodes: { P: 'Person', A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['P', 'A', 60],
        ['P', 'B', 60],
        ['A', 'C', 30],
        ['B', 'C', 30],
      ],
    },
    expected: { A: ['P'], B: ['P'], C: ['P'] },
  },
  {
    name: 'voting shares decide where recorded',
    table: {
      nodes: { P: 'Person', Q: 'Person', A: 'Company', B: 'Company' },
      edges: [
        ['P', 'A', { percent: 40, votingPercent: 60 }],
        ['Q', 'B', { percent: 60, votingPercent: 40 }],
      ],
    },
    expected: { A: ['P'] },
  },
  {
    name: 'explicit CONTROLS, and what the controlled entity controls',
    table: {
      nodes: { P: 'Person', A: 'Company', B: 'Company' },
      edges: [
        ['P', 'A', { kind: 'CONTROLS', basis: 'board appointment' }],
        ['A', 'B', 70],
      ],
    },
    expected: { A: ['P'], B: ['A', 'P'] },
  },
  {
    name: 'OPERATES is 100 percent control of the facility',
    table: {
      nodes: { O: 'Company', F: 'Facility', G: 'Company' },
      edges: [
        ['O', 'F', { kind: 'OPERATES' }],
        ['G', 'F', 100],
      ],
    },
    expected: { F: ['G', 'O'] },
  },
  {
    name: 'LINKED_TO, banded shares below the majority on their lower end, and expired relations do not control',
    table: {
      nodes: { P: 'Person', Q: 'Person', R: 'Person', A: 'Company', B: 'Company', C: 'Company' },
      edges: [
        ['P', 'A', { kind: 'LINKED_TO' }],
        ['Q', 'B', { percentMin: 40, percentMax: 70 }],
        ['R', 'C', { kind: 'CONTROLS', to: '2020-01-01' }],
      ],
    },
    expected: {},
  },
  {
    name: 'cross-holding majority cycle terminates: each controls the other',
    table: {
      nodes: { A: 'Company', B: 'Company' },
      edges: [
        ['A', 'B', 60],
        ['B', 'A', 60],
      ],
    },
    expected: { A: ['B'], B: ['A'] },
  },
];

describe('control: explicit relations plus the majority-control fixpoint', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = controlRelations(tableGraph(c.table), { asOf: '2025-01-01' });
      const nonEmpty = Object.fromEntries(Object.entries(result).filter(([, list]) => list.length > 0));
      expect(nonEmpty).toEqual(c.expected);
    });
  }
});

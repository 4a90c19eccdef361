import { describe, expect, it } from 'vitest';
import { analyzeGraph } from './analyze.ts';
import { controlRelations } from './control.ts';
import { sanctionsOwnership } from './sanctions-rule.ts';
import { listing, tableGraph } from './testing.ts';

const X = { kind: 'Company', sanctions: listing('OFAC', '2020-01-01') } as const;

describe('facilities take the results of their owners and operators', () => {
  it('an operator of a facility with no recorded owner counts as its 100 percent owner', () => {
    const graph = tableGraph({ nodes: { X, F: 'Facility' }, edges: [['X', 'F', { kind: 'OPERATES' }]] });
    expect(sanctionsOwnership(graph, { rule: 'ofac', asOf: '2025-01-01' }).F).toMatchObject({
      owned: true,
      figure: 100,
    });
    expect(controlRelations(graph).F).toEqual(['X']);
  });

  it('an operator of an owned facility counts as control only (review, not ownership)', () => {
    const graph = tableGraph({
      nodes: { X, O: 'Company', F: 'Facility' },
      edges: [
        ['X', 'F', { kind: 'OPERATES' }],
        ['O', 'F', 100],
      ],
    });
    expect(sanctionsOwnership(graph, { rule: 'ofac', asOf: '2025-01-01' }).F).toMatchObject({
      owned: false,
      figure: 0,
    });
    const result = analyzeGraph(graph, { rule: 'ofac', asOf: '2025-01-01' });
    expect(result.entities.F!.flags).toEqual(['SANCTIONED_CONTROL_REVIEW']);
    expect(result.entities.F!.controlledBy).toEqual(['O', 'X']);
  });

  it('an owner’s stake reaches the facility like any entity', () => {
    const graph = tableGraph({
      nodes: { X, A: 'Company', F: 'Facility' },
      edges: [
        ['X', 'A', 50],
        ['A', 'F', 80],
      ],
    });
    const result = analyzeGraph(graph, { rule: 'ofac', asOf: '2025-01-01' });
    expect(result.entities.F!.flags).toEqual(['SANCTIONED_OWNERSHIP']);
    expect(result.entities.F!.sanctionedPercent).toBe(80);
    expect(result.entities.F!.effectiveOwners).toEqual({ X: 40 });
  });

  it('several operators and no owner share the 100 percent, with a data warning', () => {
    const graph = tableGraph({
      nodes: { X, O: 'Company', F: 'Facility' },
      edges: [
        ['X', 'F', { kind: 'OPERATES' }],
        ['O', 'F', { kind: 'OPERATES' }],
        ['O', 'F', { kind: 'OPERATES' }],
      ],
    });
    const f = analyzeGraph(graph, { rule: 'ofac', asOf: '2025-01-01' }).entities.F!;
    expect(f.flags).toEqual(['SANCTIONED_OWNERSHIP', 'DATA_WARNING']);
    expect(f.sanctionedPercent).toBe(50);
    expect(f.effectiveOwners).toEqual({ X: 50 });
    const warning = f.explanation.find((e) => e.warning === 'MULTIPLE_OPERATORS')!;
    expect(warning.paths.map((p) => p.edges[0]!.implied)).toEqual(['operator', 'operator']);
  });

  it('operating a company (not a facility) implies no stake', () => {
    const graph = tableGraph({ nodes: { X, C: 'Company' }, edges: [['X', 'C', { kind: 'OPERATES' }]] });
    expect(sanctionsOwnership(graph, { rule: 'ofac', asOf: '2025-01-01' }).C).toMatchObject({ owned: false });
  });
});

import { describe, expect, it } from 'vitest';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { FLAG_COLORS, KIND_COLORS } from './appearance.ts';
import { LARGE_GRAPH_NODES } from './level-of-detail.ts';
import { project, toMapGraph, toSigmaGraph } from './to-sigma-graph.ts';

const snapshot: OwnershipSnapshot = {
  nodes: [
    { key: 'fac', attributes: { kind: 'Facility', name: 'Site 1' } },
    { key: 'op', attributes: { kind: 'Company', name: 'Operator Co' } },
    { key: 'gov', attributes: { kind: 'Government', name: 'State' } },
  ],
  edges: [
    { key: 'own:op->fac', source: 'op', target: 'fac', attributes: { kind: 'OWNS', percent: 100 } },
    { key: 'ops:op->fac', source: 'op', target: 'fac', attributes: { kind: 'OPERATES' } },
    { key: 'own:gov->op', source: 'gov', target: 'op', attributes: { kind: 'OWNS', percent: 60 } },
  ],
};

describe('toSigmaGraph', () => {
  it('puts owners above what they own, colours by kind, labels edges, rings flagged nodes', () => {
    const graph = toSigmaGraph(snapshot, { flags: { fac: ['STATE_CONTROL'] }, pinned: ['gov'] });
    expect(graph.getNodeAttribute('gov', 'y')).toBeGreaterThan(graph.getNodeAttribute('op', 'y'));
    expect(graph.getNodeAttribute('op', 'y')).toBeGreaterThan(graph.getNodeAttribute('fac', 'y'));
    expect(graph.getNodeAttribute('op', 'color')).toBe(KIND_COLORS.Company);
    expect(graph.getNodeAttribute('fac', 'ring1')).toBe(FLAG_COLORS.STATE_CONTROL);
    expect(graph.getNodeAttribute('fac', 'ring1Size')).toBeGreaterThan(0);
    expect(graph.getNodeAttribute('op', 'ring1Size')).toBe(0);
    expect(graph.getNodeAttribute('gov', 'fixed')).toBe(true);
    expect(graph.getEdgeAttribute('own:gov->op', 'label')).toBe('60%');
  });

  it('draws OWNS and OPERATES between the same pair as two distinct arcs', () => {
    const graph = toSigmaGraph(snapshot);
    const a = graph.getEdgeAttributes('own:op->fac');
    const b = graph.getEdgeAttributes('ops:op->fac');
    expect(a.type).toBe('curved');
    expect(b.type).toBe('curved');
    expect(Math.sign(a.curvature)).toBe(-Math.sign(b.curvature));
    expect(graph.getEdgeAttribute('own:gov->op', 'type')).toBe('arrow');
  });

  it('draws a large picture with less detail: plain unflagged nodes, straight edges; flagged nodes keep rings', () => {
    const count = LARGE_GRAPH_NODES + 1;
    const large: OwnershipSnapshot = {
      nodes: [
        ...snapshot.nodes,
        ...Array.from({ length: count }, (_, i) => ({
          key: `sub${i}`,
          attributes: { kind: 'Company' as const, name: `Subsidiary ${i}` },
        })),
      ],
      edges: [
        ...snapshot.edges,
        ...Array.from({ length: count }, (_, i) => ({
          key: `own:op->sub${i}`,
          source: 'op',
          target: `sub${i}`,
          attributes: { kind: 'OWNS' as const, percent: 10 },
        })),
      ],
    };
    const graph = toSigmaGraph(large, { flags: { fac: ['STATE_CONTROL'] } });
    expect(graph.getNodeAttribute('fac', 'type')).toBe('ringed');
    expect(graph.getNodeAttribute('fac', 'ring1')).toBe(FLAG_COLORS.STATE_CONTROL);
    expect(graph.getNodeAttribute('sub0', 'type')).toBe('plain');
    expect(graph.getNodeAttribute('op', 'type')).toBe('plain');
    expect(graph.getEdgeAttribute('own:op->fac', 'type')).toBe('arrow');
    expect(graph.getEdgeAttribute('ops:op->fac', 'type')).toBe('arrow');
    expect(graph.getEdgeAttribute('own:op->sub0', 'label')).toBe('10%');
    expect(graph.getEdgeAttribute('own:op->sub0', 'size')).toBeLessThan(
      toSigmaGraph(snapshot).getEdgeAttribute('own:gov->op', 'size'),
    );
    // The small picture keeps the full detail.
    expect(toSigmaGraph(snapshot).getNodeAttribute('op', 'type')).toBe('ringed');
  });
});

describe('toMapGraph', () => {
  it('places facilities and sites by their coordinates, with the proximity radius on sites', () => {
    const graph = toMapGraph(
      [
        { key: 'f', name: 'F', lat: 41.17, lon: -104.85, operators: [] },
        { key: 'nowhere', name: 'N', operators: [] },
      ],
      [{ key: 's', name: 'S', lat: 41.16, lon: -104.86, category: 'military' }],
      { f: ['NEAR_SENSITIVE_SITE'] },
      1.609344,
    );
    expect(graph.order).toBe(2);
    expect(graph.getNodeAttribute('f', 'x')).toBeCloseTo(project(41.17, -104.85).x);
    expect(graph.getNodeAttribute('s', 'radiusKm')).toBeCloseTo(1.609344);
    expect(graph.getNodeAttribute('f', 'ring1')).toBe(FLAG_COLORS.NEAR_SENSITIVE_SITE);
  });
});

import { describe, expect, it } from 'vitest';
import { generateSnapshot } from '../../generate/ownership-graph.ts';
import type { OwnershipSnapshot } from '../snapshot.ts';
import { RowPropagator } from './effective-ownership.ts';
import { indexSnapshot } from './graph-index.ts';
import { stakeComponents } from './scc.ts';
import { analyzeSnapshot, analyzeSnapshotKeepingSteps, analyzeSnapshotSteps } from './analyze.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';
import type { EntityAnalysis, SanctionsRegime } from './types.ts';

// A generated register large enough for every loop to step several times: listed parties, governments with
// state-owned groups, cross-holdings, facilities and sites.
const snapshot = generateSnapshot({ entities: 5000, seed: 7 });
const keep = (e: EntityAnalysis): boolean => e.kind === 'Facility' || e.flags.length > 0;

describe('analyzeSnapshotSteps', () => {
  it.each<SanctionsRegime>(['ofac', 'eu', 'uk'])('gives what analyzeSnapshot gives, under %s', (rule) => {
    const options = { rule, asOf: '2026-12-07' };
    const whole = analyzeSnapshot(snapshot, options, keep);
    expect(Object.keys(whole.entities).length).toBeGreaterThan(100);
    expect(runSteps(analyzeSnapshotKeepingSteps(snapshot, options, keep))).toEqual(whole);
  });

  it('hands every analysis on in node order, a bounded number between two steps', () => {
    const visited: string[] = [];
    const between: number[] = [];
    let since = 0;
    const steps = analyzeSnapshotSteps(snapshot, { rule: 'ofac', asOf: '2026-12-07' }, (analysis) => {
      visited.push(analysis.key);
      since++;
    });
    let next = steps.next();
    while (!next.done) {
      between.push(since);
      since = 0;
      next = steps.next();
    }
    between.push(since);
    expect(visited).toEqual(snapshot.nodes.map((n) => n.key));
    expect(next.value.reported).toBe(snapshot.nodes.length);
    // The nodes, the edges and the analyses each take several steps.
    const loops = Math.floor(snapshot.nodes.length / STEP_ITEMS) * 2 + Math.floor(snapshot.edges.length / STEP_ITEMS);
    expect(between.length).toBeGreaterThan(loops);
    expect(Math.max(...between)).toBeLessThanOrEqual(STEP_ITEMS);
  });
});

describe('RowPropagator.propagateSteps', () => {
  it('steps through one holder’s downstream subgraph and gives what propagate gives', () => {
    // A state holding the head of a chain of 5,000 companies: one group, so no batch, and a long sweep.
    const chain = 5000;
    const snapshot: OwnershipSnapshot = {
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      nodes: [
        { key: 'state', attributes: { kind: 'Government', name: 'State', governmentType: 'state', country: 'XX' } },
        ...Array.from({ length: chain }, (_, i) => ({
          key: `c${i}`,
          attributes: { kind: 'Company' as const, name: `C${i}` },
        })),
      ],
      edges: Array.from({ length: chain }, (_, i) => ({
        key: `e${i}`,
        source: i === 0 ? 'state' : `c${i - 1}`,
        target: `c${i}`,
        attributes: { kind: 'OWNS' as const, percent: 99 },
      })),
    };
    const index = indexSnapshot(snapshot, undefined);
    const propagator = new RowPropagator(index, stakeComponents(index));
    const state = index.indexOf.get('state')!;
    const steps = propagator.propagateSteps([state], 0.01);
    let count = 0;
    let next = steps.next();
    while (!next.done) {
      count++;
      next = steps.next();
    }
    expect(count).toBeGreaterThanOrEqual(Math.floor(chain / STEP_ITEMS));
    expect(next.value.nodes.length).toBeGreaterThan(100);
    expect(next.value).toEqual(propagator.propagate([state], 0.01));
    expect(propagator.propagateBatch([[state]], 0.01)).toEqual([next.value]);
  });
});

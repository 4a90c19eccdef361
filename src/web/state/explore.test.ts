import { describe, expect, it } from 'vitest';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import {
  addNeighbourPage,
  addNeighbourPages,
  collapse,
  emptyExplore,
  hide,
  HISTORY_LIMIT,
  mergeSnapshots,
  openGraph,
  remainingNeighbours,
  showAll,
  togglePin,
  undo,
  visibleSnapshot,
} from './explore.ts';

const node = (key: string) => ({ key, attributes: { kind: 'Company' as const, name: key } });
const own = (source: string, target: string, percent = 50) => ({
  key: `own:${source}->${target}`,
  source,
  target,
  attributes: { kind: 'OWNS' as const, percent },
});
const snap = (nodes: string[], edges: ReturnType<typeof own>[], total?: number): OwnershipSnapshot => ({
  attributes: total === undefined ? {} : { total },
  nodes: nodes.map(node),
  edges,
});

const base = snap(['f', 'a'], [own('a', 'f')]);

describe('explore producers', () => {
  it('merges snapshots by node and edge key, first wins', () => {
    const merged = mergeSnapshots([base, snap(['a', 'b'], [own('b', 'a'), own('a', 'f', 99)])]);
    expect(merged.nodes.map((n) => n.key)).toEqual(['f', 'a', 'b']);
    expect(merged.edges.map((e) => e.key)).toEqual(['own:a->f', 'own:b->a']);
    expect(merged.edges[0]?.attributes.percent).toBe(50);
  });

  it('expands, shows more, collapses, and keeps nodes that the base also holds', () => {
    let state = openGraph(emptyExplore(), { type: 'trace', root: 'f' }, base);
    state = addNeighbourPage(state, 'a', snap(['a', 'b', 'c'], [own('b', 'a'), own('c', 'a')], 5));
    expect(remainingNeighbours(state, 'a')).toBe(3);
    state = addNeighbourPage(state, 'a', snap(['a', 'd'], [own('d', 'a')], 5));
    expect(remainingNeighbours(state, 'a')).toBe(2);
    expect(visibleSnapshot(state).nodes.map((n) => n.key)).toEqual(['f', 'a', 'b', 'c', 'd']);
    state = collapse(state, 'a');
    expect(visibleSnapshot(state).nodes.map((n) => n.key)).toEqual(['f', 'a']);
    expect(remainingNeighbours(state, 'a')).toBe(0);
  });

  it('adds several pages at once as one undo step, the same picture as page by page', () => {
    const start = openGraph(emptyExplore(), { type: 'trace', root: 'f' }, base);
    const pages = [
      snap(['a', 'b', 'c'], [own('b', 'a'), own('c', 'a')], 5),
      snap(['a', 'd', 'e'], [own('d', 'a'), own('e', 'a')], 5),
      snap(['a', 'g'], [own('g', 'a')], 5),
    ];
    const once = addNeighbourPages(start, 'a', pages);
    const oneByOne = pages.reduce((state, page) => addNeighbourPage(state, 'a', page), start);
    expect(visibleSnapshot(once)).toEqual(visibleSnapshot(oneByOne));
    expect(remainingNeighbours(once, 'a')).toBe(0);
    expect(once.past.length).toBe(start.past.length + 1);
    expect(undo(once)).toMatchObject({ expansions: [] });
    expect(addNeighbourPages(start, 'a', [])).toBe(start);
  });

  it('hides a node with its edges, and expanding a neighbour page brings it back', () => {
    let state = openGraph(emptyExplore(), { type: 'trace', root: 'f' }, base);
    state = hide(state, 'a');
    expect(visibleSnapshot(state)).toMatchObject({ nodes: [{ key: 'f' }], edges: [] });
    expect(hide(state, 'a')).toBe(state);
    state = addNeighbourPage(state, 'f', snap(['f', 'a'], [own('a', 'f')], 1));
    expect(state.hidden).toEqual([]);
    state = showAll(hide(state, 'f'));
    expect(state.hidden).toEqual([]);
  });

  it('undoes every change in order, down to the empty canvas', () => {
    let state = openGraph(emptyExplore(), { type: 'trace', root: 'f' }, base);
    state = togglePin(state, 'a');
    state = hide(state, 'f');
    expect(state.pinned).toEqual(['a']);
    state = undo(state);
    expect(state.hidden).toEqual([]);
    expect(state.pinned).toEqual(['a']);
    state = undo(state);
    expect(state.pinned).toEqual([]);
    state = undo(state);
    expect(state.base).toBeNull();
    expect(undo(state)).toBe(state);
  });

  it('keeps a bounded history', () => {
    let state = openGraph(emptyExplore(), { type: 'trace', root: 'f' }, base);
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) state = togglePin(state, 'a');
    expect(state.past.length).toBe(HISTORY_LIMIT);
  });
});

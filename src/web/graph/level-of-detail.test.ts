import { describe, expect, it } from 'vitest';
import {
  detailSettings,
  EDGE_LABEL_BUDGET,
  inView,
  graphDetail,
  isLargeGraph,
  LABEL_GRID_CELL,
  LARGE_LABEL_GRID_CELL,
  LARGE_GRAPH_EDGES,
  LARGE_GRAPH_NODES,
  showEdgeLabels,
} from './level-of-detail.ts';

describe('level of detail', () => {
  it.each([
    [40, 45, false],
    [LARGE_GRAPH_NODES, LARGE_GRAPH_NODES, false],
    [LARGE_GRAPH_NODES + 1, LARGE_GRAPH_NODES, true],
    [500, LARGE_GRAPH_EDGES + 1, true],
    [20_001, 20_000, true],
  ])('a picture of %i nodes and %i edges is large: %s', (order, size, large) => {
    expect(isLargeGraph(order, size)).toBe(large);
    expect(graphDetail(order, size)).toEqual({
      large,
      hideOnMove: large,
      curvedEdges: !large,
      thinEdges: large,
      ringsOnUnflagged: !large,
    });
  });

  it('counts the edges in view by the area the camera shows, never more than all of them', () => {
    expect(inView(20_000, 1)).toBe(20_000);
    expect(inView(20_000, 0.1)).toBeCloseTo(200);
    expect(inView(20_000, 4)).toBe(20_000);
  });

  it.each([
    // A normal trace keeps its percentages at any zoom.
    [30, 40, 1, true],
    [30, 40, 20, true],
    // A hub with 20,000 subsidiaries: none framed whole, some when zoomed in to a corner.
    [20_001, 20_000, 1, false],
    [20_001, 20_000, 0.5, false],
    [20_001, 20_000, 0.1, true],
    [20_001, 20_000, Math.sqrt(EDGE_LABEL_BUDGET / 20_000), true],
    [20_001, 20_000, Math.sqrt(EDGE_LABEL_BUDGET / 20_000) * 1.01, false],
  ])('%i nodes, %i edges at camera ratio %f: edge labels %s', (order, size, ratio, shown) => {
    expect(showEdgeLabels(order, size, ratio)).toBe(shown);
  });

  it('sets sigma to hide edges and labels while moving, and offer labels from small cells zoomed in, only for a large picture', () => {
    expect(detailSettings(30, 40, 1)).toEqual({
      hideEdgesOnMove: false,
      hideLabelsOnMove: false,
      renderEdgeLabels: true,
      labelGridCellSize: LABEL_GRID_CELL,
    });
    expect(detailSettings(5001, 5000, 1)).toEqual({
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      renderEdgeLabels: false,
      labelGridCellSize: LABEL_GRID_CELL,
    });
    expect(detailSettings(5001, 5000, 0.1)).toEqual({
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      renderEdgeLabels: true,
      labelGridCellSize: LARGE_LABEL_GRID_CELL,
    });
  });
});

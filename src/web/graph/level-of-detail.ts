/**
 * Level of detail: what the canvas leaves out when it shows thousands of nodes (a hub expanded with "Show all"),
 * so that it stays usable on a machine without a GPU. A normal trace (tens of nodes) is drawn in full; every
 * decision here is off below the thresholds.
 */

/** A picture with more nodes than this, or more edges than LARGE_GRAPH_EDGES, is drawn with less detail. */
export const LARGE_GRAPH_NODES = 1000;
export const LARGE_GRAPH_EDGES = 2000;
/** Edge labels (percentages) are drawn only when about this many edges or fewer are in view. */
export const EDGE_LABEL_BUDGET = 300;

/** What the status bar says about a large picture, so that nothing left out goes unexplained. */
export const LARGE_PICTURE_NOTE = 'large picture: edges and labels hide while moving; zoom in for percentages';

export interface GraphDetail {
  large: boolean;
  /** Edges, node labels and edge labels are left out while the camera moves (sigma's *OnMove settings). */
  hideOnMove: boolean;
  /** Parallel edges drawn as separate arcs (else all edges are straight). */
  curvedEdges: boolean;
  /** Edges drawn thin (else as thick as the share), so that thousands of them do not cover the nodes. */
  thinEdges: boolean;
  /** Nodes without flags get the ringed program (else a plain disc; flagged nodes always keep their rings). */
  ringsOnUnflagged: boolean;
}

export function isLargeGraph(order: number, size: number): boolean {
  return order > LARGE_GRAPH_NODES || size > LARGE_GRAPH_EDGES;
}

/** The level of detail of a picture of `order` nodes and `size` edges. */
export function graphDetail(order: number, size: number): GraphDetail {
  const large = isLargeGraph(order, size);
  return {
    large,
    hideOnMove: large,
    curvedEdges: !large,
    thinEdges: large,
    ringsOnUnflagged: !large,
  };
}

/**
 * About how many of `count` nodes or edges are in view: sigma frames the whole picture at camera ratio 1, and
 * zooming in to ratio r shows about r² of its area (assuming they spread evenly over it).
 */
export function inView(count: number, ratio: number): number {
  return count * Math.min(1, ratio * ratio);
}

/** Kind icons are drawn inside nodes only when at most this many nodes can be in view. */
export const ICON_BUDGET = 1500;

/** Edge labels are drawn for a small picture always, for a large one only when few edges are in view. */
export function showEdgeLabels(order: number, size: number, ratio: number, budget = EDGE_LABEL_BUDGET): boolean {
  return !isLargeGraph(order, size) || inView(size, ratio) <= budget;
}

/**
 * Sigma's label grid (pixels at camera ratio 1): each cell offers its first few nodes as label candidates, more as
 * one zooms in. With thousands of nodes a large cell holds hundreds, and zoomed in on part of one, its first
 * candidates may all be off screen: a large picture zoomed in (few edges in view) gets small cells, so the nodes
 * in view get their labels; framed whole it keeps the large cells and a few labels.
 */
export const LABEL_GRID_CELL = 120;
export const LARGE_LABEL_GRID_CELL = 24;

/** The sigma settings that carry the level of detail of a picture seen at camera ratio `ratio`. */
export function detailSettings(
  order: number,
  size: number,
  ratio: number,
): { hideEdgesOnMove: boolean; hideLabelsOnMove: boolean; renderEdgeLabels: boolean; labelGridCellSize: number } {
  const detail = graphDetail(order, size);
  const zoomedIn = showEdgeLabels(order, size, ratio);
  return {
    hideEdgesOnMove: detail.hideOnMove,
    hideLabelsOnMove: detail.hideOnMove,
    renderEdgeLabels: zoomedIn,
    labelGridCellSize: detail.large && zoomedIn ? LARGE_LABEL_GRID_CELL : LABEL_GRID_CELL,
  };
}

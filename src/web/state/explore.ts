/**
 * The exploration slice: what is on the canvas, as plain data (snapshots, never a graphology instance).
 * A base graph (a facility's upstream subgraph or a query's graph) plus the neighbour pages the investigator
 * expanded, minus what they hid; pinned nodes keep their place in the force layout. Every change is undoable.
 */
import type { OwnershipSnapshot, SnapshotEdge, SnapshotNode } from '../../domain/snapshot.ts';

export type GraphSource = { type: 'trace'; root: string } | { type: 'query'; title: string };

export interface Expansion {
  key: string;
  /** Neighbours loaded so far (the next page starts here). */
  loaded: number;
  /** Neighbours the node has in all. */
  total: number;
  snapshot: OwnershipSnapshot;
}

interface ExploreFrame {
  source: GraphSource | null;
  base: OwnershipSnapshot | null;
  expansions: Expansion[];
  hidden: string[];
  pinned: string[];
}

export interface ExploreState extends ExploreFrame {
  /** Earlier frames, most recent last (Ctrl+Z pops one). */
  past: ExploreFrame[];
}

export const HISTORY_LIMIT = 50;

export function emptyExplore(): ExploreState {
  return { source: null, base: null, expansions: [], hidden: [], pinned: [], past: [] };
}

function frame(state: ExploreState): ExploreFrame {
  const { source, base, expansions, hidden, pinned } = state;
  return { source, base, expansions, hidden, pinned };
}

function remember(state: ExploreState, next: Partial<ExploreFrame>): ExploreState {
  const past = [...state.past, frame(state)].slice(-HISTORY_LIMIT);
  return { ...state, ...next, past };
}

/** Opens a new base graph (a facility's trace or a query's result): expansions, hidden and pins start empty. */
export function openGraph(state: ExploreState, source: GraphSource, base: OwnershipSnapshot): ExploreState {
  return remember(state, { source, base, expansions: [], hidden: [], pinned: [] });
}

/** Replaces the base graph without a history entry (a reload of the same view, e.g. another as-of date). */
export function replaceBase(state: ExploreState, base: OwnershipSnapshot): ExploreState {
  return { ...state, base };
}

/** Merges snapshots: nodes by key (first wins), edges by key (or ends + kind when keyless). */
export function mergeSnapshots(parts: OwnershipSnapshot[]): OwnershipSnapshot {
  const nodes = new Map<string, SnapshotNode>();
  const edges = new Map<string, SnapshotEdge>();
  for (const part of parts) {
    for (const node of part.nodes) if (!nodes.has(node.key)) nodes.set(node.key, node);
    for (const edge of part.edges) {
      const key = edge.key ?? `${edge.attributes.kind}:${edge.source}->${edge.target}`;
      if (!edges.has(key)) edges.set(key, edge.key ? edge : { ...edge, key });
    }
  }
  return {
    attributes: {},
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes: [...nodes.values()],
    edges: [...edges.values()],
  };
}

/**
 * Adds a page of a node's neighbours. The first page creates the expansion; later pages ("show more") extend it.
 * `page.attributes.total` says how many neighbours exist in all.
 */
export function addNeighbourPage(state: ExploreState, key: string, page: OwnershipSnapshot): ExploreState {
  const total = Number(page.attributes?.total ?? page.nodes.length - 1);
  const pageCount = page.edges.length;
  const existing = state.expansions.find((e) => e.key === key);
  const expansion: Expansion = existing
    ? {
        key,
        total,
        loaded: existing.loaded + pageCount,
        snapshot: mergeSnapshots([existing.snapshot, page]),
      }
    : { key, total, loaded: pageCount, snapshot: page };
  const expansions = existing
    ? state.expansions.map((e) => (e.key === key ? expansion : e))
    : [...state.expansions, expansion];
  // Expanding a hidden neighbour brings it back.
  const shown = new Set(page.nodes.map((n) => n.key));
  return remember(state, { expansions, hidden: state.hidden.filter((h) => !shown.has(h)) });
}

/**
 * Adds several pages of a node's neighbours at once ("Show all"): one change and one undo step, however many
 * pages the server sent. The last page's `total` counts.
 */
export function addNeighbourPages(state: ExploreState, key: string, pages: OwnershipSnapshot[]): ExploreState {
  const last = pages[pages.length - 1];
  if (!last) return state;
  return addNeighbourPage(state, key, { ...mergeSnapshots(pages), attributes: { total: last.attributes?.total } });
}

/** Removes what expanding `key` added (nodes that the base or another expansion also holds stay). */
export function collapse(state: ExploreState, key: string): ExploreState {
  if (!state.expansions.some((e) => e.key === key)) return state;
  return remember(state, { expansions: state.expansions.filter((e) => e.key !== key) });
}

export function hide(state: ExploreState, key: string): ExploreState {
  if (state.hidden.includes(key)) return state;
  return remember(state, { hidden: [...state.hidden, key] });
}

export function showAll(state: ExploreState): ExploreState {
  if (state.hidden.length === 0) return state;
  return remember(state, { hidden: [] });
}

export function togglePin(state: ExploreState, key: string): ExploreState {
  const pinned = state.pinned.includes(key) ? state.pinned.filter((p) => p !== key) : [...state.pinned, key];
  return remember(state, { pinned });
}

export function undo(state: ExploreState): ExploreState {
  const previous = state.past[state.past.length - 1];
  if (!previous) return state;
  return { ...previous, past: state.past.slice(0, -1) };
}

/** What the canvas shows: base plus expansions, without hidden nodes and the edges that touch them. */
export function visibleSnapshot(state: Pick<ExploreState, 'base' | 'expansions' | 'hidden'>): OwnershipSnapshot {
  const merged = mergeSnapshots([...(state.base ? [state.base] : []), ...state.expansions.map((e) => e.snapshot)]);
  if (state.hidden.length === 0) return merged;
  const hidden = new Set(state.hidden);
  return {
    ...merged,
    nodes: merged.nodes.filter((n) => !hidden.has(n.key)),
    edges: merged.edges.filter((e) => !hidden.has(e.source) && !hidden.has(e.target)),
  };
}

/** Neighbours of `key` not loaded yet, or 0 when the node was never expanded. */
export function remainingNeighbours(state: ExploreState, key: string): number {
  const expansion = state.expansions.find((e) => e.key === key);
  return expansion ? Math.max(0, expansion.total - expansion.loaded) : 0;
}

/**
 * The wire shape of an ownership graph: graphology's SerializedGraph. The same JSON travels over HTTP, is what
 * fixtures/ stores, what `lookthrough analyze` reads and what the JSON export writes.
 */
import { MultiDirectedGraph } from 'graphology';
import type { EntityAttributes, OwnershipGraph, StakeAttributes } from './model.ts';

export interface SnapshotNode {
  key: string;
  attributes: EntityAttributes;
}

export interface SnapshotEdge {
  key?: string;
  source: string;
  target: string;
  attributes: StakeAttributes;
}

/** Metadata an export or an API answer records about what it holds. */
export interface SnapshotMeta {
  title?: string;
  description?: string;
  query?: string;
  params?: Record<string, unknown>;
  asOf?: string;
  exportedAt?: string;
  truncated?: boolean;
  [key: string]: unknown;
}

export interface OwnershipSnapshot {
  attributes?: SnapshotMeta;
  options?: { type?: string; multi?: boolean; allowSelfLoops?: boolean };
  nodes: SnapshotNode[];
  edges: SnapshotEdge[];
}

/**
 * Orders strings by UTF-16 code unit, as Cypher's ORDER BY does. Not `localeCompare`, which costs a collation per
 * comparison.
 */
export function byCodeUnit(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders snapshot nodes or edges by key (`byCodeUnit`): a trace lists them in this order whichever way it was read. */
export function byKey(a: { key?: string }, b: { key?: string }): number {
  return byCodeUnit(a.key ?? '', b.key ?? '');
}

/** Builds an ownership graph from a snapshot. Does not validate: see `validate-snapshot.ts` for untrusted input. */
export function fromSnapshot(snapshot: OwnershipSnapshot): OwnershipGraph {
  const graph: OwnershipGraph = new MultiDirectedGraph<EntityAttributes, StakeAttributes>({ allowSelfLoops: false });
  for (const node of snapshot.nodes) graph.addNode(node.key, { ...node.attributes });
  for (const edge of snapshot.edges) {
    if (edge.key !== undefined) graph.addEdgeWithKey(edge.key, edge.source, edge.target, { ...edge.attributes });
    else graph.addEdge(edge.source, edge.target, { ...edge.attributes });
  }
  return graph;
}

/** Serialises an ownership graph to a snapshot, keeping edge keys. */
export function toSnapshot(graph: OwnershipGraph, meta?: SnapshotMeta): OwnershipSnapshot {
  const nodes: SnapshotNode[] = graph.mapNodes((key, attributes) => ({ key, attributes: { ...attributes } }));
  const edges: SnapshotEdge[] = graph.mapEdges((key, attributes, source, target) => ({
    key,
    source,
    target,
    attributes: { ...attributes },
  }));
  return { attributes: meta ?? {}, options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes, edges };
}

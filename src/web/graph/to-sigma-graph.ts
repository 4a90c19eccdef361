/**
 * Builds the render graph (x, y, size, color, label) from a data snapshot: Gephi Lite's data/render split.
 * The data graph is never changed for display; hover and selection live in sigma reducers.
 */
import Graph from 'graphology';
import type { EntityAttributes, EntityKind, StakeAttributes, StakeKind } from '../../domain/model.ts';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { layeredLayout } from './layered-layout.ts';

export interface RenderNodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: EntityKind;
  layer: number;
}

export interface RenderEdgeAttributes {
  size: number;
  color: string;
  label: string;
  kind: StakeKind;
  type: 'arrow' | 'line';
}

export type RenderGraph = Graph<RenderNodeAttributes, RenderEdgeAttributes>;

/** Muted fills by kind; flags get strong rings elsewhere. */
export const KIND_COLORS: Record<EntityKind, string> = {
  Company: '#5b7fa6',
  Person: '#8a6fb0',
  Government: '#b5883e',
  Facility: '#3f8f6b',
  SensitiveSite: '#a34d4d',
};

const EDGE_COLORS: Record<StakeKind, string> = {
  OWNS: '#7b8794',
  CONTROLS: '#b5883e',
  OPERATES: '#3f8f6b',
  LINKED_TO: '#c3c9d0',
};

/** The share as investigators read it: `60%`, `25-50%`, with voting rights when they differ. */
export function stakeLabel(stake: StakeAttributes): string {
  const fmt = (n: number) => `${Number(n.toFixed(2))}%`;
  switch (stake.kind) {
    case 'OWNS': {
      const share =
        stake.percent !== undefined
          ? fmt(stake.percent)
          : stake.percentMin !== undefined || stake.percentMax !== undefined
            ? `${Number((stake.percentMin ?? 0).toFixed(2))}-${fmt(stake.percentMax ?? 100)}`
            : 'share ?';
      return stake.votingPercent !== undefined ? `${share} (votes ${fmt(stake.votingPercent)})` : share;
    }
    case 'CONTROLS':
      return stake.basis ? `controls: ${stake.basis}` : 'controls';
    case 'OPERATES':
      return 'operates';
    case 'LINKED_TO':
      return stake.basis ?? 'linked';
  }
}

function nodeSize(attributes: EntityAttributes): number {
  if (attributes.kind === 'Facility') return 12;
  if (attributes.kind === 'Government') return 11;
  if (attributes.kind === 'SensitiveSite') return 7;
  return 8;
}

export function toSigmaGraph(snapshot: OwnershipSnapshot): RenderGraph {
  const graph: RenderGraph = new Graph<RenderNodeAttributes, RenderEdgeAttributes>({ multi: true, type: 'directed' });
  const layoutEdges = snapshot.edges.filter((e) => e.attributes.kind !== 'LINKED_TO');
  const positions = layeredLayout(
    snapshot.nodes.map((n) => n.key),
    layoutEdges,
    { xGap: 3.2, yGap: 1.6 },
  );
  for (const node of snapshot.nodes) {
    const position = positions.get(node.key) ?? { x: 0, y: 0, layer: 0 };
    graph.addNode(node.key, {
      x: position.x,
      // sigma's y axis points up: owners (higher layers) are drawn above what they hold.
      y: position.y,
      size: nodeSize(node.attributes),
      color: KIND_COLORS[node.attributes.kind],
      label: node.attributes.name,
      kind: node.attributes.kind,
      layer: position.layer,
    });
  }
  snapshot.edges.forEach((edge, index) => {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) return;
    const share = edge.attributes.percent ?? edge.attributes.percentMin ?? 50;
    graph.addEdgeWithKey(edge.key ?? `e${index}`, edge.source, edge.target, {
      size: edge.attributes.kind === 'OWNS' ? 1 + (share / 100) * 4 : 1.5,
      color: EDGE_COLORS[edge.attributes.kind],
      label: stakeLabel(edge.attributes),
      kind: edge.attributes.kind,
      type: 'arrow',
    });
  });
  return graph;
}

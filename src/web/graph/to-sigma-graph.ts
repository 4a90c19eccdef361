/**
 * Builds the render graph (x, y, size, color, label, rings) from a data snapshot: Gephi Lite's data/render split.
 * The data graph is never changed for display; hover, selection and path highlighting live in sigma reducers.
 */
import Graph from 'graphology';
import type { Flag } from '../../domain/analysis/types.ts';
import type { EntityKind, StakeKind } from '../../domain/model.ts';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import type { FacilitySummary, SiteSummary } from '../api.ts';
import { EDGE_COLORS, KIND_COLORS, labelWidth, nodeSize, ringColors, stakeLabel } from './appearance.ts';
import { layeredLayout } from './layered-layout.ts';
import { graphDetail } from './level-of-detail.ts';

export { KIND_COLORS, stakeLabel } from './appearance.ts';

export interface RenderNodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: EntityKind;
  layer: number;
  /** 'plain': a disc without rings, for unflagged nodes of a large picture (level of detail). */
  type: 'ringed' | 'plain';
  /** Ring colours (outer, inner); transparent sizes are 0 when the node has fewer flags. */
  ring1: string;
  ring2: string;
  ring3: string;
  ring1Size: number;
  ring2Size: number;
  ring3Size: number;
  flags: Flag[];
  /** Force layout leaves it where it is. */
  fixed?: boolean;
  /** Map: proximity radius (km) drawn around the point. */
  radiusKm?: number;
  lat?: number;
  lon?: number;
  /** The node has neighbours not loaded yet ("show more"). */
  more?: number;
}

export interface RenderEdgeAttributes {
  size: number;
  color: string;
  label: string;
  kind: StakeKind;
  type: 'arrow' | 'curved';
  curvature: number;
}

export type RenderGraph = Graph<RenderNodeAttributes, RenderEdgeAttributes>;

export interface RenderOptions {
  /** Flags per node key (from the analysis). */
  flags?: Record<string, Flag[]>;
  pinned?: readonly string[];
  /** Positions to keep (pinned nodes, or the previous picture when a few nodes are added). */
  keep?: ReadonlyMap<string, { x: number; y: number }>;
  more?: Record<string, number>;
}

/** Layout units are pixels at zoom 1: label widths and gaps are measured in them. */
export const TREE_X_GAP = 34;
export const TREE_Y_GAP = 120;

function ringAttributes(flags: Flag[]) {
  const [ring1, ring2, ring3] = ringColors(flags);
  return {
    ring1: ring1 ?? '#ffffff',
    ring2: ring2 ?? '#ffffff',
    ring3: ring3 ?? '#ffffff',
    ring1Size: ring1 ? 0.16 : 0,
    ring2Size: ring2 ? 0.13 : 0,
    ring3Size: ring3 ? 0.12 : 0,
    flags,
  };
}

/** Parallel edges (OWNS + OPERATES between one pair, cross-holdings) become distinct arcs. */
export function assignCurvatures(graph: RenderGraph): void {
  const groups = new Map<string, string[]>();
  graph.forEachEdge((edge, _attributes, source, target) => {
    const pair = source < target ? `${source}\u0000${target}` : `${target}\u0000${source}`;
    const list = groups.get(pair);
    if (list) list.push(edge);
    else groups.set(pair, [edge]);
  });
  for (const [pair, edges] of groups) {
    if (edges.length < 2) continue;
    const low = pair.split('\u0000')[0];
    edges.forEach((edge, index) => {
      const offset = index - (edges.length - 1) / 2;
      const sign = graph.source(edge) === low ? 1 : -1;
      const curvature = 0.35 * offset * sign;
      graph.mergeEdgeAttributes(edge, { curvature, type: curvature === 0 ? 'arrow' : 'curved' });
    });
  }
}

export function toSigmaGraph(snapshot: OwnershipSnapshot, options: RenderOptions = {}): RenderGraph {
  const graph: RenderGraph = new Graph<RenderNodeAttributes, RenderEdgeAttributes>({ multi: true, type: 'directed' });
  const pinned = new Set(options.pinned ?? []);
  const detail = graphDetail(snapshot.nodes.length, snapshot.edges.length);
  const layoutEdges = snapshot.edges.filter((e) => e.attributes.kind !== 'LINKED_TO');
  const names = new Map(snapshot.nodes.map((n) => [n.key, n.attributes]));
  const positions = layeredLayout(
    snapshot.nodes.map((n) => n.key),
    layoutEdges,
    {
      xGap: TREE_X_GAP,
      yGap: TREE_Y_GAP,
      width: (key) => {
        const attributes = names.get(key);
        return attributes ? Math.max(labelWidth(attributes.name), nodeSize(attributes.kind) * 2) : 40;
      },
    },
  );
  for (const node of snapshot.nodes) {
    const position = positions.get(node.key) ?? { x: 0, y: 0, layer: 0 };
    const kept = options.keep?.get(node.key);
    const flags = options.flags?.[node.key] ?? [];
    const attributes: RenderNodeAttributes = {
      x: kept?.x ?? position.x,
      // sigma's y axis points up: owners (higher layers) are drawn above what they hold.
      y: kept?.y ?? position.y,
      size: nodeSize(node.attributes.kind),
      color: KIND_COLORS[node.attributes.kind],
      label: node.attributes.name,
      kind: node.attributes.kind,
      layer: position.layer,
      type: detail.ringsOnUnflagged || flags.length > 0 ? 'ringed' : 'plain',
      ...ringAttributes(flags),
    };
    if (pinned.has(node.key)) attributes.fixed = true;
    const more = options.more?.[node.key];
    if (more) attributes.more = more;
    graph.addNode(node.key, attributes);
  }
  snapshot.edges.forEach((edge, index) => {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) return;
    const share = edge.attributes.percent ?? edge.attributes.percentMin ?? 50;
    const key = edge.key ?? `e${index}`;
    if (graph.hasEdge(key)) return;
    graph.addEdgeWithKey(key, edge.source, edge.target, {
      size: detail.thinEdges
        ? 0.5
        : edge.attributes.kind === 'OWNS'
          ? 1 + (share / 100) * 3
          : edge.attributes.kind === 'LINKED_TO'
            ? 1
            : 1.5,
      color: EDGE_COLORS[edge.attributes.kind],
      label: stakeLabel(edge.attributes),
      kind: edge.attributes.kind,
      type: 'arrow',
      curvature: 0,
    });
  });
  if (detail.curvedEdges) assignCurvatures(graph);
  return graph;
}

/** Map scale: one degree is this many layout units (equirectangular projection, no tiles). */
export const MAP_SCALE = 10;

/** Equirectangular projection: x from longitude, y from latitude (sigma's y points up). */
export function project(lat: number, lon: number): { x: number; y: number } {
  return { x: lon * MAP_SCALE, y: lat * MAP_SCALE };
}

/** Facilities and sensitive sites placed by their coordinates; facilities carry the proximity radius. */
export function toMapGraph(
  facilities: FacilitySummary[],
  sites: SiteSummary[],
  flags: Record<string, Flag[]>,
  radiusKm: number,
): RenderGraph {
  const graph: RenderGraph = new Graph<RenderNodeAttributes, RenderEdgeAttributes>({ multi: true, type: 'directed' });
  for (const site of sites) {
    graph.addNode(site.key, {
      ...project(site.lat, site.lon),
      lat: site.lat,
      lon: site.lon,
      size: nodeSize('SensitiveSite'),
      color: KIND_COLORS.SensitiveSite,
      label: site.name,
      kind: 'SensitiveSite',
      layer: 0,
      type: 'ringed',
      ...ringAttributes([]),
      radiusKm,
    });
  }
  for (const facility of facilities) {
    if (facility.lat === undefined || facility.lon === undefined || graph.hasNode(facility.key)) continue;
    graph.addNode(facility.key, {
      ...project(facility.lat, facility.lon),
      lat: facility.lat,
      lon: facility.lon,
      size: nodeSize('Facility'),
      color: KIND_COLORS.Facility,
      label: facility.name,
      kind: 'Facility',
      layer: 0,
      type: 'ringed',
      ...ringAttributes(flags[facility.key] ?? []),
    });
  }
  return graph;
}

/**
 * Traces cut from the whole graph held in memory: the same answer as `upstreamSubgraph` (src/db) gives from
 * Neo4j, without a round trip. The server keeps the graph it loads for the whole-graph flags and uses it while it
 * matches the data fingerprint.
 */
import type { EntityAttributes, OwnershipGraph } from '../domain/model.ts';
import {
  byCodeUnit,
  byKey,
  fromSnapshot,
  type OwnershipSnapshot,
  type SnapshotEdge,
  type SnapshotNode,
} from '../domain/snapshot.ts';
import type { UpstreamOptions } from '../db/graph-repository.ts';

const CLIMBED = new Set(['OWNS', 'CONTROLS', 'OPERATES']);
/** Neo4j's point.distance on WGS-84 points: haversine on a sphere of this radius, in metres. */
const NEO4J_EARTH_RADIUS_M = 6_378_140;
const RAD = Math.PI / 180;

function neo4jDistanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return NEO4J_EARTH_RADIUS_M * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

export interface TraceProjection {
  /** The data fingerprint the graph was loaded at. */
  fingerprint: string;
  graph: OwnershipGraph;
  /** Sensitive sites with coordinates, for the proximity part of a trace. */
  sites: { key: string; lat: number; lon: number }[];
}

const node = (key: string, attributes: EntityAttributes): SnapshotNode => ({ key, attributes: { ...attributes } });

/**
 * A snapshot as a graph, built in slices with a turn of the event loop between them, so that requests are answered
 * while a large graph is built in the background. The graph takes the snapshot's attribute objects as they are (no
 * copies): neither the engine nor the traces change them.
 */
export async function graphFromSnapshot(snapshot: OwnershipSnapshot): Promise<OwnershipGraph> {
  const graph = fromSnapshot({ nodes: [], edges: [] });
  const slice = 10_000;
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < snapshot.nodes.length; i += slice) {
    for (const { key, attributes } of snapshot.nodes.slice(i, i + slice)) graph.addNode(key, attributes);
    await nextTurn();
  }
  for (let i = 0; i < snapshot.edges.length; i += slice) {
    for (const { key, source, target, attributes } of snapshot.edges.slice(i, i + slice)) {
      if (key === undefined) graph.addEdge(source, target, attributes);
      else graph.addEdgeWithKey(key, source, target, attributes);
    }
    await nextTurn();
  }
  return graph;
}

export function traceProjection(fingerprint: string, graph: OwnershipGraph): TraceProjection {
  const sites: TraceProjection['sites'] = [];
  graph.forEachNode((key, a) => {
    if (a.kind === 'SensitiveSite' && a.lat !== undefined && a.lon !== undefined)
      sites.push({ key, lat: a.lat, lon: a.lon });
  });
  return { fingerprint, graph, sites };
}

/**
 * `upstreamSubgraph` over the projection: breadth-first up OWNS, CONTROLS and OPERATES to `maxDepth` levels, the
 * nearest `maxNodes` entities (ties by key), the relationships into those closer than `maxDepth`, the sites within
 * `siteRadiusKm` of the facilities found, and the same `depth` and `truncated`. Null for an unknown key.
 */
export function upstreamFromProjection(
  projection: TraceProjection,
  rootKey: string,
  options: UpstreamOptions = {},
): OwnershipSnapshot | null {
  const { graph } = projection;
  const maxDepth = options.maxDepth ?? 25;
  const maxNodes = options.maxNodes ?? 10_000;
  const siteRadiusKm = options.siteRadiusKm ?? 160.9344;
  if (!graph.hasNode(rootKey)) return null;
  const distance = new Map<string, number>([[rootKey, 0]]);
  let frontier = [rootKey];
  for (let level = 1; frontier.length > 0 && level <= maxDepth; level++) {
    const next: string[] = [];
    for (const key of frontier) {
      graph.forEachInEdge(key, (_edge, attributes, source) => {
        if (CLIMBED.has(attributes.kind) && !distance.has(source)) {
          distance.set(source, level);
          next.push(source);
        }
      });
    }
    frontier = next;
  }
  const holders = [...distance.entries()]
    .filter(([key]) => key !== rootKey)
    .sort(([a, da], [b, db]) => da - db || byCodeUnit(a, b));
  const capped = holders.length >= maxNodes;
  const kept = new Map<string, number>([[rootKey, 0], ...holders.slice(0, maxNodes - 1)]);
  const nodes = [...kept.keys()].map((key) => node(key, graph.getNodeAttributes(key)));
  const edges: SnapshotEdge[] = [];
  let farthest = 0;
  for (const [key, d] of kept) {
    farthest = Math.max(farthest, d);
    if (d >= maxDepth) continue;
    graph.forEachInEdge(key, (edge, attributes, source, target) => {
      if (CLIMBED.has(attributes.kind) && kept.has(source))
        edges.push({ key: edge, source, target, attributes: { ...attributes } });
    });
  }
  const radiusM = siteRadiusKm * 1000;
  const near = new Set<string>();
  for (const { attributes: a } of nodes) {
    if (a.kind !== 'Facility' || a.lat === undefined || a.lon === undefined) continue;
    for (const site of projection.sites)
      if (neo4jDistanceM(site.lat, site.lon, a.lat, a.lon) <= radiusM) near.add(site.key);
  }
  for (const key of near) if (!kept.has(key)) nodes.push(node(key, graph.getNodeAttributes(key)));
  nodes.sort(byKey);
  return {
    attributes: {
      root: rootKey,
      depth: Math.min(maxDepth, farthest + 1),
      truncated: capped || farthest === maxDepth,
      maxNodes,
    },
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes,
    edges: edges.sort(byKey),
  };
}

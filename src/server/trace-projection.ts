/**
 * Traces cut from the whole graph held in memory: the same answer as `upstreamSubgraph` (src/db) gives from
 * Neo4j, without a round trip. The server keeps the graph it reads for the whole-graph flags and uses it while it
 * matches the data fingerprint, for traces, explanations and rankings under other options.
 */
import { SourceColumns } from '../domain/analysis/graph-index.ts';
import type { InEdgeVisitor, NumberedInEdgeVisitor, NumberedUpstreamSource } from '../domain/analysis/graph-index.ts';
import type { EntityAttributes } from '../domain/model.ts';
import { byCodeUnit, byKey, type OwnershipSnapshot, type SnapshotEdge, type SnapshotNode } from '../domain/snapshot.ts';
import type { UpstreamOptions } from '../db/graph-repository.ts';
import { STEP_ITEMS, type Steps } from '../domain/analysis/steps.ts';
import { SLICE_MS, runInSlices } from './slices.ts';

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

/** What a TraceProjection holds beside the snapshot (see its fields). */
interface Layout {
  indexOf: Map<string, number>;
  inStart: Int32Array;
  inEdges: Int32Array;
  sourceOf: Int32Array;
  climbed: Uint8Array;
  columns: SourceColumns;
  keyOf: string[];
  facilityLat: Float64Array;
  facilityLon: Float64Array;
  sites: { key: string; lat: number; lon: number }[];
}

/** The layout of a snapshot, in steps (steps.ts) of STEP_ITEMS nodes or edges. */
function* layoutSteps(snapshot: OwnershipSnapshot): Steps<Layout> {
  const { nodes, edges } = snapshot;
  const n = nodes.length;
  const m = edges.length;
  const indexOf = new Map<string, number>();
  for (let v = 0; v < n; v++) {
    if (v % STEP_ITEMS === STEP_ITEMS - 1) yield;
    indexOf.set(nodes[v]!.key, v);
  }
  const sourceOf = new Int32Array(m);
  const climbed = new Uint8Array(m);
  const targetOf = new Int32Array(m);
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (e % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const { source, target } = edges[e]!;
    const s = indexOf.get(source);
    const t = indexOf.get(target);
    if (s === undefined || t === undefined)
      throw new RangeError(`edge ${edges[e]!.key ?? e}: no node ${s === undefined ? source : target}`);
    sourceOf[e] = s;
    targetOf[e] = t;
    climbed[e] = CLIMBED.has(edges[e]!.attributes.kind) ? 1 : 0;
    inStart[t + 1]!++;
  }
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inEdges = new Int32Array(m);
  const fill = inStart.slice(0, n);
  for (let e = 0; e < m; e++) inEdges[fill[targetOf[e]!]!++] = e;
  yield;
  // By slot, so that the entries of one node's in-edges lie side by side.
  const columns = yield* SourceColumns.create(
    n,
    m,
    (v) => nodes[v]!.attributes,
    (slot) => edges[inEdges[slot]!]!.attributes,
  );
  const keyOf = new Array<string>(n);
  const facilityLat = new Float64Array(n).fill(NaN);
  const facilityLon = new Float64Array(n).fill(NaN);
  const sites: Layout['sites'] = [];
  for (let v = 0; v < n; v++) {
    if (v % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const { key, attributes: a } = nodes[v]!;
    keyOf[v] = key;
    if (a.lat === undefined || a.lon === undefined) continue;
    if (a.kind === 'SensitiveSite') sites.push({ key, lat: a.lat, lon: a.lon });
    if (a.kind === 'Facility') {
      facilityLat[v] = a.lat;
      facilityLon[v] = a.lon;
    }
  }
  return { indexOf, inStart, inEdges, sourceOf, climbed, columns, keyOf, facilityLat, facilityLon, sites };
}

/**
 * The whole graph as read for the engine (`analysisSnapshot`), held with an index of every node's in-edges:
 * compressed sparse rows over the snapshot's own lists, so holding it costs a few typed arrays and one map of keys
 * on top of the read, and building it is a pass over the lists rather than a graph built edge by edge. It answers
 * the lookups of one entity's analysis (NumberedUpstreamSource: by key, or by number) and the traces cut from it below.
 */
export class TraceProjection implements NumberedUpstreamSource {
  /** Sensitive sites with coordinates, for the proximity part of a trace. */
  private readonly sites: { key: string; lat: number; lon: number }[];
  /** Node index of each key. */
  private readonly indexOf: Map<string, number>;
  /** In-edges of node v: positions in snapshot.edges at inEdges[inStart[v] .. inStart[v + 1]). */
  private readonly inStart: Int32Array;
  private readonly inEdges: Int32Array;
  /** Node index of the source of each edge, by position in snapshot.edges. */
  private readonly sourceOf: Int32Array;
  /** 1 for the edges a trace climbs (OWNS, CONTROLS, OPERATES), by position. */
  private readonly climbed: Uint8Array;
  /** Node and edge keys by index and position: hot loops read these arrays, not objects of many shapes. */
  private readonly keyOf: string[];
  /** What the engine's index records of each node (by index) and edge (by in-edge slot: the order of inEdges). */
  readonly columns: SourceColumns;
  /** Facilities' coordinates by node index (NaN for other nodes and facilities without them). */
  private readonly facilityLat: Float64Array;
  private readonly facilityLon: Float64Array;
  /** Breadth-first scratch: a node is reached in the current trace when seen[v] === stamp. */
  private readonly seen: Int32Array;
  private readonly level: Int32Array;
  private stamp = 0;

  private constructor(
    /** The data fingerprint the graph was read at. */
    readonly fingerprint: string,
    /** The whole graph as read; neither the engine nor the traces change its objects. */
    readonly snapshot: OwnershipSnapshot,
    layout: Layout,
  ) {
    const n = snapshot.nodes.length;
    this.indexOf = layout.indexOf;
    this.inStart = layout.inStart;
    this.inEdges = layout.inEdges;
    this.sourceOf = layout.sourceOf;
    this.climbed = layout.climbed;
    this.columns = layout.columns;
    this.keyOf = layout.keyOf;
    this.facilityLat = layout.facilityLat;
    this.facilityLon = layout.facilityLon;
    this.sites = layout.sites;
    this.seen = new Int32Array(n);
    this.level = new Int32Array(n);
  }

  /**
   * The projection of a snapshot, built in slices (slices.ts) with turns of the event loop between them, so that
   * requests are answered while a large graph is indexed in the background (about three seconds of work at
   * 1,000,000 entities). Throws on an edge to a missing node. `sliceMs`, `signal`: see runInSlices.
   */
  static async build(
    fingerprint: string,
    snapshot: OwnershipSnapshot,
    sliceMs = SLICE_MS,
    signal?: AbortSignal,
  ): Promise<TraceProjection> {
    const layout = await runInSlices(layoutSteps(snapshot), sliceMs, undefined, signal);
    return new TraceProjection(fingerprint, snapshot, layout);
  }

  hasNode(key: string): boolean {
    return this.indexOf.has(key);
  }

  getNodeAttributes(key: string): EntityAttributes {
    const v = this.indexOf.get(key);
    if (v === undefined) throw new RangeError(`unknown entity "${key}"`);
    return this.snapshot.nodes[v]!.attributes;
  }

  forEachNode(visit: (key: string, attributes: EntityAttributes) => void): void {
    for (const { key, attributes } of this.snapshot.nodes) visit(key, attributes);
  }

  forEachInEdge(key: string, visit: InEdgeVisitor): void {
    const v = this.indexOf.get(key);
    if (v === undefined) throw new RangeError(`unknown entity "${key}"`);
    this.forEachInEdgeAt(v, (edge, attributes, _source, sourceKey, sourceAttributes) =>
      visit(edge, attributes, sourceKey, key, sourceAttributes),
    );
  }

  get nodeCount(): number {
    return this.keyOf.length;
  }

  numberOf(key: string): number | undefined {
    return this.indexOf.get(key);
  }

  forEachInEdgeAt(v: number, visit: NumberedInEdgeVisitor): void {
    const { nodes, edges } = this.snapshot;
    const { inStart, inEdges, sourceOf } = this;
    for (let i = inStart[v]!; i < inStart[v + 1]!; i++) {
      const e = inEdges[i]!;
      const edge = edges[e]!;
      const s = sourceOf[e]!;
      visit(edge.key!, edge.attributes, s, this.keyOf[s]!, nodes[s]!.attributes, i);
    }
  }

  /**
   * `upstreamSubgraph` over the projection: breadth-first up OWNS, CONTROLS and OPERATES to `maxDepth` levels, the
   * nearest `maxNodes` entities (ties by key), the relationships into those closer than `maxDepth`, the sites within
   * `siteRadiusKm` of the facilities found, and the same `depth` and `truncated`. Null for an unknown key. The
   * subgraph's nodes and edges are the snapshot's own objects, not copies, in key order as Neo4j's answer is sorted,
   * or with `order: 'none'` in the order they were found.
   */
  upstream(rootKey: string, options: UpstreamOptions = {}, order: 'key' | 'none' = 'key'): OwnershipSnapshot | null {
    const maxDepth = options.maxDepth ?? 25;
    const maxNodes = options.maxNodes ?? 10_000;
    const siteRadiusKm = options.siteRadiusKm ?? 160.9344;
    const root = this.indexOf.get(rootKey);
    if (root === undefined) return null;
    const { nodes: all, edges: allEdges } = this.snapshot;
    const { seen, level, inStart, inEdges, sourceOf, climbed, keyOf } = this;
    const stamp = this.nextStamp();
    seen[root] = stamp;
    level[root] = 0;
    // Breadth first: `reached` is in order of level.
    const reached = [root];
    for (let head = 0; head < reached.length; head++) {
      const v = reached[head]!;
      const d = level[v]!;
      if (d >= maxDepth) break;
      for (let i = inStart[v]!; i < inStart[v + 1]!; i++) {
        const e = inEdges[i]!;
        const s = sourceOf[e]!;
        if (seen[s] === stamp || climbed[e] === 0) continue;
        seen[s] = stamp;
        level[s] = d + 1;
        reached.push(s);
      }
    }
    const byNodeKey = (a: number, b: number) => byCodeUnit(keyOf[a]!, keyOf[b]!);
    const capped = reached.length > maxNodes;
    // Over the cap the nearest holders are kept, ties by key; under it, all of them (no sort needed).
    const kept = capped
      ? [
          root,
          ...reached
            .slice(1)
            .sort((a, b) => level[a]! - level[b]! || byNodeKey(a, b))
            .slice(0, maxNodes - 1),
        ]
      : reached;
    // Only the kept nodes stay marked as reached.
    const keptStamp = this.nextStamp();
    for (const v of kept) seen[v] = keptStamp;
    const edgeList: number[] = [];
    let farthest = 0;
    for (const v of kept) {
      const d = level[v]!;
      farthest = Math.max(farthest, d);
      if (d >= maxDepth) continue;
      for (let i = inStart[v]!; i < inStart[v + 1]!; i++) {
        const e = inEdges[i]!;
        if (seen[sourceOf[e]!] === keptStamp && climbed[e] === 1) edgeList.push(e);
      }
    }
    const radiusM = siteRadiusKm * 1000;
    const near = new Set<string>();
    for (const v of kept) {
      const lat = this.facilityLat[v]!;
      const lon = this.facilityLon[v]!;
      if (Number.isNaN(lat) || Number.isNaN(lon)) continue;
      for (const site of this.sites) if (neo4jDistanceM(site.lat, site.lon, lat, lon) <= radiusM) near.add(site.key);
    }
    const nodeList = kept.slice();
    for (const key of near) {
      const v = this.indexOf.get(key)!;
      if (seen[v] !== keptStamp) nodeList.push(v);
    }
    const nodes: SnapshotNode[] = nodeList.map((v) => all[v]!);
    const edges: SnapshotEdge[] = edgeList.map((e) => allEdges[e]!);
    // Sorting is most of a cut's time (string comparisons); an explanation, which does not list them, goes without.
    if (order === 'key') {
      nodes.sort(byKey);
      edges.sort(byKey);
    }
    return {
      attributes: {
        root: rootKey,
        depth: Math.min(maxDepth, farthest + 1),
        truncated: capped || farthest === maxDepth,
        maxNodes,
      },
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      nodes,
      edges,
    };
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

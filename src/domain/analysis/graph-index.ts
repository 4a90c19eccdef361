/**
 * A compact, read-only index of an ownership graph as of one date: integer node indices, typed arrays for the edge
 * data and compressed sparse rows (CSR) for out- and in-edges. The algorithms run on it instead of on graphology
 * so that hot loops touch no strings, closures or per-edge objects; a graph of a million entities and two million
 * stakes is indexed once per analysis.
 *
 * Only edges that count at the date are indexed: OWNS, CONTROLS and OPERATES valid on `asOf` (from inclusive,
 * to exclusive). LINKED_TO records an association without a share: shown to the investigator, never counted.
 */
import type { EntityAttributes, OwnershipGraph, StakeAttributes } from '../model.ts';
import type { OwnershipSnapshot } from '../snapshot.ts';
import { Arena, analysisBytes } from './arena.ts';
import { activeOn, listingActive } from './dates.ts';
import { applyOperatorRule } from './facilities.ts';
import type { Steps } from './steps.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';
import {
  AUTHORITY_BITS,
  EDGE_CONTROLS,
  EDGE_OPERATES,
  EDGE_OWNS,
  GOV_BODY,
  GOV_NONE,
  GOV_STATE,
  NODE_FACILITY,
  NODE_KIND_CODES,
  NODE_SITE,
  NODE_UNKNOWN,
  SHARE_BANDED,
  SHARE_EXACT,
  SHARE_NONE,
  SHARE_UNKNOWN,
} from './graph-codes.ts';

export interface GraphIndex {
  /** The date the index was built for (undefined: every edge and listing counts). */
  readonly asOf: string | undefined;
  /** Number of nodes and of indexed edges. */
  readonly n: number;
  readonly m: number;
  readonly keys: readonly string[];
  /** Node key -> index. */
  readonly indexOf: KeyLookup;
  /** The graph's attributes of each node (shared with the graph, not copied: read only). */
  readonly attributes: readonly EntityAttributes[];
  /** Node kind (NODE_*), government type (GOV_*), authorities listing the node at the date (AUTHORITY_BITS). */
  readonly kind: Uint8Array;
  readonly govType: Uint8Array;
  readonly listed: Uint8Array;
  /** Coordinates of facilities and sensitive sites (NaN otherwise or when unknown). */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly edgeKeys: readonly string[];
  /** The graph's attributes of each indexed edge (shared, not copied: read only). */
  readonly edgeAttributes: readonly StakeAttributes[];
  readonly src: Int32Array;
  readonly tgt: Int32Array;
  /** EDGE_OWNS, EDGE_CONTROLS or EDGE_OPERATES. */
  readonly edgeKind: Uint8Array;
  /** SHARE_*: whether and how the edge is an ownership stake. */
  readonly share: Uint8Array;
  /** Equity share in percent: equal for exact shares, the band for banded ones, 0 when not a stake. */
  readonly pMin: Float64Array;
  readonly pMax: Float64Array;
  /** Voting share in percent, NaN when not recorded. */
  readonly vote: Float64Array;
  /** Joint arrangement id (index into jointNames), -1 when none. */
  readonly joint: Int32Array;
  readonly jointNames: readonly string[];
  /** Out-edges of node v: outEdges[outStart[v] .. outStart[v+1]); in-edges likewise. */
  readonly outStart: Int32Array;
  readonly outEdges: Int32Array;
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  /** Per node: operators counted as 100 percent owners because the facility has no recorded owner. */
  readonly operatorOwners: Int32Array;
  /** Where the analyses of this index allocate their typed arrays (see arena.ts). */
  readonly arena: Arena;
}

/** Node key -> node index. */
export interface KeyLookup {
  get(key: string): number | undefined;
}

/**
 * Node key -> index for a whole graph: an open-addressing hash table of node indices in a typed array (FNV-1a
 * string hash, linear probing). Unlike a Map of a million entries it puts no pointers on the JavaScript heap, so it
 * is not slowed by (nor does it trigger) the garbage collector's marking of a large heap. Each slot holds the key's
 * hash beside its index, and a key is compared only where the hashes match: comparing reads the slot's key from
 * the heap, a cache miss for each slot probed in a table of a million keys.
 */
class KeyTable implements KeyLookup {
  /** Per slot: node index (-1: empty) at 2p, the key's hash at 2p + 1. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly keys: readonly string[],
    capacity: number,
    arena: Arena,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.slots = arena.i32(size * 2).fill(-1);
  }

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h | 0;
  }

  /** Adds a key known not to be in the table yet (graph keys are unique). */
  add(key: string, index: number): void {
    const h = KeyTable.hash(key);
    let p = h & this.mask;
    while (this.slots[2 * p] !== -1) p = (p + 1) & this.mask;
    this.slots[2 * p] = index;
    this.slots[2 * p + 1] = h;
  }

  get(key: string): number | undefined {
    const h = KeyTable.hash(key);
    let p = h & this.mask;
    for (;;) {
      const i = this.slots[2 * p]!;
      if (i === -1) return undefined;
      if (this.slots[2 * p + 1] === h && this.keys[i] === key) return i;
      p = (p + 1) & this.mask;
    }
  }
}

function growU8(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
function growI32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
function growF64(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/** Key -> index over `keys` (complete when first asked), for an index built without a map of its keys. */
function lazyKeyLookup(keys: readonly string[]): KeyLookup {
  let map: Map<string, number> | null = null;
  return {
    get(key: string): number | undefined {
      if (map === null) {
        map = new Map();
        for (let i = 0; i < keys.length; i++) map.set(keys[i]!, i);
      }
      return map.get(key);
    },
  };
}

/** Whether an edge is counted at the date: a known counted kind, valid on asOf. */
export function edgeCounts(attributes: StakeAttributes, asOf: string | undefined): boolean {
  const kind = attributes.kind;
  if (kind !== 'OWNS' && kind !== 'CONTROLS' && kind !== 'OPERATES') return false;
  return activeOn(asOf, attributes.from, attributes.to);
}

/** Authorities listing a node at the date (AUTHORITY_BITS). */
function listedAt(attributes: EntityAttributes, asOf: string | undefined): number {
  let listed = 0;
  const sanctions = attributes.sanctions;
  if (sanctions !== undefined) {
    for (const listing of sanctions) {
      if (listingActive(listing, asOf)) listed |= AUTHORITY_BITS[listing.authority] ?? 0;
    }
  }
  return listed;
}

/** Numbers by position: a typed array, or an array of doubles on the JavaScript heap (SourceColumns). */
type NumberColumn = Float64Array | number[];

/** Per-node arrays that do not depend on the date. */
interface NodeColumns {
  kind: Uint8Array;
  govType: Uint8Array;
  lat: NumberColumn;
  lon: NumberColumn;
}

/** Kind, government type and coordinates (facilities and sites) of node i. */
function writeNode(c: NodeColumns, i: number, attributes: EntityAttributes): void {
  const code = NODE_KIND_CODES[attributes.kind] ?? NODE_UNKNOWN;
  c.kind[i] = code;
  c.govType[i] =
    attributes.kind === 'Government' ? (attributes.governmentType === 'stateBody' ? GOV_BODY : GOV_STATE) : GOV_NONE;
  const placed = code === NODE_FACILITY || code === NODE_SITE;
  c.lat[i] = placed && typeof attributes.lat === 'number' ? attributes.lat : NaN;
  c.lon[i] = placed && typeof attributes.lon === 'number' ? attributes.lon : NaN;
}

/** Per-edge arrays of a counted edge that do not depend on the date. */
interface StakeColumns {
  edgeKind: Uint8Array;
  share: Uint8Array;
  pMin: NumberColumn;
  pMax: NumberColumn;
  vote: NumberColumn;
}

/** Kind, share (how known, lower and upper percent) and vote of edge e, an OWNS, CONTROLS or OPERATES edge. */
function writeStake(c: StakeColumns, e: number, attributes: StakeAttributes): void {
  const kind = attributes.kind;
  let share = SHARE_NONE;
  let low = 0;
  let high = 0;
  if (kind === 'OWNS') {
    c.edgeKind[e] = EDGE_OWNS;
    const percent = attributes.percent;
    if (typeof percent === 'number') {
      share = SHARE_EXACT;
      low = high = Math.max(0, percent);
    } else if (attributes.percentMin !== undefined || attributes.percentMax !== undefined) {
      low = Math.max(0, attributes.percentMin ?? 0);
      high = Math.max(low, attributes.percentMax ?? 100);
      share = low === high ? SHARE_EXACT : SHARE_BANDED;
    } else {
      share = SHARE_UNKNOWN;
      high = 100;
    }
  } else {
    c.edgeKind[e] = kind === 'CONTROLS' ? EDGE_CONTROLS : EDGE_OPERATES;
  }
  c.share[e] = share;
  c.pMin[e] = low;
  c.pMax[e] = high;
  c.vote[e] = typeof attributes.votingPercent === 'number' ? attributes.votingPercent : NaN;
}

/** SourceColumns.flags: the edge is OWNS, CONTROLS or OPERATES. */
const COUNTED = 1;
/** SourceColumns.flags: a bound is not a plain date (YYYY-MM-DD...): compared as text, as activeOn does. */
const DATES_AS_TEXT = 2;
/** SourceColumns.flags: the edge names a joint arrangement. */
const JOINT = 4;

/** Where YYYY-MM-DD has its digits. */
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * A date bound as the number YYYYMMDD when its first ten characters are a plain date (digits and dashes at their
 * places): such prefixes compare as text exactly as these numbers do, so activeOn's comparison with a valid asOf
 * can be made on numbers. 0 for no bound, -1 for any other text.
 */
function dayNumber(text: string | undefined): number {
  if (text === undefined) return 0;
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  let day = 0;
  for (const i of DATE_DIGITS) {
    if (!isDigit(text, i)) return -1;
    day = day * 10 + text.charCodeAt(i) - 48;
  }
  return day;
}

/**
 * What an index records of every node and edge of a graph, computed once by a source that holds the whole graph
 * (the server's projection) rather than read from each node's and edge's attributes by every explanation: those
 * reads, an object of its own for each of hundreds of edges scattered over a large heap, were half of the time of
 * indexing an upstream. Nodes by number, edges by the source's own order (its `slot`s). Only what depends on the
 * date is left to the index: listings (nodes flagged `sanctioned`) and validity (edge bounds as YYYYMMDD).
 */
export class SourceColumns implements NodeColumns, StakeColumns {
  readonly kind: Uint8Array;
  readonly govType: Uint8Array;
  readonly lat: number[];
  readonly lon: number[];
  /** 1 when the node has listings. */
  readonly sanctioned: Uint8Array;
  readonly edgeKind: Uint8Array;
  readonly share: Uint8Array;
  readonly pMin: number[];
  readonly pMax: number[];
  readonly vote: number[];
  /** COUNTED, DATES_AS_TEXT, JOINT. */
  readonly flags: Uint8Array;
  /** Validity bounds (dayNumber): from inclusive, to exclusive. */
  readonly from: number[];
  readonly to: number[];

  /**
   * The columns of n nodes and m edges, given their attributes by node number and by slot. The numbers are arrays
   * of doubles on the JavaScript heap (which the collector does not scan), not typed arrays: 40 bytes per edge of
   * typed arrays, or one buffer that size, count as external memory, which V8 answered with a collection of the
   * whole heap (the projection of a million entities took twice as long to build). In steps (steps.ts), one per
   * STEP_ITEMS nodes or edges.
   */
  static *create(
    n: number,
    m: number,
    nodeAttributes: (v: number) => EntityAttributes,
    edgeAttributes: (slot: number) => StakeAttributes,
  ): Steps<SourceColumns> {
    const columns = new SourceColumns(n, m);
    for (let v = 0; v < n; v++) {
      if (v % STEP_ITEMS === STEP_ITEMS - 1) yield;
      const a = nodeAttributes(v);
      writeNode(columns, v, a);
      if (a.sanctions !== undefined) columns.sanctioned[v] = 1;
    }
    for (let e = 0; e < m; e++) {
      if (e % STEP_ITEMS === STEP_ITEMS - 1) yield;
      columns.writeEdge(e, edgeAttributes(e));
    }
    return columns;
  }

  /** Empty columns: `create` fills them. */
  private constructor(n: number, m: number) {
    // NaN, not 0: an array filled with a double holds doubles from the start (entries of edges not counted stay so).
    const doubles = (length: number): number[] => new Array<number>(length).fill(NaN);
    this.kind = new Uint8Array(n);
    this.govType = new Uint8Array(n);
    this.lat = doubles(n);
    this.lon = doubles(n);
    this.sanctioned = new Uint8Array(n);
    this.edgeKind = new Uint8Array(m);
    this.share = new Uint8Array(m);
    this.pMin = doubles(m);
    this.pMax = doubles(m);
    this.vote = doubles(m);
    this.flags = new Uint8Array(m);
    this.from = doubles(m);
    this.to = doubles(m);
  }

  private writeEdge(e: number, a: StakeAttributes): void {
    if (a.kind !== 'OWNS' && a.kind !== 'CONTROLS' && a.kind !== 'OPERATES') return;
    writeStake(this, e, a);
    this.from[e] = dayNumber(a.from);
    this.to[e] = dayNumber(a.to);
    const asText = this.from[e] === -1 || this.to[e] === -1;
    const joint = a.jointArrangement !== undefined && a.jointArrangement !== '';
    this.flags[e] = COUNTED | (asText ? DATES_AS_TEXT : 0) | (joint ? JOINT : 0);
  }

  /** edgeCounts for the edge at `slot` (its attributes read only when its bounds are not plain dates). */
  countsAt(slot: number, attributes: StakeAttributes, asOf: string | undefined, asOfDay: number): boolean {
    const flags = this.flags[slot]!;
    if ((flags & COUNTED) === 0) return false;
    if (asOf === undefined) return true;
    if ((flags & DATES_AS_TEXT) !== 0) return activeOn(asOf, attributes.from, attributes.to);
    const from = this.from[slot]!;
    const to = this.to[slot]!;
    return !(from !== 0 && from > asOfDay) && !(to !== 0 && to <= asOfDay);
  }
}

/** Collects nodes and edges, then lays them out as CSR. */
class IndexBuilder {
  n = 0;
  m = 0;
  readonly keys: string[];
  readonly attributes: EntityAttributes[];
  readonly edgeKeys: string[];
  readonly edgeAttributes: StakeAttributes[];
  /**
   * Whole graph: a typed-array hash table; upstream subgraph (small, grows): a Map, or none when the source tells
   * nodes apart by number (indexUpstream), the lookup then made from the keys if anyone asks.
   */
  private readonly table: KeyTable | null;
  private readonly map: Map<string, number> | null;
  readonly indexOf: KeyLookup;
  readonly jointNames: string[] = [];
  private readonly jointIds = new Map<string, number>();
  kind: Uint8Array;
  govType: Uint8Array;
  listed: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
  src: Int32Array;
  tgt: Int32Array;
  edgeKind: Uint8Array;
  share: Uint8Array;
  pMin: Float64Array;
  pMax: Float64Array;
  vote: Float64Array;
  joint: Int32Array;

  /**
   * @param arena when given, capacities are exact (the whole graph) and arrays come from the arena; otherwise
   *   arrays grow as needed (an upstream subgraph of unknown size) and an arena is made at the end.
   * @param keyMap without an arena: whether addNode keeps a map of keys (false: the caller finds nodes otherwise).
   */
  constructor(
    readonly asOf: string | undefined,
    nodeCapacity: number,
    edgeCapacity: number,
    private readonly arena: Arena | null,
    keyMap = true,
  ) {
    const nc = Math.max(1, nodeCapacity);
    const ec = Math.max(1, edgeCapacity);
    const a = arena;
    // With exact capacities the pointer arrays are allocated once (no growth copies on a large heap).
    this.keys = a ? new Array<string>(nc) : [];
    this.attributes = a ? new Array<EntityAttributes>(nc) : [];
    this.edgeKeys = a ? new Array<string>(ec) : [];
    this.edgeAttributes = a ? new Array<StakeAttributes>(ec) : [];
    this.table = a ? new KeyTable(this.keys, nc, a) : null;
    this.map = a || !keyMap ? null : new Map<string, number>();
    this.indexOf = this.table ?? this.map ?? lazyKeyLookup(this.keys);
    this.kind = a ? a.u8(nc) : new Uint8Array(nc);
    this.govType = a ? a.u8(nc) : new Uint8Array(nc);
    this.listed = a ? a.u8(nc) : new Uint8Array(nc);
    this.lat = a ? a.f64(nc) : new Float64Array(nc);
    this.lon = a ? a.f64(nc) : new Float64Array(nc);
    this.src = a ? a.i32(ec) : new Int32Array(ec);
    this.tgt = a ? a.i32(ec) : new Int32Array(ec);
    this.edgeKind = a ? a.u8(ec) : new Uint8Array(ec);
    this.share = a ? a.u8(ec) : new Uint8Array(ec);
    this.pMin = a ? a.f64(ec) : new Float64Array(ec);
    this.pMax = a ? a.f64(ec) : new Float64Array(ec);
    this.vote = a ? a.f64(ec) : new Float64Array(ec);
    this.joint = a ? a.i32(ec) : new Int32Array(ec);
  }

  /** The index of a new node, the per-node arrays grown when full. */
  private nextNode(key: string, attributes: EntityAttributes): number {
    const i = this.n;
    if (i === this.kind.length) {
      const size = i * 2;
      this.kind = growU8(this.kind, size);
      this.govType = growU8(this.govType, size);
      this.listed = growU8(this.listed, size);
      this.lat = growF64(this.lat, size);
      this.lon = growF64(this.lon, size);
    }
    this.n = i + 1;
    this.keys[i] = key;
    this.attributes[i] = attributes;
    if (this.table !== null) this.table.add(key, i);
    else this.map?.set(key, i);
    return i;
  }

  addNode(key: string, attributes: EntityAttributes): number {
    const i = this.nextNode(key, attributes);
    writeNode(this, i, attributes);
    this.listed[i] = listedAt(attributes, this.asOf);
    return i;
  }

  /** addNode for node v of a source that computed its columns (SourceColumns): the same entries, copied. */
  addNodeFrom(key: string, attributes: EntityAttributes, columns: SourceColumns, v: number): number {
    const i = this.nextNode(key, attributes);
    this.kind[i] = columns.kind[v]!;
    this.govType[i] = columns.govType[v]!;
    this.lat[i] = columns.lat[v]!;
    this.lon[i] = columns.lon[v]!;
    this.listed[i] = columns.sanctioned[v] === 1 ? listedAt(attributes, this.asOf) : 0;
    return i;
  }

  /** The index of a new edge from s to t, the per-edge arrays grown when full. */
  private nextEdge(key: string, attributes: StakeAttributes, s: number, t: number): number {
    const e = this.m;
    if (e === this.src.length) {
      const size = e * 2;
      this.src = growI32(this.src, size);
      this.tgt = growI32(this.tgt, size);
      this.edgeKind = growU8(this.edgeKind, size);
      this.share = growU8(this.share, size);
      this.pMin = growF64(this.pMin, size);
      this.pMax = growF64(this.pMax, size);
      this.vote = growF64(this.vote, size);
      this.joint = growI32(this.joint, size);
    }
    this.m = e + 1;
    this.edgeKeys[e] = key;
    this.edgeAttributes[e] = attributes;
    this.src[e] = s;
    this.tgt[e] = t;
    return e;
  }

  /** Adds an edge that counts at the date (the caller checked `edgeCounts`). */
  addEdge(key: string, attributes: StakeAttributes, s: number, t: number): void {
    const e = this.nextEdge(key, attributes, s, t);
    writeStake(this, e, attributes);
    this.joint[e] = this.jointId(attributes.jointArrangement);
  }

  /** addEdge for the edge at `slot` of a source that computed its columns (the caller checked `countsAt`). */
  addEdgeFrom(key: string, attributes: StakeAttributes, s: number, t: number, columns: SourceColumns, slot: number) {
    const e = this.nextEdge(key, attributes, s, t);
    this.edgeKind[e] = columns.edgeKind[slot]!;
    this.share[e] = columns.share[slot]!;
    this.pMin[e] = columns.pMin[slot]!;
    this.pMax[e] = columns.pMax[slot]!;
    this.vote[e] = columns.vote[slot]!;
    this.joint[e] = (columns.flags[slot]! & JOINT) !== 0 ? this.jointId(attributes.jointArrangement) : -1;
  }

  /** The id of a joint arrangement (-1: none), numbered in order of appearance. */
  private jointId(arrangement: string | undefined): number {
    if (arrangement === undefined || arrangement === '') return -1;
    let id = this.jointIds.get(arrangement);
    if (id === undefined) {
      id = this.jointNames.length;
      this.jointNames.push(arrangement);
      this.jointIds.set(arrangement, id);
    }
    return id;
  }

  finish(): GraphIndex {
    const n = this.n;
    const m = this.m;
    this.keys.length = n;
    this.attributes.length = n;
    this.edgeKeys.length = m;
    this.edgeAttributes.length = m;
    const kind = this.kind.subarray(0, n);
    const src = this.src.subarray(0, m);
    const tgt = this.tgt.subarray(0, m);
    const edgeKind = this.edgeKind.subarray(0, m);
    const share = this.share.subarray(0, m);
    const pMin = this.pMin.subarray(0, m);
    const pMax = this.pMax.subarray(0, m);
    const arena = this.arena ?? new Arena(analysisBytes(n, m));
    const operatorOwners = applyOperatorRule(
      { n, m, kind, edgeKind, edgeKeys: this.edgeKeys, src, tgt, share, pMin, pMax },
      arena,
    );
    const [outStart, outEdges] = csr(n, m, src, arena);
    const [inStart, inEdges] = csr(n, m, tgt, arena);
    return {
      asOf: this.asOf,
      n,
      m,
      keys: this.keys,
      indexOf: this.indexOf,
      attributes: this.attributes,
      kind,
      govType: this.govType.subarray(0, n),
      listed: this.listed.subarray(0, n),
      lat: this.lat.subarray(0, n),
      lon: this.lon.subarray(0, n),
      edgeKeys: this.edgeKeys,
      edgeAttributes: this.edgeAttributes,
      src,
      tgt,
      edgeKind,
      share,
      pMin,
      pMax,
      vote: this.vote.subarray(0, m),
      joint: this.joint.subarray(0, m),
      jointNames: this.jointNames,
      outStart,
      outEdges,
      inStart,
      inEdges,
      operatorOwners,
      arena,
    };
  }
}

/** Counting sort of edge ids by `end` (source or target): start offsets (n+1) and the edge ids. */
function csr(n: number, m: number, end: Int32Array, arena: Arena): [Int32Array, Int32Array] {
  const start = arena.i32(n + 1);
  const edges = arena.i32(m);
  for (let e = 0; e < m; e++) start[end[e]! + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const mark = arena.mark();
  const fill = arena.i32(n);
  fill.set(start.subarray(0, n));
  for (let e = 0; e < m; e++) edges[fill[end[e]!]!++] = e;
  arena.release(mark);
  return [start, edges];
}

/**
 * Indexes the whole graph as of `asOf`: every node, and every OWNS / CONTROLS / OPERATES edge valid on that date.
 * Without `asOf`, dates are ignored (every edge and listing counts).
 */
export function indexGraph(graph: OwnershipGraph, asOf: string | undefined, reuse = false): GraphIndex {
  const arena = new Arena(analysisBytes(graph.order, graph.size), reuse);
  const builder = new IndexBuilder(asOf, graph.order, graph.size, arena);
  graph.forEachNode((key, attributes) => {
    builder.addNode(key, attributes);
  });
  const indexOf = builder.indexOf;
  graph.forEachEdge((key, attributes, source, target) => {
    if (!edgeCounts(attributes, asOf)) return;
    builder.addEdge(key, attributes, indexOf.get(source)!, indexOf.get(target)!);
  });
  return builder.finish();
}

/**
 * Indexes a snapshot as of `asOf` without building a graphology graph first (what `fromSnapshot` then `indexGraph`
 * would give, for large files read by the CLI). Expects a validated snapshot (validate-snapshot.ts): throws on an
 * edge to a missing node. Edges without a key are keyed `#<position in snapshot.edges>`.
 */
export function indexSnapshot(snapshot: OwnershipSnapshot, asOf: string | undefined, reuse = false): GraphIndex {
  return runSteps(indexSnapshotSteps(snapshot, asOf, reuse));
}

/** indexSnapshot in steps (steps.ts), one per STEP_ITEMS nodes or edges and one for the finish. */
export function* indexSnapshotSteps(
  snapshot: OwnershipSnapshot,
  asOf: string | undefined,
  reuse = false,
): Steps<GraphIndex> {
  const { nodes, edges } = snapshot;
  const arena = new Arena(analysisBytes(nodes.length, edges.length), reuse);
  // The index owns the arena once built (its analysis disposes of it); until then, an error (an edge to a missing
  // node) or steps left undone hand the shared buffer back here, or no later analysis could take it.
  let built = false;
  try {
    const builder = new IndexBuilder(asOf, nodes.length, edges.length, arena);
    for (let i = 0; i < nodes.length; i++) {
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
      const node = nodes[i]!;
      builder.addNode(node.key, node.attributes);
    }
    const indexOf = builder.indexOf;
    for (let i = 0; i < edges.length; i++) {
      if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
      const edge = edges[i]!;
      if (!edgeCounts(edge.attributes, asOf)) continue;
      const s = indexOf.get(edge.source);
      const t = indexOf.get(edge.target);
      if (s === undefined || t === undefined) {
        throw new RangeError(
          `edges[${i}]: no node with key ${JSON.stringify(s === undefined ? edge.source : edge.target)}`,
        );
      }
      builder.addEdge(edge.key ?? `#${i}`, edge.attributes, s, t);
    }
    yield;
    const index = builder.finish();
    built = true;
    return index;
  } finally {
    if (!built) arena.dispose();
  }
}

/** Called for each in-edge of a node, as graphology's forEachInEdge calls back (its first five arguments). */
export type InEdgeVisitor = (
  edge: string,
  attributes: StakeAttributes,
  source: string,
  target: string,
  sourceAttributes: EntityAttributes,
) => void;

/**
 * What one entity's analysis reads of a graph: its nodes' attributes and in-edges, and its nodes (for the sensitive
 * sites). A graphology OwnershipGraph is one; so is any store that answers the same lookups (the server's
 * in-memory projection of the database).
 */
export interface UpstreamSource {
  hasNode(key: string): boolean;
  getNodeAttributes(key: string): EntityAttributes;
  forEachInEdge(key: string, visit: InEdgeVisitor): void;
  forEachNode(visit: (key: string, attributes: EntityAttributes) => void): void;
}

/**
 * Called for each in-edge of a node of a NumberedUpstreamSource: the source node by number, key and attributes, and
 * the edge's slot in the source's columns.
 */
export type NumberedInEdgeVisitor = (
  edge: string,
  attributes: StakeAttributes,
  source: number,
  sourceKey: string,
  sourceAttributes: EntityAttributes,
  slot: number,
) => void;

/**
 * An UpstreamSource that numbers its nodes 0 .. nodeCount - 1 (the server's projection), walks in-edges by those
 * numbers and holds what an index records of its nodes and edges (SourceColumns). indexUpstream then tells the
 * nodes it has met by an array indexed by number, not by looking their keys up in maps (on the projection of a
 * 100,000-entity graph, hashing and comparing keys took most of the time of one explanation), and copies their
 * entries rather than reading each node's and edge's attributes.
 */
export interface NumberedUpstreamSource extends UpstreamSource {
  readonly nodeCount: number;
  /** Its nodes' (by number) and edges' (by slot) entries of an index. */
  readonly columns: SourceColumns;
  /** The number of a node, undefined when there is no such key. */
  numberOf(key: string): number | undefined;
  /** forEachInEdge of the node numbered v, every edge's source given by number too. */
  forEachInEdgeAt(v: number, visit: NumberedInEdgeVisitor): void;
}

function isNumbered(graph: UpstreamSource): graph is NumberedUpstreamSource {
  return typeof (graph as Partial<NumberedUpstreamSource>).forEachInEdgeAt === 'function';
}

/**
 * Per numbered source, which index node each of its nodes became in the current walk: local[u] is valid when
 * stamp[u] === run. Kept between walks (a source of a million nodes would otherwise cost two arrays of that size
 * per explanation) and weakly, so it goes with the source.
 */
const walkScratch = new WeakMap<NumberedUpstreamSource, { stamp: Int32Array; local: Int32Array; run: number }>();

function scratchOf(graph: NumberedUpstreamSource): { stamp: Int32Array; local: Int32Array; run: number } {
  let scratch = walkScratch.get(graph);
  if (scratch === undefined || scratch.stamp.length !== graph.nodeCount) {
    scratch = { stamp: new Int32Array(graph.nodeCount), local: new Int32Array(graph.nodeCount), run: 0 };
    walkScratch.set(graph, scratch);
  }
  if (scratch.run === 0x7fffffff) {
    scratch.stamp.fill(0);
    scratch.run = 0;
  }
  scratch.run++;
  return scratch;
}

/** indexUpstream over a numbered source: the same walk, in the same order, with nodes told apart by number. */
function indexNumberedUpstream(graph: NumberedUpstreamSource, key: string, asOf: string | undefined): GraphIndex {
  const root = graph.numberOf(key);
  if (root === undefined) throw new RangeError(`unknown entity "${key}"`);
  const builder = new IndexBuilder(asOf, 256, 512, null, false);
  const columns = graph.columns;
  const asOfDay = asOf === undefined ? 0 : dayNumber(asOf);
  // A valid asOf (the engine checks it) is a plain date; any other is compared as text, edge by edge.
  const textDates = asOf !== undefined && asOfDay <= 0;
  const scratch = scratchOf(graph);
  const { stamp, local, run } = scratch;
  // The source's number of each index node, in index order (the breadth-first queue).
  const numbers = [root];
  stamp[root] = run;
  local[root] = builder.addNodeFrom(key, graph.getNodeAttributes(key), columns, root);
  let target = 0;
  const visit: NumberedInEdgeVisitor = (edge, attributes, source, sourceKey, sourceAttributes, slot) => {
    if (textDates ? !edgeCounts(attributes, asOf) : !columns.countsAt(slot, attributes, asOf, asOfDay)) return;
    let s: number;
    if (stamp[source] === run) s = local[source]!;
    else {
      s = builder.addNodeFrom(sourceKey, sourceAttributes, columns, source);
      stamp[source] = run;
      local[source] = s;
      numbers.push(source);
    }
    builder.addEdgeFrom(edge, attributes, s, target, columns, slot);
  };
  for (; target < builder.n; target++) graph.forEachInEdgeAt(numbers[target]!, visit);
  return builder.finish();
}

/**
 * Indexes the upstream subgraph of `key` as of `asOf`: the node, every node from which it can be reached along
 * edges that count at the date (its holders, their holders, controllers, operators ...), and all counted in-edges
 * of those nodes. Everything that decides the entity's ownership, control and sanctions status lies in it, so the
 * analyses on this index give the same answers for `key` as on the whole graph. Node 0 is `key`.
 */
export function indexUpstream(graph: UpstreamSource, key: string, asOf: string | undefined): GraphIndex {
  if (isNumbered(graph)) return indexNumberedUpstream(graph, key, asOf);
  const builder = new IndexBuilder(asOf, 256, 512, null);
  builder.addNode(key, graph.getNodeAttributes(key));
  const indexOf = builder.indexOf;
  for (let head = 0; head < builder.n; head++) {
    const target = head;
    graph.forEachInEdge(builder.keys[head]!, (edge, attributes, source, _target, sourceAttributes) => {
      if (!edgeCounts(attributes, asOf)) return;
      let s = indexOf.get(source);
      if (s === undefined) s = builder.addNode(source, sourceAttributes);
      builder.addEdge(edge, attributes, s, target);
    });
  }
  return builder.finish();
}

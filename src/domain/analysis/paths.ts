/**
 * Paths behind the figures, for explanations: ownership paths from holders down to an entity, and control chains.
 * Results are sorted (share descending, then edge keys), so they do not depend on the order of the input.
 */
import type { ControlResult } from './control.ts';
import type { GraphIndex } from './graph-index.ts';
import { EDGE_KIND_NAMES, SHARE_NONE, SHARE_OPERATOR } from './graph-codes.ts';
import type { ExplanationEdge } from './types.ts';
import { WEIGHT_CONTROL, edgeWeight, isExplicitControl } from './weights.ts';

/** A path as edge ids (from the holder down), with its share (percent) on the lower and upper ends of bands. */
export interface RawPath {
  edges: number[];
  share: number;
  shareMax: number;
}

/** Sorts paths by share descending, then by their edge keys, and keeps at most `max`. */
export function sortPaths(index: GraphIndex, paths: RawPath[], max: number): { paths: RawPath[]; truncated: boolean } {
  const labels = new Map<RawPath, string>();
  const label = (p: RawPath): string => {
    let l = labels.get(p);
    if (l === undefined) labels.set(p, (l = p.edges.map((e) => index.edgeKeys[e]!).join('\u0000')));
    return l;
  };
  paths.sort((a, b) => {
    if (b.share !== a.share) return b.share - a.share;
    if (b.shareMax !== a.shareMax) return b.shareMax - a.shareMax;
    const la = label(a);
    const lb = label(b);
    return la < lb ? -1 : la > lb ? 1 : 0;
  });
  return { paths: paths.slice(0, max), truncated: paths.length > max };
}

/**
 * The ownership paths with the largest shares from any source (isSource) down to `target`: a best-first search
 * upwards from the target, expanding partial paths in decreasing order of their share (the product of the shares
 * along them, lower ends of bands), so the first paths completed are the largest. Stops at sources, skips nodes
 * from which no source is reachable (canReach), keeps paths simple, and gives up after `budget` expansions (the
 * list is then marked truncated). Cycles contribute to effective figures but only simple paths are listed.
 */
export function ownershipPaths(
  index: GraphIndex,
  target: number,
  isSource: (v: number) => boolean,
  canReach: (v: number) => boolean,
  maxPaths: number,
  budget = 5_000,
): { paths: RawPath[]; truncated: boolean } {
  const { inStart, inEdges, src, pMin, pMax } = index;
  // Partial paths as a tree of (node, edge, parent) entries; the heap holds entry ids, largest share first.
  const node: number[] = [target];
  const edge: number[] = [-1];
  const parent: number[] = [-1];
  const low: number[] = [1];
  const high: number[] = [1];
  const depth: number[] = [0];
  const heap: number[] = [0];
  const better = (a: number, b: number): boolean => low[a]! > low[b]! || (low[a] === low[b] && high[a]! > high[b]!);
  const push = (id: number): void => {
    let i = heap.length;
    heap.push(id);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!better(id, heap[up]!)) break;
      heap[i] = heap[up]!;
      i = up;
    }
    heap[i] = id;
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && better(heap[r]!, heap[l]!) ? r : l;
        if (!better(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  const onPath = (id: number, v: number): boolean => {
    for (let p = id; p >= 0; p = parent[p]!) if (node[p] === v) return true;
    return false;
  };
  const found: RawPath[] = [];
  let expansions = 0;
  let truncated = false;
  while (heap.length > 0) {
    const id = pop();
    const v = node[id]!;
    if (id > 0 && isSource(v)) {
      const edges: number[] = [];
      for (let p = id; p > 0; p = parent[p]!) edges.push(edge[p]!);
      found.push({ edges, share: low[id]! * 100, shareMax: high[id]! * 100 });
      if (found.length > maxPaths) break;
      continue;
    }
    if (++expansions > budget) {
      truncated = true;
      break;
    }
    if (depth[id]! >= 64) continue;
    for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
      const e = inEdges[k]!;
      if (!(pMax[e]! > 0)) continue;
      const s = src[e]!;
      if (onPath(id, s) || (!isSource(s) && !canReach(s))) continue;
      node.push(s);
      edge.push(e);
      parent.push(id);
      low.push(low[id]! * pMin[e]! * 0.01);
      high.push(high[id]! * pMax[e]! * 0.01);
      depth.push(depth[id]! + 1);
      push(node.length - 1);
    }
  }
  const sorted = sortPaths(index, found, maxPaths);
  return { paths: sorted.paths, truncated: truncated || sorted.truncated };
}

/** Whether `c` is among the controllers of `v`. */
export function controls(control: ControlResult, c: number, v: number): boolean {
  for (let k = control.start[v]!; k < control.start[v + 1]!; k++) if (control.controllers[k] === c) return true;
  return false;
}

/**
 * Why `c` controls `t`: every counted edge into t from c or from an entity c controls (explicit control relations
 * and stakes with their vote share), each preceded by the shortest control chain from c down to the edge's source
 * (breadth-first upwards from the source through entities c controls; ties broken by edge key).
 */
export function controlPaths(
  index: GraphIndex,
  control: ControlResult,
  c: number,
  t: number,
  maxPaths: number,
): { paths: RawPath[]; truncated: boolean } {
  const paths: RawPath[] = [];
  const chainCache = new Map<number, number[]>();
  for (let k = index.inStart[t]!; k < index.inStart[t + 1]!; k++) {
    const e = index.inEdges[k]!;
    const explicit = isExplicitControl(index, e);
    const weight = edgeWeight(index, e, WEIGHT_CONTROL);
    if (!explicit && !(weight > 0)) continue;
    const s = index.src[e]!;
    if (s !== c && !controls(control, c, s)) continue;
    let chain = chainCache.get(s);
    if (chain === undefined) chainCache.set(s, (chain = controlChain(index, control, c, s)));
    const share = explicit && index.share[e] === SHARE_NONE ? 100 : weight;
    paths.push({ edges: [...chain, e], share, shareMax: share });
  }
  return sortPaths(index, paths, maxPaths);
}

/** The shortest chain of control edges from c down to v (v controlled by c; empty when v === c). */
export function controlChain(index: GraphIndex, control: ControlResult, c: number, v: number): number[] {
  if (v === c) return [];
  const via = new Map<number, number>([[v, -1]]);
  let frontier = [v];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const u of frontier) {
      const candidates: number[] = [];
      for (let k = index.inStart[u]!; k < index.inStart[u + 1]!; k++) {
        const e = index.inEdges[k]!;
        if (!isExplicitControl(index, e) && !(edgeWeight(index, e, WEIGHT_CONTROL) > 0)) continue;
        const s = index.src[e]!;
        if (via.has(s)) continue;
        if (s !== c && !controls(control, c, s)) continue;
        candidates.push(e);
      }
      candidates.sort((a, b) => {
        const ea = index.edgeKeys[a]!;
        const eb = index.edgeKeys[b]!;
        return ea < eb ? -1 : ea > eb ? 1 : 0;
      });
      for (const e of candidates) {
        const s = index.src[e]!;
        if (via.has(s)) continue;
        via.set(s, e);
        if (s === c) {
          const chain: number[] = [];
          let cur = c;
          while (cur !== v) {
            const edge = via.get(cur)!;
            chain.push(edge);
            cur = index.tgt[edge]!;
          }
          return chain;
        }
        next.push(s);
      }
    }
    frontier = next;
  }
  return [];
}

/** Describes an indexed edge for an explanation: its key, ends, kind, shares, dates and provenance. */
export function describeEdge(index: GraphIndex, e: number): ExplanationEdge {
  const key = index.edgeKeys[e]!;
  const a = index.edgeAttributes[e]!;
  const out: ExplanationEdge = {
    key,
    source: index.keys[index.src[e]!]!,
    target: index.keys[index.tgt[e]!]!,
    kind: EDGE_KIND_NAMES[index.edgeKind[e]!] ?? a.kind,
  };
  if (a.percent !== undefined) out.percent = a.percent;
  if (a.percentMin !== undefined) out.percentMin = a.percentMin;
  if (a.percentMax !== undefined) out.percentMax = a.percentMax;
  if (a.votingPercent !== undefined) out.votingPercent = a.votingPercent;
  if (a.jointArrangement !== undefined) out.jointArrangement = a.jointArrangement;
  if (a.basis !== undefined) out.basis = a.basis;
  if (a.from !== undefined) out.from = a.from;
  if (a.to !== undefined) out.to = a.to;
  if (a.source !== undefined) out.provenance = { ...a.source };
  if (index.share[e] === SHARE_OPERATOR) out.implied = 'operator';
  return out;
}

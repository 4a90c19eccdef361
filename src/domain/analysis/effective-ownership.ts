/**
 * Effective (look-through) ownership: the share of an entity's value that flows to an upstream holder, i.e. the
 * sum over all ownership paths from the holder to the entity of the product of the shares along the path.
 *
 * With cross-holdings (cycles) the path sum is an infinite series. Its closed form is the integrated ownership of
 * accounting consolidation, X = B (I - A)^-1, where A holds the shares among the companies and B the shares the
 * holders of interest have in them; it converges when every company in a cycle is partly held from outside. The
 * holder of interest stands outside the system: walks that come back to the holder are not continued (A without
 * the holder's own row), so a holder never owns "through itself" and, when the recorded stakes into each entity
 * add up to at most 100 percent, every effective share lies in [0, 100] (it is the probability that value of the
 * entity, passed up to holders in proportion to their shares, reaches the holder).
 *
 * This is the figure to report. It never decides a sanctions question: those rules add stakes, they do not
 * multiply them (see sanctions-rule.ts).
 *
 * Banded shares give two figures: one on the lower ends of the bands (percentMin), one on the upper ends
 * (percentMax), each computed separately.
 *
 * Two algorithms, both restricted to the part of the graph that matters:
 * - RowPropagator: for one holder (or a group of holders counted as one, e.g. a state with its state bodies),
 *   the row vector x = b (I - A)^-1 over the holder's downstream subgraph, computed component by component in
 *   topological order (exact in one pass where there are no cycles, a small linear solve per cycle). Used for
 *   whole-graph analysis: effective ownership by governments and by listed parties of every entity.
 * - upstreamOwners: for one entity, the effective ownership of every upstream holder at once (a column of
 *   (I - A)^-1 over the upstream subgraph, with the walk-avoids-holder correction inside cycles).
 */
import type { OwnershipGraph } from '../model.ts';
import type { GraphIndex } from './graph-index.ts';
import { indexGraph, indexUpstream } from './graph-index.ts';
import type { BlockSystem } from './linear.ts';
import { DENSE_MAX, newBlockSystem, solveBlock, solveWithInverseDiagonal } from './linear.ts';
import type { StakeComponents } from './scc.ts';
import { stakeComponents } from './scc.ts';
import type { Steps } from './steps.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';

/** Effective ownership of the entities downstream of one holder (group), as fractions 0..1. */
export interface RowResult {
  /** Node indices with a positive figure (lower or upper). */
  nodes: Int32Array;
  min: Float64Array;
  max: Float64Array;
  /** Some stake on the way was banded or unknown (max may differ from min). */
  banded: boolean;
  /** Nodes whose figure did not converge (capped at 1). */
  notConverged: number[];
}

/** Effective ownership of one entity by each of its upstream holders, as fractions 0..1. */
export interface ColumnResult {
  holders: Int32Array;
  min: Float64Array;
  max: Float64Array;
  banded: boolean;
  converged: boolean;
}

/** Largest batch of propagateBatch (one bit per group in a 32-bit mask). */
const MAX_BATCH = 30;

/**
 * Computes, for one holder of interest or a group of holders counted as one, its effective ownership of every
 * entity downstream: x = b (I - A_-h)^-1 where b holds the group's direct stakes and A_-h the stakes among all
 * other entities (walks stop when they come back to the group). Components (cross-holding groups) are processed
 * in topological order; inside one, the block system is solved exactly (Gaussian elimination) or by Gauss-Seidel
 * to 1e-14 with a sweep cap. Reuses scratch arrays across runs, so whole-graph analysis allocates per holder only
 * the result.
 */
export class RowPropagator {
  private readonly x: Float64Array;
  private readonly xMin: Float64Array;
  private readonly seen: Int32Array;
  private readonly member: Int32Array;
  private readonly local: Int32Array;
  private readonly queue: Int32Array;
  private run = 0;

  constructor(
    private readonly index: GraphIndex,
    private readonly comps: StakeComponents,
  ) {
    const n = index.n;
    const arena = index.arena;
    this.x = arena.f64(n);
    this.xMin = arena.f64(n);
    this.seen = arena.i32(n);
    this.member = arena.i32(n);
    this.local = arena.i32(n);
    this.queue = arena.i32(n);
  }

  /**
   * Effective ownership by `members` (counted as one holder) of every entity downstream of them. With `floor`
   * (a fraction), entities whose figure (upper end) stays below it are computed but not returned.
   */
  propagate(members: readonly number[], floor = 0): RowResult {
    return runSteps(this.propagateSteps(members, floor));
  }

  /** propagate in steps (steps.ts): the walk and the order in one step each, the pass STEP_ITEMS positions a step. */
  *propagateSteps(members: readonly number[], floor = 0): Steps<RowResult> {
    const { outStart, outEdges, tgt } = this.index;
    const fmax = this.index.pMax;
    const run = ++this.run;
    const { seen, member, queue } = this;
    for (const v of members) member[v] = run;
    let count = 0;
    for (const v of members) {
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const e = outEdges[k]!;
        if (!(fmax[e]! > 0)) continue;
        const t = tgt[e]!;
        if (member[t] === run || seen[t] === run) continue;
        seen[t] = run;
        queue[count++] = t;
      }
    }
    for (let head = 0; head < count; head++) {
      const v = queue[head]!;
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const e = outEdges[k]!;
        if (!(fmax[e]! > 0)) continue;
        const t = tgt[e]!;
        if (member[t] === run || seen[t] === run) continue;
        seen[t] = run;
        queue[count++] = t;
      }
    }
    if (count === 0) {
      return {
        nodes: new Int32Array(0),
        min: new Float64Array(0),
        max: new Float64Array(0),
        banded: false,
        notConverged: [],
      };
    }
    yield;
    const order = this.topologicalOrder(count);
    const notConverged: number[] = [];
    const { x, xMin } = this;
    let banded = false;
    // Components whole: a pass stops after the one that reaches its limit.
    for (let at = 0; at < count; at = this.passEnd) {
      yield;
      if (this.pass(order, run, notConverged, at, at + STEP_ITEMS)) banded = true;
    }
    // x holds the upper figures, xMin the lower ones.
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const v = order[i]!;
      if (x[v]! > 0 && x[v]! >= floor) kept++;
    }
    const nodes = new Int32Array(kept);
    const min = new Float64Array(kept);
    const max = banded ? new Float64Array(kept) : min;
    let j = 0;
    for (let i = 0; i < count; i++) {
      const v = order[i]!;
      if (x[v]! > 0 && x[v]! >= floor) {
        nodes[j] = v;
        min[j] = xMin[v]!;
        if (banded) max[j] = x[v]!;
        j++;
      }
      x[v] = 0;
      xMin[v] = 0;
    }
    return { nodes, min, max, banded, notConverged };
  }

  /**
   * propagate() for several holder groups in one sweep: the union of their downstream subgraphs is ordered once
   * and each node's in-edges are read once for all groups (a row of `groups.length` figures per node), which is
   * much cheaper than one sweep per group when their subgraphs overlap (governments holding the same groups).
   * Each group's result is the one propagate(group, floor) gives. A node may belong to one group at most.
   */
  propagateBatch(groups: readonly (readonly number[])[], floor = 0): RowResult[] {
    return runSteps(this.propagateBatchSteps(groups, floor));
  }

  /**
   * propagateBatch in steps (steps.ts): the union of the groups' downstream subgraphs is walked and ordered in one
   * step each, then swept STEP_ITEMS positions a step (a government's downstream at 1,000,000 entities is most of
   * the graph, seconds of work).
   */
  *propagateBatchSteps(groups: readonly (readonly number[])[], floor = 0): Steps<RowResult[]> {
    const K = groups.length;
    if (K === 0) return [];
    if (K === 1) return [yield* this.propagateSteps(groups[0]!, floor)];
    if (K > MAX_BATCH) {
      // Each group's figures do not depend on the others in its batch: split into batches that fit the bit masks.
      const first = yield* this.propagateBatchSteps(groups.slice(0, MAX_BATCH), floor);
      return [...first, ...(yield* this.propagateBatchSteps(groups.slice(MAX_BATCH), floor))];
    }
    const { outStart, outEdges, tgt, inStart, inEdges, src, pMin, pMax } = this.index;
    const comp = this.comps.comp;
    const run = ++this.run;
    const { seen, queue, member, local } = this;
    // member[v] = run and local[v] = group index for members, during this run.
    for (let j = 0; j < K; j++) {
      for (const v of groups[j]!) {
        if (member[v] === run) throw new RangeError(`node ${v} is in two holder groups`);
        member[v] = run;
        local[v] = j;
      }
    }
    let count = 0;
    const visit = (v: number): void => {
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const e = outEdges[k]!;
        if (!(pMax[e]! > 0)) continue;
        const t = tgt[e]!;
        if (seen[t] === run) continue;
        seen[t] = run;
        queue[count++] = t;
      }
    };
    for (const group of groups) for (const v of group) visit(v);
    for (let head = 0; head < count; head++) visit(queue[head]!);
    yield;
    const order = this.topologicalOrder(count);
    // Position of each queued node in `order`, and per position a row of K figures (upper and lower ends).
    const pos = this.scratchPositions();
    for (let p = 0; p < count; p++) pos[order[p]!] = p;
    yield;
    // The rows come from the arena (zeroed as handed out) and go back to it at the end: fresh arrays of this size
    // count as external memory, which V8 answers with a collection of the whole heap (arena.ts).
    const arena = this.index.arena;
    const mark = arena.mark();
    const xs = arena.f64(count * K);
    const xsMin = arena.f64(count * K);
    // Per position, bit j set when group j's figure there is not zero. Most nodes of the union are reached by one
    // group or two of the batch: each in-edge then costs the groups that reach its source, not all K of them. The
    // figures are the same: for each group the same terms are added in the same order (in-edge order).
    const nonZero = arena.i32(count);
    const rMin = new Float64Array(K);
    const rMax = new Float64Array(K);
    const banded = new Uint8Array(K);
    const notConverged: number[][] = groups.map(() => []);
    const groupOf = (s: number): number => (member[s] === run ? local[s]! : -1);
    let i = 0;
    let stepEnd = STEP_ITEMS;
    while (i < count) {
      if (i >= stepEnd) {
        stepEnd = i + STEP_ITEMS;
        yield;
      }
      const v = order[i]!;
      const c = comp[v]!;
      let end = i + 1;
      while (end < count && comp[order[end]!] === c) end++;
      if (end - i === 1) {
        // Groups with a term for v so far (bits); rMin[j] and rMax[j] are reset when group j first gets one.
        let touched = 0;
        let self = 0;
        let selfMax = 0;
        for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
          const e = inEdges[k]!;
          const wMax = pMax[e]! * 0.01;
          if (wMax === 0) continue;
          const w = pMin[e]! * 0.01;
          const s = src[e]!;
          if (s === v) {
            self += w;
            selfMax += wMax;
            continue;
          }
          const gs = groupOf(s);
          if (gs >= 0) {
            if ((touched & (1 << gs)) === 0) {
              touched |= 1 << gs;
              rMin[gs] = 0;
              rMax[gs] = 0;
            }
            rMin[gs]! += w;
            rMax[gs]! += wMax;
            if (w !== wMax) banded[gs] = 1;
          }
          if (seen[s] !== run) continue;
          const ps = pos[s]!;
          const base = ps * K;
          for (let bits = nonZero[ps]!; bits !== 0; bits &= bits - 1) {
            const j = 31 - Math.clz32(bits & -bits);
            if ((touched & (1 << j)) === 0) {
              touched |= 1 << j;
              rMin[j] = 0;
              rMax[j] = 0;
            }
            rMin[j]! += w * xsMin[base + j]!;
            rMax[j]! += wMax * xs[base + j]!;
            if (w !== wMax) banded[j] = 1;
          }
        }
        const gv = groupOf(v);
        const base = i * K;
        let mask = 0;
        for (let bits = touched; bits !== 0; bits &= bits - 1) {
          const j = 31 - Math.clz32(bits & -bits);
          if (j === gv || rMax[j] === 0) continue;
          xsMin[base + j] = settle(rMin[j]!, self, v, notConverged[j]!);
          xs[base + j] = settle(rMax[j]!, selfMax, v, notConverged[j]!);
          if (xs[base + j] !== 0) mask |= 1 << j;
        }
        nonZero[i] = mask;
      } else {
        for (let j = 0; j < K; j++)
          this.solveBatchBlock(order, i, end, j, K, pos, run, xs, xsMin, banded, notConverged[j]!);
        for (let p = i; p < end; p++) {
          let mask = 0;
          for (let j = 0; j < K; j++) if (xs[p * K + j] !== 0) mask |= 1 << j;
          nonZero[p] = mask;
        }
      }
      i = end;
    }
    const results: RowResult[] = [];
    for (let j = 0; j < K; j++) {
      yield;
      let kept = 0;
      for (let p = 0; p < count; p++) {
        const x = xs[p * K + j]!;
        if (x > 0 && x >= floor) kept++;
      }
      const isBanded = banded[j] === 1;
      const nodes = new Int32Array(kept);
      const min = new Float64Array(kept);
      const max = isBanded ? new Float64Array(kept) : min;
      let q = 0;
      for (let p = 0; p < count; p++) {
        const x = xs[p * K + j]!;
        if (x > 0 && x >= floor) {
          nodes[q] = order[p]!;
          min[q] = xsMin[p * K + j]!;
          if (isBanded) max[q] = x;
          q++;
        }
      }
      results.push({ nodes, min, max, banded: isBanded, notConverged: notConverged[j]! });
    }
    arena.release(mark);
    return results;
  }

  private positions: Int32Array | null = null;
  private scratchPositions(): Int32Array {
    return (this.positions ??= this.index.arena.i32(this.index.n));
  }

  /**
   * One cross-holding component (order[from..to)) for group j of a batch: the block system over its members that
   * are not in group j (walks stop at the group), as in pass(); skipped when nothing flows in from group j.
   */
  private solveBatchBlock(
    order: Int32Array,
    from: number,
    to: number,
    j: number,
    K: number,
    pos: Int32Array,
    run: number,
    xs: Float64Array,
    xsMin: Float64Array,
    banded: Uint8Array,
    notConverged: number[],
  ): void {
    const { inStart, inEdges, src, pMin, pMax } = this.index;
    const comp = this.comps.comp;
    const { seen, member, local } = this;
    const c = comp[order[from]!]!;
    const inGroup = (s: number): boolean => member[s] === run && local[s] === j;
    // Block-local numbering of the component's nodes outside group j.
    const nodes: number[] = [];
    for (let p = from; p < to; p++) if (!inGroup(order[p]!)) nodes.push(order[p]!);
    const at = new Map<number, number>();
    nodes.forEach((u, a) => at.set(u, a));
    const sys = newBlockSystem(nodes.length);
    const sysMax = newBlockSystem(nodes.length);
    let inflow = false;
    let sawBand = false;
    for (let a = 0; a < nodes.length; a++) {
      const u = nodes[a]!;
      let r = 0;
      let rMax = 0;
      for (let k = inStart[u]!; k < inStart[u + 1]!; k++) {
        const e = inEdges[k]!;
        const wMax = pMax[e]! * 0.01;
        if (wMax === 0) continue;
        const w = pMin[e]! * 0.01;
        const s = src[e]!;
        if (inGroup(s)) {
          r += w;
          rMax += wMax;
        } else if (comp[s] === c && at.has(s)) {
          sys.rows.push(a);
          sys.cols.push(at.get(s)!);
          sys.coefs.push(w);
          sysMax.rows.push(a);
          sysMax.cols.push(at.get(s)!);
          sysMax.coefs.push(wMax);
          if (w !== wMax) sawBand = true;
          continue;
        } else if (seen[s] === run && comp[s] !== c) {
          const up = xs[pos[s]! * K + j]!;
          if (up === 0) continue;
          r += w * xsMin[pos[s]! * K + j]!;
          rMax += wMax * up;
        } else continue;
        if (w !== wMax) sawBand = true;
      }
      sys.rhs[a] = r;
      sysMax.rhs[a] = rMax;
      if (rMax > 0) inflow = true;
    }
    if (!inflow) return;
    if (sawBand) banded[j] = 1;
    solveCapped(sys, nodes, notConverged, (u, value) => (xsMin[pos[u]! * K + j] = value));
    solveCapped(sysMax, nodes, notConverged, (u, value) => (xs[pos[u]! * K + j] = value));
  }

  /**
   * The first `count` queued nodes sorted by component id descending (topological order of the stakes), in a
   * scratch array valid until the next call. Scratch space is reused across runs: allocating fresh typed arrays
   * per holder counts as external memory for V8, which answers with full collections of the whole heap.
   */
  private topologicalOrder(count: number): Int32Array {
    const { comp, count: compCount } = this.comps;
    const n = this.index.n;
    const order = (this.orderScratch ??= this.index.arena.i32(n)).subarray(0, count);
    if (count === 1) {
      order[0] = this.queue[0]!;
      return order;
    }
    const sortKeys = (this.sortScratch ??= this.index.arena.f64(n)).subarray(0, count);
    for (let i = 0; i < count; i++) {
      const v = this.queue[i]!;
      sortKeys[i] = (compCount - 1 - comp[v]!) * n + v;
    }
    sortKeys.sort();
    for (let i = 0; i < count; i++) {
      const key = sortKeys[i]!;
      order[i] = key - Math.floor(key / n) * n;
    }
    return order;
  }

  private orderScratch: Int32Array | null = null;
  private sortScratch: Float64Array | null = null;
  /**
   * One pass over the ordered downstream nodes computing both figures at once: the lower ends of the shares into
   * xMin, the upper ends into x. Returns whether a banded share was met (else the two are equal).
   */
  private pass(order: Int32Array, run: number, notConverged: number[], from: number, limit: number): boolean {
    const { inStart, inEdges, src, pMin, pMax } = this.index;
    const comp = this.comps.comp;
    const { x, xMin, seen, member, local } = this;
    let banded = false;
    const count = order.length;
    let i = from;
    while (i < count && i < limit) {
      const v = order[i]!;
      const c = comp[v]!;
      let j = i + 1;
      while (j < count && comp[order[j]!] === c) j++;
      if (j - i === 1) {
        let r = 0;
        let rMax = 0;
        let self = 0;
        let selfMax = 0;
        for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
          const e = inEdges[k]!;
          const wMax = pMax[e]! * 0.01;
          if (wMax === 0) continue;
          const w = pMin[e]! * 0.01;
          const s = src[e]!;
          if (member[s] === run) {
            r += w;
            rMax += wMax;
            if (w !== wMax) banded = true;
          } else if (s === v) {
            self += w;
            selfMax += wMax;
          } else if (seen[s] === run) {
            r += w * xMin[s]!;
            rMax += wMax * x[s]!;
            if (w !== wMax) banded = true;
          }
        }
        xMin[v] = settle(r, self, v, notConverged);
        x[v] = settle(rMax, selfMax, v, notConverged);
      } else {
        const size = j - i;
        for (let a = 0; a < size; a++) local[order[i + a]!] = a;
        const sys = newBlockSystem(size);
        const sysMax = newBlockSystem(size);
        for (let a = 0; a < size; a++) {
          const u = order[i + a]!;
          let r = 0;
          let rMax = 0;
          for (let k = inStart[u]!; k < inStart[u + 1]!; k++) {
            const e = inEdges[k]!;
            const wMax = pMax[e]! * 0.01;
            if (wMax === 0) continue;
            const w = pMin[e]! * 0.01;
            const s = src[e]!;
            if (member[s] === run) {
              r += w;
              rMax += wMax;
            } else if (seen[s] === run && comp[s] === c) {
              sys.rows.push(a);
              sys.cols.push(local[s]!);
              sys.coefs.push(w);
              sysMax.rows.push(a);
              sysMax.cols.push(local[s]!);
              sysMax.coefs.push(wMax);
            } else if (seen[s] === run) {
              r += w * xMin[s]!;
              rMax += wMax * x[s]!;
            } else continue;
            if (w !== wMax) banded = true;
          }
          sys.rhs[a] = r;
          sysMax.rhs[a] = rMax;
        }
        const block = order.subarray(i, j);
        solveCapped(sys, block, notConverged, (u, value) => (xMin[u] = value));
        solveCapped(sysMax, block, notConverged, (u, value) => (x[u] = value));
      }
      i = j;
    }
    this.passEnd = i;
    return banded;
  }

  /** Where the last pass() stopped: past the last component it began before its limit. */
  private passEnd = 0;
}

/**
 * Solves one cross-holding block and hands each member's figure to `store`. A singular or diverging block (stakes
 * adding up to 100 percent or more around the cycle) gets its figures capped to [0, 1] and its members reported in
 * `notConverged`.
 */
function solveCapped(
  sys: BlockSystem,
  members: ArrayLike<number>,
  notConverged: number[],
  store: (u: number, value: number) => void,
): void {
  const out = new Float64Array(sys.size);
  const ok = solveBlock(sys, out);
  for (let a = 0; a < sys.size; a++) {
    const u = members[a]!;
    let value = out[a]!;
    if (!ok) {
      value = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
      if (!notConverged.includes(u)) notConverged.push(u);
    }
    store(u, value);
  }
}

/** x = r / (1 - self) for a node holding shares in itself (a self-loop); capped at 1 when that diverges. */
function settle(r: number, self: number, v: number, notConverged: number[]): number {
  if (self === 0) return r;
  if (self < 1) return r / (1 - self);
  if (!notConverged.includes(v)) notConverged.push(v);
  return Math.min(1, r);
}

/**
 * Effective ownership of entity `target` by every upstream holder h: N[h] = the sum over walks from h to the
 * target that do not come back to h of the product of the shares. Computed as one column of (I - A)^-1 over the
 * target's upstream subgraph, W[h] = sum over all walks from h to the target, processed component by component
 * from the target upwards; outside cycles N[h] = W[h]; inside a cycle N[h] = W[h] / W[h][h] (first-passage
 * decomposition), or, when the cycle is held by nobody outside (singular), by a solve with h removed.
 */
export function upstreamOwners(index: GraphIndex, comps: StakeComponents, target: number): ColumnResult {
  const { n, inStart, inEdges, src, pMin, pMax } = index;
  const seen = new Uint8Array(n);
  const queue: number[] = [target];
  seen[target] = 1;
  let banded = false;
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
      const e = inEdges[k]!;
      if (!(pMax[e]! > 0)) continue;
      if (pMin[e] !== pMax[e]) banded = true;
      const s = src[e]!;
      if (seen[s] === 1) continue;
      seen[s] = 1;
      queue.push(s);
    }
  }
  const comp = comps.comp;
  // By component, then node: sorted as the numbers comp * n + v, with the typed array's own numeric sort (a
  // comparator called back for each comparison took a tenth of an explanation). Exact below 2^53 (n < 94 million).
  const sortKeys = new Float64Array(queue.length);
  for (let i = 0; i < queue.length; i++) sortKeys[i] = comp[queue[i]!]! * n + queue[i]!;
  sortKeys.sort();
  const order = new Int32Array(queue.length);
  for (let i = 0; i < order.length; i++) order[i] = sortKeys[i]! % n;
  const minPass = columnPass(index, comps, order, seen, target, pMin);
  const maxPass = banded ? columnPass(index, comps, order, seen, target, pMax) : minPass;
  const holders: number[] = [];
  for (const v of order) {
    if (v !== target && (minPass.value[v]! > 0 || maxPass.value[v]! > 0)) holders.push(v);
  }
  const min = new Float64Array(holders.length);
  const max = banded ? new Float64Array(holders.length) : min;
  holders.forEach((v, i) => {
    min[i] = minPass.value[v]!;
    if (banded) max[i] = maxPass.value[v]!;
  });
  return {
    holders: Int32Array.from(holders),
    min,
    max,
    banded,
    converged: minPass.converged && maxPass.converged,
  };
}

function columnPass(
  index: GraphIndex,
  comps: StakeComponents,
  order: Int32Array,
  inSet: Uint8Array,
  target: number,
  fw: Float64Array,
): { value: Float64Array; converged: boolean } {
  const { n, outStart, outEdges, tgt } = index;
  const comp = comps.comp;
  const w = new Float64Array(n);
  const value = new Float64Array(n);
  const local = new Int32Array(n);
  // Nodes whose all-walks sum W diverged (a cycle held 100 percent or more from inside): harmless unless
  // someone upstream holds a stake in them (which means stakes above 100 percent).
  const diverged = new Uint8Array(n);
  let converged = true;
  const count = order.length;
  let i = 0;
  while (i < count) {
    const v = order[i]!;
    const c = comp[v]!;
    let j = i + 1;
    while (j < count && comp[order[j]!] === c) j++;
    if (j - i === 1) {
      let r = v === target ? 1 : 0;
      let walks = 0;
      let self = 0;
      for (let k = outStart[v]!; k < outStart[v + 1]!; k++) {
        const e = outEdges[k]!;
        const f = fw[e]! * 0.01;
        if (f === 0) continue;
        const t = tgt[e]!;
        if (inSet[t] !== 1) continue;
        if (t === v) self += f;
        else {
          walks += f * w[t]!;
          if (diverged[t] === 1) converged = false;
        }
      }
      r += walks;
      value[v] = walks;
      if (self === 0) w[v] = r;
      else if (self < 1) w[v] = r / (1 - self);
      else {
        w[v] = r;
        diverged[v] = 1;
      }
    } else {
      const size = j - i;
      for (let a = 0; a < size; a++) local[order[i + a]!] = a;
      const sys = newBlockSystem(size);
      for (let a = 0; a < size; a++) {
        const u = order[i + a]!;
        let r = u === target ? 1 : 0;
        for (let k = outStart[u]!; k < outStart[u + 1]!; k++) {
          const e = outEdges[k]!;
          const f = fw[e]! * 0.01;
          if (f === 0) continue;
          const t = tgt[e]!;
          if (inSet[t] !== 1) continue;
          if (comp[t] === c) {
            sys.rows.push(a);
            sys.cols.push(local[t]!);
            sys.coefs.push(f);
          } else {
            r += f * w[t]!;
            if (diverged[t] === 1) converged = false;
          }
        }
        sys.rhs[a] = r;
      }
      const out = new Float64Array(size);
      const solved = solveWithInverseDiagonal(sys, out);
      for (let a = 0; a < size; a++) {
        const u = order[i + a]!;
        const walks = out[a]!;
        w[u] = Number.isFinite(walks) ? walks : 0;
        if (!solved.converged) diverged[u] = 1;
      }
      if (solved.diagonal !== null) {
        for (let a = 0; a < size; a++) {
          const u = order[i + a]!;
          if (u === target) continue;
          value[u] = out[a]! / solved.diagonal[a]!;
        }
      } else {
        // Per-holder solves: walks from h to the target avoiding h, over the component without h.
        if (!avoidingSolves(sys, order, i, size, target, value)) converged = false;
      }
    }
    i = j;
  }
  if (!converged) {
    for (let k = 0; k < count; k++) {
      const v = order[k]!;
      const x = value[v]!;
      value[v] = Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 1;
    }
  }
  return { value, converged };
}

/**
 * For each member h of a cycle whose system is singular or too large to factor: value[h] = rhs_h + sum over
 * members m != h of C[h][m] u_m, where u solves the system with h removed. Returns false if any solve failed.
 */
function avoidingSolves(
  sys: ReturnType<typeof newBlockSystem>,
  order: Int32Array,
  offset: number,
  size: number,
  target: number,
  value: Float64Array,
): boolean {
  let ok = true;
  const work = size * (sys.rows.length + size);
  for (let h = 0; h < size; h++) {
    const hv = order[offset + h]!;
    if (hv === target) continue;
    if (work > 50_000_000 && size > DENSE_MAX) {
      ok = false;
      value[hv] = 1;
      continue;
    }
    const map = new Int32Array(size).fill(-1);
    let s = 0;
    for (let a = 0; a < size; a++) if (a !== h) map[a] = s++;
    const sub = newBlockSystem(s);
    for (let a = 0; a < size; a++) if (a !== h) sub.rhs[map[a]!] = sys.rhs[a]!;
    let direct = sys.rhs[h]!;
    const pending: [number, number][] = [];
    for (let k = 0; k < sys.rows.length; k++) {
      const a = sys.rows[k]!;
      const b = sys.cols[k]!;
      if (b === h) continue;
      if (a === h) {
        pending.push([map[b]!, sys.coefs[k]!]);
        continue;
      }
      sub.rows.push(map[a]!);
      sub.cols.push(map[b]!);
      sub.coefs.push(sys.coefs[k]!);
    }
    const u = new Float64Array(s);
    if (!solveBlock(sub, u)) ok = false;
    for (const [b, coef] of pending) direct += coef * u[b]!;
    value[hv] = direct;
  }
  return ok;
}

/** Effective owners of one entity: holder key -> percent, lower and upper ends of bands. */
export interface EffectiveOwners {
  owners: Record<string, number>;
  ownersMax: Record<string, number>;
  /** False when a cross-holding series did not converge (stakes above 100 percent in a cycle); figures capped. */
  converged: boolean;
}

/** Rounds a fraction to a percentage with 9 decimals (hides floating-point noise such as 30.000000000000004). */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1e11) / 1e9;
}

/**
 * Effective ownership of `target` by every upstream holder, as of `asOf` (dates ignored when absent): holder key
 * -> percent, the sum over ownership paths of the product of the shares, cross-holdings included (integrated
 * ownership, X = B (I - A)^-1). Works on the target's upstream subgraph only.
 */
export function effectiveOwnersOf(
  graph: OwnershipGraph,
  target: string,
  options: { asOf?: string } = {},
): EffectiveOwners {
  const index = indexUpstream(graph, target, options.asOf);
  const column = upstreamOwners(index, stakeComponents(index), 0);
  const owners: Record<string, number> = {};
  const ownersMax: Record<string, number> = {};
  column.holders.forEach((h, i) => {
    const key = index.keys[h]!;
    owners[key] = toPercent(column.min[i]!);
    ownersMax[key] = toPercent(column.max[i]!);
  });
  return { owners, ownersMax, converged: column.converged };
}

/**
 * Effective ownership held by `holders` (one key, or several keys counted as one holder, e.g. a state and its
 * state bodies) in every entity downstream, as of `asOf`: entity key -> percent, the sum over paths of the
 * product of the shares (row vector b (I - A)^-1; walks that return to the holders are not continued).
 */
export function effectiveOwnershipBy(
  graph: OwnershipGraph,
  holders: string | readonly string[],
  options: { asOf?: string } = {},
): EffectiveOwners {
  const index = indexGraph(graph, options.asOf);
  const list = typeof holders === 'string' ? [holders] : holders;
  const members = list.map((key) => {
    const i = index.indexOf.get(key);
    if (i === undefined) throw new Error(`unknown node "${key}"`);
    return i;
  });
  const row = new RowPropagator(index, stakeComponents(index)).propagate(members);
  const owners: Record<string, number> = {};
  const ownersMax: Record<string, number> = {};
  row.nodes.forEach((v, i) => {
    const key = index.keys[v]!;
    owners[key] = toPercent(row.min[i]!);
    ownersMax[key] = toPercent(row.max[i]!);
  });
  return { owners, ownersMax, converged: row.notConverged.length === 0 };
}

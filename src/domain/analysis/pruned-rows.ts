/**
 * Effective ownership by one holder, reported only where it reaches a floor (the `minShare` of an analysis): the
 * rows that RowPropagator.propagate([holder], floor) gives, without summing over the holder's whole downstream
 * subgraph. Whole-graph analysis computes one such row per listed party; most of a listed party's downstream
 * subgraph lies far below the floor (at a million entities, 96 percent of the figures are below 1 percent), and
 * those figures are never reported.
 *
 * The full sweep finds the nodes R reached from the holder h, orders them topologically and computes, for each,
 * x[v] = the sum over its in-edges s -> v, in in-edge order, of w(s, v) x[s] for s in R (w(s, v) for s = h); a
 * cross-holding block (several nodes in a cycle, or one holding a stake in itself) is solved as a linear system.
 * The pruned row finds R the same way (a breadth-first search, no ordering), then:
 * 1. Bound. Let g(c) be the gain of component c: for a single node, W = the sum of the upper shares held in it;
 *    for a block, the largest share held in a member from outside the block divided by 1 - rho, where rho is the
 *    largest sum of upper shares held in a member from inside. Let Amp[u] = max(1, max over stakes u -> t outside
 *    u's component of max(1, g(comp t)) Amp[t]) and thr[u] = floor / Amp[u]. Then thr[u] <= floor, and the
 *    inflow of any component bounded by thr[s] at each holder s outside it keeps every member at most thr of that
 *    member. Candidates are searched from h downwards in topological order (a heap of component ids): a node met
 *    from a candidate gets the upper bound B[v] = the inflow over its holders s of w(s, v) times B[s] (holders met
 *    before), thr[s] (other holders in R) or 0 (holders outside R), divided by 1 - rho in a block; it is a
 *    candidate when B[v] >= thr[v]. By induction in topological order every node of R never met has x <= thr and
 *    every node met has x <= B, so every node with x[v] >= floor is met and has B[v] >= floor.
 * 2. Figures. For each node with B[v] >= floor, x[v] is evaluated from its holders in R upwards (memoised), with
 *    the very same terms in the very same order as the full sweep, so the figures are the same floating-point
 *    numbers; blocks are solved with the same system (members in ascending index order).
 * A relative margin of 1e-6 on the bounds covers floating-point rounding. Blocks take part when they surely
 * converge (at most DENSE_MAX members, rho < 1 - 1e-6: the block's solve never fails, nothing is capped); a
 * holder inside a block, or from which another block can be reached, is left to the full sweep (which also
 * reports non-convergence), as are floors of 0.
 */
import type { RowResult } from './effective-ownership.ts';
import type { GraphIndex } from './graph-index.ts';
import { DENSE_MAX, newBlockSystem, solveBlock } from './linear.ts';
import type { StakeComponents } from './scc.ts';
import type { Steps } from './steps.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';

/** Relative margin on bounds (floating-point sums differ from the exact sums they bound by far less). */
const MARGIN = 1e-6;
/** A block takes part when the shares held in each member from inside add up to less than this. */
const MAX_INSIDE = 1 - 1e-6;

/** Rows of effective ownership by single holders, above a floor, by a pruned search (see the module comment). */
export class PrunedRows {
  /** floor / Amp per node (see the module comment). */
  private readonly thr: Float64Array;
  /** Per component: 1 - rho for a block that takes part, -1 for one that does not, 0 for a single node. */
  private readonly slack: Float64Array;
  private readonly bound: Float64Array;
  private readonly x: Float64Array;
  private readonly xMin: Float64Array;
  /** Per node: the run in which it was reached from h, queued, bounded, evaluated, expanded upwards. */
  private readonly reached: Int32Array;
  private readonly queued: Int32Array;
  private readonly bounded: Int32Array;
  private readonly evaluated: Int32Array;
  private readonly expanded: Int32Array;
  /** The breadth-first queue, then the heap of the search. */
  private readonly queue: Int32Array;
  /** Where each component's members start in comps.byComp (filled for blocks only). */
  private readonly blockStart = new Map<number, number>();
  private run = 0;

  /** The rows of `index` above `floor` (see `create` for the same in steps). */
  static of(index: GraphIndex, comps: StakeComponents, floor: number): PrunedRows {
    return runSteps(PrunedRows.create(index, comps, floor));
  }

  /**
   * PrunedRows.of in steps (steps.ts): the bounds are one pass over the graph, children first, STEP_ITEMS
   * components a step (about a second at 1,000,000 entities).
   */
  static *create(index: GraphIndex, comps: StakeComponents, floor: number): Steps<PrunedRows> {
    const rows = new PrunedRows(index, comps, floor);
    yield* rows.boundSteps();
    return rows;
  }

  /** The scratch arrays only: `create` computes the bounds. */
  private constructor(
    private readonly index: GraphIndex,
    private readonly comps: StakeComponents,
    private readonly floor: number,
  ) {
    const { n, arena } = index;
    const { count } = comps;
    this.thr = arena.f64(n);
    this.slack = arena.f64(count);
    this.bound = arena.f64(n);
    this.x = arena.f64(n);
    this.xMin = arena.f64(n);
    this.reached = arena.i32(n);
    this.queued = arena.i32(n);
    this.bounded = arena.i32(n);
    this.evaluated = arena.i32(n);
    this.expanded = arena.i32(n);
    this.queue = arena.i32(n);
  }

  /** floor / Amp of every node and the slack of every component (see the module comment). */
  private *boundSteps(): Steps<void> {
    const { inStart, inEdges, outStart, outEdges, src, tgt, pMax, arena, n } = this.index;
    const { comp, count, byComp, size } = this.comps;
    const floor = this.floor;
    const { thr, slack } = this;
    const mark = arena.mark();
    const gain = arena.f64(count);
    const amp = arena.f64(n);
    // Children first: byComp lists components in ascending id, and a stake crosses to a lower id.
    let at = 0;
    for (let c = 0; c < count; c++) {
      if (c % STEP_ITEMS === STEP_ITEMS - 1) yield;
      const from = at;
      const to = at + size[c]!;
      at = to;
      let outside = 0;
      let rho = 0;
      let block = to - from > 1;
      let a = 1;
      for (let i = from; i < to; i++) {
        const u = byComp[i]!;
        let out = 0;
        let inside = 0;
        for (let k = inStart[u]!; k < inStart[u + 1]!; k++) {
          const e = inEdges[k]!;
          if (!(pMax[e]! > 0)) continue;
          if (comp[src[e]!] === c) {
            inside += pMax[e]! * 0.01;
            block = true;
          } else out += pMax[e]! * 0.01;
        }
        if (out > outside) outside = out;
        if (inside > rho) rho = inside;
        for (let k = outStart[u]!; k < outStart[u + 1]!; k++) {
          const e = outEdges[k]!;
          if (!(pMax[e]! > 0)) continue;
          const t = tgt[e]!;
          const ct = comp[t]!;
          if (ct === c) continue;
          const via = Math.max(1, gain[ct]!) * amp[t]!;
          if (via > a) a = via;
        }
      }
      if (block) {
        this.blockStart.set(c, from);
        slack[c] = rho < MAX_INSIDE && to - from <= DENSE_MAX ? 1 - rho : -1;
      }
      gain[c] = slack[c]! > 0 ? outside / slack[c]! : outside;
      for (let i = from; i < to; i++) {
        const u = byComp[i]!;
        amp[u] = a;
        thr[u] = floor / a;
      }
    }
    arena.release(mark);
  }

  /**
   * The row of holder h: the same nodes, order and figures as RowPropagator.propagate([h], floor) (`banded` tells
   * whether a reported figure differs between the ends of bands; notConverged is empty). Null when the pruned
   * search does not apply (see the module comment): the caller then sweeps.
   */
  row(h: number): RowResult | null {
    if (!(this.floor > 0) || this.slack[this.comps.comp[h]!] !== 0) return null;
    const run = ++this.run;
    if (!this.reach(h, run)) return null;
    const { inStart, inEdges, outStart, outEdges, src, tgt, pMax } = this.index;
    const comp = this.comps.comp;
    const { thr, bound, reached, queued, bounded, slack } = this;
    const heap = this.queue;
    const floor = this.floor * (1 - MARGIN);
    // A max-heap of component ids: every holder of a node that the search meets is bounded before the node.
    let size = 0;
    const push = (v: number): void => {
      queued[v] = run;
      const key = comp[v]!;
      let i = size++;
      while (i > 0) {
        const up = (i - 1) >> 1;
        if (comp[heap[up]!]! >= key) break;
        heap[i] = heap[up]!;
        i = up;
      }
      heap[i] = v;
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap[--size]!;
      const key = comp[last]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && comp[heap[child + 1]!]! > comp[heap[child]!]!) child++;
        if (comp[heap[child]!]! <= key) break;
        heap[i] = heap[child]!;
        i = child;
      }
      if (size > 0) heap[i] = last;
      return top;
    };
    const pushChildren = (u: number): void => {
      for (let k = outStart[u]!; k < outStart[u + 1]!; k++) {
        const e = outEdges[k]!;
        if (!(pMax[e]! > 0)) continue;
        const t = tgt[e]!;
        if (t !== h && queued[t] !== run) push(t);
      }
    };
    /** Upper bound of the inflow into v from outside its component c. */
    const inflow = (v: number, c: number): number => {
      let b = 0;
      for (let k = inStart[v]!; k < inStart[v + 1]!; k++) {
        const e = inEdges[k]!;
        const wMax = pMax[e]! * 0.01;
        if (wMax === 0) continue;
        const s = src[e]!;
        if (s === h) b += wMax;
        else if (comp[s] === c || reached[s] !== run) continue;
        else b += wMax * (bounded[s] === run ? bound[s]! : thr[s]!);
      }
      return b;
    };
    pushChildren(h);
    const reported: number[] = [];
    while (size > 0) {
      const v = pop();
      if (bounded[v] === run) continue;
      const c = comp[v]!;
      if (slack[c] === 0) {
        const b = inflow(v, c);
        bounded[v] = run;
        bound[v] = b;
        if (b >= thr[v]! * (1 - MARGIN)) pushChildren(v);
        if (b >= floor) reported.push(v);
        continue;
      }
      // A block, as a whole.
      const members = this.members(c);
      let most = 0;
      for (const u of members) most = Math.max(most, inflow(u, c));
      const b = most / slack[c]!;
      for (const u of members) {
        bounded[u] = run;
        queued[u] = run;
        bound[u] = b;
      }
      for (const u of members) {
        if (b >= thr[u]! * (1 - MARGIN)) pushChildren(u);
        if (b >= floor) reported.push(u);
      }
    }
    const { x, xMin } = this;
    let kept = 0;
    let banded = false;
    for (const v of reported) {
      if (!this.evaluate(h, v, run)) return null;
      if (x[v]! > 0 && x[v]! >= this.floor) {
        reported[kept++] = v;
        if (x[v] !== xMin[v]) banded = true;
      }
    }
    reported.length = kept;
    // The full sweep's order: descending component ids, then ascending node index.
    reported.sort((a, b) => comp[b]! - comp[a]! || a - b);
    const nodes = Int32Array.from(reported);
    const min = new Float64Array(kept);
    const max = banded ? new Float64Array(kept) : min;
    for (let i = 0; i < kept; i++) {
      min[i] = xMin[reported[i]!]!;
      if (banded) max[i] = x[reported[i]!]!;
    }
    return { nodes, min, max, banded, notConverged: [] };
  }

  /**
   * Marks the nodes reached from h through stakes (reached = run), as the full sweep finds them. False when a
   * block that does not take part is reached.
   */
  private reach(h: number, run: number): boolean {
    const { outStart, outEdges, tgt, pMax } = this.index;
    const comp = this.comps.comp;
    const { reached, slack, queue } = this;
    let count = 0;
    for (let head = -1, u = h; ; u = queue[head]!) {
      for (let k = outStart[u]!; k < outStart[u + 1]!; k++) {
        const e = outEdges[k]!;
        if (!(pMax[e]! > 0)) continue;
        const t = tgt[e]!;
        if (reached[t] === run || t === h) continue;
        if (slack[comp[t]!]! < 0) return false;
        reached[t] = run;
        queue[count++] = t;
      }
      if (++head >= count) return true;
    }
  }

  /** The members of block c in ascending index order (the full sweep's order). */
  private members(c: number): Int32Array {
    const from = this.blockStart.get(c)!;
    return this.comps.byComp.slice(from, from + this.comps.size[c]!).sort();
  }

  /**
   * x[v] and xMin[v] as the full sweep computes them, evaluating holders in R first (depth-first, memoised). False
   * if a block's solve failed.
   */
  private evaluate(h: number, target: number, run: number): boolean {
    const { inStart, inEdges, src, pMax } = this.index;
    const comp = this.comps.comp;
    const { evaluated, expanded, reached, slack } = this;
    if (evaluated[target] === run) return true;
    const stack = [target];
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      if (evaluated[v] === run) {
        stack.pop();
        continue;
      }
      const c = comp[v]!;
      const members = slack[c] === 0 ? null : this.members(c);
      if (expanded[v] !== run) {
        for (const u of members ?? [v]) {
          expanded[u] = run;
          for (let k = inStart[u]!; k < inStart[u + 1]!; k++) {
            const e = inEdges[k]!;
            if (!(pMax[e]! > 0)) continue;
            const s = src[e]!;
            if (reached[s] === run && comp[s] !== c && evaluated[s] !== run) stack.push(s);
          }
        }
        continue;
      }
      stack.pop();
      if (!(members === null ? this.node(h, v, run) : this.block(h, c, members, run))) return false;
      for (const u of members ?? [v]) evaluated[u] = run;
    }
    return true;
  }

  /**
   * The full sweep's figures of one node (RowPropagator.pass), its holders evaluated: the sum over its in-edges,
   * divided by 1 - self for a stake it holds in itself. False if that stake is 100 percent or more.
   */
  private node(h: number, v: number, run: number): boolean {
    const { inStart, inEdges, src, pMin, pMax } = this.index;
    const { x, xMin, reached } = this;
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
      if (s === h) {
        r += w;
        rMax += wMax;
      } else if (s === v) {
        self += w;
        selfMax += wMax;
      } else if (reached[s] === run) {
        r += w * xMin[s]!;
        rMax += wMax * x[s]!;
      }
    }
    if (!(selfMax < 1)) return false;
    xMin[v] = self === 0 ? r : r / (1 - self);
    x[v] = selfMax === 0 ? rMax : rMax / (1 - selfMax);
    return true;
  }

  /**
   * The full sweep's figures of block c (RowPropagator.pass: a node holding a stake in itself, or several nodes
   * in a cycle), its holders outside evaluated. False if a solve failed.
   */
  private block(h: number, c: number, members: Int32Array, run: number): boolean {
    const { inStart, inEdges, src, pMin, pMax } = this.index;
    const comp = this.comps.comp;
    const { x, xMin, reached } = this;
    const size = members.length;
    if (size === 1) return this.node(h, members[0]!, run);
    const sys = newBlockSystem(size);
    const sysMax = newBlockSystem(size);
    for (let a = 0; a < size; a++) {
      const u = members[a]!;
      let r = 0;
      let rMax = 0;
      for (let k = inStart[u]!; k < inStart[u + 1]!; k++) {
        const e = inEdges[k]!;
        const wMax = pMax[e]! * 0.01;
        if (wMax === 0) continue;
        const w = pMin[e]! * 0.01;
        const s = src[e]!;
        if (s === h) {
          r += w;
          rMax += wMax;
        } else if (comp[s] === c) {
          const b = members.indexOf(s);
          sys.rows.push(a);
          sys.cols.push(b);
          sys.coefs.push(w);
          sysMax.rows.push(a);
          sysMax.cols.push(b);
          sysMax.coefs.push(wMax);
        } else if (reached[s] === run) {
          r += w * xMin[s]!;
          rMax += wMax * x[s]!;
        }
      }
      sys.rhs[a] = r;
      sysMax.rhs[a] = rMax;
    }
    const out = new Float64Array(size);
    const outMax = new Float64Array(size);
    if (!solveBlock(sys, out) || !solveBlock(sysMax, outMax)) return false;
    for (let a = 0; a < size; a++) {
      xMin[members[a]!] = out[a]!;
      x[members[a]!] = outMax[a]!;
    }
    return true;
  }
}

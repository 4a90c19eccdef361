/**
 * Strongly connected components of the ownership stakes: the cross-holding groups (cycles) that make the path sum
 * of effective ownership an infinite series.
 */
import type { GraphIndex } from './graph-index.ts';
import { SHARE_NONE } from './graph-codes.ts';
import type { Steps } from './steps.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';

export interface StakeComponents {
  /** Component id per node. Ids are in reverse topological order: for a stake u -> v across components, comp[u] > comp[v]. */
  comp: Int32Array;
  /** Number of nodes per component id. */
  size: Int32Array;
  /** The nodes by ascending component id (the members of a component in the order Tarjan's stack gave them). */
  byComp: Int32Array;
  count: number;
}

/** Whether edge e is an ownership stake that can carry value (share kind set, upper share above zero). */
export function isStake(index: GraphIndex, e: number): boolean {
  return index.share[e] !== SHARE_NONE && index.pMax[e]! > 0;
}

/**
 * Strongly connected components of the graph of ownership stakes (edges with a share whose upper end is above
 * zero), by Tarjan's algorithm with an explicit stack (no recursion, so chains of any depth are fine). O(n + m).
 */
export function stakeComponents(index: GraphIndex): StakeComponents {
  return runSteps(stakeComponentSteps(index));
}

/** stakeComponents in steps (steps.ts), one per STEP_ITEMS edges looked at. */
export function* stakeComponentSteps(index: GraphIndex): Steps<StakeComponents> {
  const { n, outStart, outEdges, tgt, share, pMax, arena } = index;
  const comp = arena.i32(n).fill(-1);
  const byComp = arena.i32(n);
  let assigned = 0;
  const mark = arena.mark();
  const order = arena.i32(n).fill(-1);
  const low = arena.i32(n);
  const stack = arena.i32(n);
  const callNode = arena.i32(n);
  const callPos = arena.i32(n);
  const sizes: number[] = [];
  let stackTop = 0;
  let counter = 0;
  let count = 0;
  let work = 0;
  for (let root = 0; root < n; root++) {
    if (++work >= STEP_ITEMS) {
      work = 0;
      yield;
    }
    if (order[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callPos[0] = outStart[root]!;
    order[root] = low[root] = counter++;
    stack[stackTop++] = root;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const pos = callPos[depth]!;
      if (pos < outStart[v + 1]!) {
        if (++work >= STEP_ITEMS) {
          work = 0;
          yield;
        }
        callPos[depth] = pos + 1;
        const e = outEdges[pos]!;
        if (share[e] === SHARE_NONE || !(pMax[e]! > 0)) continue;
        const w = tgt[e]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[stackTop++] = w;
          depth++;
          callNode[depth] = w;
          callPos[depth] = outStart[w]!;
        } else if (comp[w] === -1) {
          // w is on the stack (visited, not yet assigned to a component).
          if (order[w]! < low[v]!) low[v] = order[w]!;
        }
        continue;
      }
      if (low[v] === order[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--stackTop]!;
          comp[w] = count;
          byComp[assigned++] = w;
          size++;
        } while (w !== v);
        sizes.push(size);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
    }
  }
  arena.release(mark);
  const size = arena.i32(count);
  size.set(sizes);
  return { comp, size, count, byComp };
}

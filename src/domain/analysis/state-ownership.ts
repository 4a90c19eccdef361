/**
 * State ownership: effective (look-through) ownership of every entity by each government, flagged at or above a
 * threshold (25 percent by default, the usual beneficial-ownership threshold; US foreign-investment review,
 * 31 CFR 800.244, looks at 25 percent voting interests and at foreign governments holding 49 percent or more).
 *
 * A government is a node of kind Government: a state, or a state body (ministry, agency, sovereign fund). A state
 * body that its state controls (explicit CONTROLS or majority-control fixpoint, control.ts) is treated as part of
 * that state: their holdings count as one holder, the state, and the body itself is reported as 100 percent state
 * (31 CFR 800.244(c) likewise deems a parent's interest a 100 percent interest in the entities it controls). A state
 * body that no state controls counts as a government of its own.
 */
import type { OwnershipGraph } from '../model.ts';
import type { ControlResult } from './control.ts';
import { computeControl } from './control.ts';
import type { RowResult } from './effective-ownership.ts';
import { RowPropagator, toPercent } from './effective-ownership.ts';
import type { GraphIndex } from './graph-index.ts';
import { indexGraph } from './graph-index.ts';
import { GOV_BODY, GOV_STATE, NODE_GOVERNMENT, reaches } from './graph-codes.ts';
import type { StakeComponents } from './scc.ts';
import { stakeComponents } from './scc.ts';
import type { Steps } from './steps.ts';
import { runSteps } from './steps.ts';

/** Default threshold of STATE_OWNERSHIP, percent (at or above). */
export const DEFAULT_STATE_THRESHOLD = 25;

/** Government groups propagated together in one sweep (see RowPropagator.propagateBatch). */
const BATCH = 16;

/** Governments grouped: each state with the state bodies it controls. */
export interface StateGroups {
  /** Per node: the group's root (a state, or an uncontrolled state body) for Government nodes, -1 otherwise. */
  root: Int32Array;
  /** Roots, sorted by key. */
  roots: number[];
  /** Root -> its members (the root first). */
  members: Map<number, number[]>;
}

/**
 * Groups the governments of an index: a state body controlled by a state belongs to that state (the one with the
 * smallest key if several control it); states and uncontrolled state bodies are groups of their own.
 */
export function stateGroups(index: GraphIndex, control: ControlResult): StateGroups {
  const root = new Int32Array(index.n).fill(-1);
  const keys = index.keys;
  const roots: number[] = [];
  for (let v = 0; v < index.n; v++) {
    if (index.kind[v] !== NODE_GOVERNMENT) continue;
    let r = v;
    if (index.govType[v] === GOV_BODY) {
      for (let k = control.start[v]!; k < control.start[v + 1]!; k++) {
        const c = control.controllers[k]!;
        if (index.govType[c] !== GOV_STATE) continue;
        if (r === v || keys[c]! < keys[r]!) r = c;
      }
    }
    root[v] = r;
    if (r === v) roots.push(v);
  }
  roots.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const members = new Map<number, number[]>();
  for (const r of roots) members.set(r, [r]);
  for (let v = 0; v < index.n; v++) {
    const r = root[v]!;
    if (r >= 0 && r !== v) members.get(r)!.push(v);
  }
  return { root, roots, members };
}

/**
 * Effective ownership by each government group (a state with the state bodies it controls, counted as one
 * holder): root -> row result (fractions), entities below `floor` (a fraction) left out.
 */
export function computeStateOwnership(
  index: GraphIndex,
  comps: StakeComponents,
  groups: StateGroups,
  propagator?: RowPropagator,
  floor = 0,
): Map<number, RowResult> {
  return runSteps(stateOwnershipSteps(index, comps, groups, propagator, floor));
}

/** computeStateOwnership in steps (steps.ts), one per batch of governments. */
export function* stateOwnershipSteps(
  index: GraphIndex,
  comps: StakeComponents,
  groups: StateGroups,
  propagator?: RowPropagator,
  floor = 0,
): Steps<Map<number, RowResult>> {
  const rows = new Map<number, RowResult>();
  const prop = propagator ?? new RowPropagator(index, comps);
  for (let i = 0; i < groups.roots.length; i += BATCH) {
    if (i > 0) yield;
    const roots = groups.roots.slice(i, i + BATCH);
    const results = yield* prop.propagateBatchSteps(
      roots.map((r) => groups.members.get(r)!),
      floor,
    );
    roots.forEach((r, j) => rows.set(r, results[j]!));
  }
  return rows;
}

/** Effective ownership of one entity by one government, with the threshold decision. */
export interface StateShare {
  percent: number;
  percentMax: number;
  /** At or above the threshold on the lower ends of bands. */
  flagged: boolean;
}

/**
 * Effective ownership by each government of every entity as of `asOf` (dates ignored when absent): entity key ->
 * government key -> share, flagged at or above `threshold` (default 25). State bodies controlled by a state count
 * as part of it (see the module comment) and are reported at 100 percent.
 */
export function stateOwnership(
  graph: OwnershipGraph,
  options: { asOf?: string; threshold?: number } = {},
): Record<string, Record<string, StateShare>> {
  const threshold = options.threshold ?? DEFAULT_STATE_THRESHOLD;
  const index = indexGraph(graph, options.asOf);
  const comps = stakeComponents(index);
  const groups = stateGroups(index, computeControl(index));
  const rows = computeStateOwnership(index, comps, groups);
  const out: Record<string, Record<string, StateShare>> = {};
  const put = (v: number, r: number, min: number, max: number): void => {
    const record = (out[index.keys[v]!] ??= {});
    record[index.keys[r]!] = { percent: min, percentMax: max, flagged: reaches(min, threshold, false) };
  };
  for (const [r, row] of rows) {
    row.nodes.forEach((v, i) => put(v, r, toPercent(row.min[i]!), toPercent(row.max[i]!)));
    for (const m of groups.members.get(r)!) if (m !== r) put(m, r, 100, 100);
  }
  return out;
}

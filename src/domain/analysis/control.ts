/**
 * Control: who decides what an entity does.
 *
 * A party controls an entity when
 * - an explicit control relation exists (CONTROLS: board appointment, agreement, nominee arrangement; OPERATES:
 *   an operator controls the facility it runs, i.e. 100 percent control), or
 * - its own stake plus the stakes of the entities it already controls add up to more than 50 percent (the
 *   majority-control fixpoint), voting shares (`votingPercent`) being used where recorded, the equity share
 *   otherwise, banded shares on their lower end.
 * Control is transitive: what a controlled entity controls, the controller controls too. This follows the notion
 * of control of 31 CFR 800.208 and of the EU best practices (majority of voting rights, right to appoint the board)
 * and OFSI general guidance chapter 4; it is the basis of STATE_CONTROL and of SANCTIONED_CONTROL_REVIEW
 * (OFAC FAQ 398: control without 50 percent ownership does not block, but calls for caution).
 */
import type { OwnershipGraph } from '../model.ts';
import type { GraphIndex } from './graph-index.ts';
import { indexGraph } from './graph-index.ts';
import { ThresholdFixpoint } from './fixpoint.ts';
import type { Steps } from './steps.ts';
import { STEP_ITEMS, runSteps } from './steps.ts';
import { WEIGHT_CONTROL } from './weights.ts';

/** The majority threshold of the control rule, percent (strictly more than). */
export const CONTROL_THRESHOLD = 50;

/** All control pairs of an index, grouped by controlled node (CSR). */
export interface ControlResult {
  /** Controllers of v: controllers[start[v] .. start[v+1]). */
  start: Int32Array;
  controllers: Int32Array;
  /** The vote share held in v by that controller together with the entities it controls (percent). */
  figure: Float64Array;
}

/**
 * Computes, for every party, the set of entities it controls (majority-control fixpoint with explicit relations,
 * see the module comment), and returns the pairs grouped by controlled entity. Cost: one fixpoint per party with
 * outgoing edges, each visiting the edges out of the party and out of what it controls. `fixpoint` lends its
 * scratch arrays.
 */
export function computeControl(
  index: GraphIndex,
  fixpoint: ThresholdFixpoint = new ThresholdFixpoint(index),
): ControlResult {
  return runSteps(controlSteps(index, fixpoint));
}

/** computeControl in steps (steps.ts), one per STEP_ITEMS parties. */
export function* controlSteps(
  index: GraphIndex,
  fixpoint: ThresholdFixpoint = new ThresholdFixpoint(index),
): Steps<ControlResult> {
  const fp = fixpoint;
  const seed = [0];
  const pairT: number[] = [];
  const pairC: number[] = [];
  const pairF: number[] = [];
  const { outStart } = index;
  for (let c = 0; c < index.n; c++) {
    if (c % STEP_ITEMS === STEP_ITEMS - 1) yield;
    if (outStart[c] === outStart[c + 1]) continue;
    seed[0] = c;
    fp.run(seed, null, WEIGHT_CONTROL, true, CONTROL_THRESHOLD, true);
    for (let i = 1; i < fp.memberCount; i++) {
      const t = fp.members[i]!;
      pairT.push(t);
      pairC.push(c);
      pairF.push(fp.stakeIn(t));
    }
  }
  const count = pairT.length;
  const arena = index.arena;
  const start = arena.i32(index.n + 1);
  for (let i = 0; i < count; i++) start[pairT[i]! + 1]!++;
  for (let v = 0; v < index.n; v++) start[v + 1]! += start[v]!;
  const controllers = arena.i32(count);
  const figure = arena.f64(count);
  const mark = arena.mark();
  const fill = arena.i32(index.n);
  fill.set(start.subarray(0, index.n));
  for (let i = 0; i < count; i++) {
    const at = fill[pairT[i]!]!++;
    controllers[at] = pairC[i]!;
    figure[at] = pairF[i]!;
  }
  arena.release(mark);
  return { start, controllers, figure };
}

/**
 * Controllers of every entity as of `asOf` (dates ignored when absent): node key -> keys of the parties that
 * control it, directly or through entities they control (majority-control fixpoint: own stake plus stakes of
 * controlled entities > 50 percent, voting shares where recorded; explicit CONTROLS; OPERATES = 100 percent
 * control of a facility), sorted.
 */
export function controlRelations(graph: OwnershipGraph, options: { asOf?: string } = {}): Record<string, string[]> {
  const index = indexGraph(graph, options.asOf);
  const result = computeControl(index);
  const out: Record<string, string[]> = {};
  for (let v = 0; v < index.n; v++) {
    const list: string[] = [];
    for (let k = result.start[v]!; k < result.start[v + 1]!; k++) list.push(index.keys[result.controllers[k]!]!);
    out[index.keys[v]!] = list.sort();
  }
  return out;
}

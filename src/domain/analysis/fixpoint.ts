/**
 * The threshold fixpoint shared by the sanctions ownership rules and the majority-control rule: starting from a set
 * of seed parties, an entity joins the set when the stakes held in it by members of the set add up to the threshold
 * (or when a member has an explicit control relation to it); its own stakes then count in full, and so on until
 * nothing changes. Stakes are added, never multiplied along chains.
 *
 * The iteration runs in rounds (all members found in round r are expanded in round r + 1), so the set, the round
 * ("level") at which each member joins and the explanation chains built on levels do not depend on the order of
 * nodes or edges. Each edge out of a member is visited once: O(edges out of members). One instance (its scratch
 * arrays) serves any number of runs; each run invalidates the previous one's results.
 */
import type { GraphIndex } from './graph-index.ts';
import { reaches } from './graph-codes.ts';
import type { WeightMode } from './weights.ts';
import { edgeWeight, isExplicitControl } from './weights.ts';

/**
 * Runs threshold fixpoints on one index: members = seeds, then every entity in which the members' stakes (weights
 * added, not multiplied) reach the threshold or to which a member has an explicit control relation, until no
 * entity joins. OFAC 50 Percent Rule and EU/UK ownership tests (sanctions-rule.ts), majority control (control.ts).
 */
export class ThresholdFixpoint {
  /** Stake held in each touched node by the members (valid where accStamp === stamp). */
  readonly acc: Float64Array;
  /** Round at which each member joined: 0 for seeds (valid where memberStamp === stamp). */
  readonly level: Int32Array;
  /** Members in the order they joined (seeds first). */
  readonly members: Int32Array;
  memberCount = 0;
  /** Nodes that received a stake from a member (each once). */
  readonly touched: Int32Array;
  touchedCount = 0;
  private readonly accStamp: Int32Array;
  private readonly memberStamp: Int32Array;
  private readonly candidateStamp: Int32Array;
  private readonly explicitStamp: Int32Array;
  private readonly candidates: Int32Array;
  private stamp = 0;

  constructor(private readonly index: GraphIndex) {
    const n = index.n;
    const arena = index.arena;
    this.acc = arena.f64(n);
    this.level = arena.i32(n);
    this.members = arena.i32(n);
    this.touched = arena.i32(n);
    this.accStamp = arena.i32(n);
    this.memberStamp = arena.i32(n);
    this.candidateStamp = arena.i32(n);
    this.explicitStamp = arena.i32(n);
    this.candidates = arena.i32(n);
  }

  isMember(v: number): boolean {
    return this.memberStamp[v] === this.stamp;
  }

  /** Level of v in the last run, -1 when not a member. */
  levelOf(v: number): number {
    return this.memberStamp[v] === this.stamp ? this.level[v]! : -1;
  }

  /** Stake held by the members in v after the last run (0 if untouched). */
  stakeIn(v: number): number {
    return this.accStamp[v] === this.stamp ? this.acc[v]! : 0;
  }

  /**
   * Runs the fixpoint.
   * @param seeds members from the start (level 0); all their out-edges count.
   * @param initialEdges edges whose weight counts from the start although their source is not a member (stakes
   *   held under a joint arrangement).
   * @param mode how edges weigh (weights.ts).
   * @param explicit whether explicit control relations (CONTROLS, OPERATES) make their target a member.
   * @param threshold percent; `strict`: the stake must exceed it, otherwise reach it.
   */
  run(
    seeds: ArrayLike<number>,
    initialEdges: ArrayLike<number> | null,
    mode: WeightMode,
    explicit: boolean,
    threshold: number,
    strict: boolean,
  ): void {
    const index = this.index;
    const { outStart, outEdges, tgt } = index;
    const { acc, accStamp, memberStamp, candidateStamp, explicitStamp, candidates, members, level, touched } = this;
    const stamp = ++this.stamp;
    let memberCount = 0;
    let touchedCount = 0;
    let candidateCount = 0;
    for (let i = 0; i < seeds.length; i++) {
      const v = seeds[i]!;
      if (memberStamp[v] === stamp) continue;
      memberStamp[v] = stamp;
      level[v] = 0;
      members[memberCount++] = v;
    }
    if (initialEdges !== null) {
      for (let i = 0; i < initialEdges.length; i++) {
        const e = initialEdges[i]!;
        const w = edgeWeight(index, e, mode);
        if (!(w > 0)) continue;
        const t = tgt[e]!;
        if (accStamp[t] !== stamp) {
          accStamp[t] = stamp;
          acc[t] = 0;
          touched[touchedCount++] = t;
        }
        acc[t]! += w;
        if (memberStamp[t] !== stamp && candidateStamp[t] !== stamp) {
          candidateStamp[t] = stamp;
          candidates[candidateCount++] = t;
        }
      }
    }
    let frontierStart = 0;
    let round = 1;
    for (;;) {
      const frontierEnd = memberCount;
      for (let f = frontierStart; f < frontierEnd; f++) {
        const u = members[f]!;
        const end = outStart[u + 1]!;
        for (let k = outStart[u]!; k < end; k++) {
          const e = outEdges[k]!;
          const t = tgt[e]!;
          if (explicit && memberStamp[t] !== stamp && isExplicitControl(index, e)) {
            explicitStamp[t] = stamp;
            if (candidateStamp[t] !== stamp) {
              candidateStamp[t] = stamp;
              candidates[candidateCount++] = t;
            }
          }
          const w = edgeWeight(index, e, mode);
          if (!(w > 0)) continue;
          if (accStamp[t] !== stamp) {
            accStamp[t] = stamp;
            acc[t] = 0;
            touched[touchedCount++] = t;
          }
          acc[t]! += w;
          if (memberStamp[t] !== stamp && candidateStamp[t] !== stamp) {
            candidateStamp[t] = stamp;
            candidates[candidateCount++] = t;
          }
        }
      }
      for (let c = 0; c < candidateCount; c++) {
        const t = candidates[c]!;
        candidateStamp[t] = 0;
        if (memberStamp[t] === stamp) continue;
        if (explicitStamp[t] === stamp || (accStamp[t] === stamp && reaches(acc[t]!, threshold, strict))) {
          memberStamp[t] = stamp;
          level[t] = round;
          members[memberCount++] = t;
        }
      }
      candidateCount = 0;
      if (memberCount === frontierEnd) break;
      frontierStart = frontierEnd;
      round++;
    }
    this.memberCount = memberCount;
    this.touchedCount = touchedCount;
  }
}

/**
 * The edge that best explains why node t joined a fixpoint, given the level of every node (-1: not a member):
 * among its in-edges from members of an earlier round, an explicit control relation first (when `explicit`), then
 * the largest weight, then the smallest edge key. -1 for seeds and non-members. Following these edges upwards
 * always ends at a seed, since levels strictly decrease.
 */
export function joinEdge(
  index: GraphIndex,
  levelOf: (v: number) => number,
  t: number,
  mode: WeightMode,
  explicit: boolean,
): number {
  const lt = levelOf(t);
  if (lt <= 0) return -1;
  const { inStart, inEdges, src, edgeKeys } = index;
  let best = -1;
  let bestRank = -1;
  for (let k = inStart[t]!; k < inStart[t + 1]!; k++) {
    const e = inEdges[k]!;
    const ls = levelOf(src[e]!);
    if (ls < 0 || ls >= lt) continue;
    const isExplicit = explicit && isExplicitControl(index, e);
    const w = edgeWeight(index, e, mode);
    if (!isExplicit && !(w > 0)) continue;
    const rank = (isExplicit ? 1000 : 0) + w;
    if (rank > bestRank || (rank === bestRank && edgeKeys[e]! < edgeKeys[best]!)) {
      best = e;
      bestRank = rank;
    }
  }
  return best;
}

/** The chain of edges from a seed down to member v (empty for a seed), following joinEdge upwards. */
export function joinChain(
  index: GraphIndex,
  levelOf: (v: number) => number,
  v: number,
  mode: WeightMode,
  explicit: boolean,
): number[] {
  const edges: number[] = [];
  let cur = v;
  for (;;) {
    const e = joinEdge(index, levelOf, cur, mode, explicit);
    if (e < 0) break;
    edges.push(e);
    cur = index.src[e]!;
  }
  return edges.reverse();
}

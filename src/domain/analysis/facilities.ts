/**
 * How facilities take the results of the parties behind them. A facility is owned (OWNS with a share) and/or
 * operated (OPERATES). Ownership flows through OWNS like for any entity. An operator runs the facility: it counts
 * as 100 percent control of it, and, when the facility has no recorded owner at the date, as a 100 percent owner,
 * so that the sanctions and state rules reach facilities known only by their operator (several operators share
 * the 100 percent).
 */
import type { Arena } from './arena.ts';
import { EDGE_OPERATES, EDGE_OWNS, NODE_FACILITY, SHARE_OPERATOR } from './graph-codes.ts';

/** The arrays of an index under construction that the operator rule reads and completes. */
export interface OperatorRuleArrays {
  n: number;
  m: number;
  kind: Uint8Array;
  edgeKind: Uint8Array;
  edgeKeys: readonly string[];
  src: Int32Array;
  tgt: Int32Array;
  share: Uint8Array;
  pMin: Float64Array;
  pMax: Float64Array;
}

/**
 * Applies the operator rule to the edges valid at the date: an OPERATES edge into a Facility that has no OWNS
 * edge becomes an implied ownership stake (share code SHARE_OPERATOR) of 100 percent. Several edges of one
 * operator count once; several distinct operators share the 100 percent equally (so the stakes still add up to
 * 100 percent) and the facility gets a MULTIPLE_OPERATORS data warning. OPERATES always counts as explicit
 * control (see control.ts). Returns, per node, the number of distinct operators counted as owners.
 */
export function applyOperatorRule(a: OperatorRuleArrays, arena: Arena): Int32Array {
  const operatorOwners = arena.i32(a.n);
  const mark = arena.mark();
  const owned = arena.u8(a.n);
  for (let e = 0; e < a.m; e++) if (a.edgeKind[e] === EDGE_OWNS) owned[a.tgt[e]!] = 1;
  // One implied stake per operator and facility: of parallel OPERATES edges, the one with the smallest key.
  const byPair = new Map<string, number>();
  for (let e = 0; e < a.m; e++) {
    if (a.edgeKind[e] !== EDGE_OPERATES) continue;
    const t = a.tgt[e]!;
    if (a.kind[t] !== NODE_FACILITY || owned[t] === 1) continue;
    const pair = `${a.src[e]!} ${t}`;
    const other = byPair.get(pair);
    if (other === undefined) {
      byPair.set(pair, e);
      operatorOwners[t]!++;
    } else if (a.edgeKeys[e]! < a.edgeKeys[other]!) byPair.set(pair, e);
  }
  for (const e of byPair.values()) {
    const share = 100 / operatorOwners[a.tgt[e]!]!;
    a.share[e] = SHARE_OPERATOR;
    a.pMin[e] = share;
    a.pMax[e] = share;
  }
  arena.release(mark);
  return operatorOwners;
}

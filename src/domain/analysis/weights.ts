/**
 * How much an edge counts, by rule. Computed on the fly from the index (no per-rule arrays):
 * - equity (OFAC, EU: ownership of shares, proprietary rights): `percent`, or the band's lower / upper end;
 * - equity or votes (UK, OFSI chapter 4: "shares or voting rights"): the larger of the equity share and
 *   `votingPercent`;
 * - control (majority control): `votingPercent` where recorded, the equity share's lower end otherwise.
 * Edges that are not ownership stakes weigh 0 (CONTROLS and OPERATES count as explicit control instead).
 */
import type { GraphIndex } from './graph-index.ts';
import { EDGE_CONTROLS, EDGE_OPERATES, SHARE_NONE } from './graph-codes.ts';

export const WEIGHT_EQUITY_MIN = 0;
export const WEIGHT_EQUITY_MAX = 1;
export const WEIGHT_EQUITY_OR_VOTES_MIN = 2;
export const WEIGHT_EQUITY_OR_VOTES_MAX = 3;
export const WEIGHT_CONTROL = 4;
export type WeightMode = 0 | 1 | 2 | 3 | 4;

/** The weight (percent) of edge e under a mode (see the module comment). */
export function edgeWeight(index: GraphIndex, e: number, mode: WeightMode): number {
  if (index.share[e] === SHARE_NONE) return 0;
  switch (mode) {
    case WEIGHT_EQUITY_MIN:
      return index.pMin[e]!;
    case WEIGHT_EQUITY_MAX:
      return index.pMax[e]!;
    case WEIGHT_EQUITY_OR_VOTES_MIN: {
      const p = index.pMin[e]!;
      const v = index.vote[e]!;
      return v > p ? v : p;
    }
    case WEIGHT_EQUITY_OR_VOTES_MAX: {
      const p = index.pMax[e]!;
      const v = index.vote[e]!;
      return v > p ? v : p;
    }
    default: {
      const v = index.vote[e]!;
      return v === v ? v : index.pMin[e]!;
    }
  }
}

/** Whether edge e is an explicit control relation: CONTROLS, or OPERATES (100 percent control of a facility). */
export function isExplicitControl(index: GraphIndex, e: number): boolean {
  const kind = index.edgeKind[e];
  return kind === EDGE_CONTROLS || kind === EDGE_OPERATES;
}

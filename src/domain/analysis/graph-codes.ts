/** Integer codes of the compact graph index (graph-index.ts): node kinds, authorities, edge kinds, share kinds. */
import type { EntityKind, SanctionAuthority, StakeKind } from '../model.ts';

export const NODE_PERSON = 0;
export const NODE_COMPANY = 1;
export const NODE_GOVERNMENT = 2;
export const NODE_FACILITY = 3;
export const NODE_SITE = 4;
export const NODE_UNKNOWN = 5;

export const NODE_KIND_CODES: Readonly<Record<EntityKind, number>> = {
  Person: NODE_PERSON,
  Company: NODE_COMPANY,
  Government: NODE_GOVERNMENT,
  Facility: NODE_FACILITY,
  SensitiveSite: NODE_SITE,
};

export const GOV_NONE = 0;
export const GOV_STATE = 1;
export const GOV_BODY = 2;

export const AUTHORITY_BITS: Readonly<Record<SanctionAuthority, number>> = { OFAC: 1, EU: 2, UK: 4, UN: 8 };

export const EDGE_OWNS = 0;
export const EDGE_CONTROLS = 1;
export const EDGE_OPERATES = 2;
export const EDGE_KIND_NAMES: readonly StakeKind[] = ['OWNS', 'CONTROLS', 'OPERATES'];

/** Not an ownership stake (CONTROLS, or OPERATES of an owned facility). */
export const SHARE_NONE = 0;
/** OWNS with an exact percent. */
export const SHARE_EXACT = 1;
/** OWNS known as a band percentMin..percentMax. */
export const SHARE_BANDED = 2;
/** OWNS without any share: counted as the band 0..100. */
export const SHARE_UNKNOWN = 3;
/** OPERATES of a facility without recorded owner: an implied 100 percent stake (facilities.ts). */
export const SHARE_OPERATOR = 4;

/** Tolerance (in percentage points) of threshold comparisons, so that 25 + 25 reaches 50 despite rounding. */
export const EPS_PERCENT = 1e-9;

/** `value` reaches `threshold`: `>=` when not strict, `>` when strict, with the EPS_PERCENT tolerance. */
export function reaches(value: number, threshold: number, strict: boolean): boolean {
  return strict ? value > threshold + EPS_PERCENT : value >= threshold - EPS_PERCENT;
}

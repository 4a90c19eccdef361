/**
 * The sanctions ownership rules: when is an entity that is not listed itself treated as a sanctioned party because
 * sanctioned parties own it? Stakes are added, not multiplied along chains; indirect ownership counts only through
 * entities that are themselves owned under the rule, whose whole stake then counts.
 *
 * - ofac: OFAC 50 Percent Rule (OFAC FAQs 398-402; "Revised Guidance on Entities Owned by Persons Whose Property
 *   and Interests in Property Are Blocked", 13 August 2014): blocked if one or more blocked persons own it,
 *   directly or indirectly, 50 percent or more in the aggregate. Indirectly = through entities that are
 *   themselves blocked (FAQ 401). Ownership only, not control (FAQ 398): the equity share (`percent`) is used.
 *   Listings that count: OFAC.
 * - eu: EU Council "Best Practices for the effective implementation of restrictive measures" (update of July
 *   2024): owned = 50 percent or more on or after 2024-07-03, more than 50 percent before; holdings of several
 *   designated persons are aggregated. Proprietary rights: the equity share is used. Listings that count: EU and
 *   UN (the EU implements UN listings).
 * - uk: OFSI General Guidance for Financial Sanctions, chapter 4 (ownership and control): owned = more than 50
 *   percent of the shares or voting rights, directly or indirectly; the larger of `percent` and `votingPercent`
 *   is used. Holdings of different designated persons are not added up unless held under a joint arrangement
 *   (edges marked with the same `jointArrangement`); one designated person's direct stakes and its stakes held
 *   through entities it owns add up. Listings that count: UK and UN (the UK implements UN listings).
 *
 * A listing counts from its `listed` date (inclusive) until `delisted` (exclusive); a stake counts from `from`
 * (inclusive) to `to` (exclusive), both evaluated at the analysis date. Banded shares: the rule is decided on the
 * lower ends (percentMin) and the figure on the upper ends (percentMax) is shown beside it.
 */
import type { OwnershipGraph, SanctionAuthority } from '../model.ts';
import type { GraphIndex } from './graph-index.ts';
import { indexGraph } from './graph-index.ts';
import { ThresholdFixpoint } from './fixpoint.ts';
import { AUTHORITY_BITS, SHARE_NONE, reaches } from './graph-codes.ts';
import type { WeightMode } from './weights.ts';
import {
  WEIGHT_EQUITY_MAX,
  WEIGHT_EQUITY_MIN,
  WEIGHT_EQUITY_OR_VOTES_MAX,
  WEIGHT_EQUITY_OR_VOTES_MIN,
  edgeWeight,
} from './weights.ts';
import type { SanctionsRegime } from './types.ts';

/** The date from which the EU criterion is "50 percent or more" (Council best practices, update of July 2024). */
export const EU_AGGREGATION_DATE = '2024-07-03';

/** The parameters of one regime's ownership rule as applied on one date. */
export interface SanctionsRuleSpec {
  regime: SanctionsRegime;
  rule: string;
  citation: string;
  /** Authorities whose listings count. */
  authorities: SanctionAuthority[];
  /** AUTHORITY_BITS of those authorities. */
  authorityMask: number;
  threshold: number;
  /** true: more than the threshold; false: the threshold or more. */
  strict: boolean;
  /** 'aggregate': stakes of all sanctioned parties add up; 'per-person': per designated person or joint arrangement. */
  aggregation: 'aggregate' | 'per-person';
  /** 'equity': percent; 'equity-or-voting': max(percent, votingPercent). */
  measure: 'equity' | 'equity-or-voting';
}

/** The ownership rule of `regime` as it applies on `asOf` (the EU threshold changed on 2024-07-03). */
export function sanctionsRuleSpec(regime: SanctionsRegime, asOf: string): SanctionsRuleSpec {
  const mask = (authorities: SanctionAuthority[]): number =>
    authorities.reduce((bits, authority) => bits | AUTHORITY_BITS[authority], 0);
  switch (regime) {
    case 'ofac':
      return {
        regime,
        rule: 'OFAC 50 Percent Rule',
        citation:
          'OFAC FAQs 398-402; Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property Are Blocked (13 August 2014)',
        authorities: ['OFAC'],
        authorityMask: mask(['OFAC']),
        threshold: 50,
        strict: false,
        aggregation: 'aggregate',
        measure: 'equity',
      };
    case 'eu': {
      const after = asOf >= EU_AGGREGATION_DATE;
      return {
        regime,
        rule: after ? 'EU ownership criterion (50 percent or more)' : 'EU ownership criterion (more than 50 percent)',
        citation: after
          ? 'EU Council Best Practices for the effective implementation of restrictive measures, update of July 2024'
          : 'EU Council Best Practices for the effective implementation of restrictive measures (before the July 2024 update)',
        authorities: ['EU', 'UN'],
        authorityMask: mask(['EU', 'UN']),
        threshold: 50,
        strict: !after,
        aggregation: 'aggregate',
        measure: 'equity',
      };
    }
    case 'uk':
      return {
        regime,
        rule: 'UK ownership test (more than 50 percent of shares or voting rights)',
        citation: 'OFSI General Guidance for Financial Sanctions, chapter 4 (ownership and control)',
        authorities: ['UK', 'UN'],
        authorityMask: mask(['UK', 'UN']),
        threshold: 50,
        strict: true,
        aggregation: 'per-person',
        measure: 'equity-or-voting',
      };
  }
}

/** A party whose holdings the UK rule considers on their own: one designated person, or one joint arrangement. */
export type SanctionsUnit = { type: 'person'; node: number } | { type: 'joint'; arrangement: number };

/** The outcome of a regime's ownership rule for every node of an index. Percentages 0..100. */
export interface SanctionsEvaluation {
  spec: SanctionsRuleSpec;
  /** How edges weigh under the rule, on the lower and upper ends of bands (weights.ts). */
  modeMin: WeightMode;
  modeMax: WeightMode;
  /** 1 when listed itself by an authority that counts, at the date. */
  listed: Uint8Array;
  /** 1 when owned under the rule on the lower ends of bands (the decision). */
  owned: Uint8Array;
  /** 1 when owned under the rule on the upper ends of bands. */
  ownedMax: Uint8Array;
  /** The rule's figure (lower ends): aggregate stake of sanctioned holders, or (UK) the best single unit's. */
  figure: Float64Array;
  figureMax: Float64Array;
  /** OFAC / EU: round of the aggregate fixpoint (lower ends) at which a node became sanctioned (0: listed), -1. */
  blockedLevel: Int32Array;
  /** UK: the unit reaching `figure` (index into units), -1 when none. */
  bestUnit: Int32Array;
  units: SanctionsUnit[];
  /** UK, per unit: the stakes counted from the start (joint arrangement: marked stakes of eligible holders). */
  unitInitialEdges: (number[] | null)[];
}

/** Sanctioned under the rule: listed, or owned under the ownership rule. */
export function isSanctioned(evaluation: SanctionsEvaluation, v: number): boolean {
  return evaluation.listed[v] === 1 || evaluation.owned[v] === 1;
}

/**
 * Applies the regime's ownership rule to every node of the index (see the module comment for the rules and their
 * sources). OFAC and EU: one aggregated fixpoint seeded with the listed parties. UK: one fixpoint per designated
 * person (its direct stakes plus those of entities it owns), then one per joint arrangement (stakes marked with it,
 * held by designated persons or entities they own, plus those of entities the arrangement owns). Each is run on
 * the lower and, when bands exist, the upper ends of the shares. `fixpoint` lends its scratch arrays.
 */
export function evaluateSanctions(
  index: GraphIndex,
  regime: SanctionsRegime,
  asOf: string,
  fixpoint: ThresholdFixpoint = new ThresholdFixpoint(index),
): SanctionsEvaluation {
  const spec = sanctionsRuleSpec(regime, asOf);
  const n = index.n;
  const arena = index.arena;
  const fp = fixpoint;
  const modeMin: WeightMode = spec.measure === 'equity' ? WEIGHT_EQUITY_MIN : WEIGHT_EQUITY_OR_VOTES_MIN;
  const modeMax: WeightMode = spec.measure === 'equity' ? WEIGHT_EQUITY_MAX : WEIGHT_EQUITY_OR_VOTES_MAX;
  const listed = arena.u8(n);
  const seeds: number[] = [];
  for (let v = 0; v < n; v++) {
    if ((index.listed[v]! & spec.authorityMask) !== 0) {
      listed[v] = 1;
      seeds.push(v);
    }
  }
  let hasBands = false;
  for (let e = 0; e < index.m; e++) {
    if (edgeWeight(index, e, modeMin) !== edgeWeight(index, e, modeMax)) {
      hasBands = true;
      break;
    }
  }
  const owned = arena.u8(n);
  const figure = arena.f64(n);
  const blockedLevel = arena.i32(n).fill(-1);
  const bestUnit = arena.i32(n).fill(-1);
  const units: SanctionsUnit[] = [];
  const unitInitialEdges: (number[] | null)[] = [];
  let ownedMax = owned;
  let figureMax = figure;

  if (spec.aggregation === 'aggregate') {
    const aggregate = (mode: WeightMode, out: Uint8Array, fig: Float64Array): void => {
      fp.run(seeds, null, mode, false, spec.threshold, spec.strict);
      for (let i = 0; i < fp.touchedCount; i++) {
        const t = fp.touched[i]!;
        const stake = fp.acc[t]!;
        fig[t] = stake;
        if (reaches(stake, spec.threshold, spec.strict)) out[t] = 1;
      }
    };
    aggregate(modeMin, owned, figure);
    for (let i = 0; i < fp.memberCount; i++) {
      const v = fp.members[i]!;
      blockedLevel[v] = fp.level[v]!;
    }
    if (hasBands) {
      ownedMax = arena.u8(n);
      figureMax = arena.f64(n);
      aggregate(modeMax, ownedMax, figureMax);
    }
  } else {
    seeds.sort((a, b) => (index.keys[a]! < index.keys[b]! ? -1 : index.keys[a]! > index.keys[b]! ? 1 : 0));
    for (const v of seeds) units.push({ type: 'person', node: v });
    const arrangements = new Map<number, number[]>();
    for (let e = 0; e < index.m; e++) {
      const j = index.joint[e]!;
      if (j < 0 || index.share[e] === SHARE_NONE) continue;
      let list = arrangements.get(j);
      if (list === undefined) arrangements.set(j, (list = []));
      list.push(e);
    }
    const jointIds = [...arrangements.keys()].sort((a, b) =>
      index.jointNames[a]! < index.jointNames[b]! ? -1 : index.jointNames[a]! > index.jointNames[b]! ? 1 : 0,
    );
    for (const j of jointIds) units.push({ type: 'joint', arrangement: j });

    const perPerson = (mode: WeightMode, out: Uint8Array, fig: Float64Array): void => {
      const decision = out === owned;
      const record = (unit: number): void => {
        const own = units[unit]!;
        for (let i = 0; i < fp.touchedCount; i++) {
          const t = fp.touched[i]!;
          if (own.type === 'person' && own.node === t) continue;
          const stake = fp.acc[t]!;
          // Units run in key order and only a larger figure replaces the best: ties keep the first unit.
          if (stake > fig[t]!) {
            fig[t] = stake;
            if (decision) bestUnit[t] = unit;
          }
          if (reaches(stake, spec.threshold, spec.strict)) out[t] = 1;
        }
      };
      let unit = 0;
      const seed = [0];
      for (const v of seeds) {
        seed[0] = v;
        fp.run(seed, null, mode, false, spec.threshold, spec.strict);
        if (decision) unitInitialEdges.push(null);
        record(unit++);
      }
      // Joint arrangements: only stakes of designated persons or of entities one of them owns count.
      const ownedBySingle = Uint8Array.from(out);
      for (const j of jointIds) {
        const edges = arrangements
          .get(j)!
          .filter((e) => listed[index.src[e]!] === 1 || ownedBySingle[index.src[e]!] === 1);
        fp.run([], edges, mode, false, spec.threshold, spec.strict);
        if (decision) unitInitialEdges.push(edges);
        record(unit++);
      }
    };
    perPerson(modeMin, owned, figure);
    if (hasBands) {
      ownedMax = arena.u8(n);
      figureMax = arena.f64(n);
      perPerson(modeMax, ownedMax, figureMax);
    }
  }
  return {
    spec,
    modeMin,
    modeMax,
    listed,
    owned,
    ownedMax,
    figure,
    figureMax,
    blockedLevel,
    bestUnit,
    units,
    unitInitialEdges,
  };
}

/** The status of one entity under a regime's ownership rule. Percentages 0..100. */
export interface SanctionsStatus {
  listed: boolean;
  owned: boolean;
  figure: number;
  figureMax: number;
}

/**
 * Applies a sanctions regime's ownership rule (OFAC 50 Percent Rule, EU best practices, UK OFSI chapter 4; see the
 * module comment) to the whole graph as of `asOf`: node key -> listed itself / owned under the rule / the figure
 * reached (lower and upper ends of bands).
 */
export function sanctionsOwnership(
  graph: OwnershipGraph,
  options: { rule: SanctionsRegime; asOf: string },
): Record<string, SanctionsStatus> {
  const index = indexGraph(graph, options.asOf);
  const evaluation = evaluateSanctions(index, options.rule, options.asOf);
  const out: Record<string, SanctionsStatus> = {};
  for (let v = 0; v < index.n; v++) {
    out[index.keys[v]!] = {
      listed: evaluation.listed[v] === 1,
      owned: evaluation.owned[v] === 1,
      figure: Math.round(evaluation.figure[v]! * 1e9) / 1e9,
      figureMax: Math.round(evaluation.figureMax[v]! * 1e9) / 1e9,
    };
  }
  return out;
}

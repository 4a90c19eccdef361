/**
 * Result types of the look-through engine. The server sends them as JSON and the web app renders them, so every
 * field is plain data: strings, numbers (percentages are 0..100), arrays and records keyed by node key.
 */
import type { EntityKind, Provenance, SanctionListing, SiteCategory, StakeKind } from '../model.ts';

/** The sanctions regimes whose ownership rule the engine applies. */
export const SANCTIONS_REGIMES = ['ofac', 'eu', 'uk'] as const;
export type SanctionsRegime = (typeof SANCTIONS_REGIMES)[number];

/**
 * Flags, in the order in which they are reported.
 * - SANCTIONED: listed itself by an authority whose listings count for the chosen regime.
 * - SANCTIONED_OWNERSHIP: blocked / owned under the regime's ownership rule (OFAC 50 Percent Rule, EU, UK).
 * - SANCTIONED_CONTROL_REVIEW: a sanctioned party controls it or directly holds 25 percent or more, while the
 *   ownership rule is not met (OFAC FAQ 398: "a reason for caution").
 * - STATE_CONTROL: a government controls it (majority-control fixpoint or explicit control relation).
 * - STATE_OWNERSHIP: effective ownership by one government at or above the state threshold (default 25).
 * - NEAR_SENSITIVE_SITE: a facility within the radius (default 1 mile) of a sensitive site.
 * - DATA_WARNING: the data behind the figures is doubtful (see DataWarningCode).
 */
export const FLAGS = [
  'SANCTIONED',
  'SANCTIONED_OWNERSHIP',
  'SANCTIONED_CONTROL_REVIEW',
  'STATE_CONTROL',
  'STATE_OWNERSHIP',
  'NEAR_SENSITIVE_SITE',
  'DATA_WARNING',
] as const;
export type Flag = (typeof FLAGS)[number];

/**
 * What a DATA_WARNING is about.
 * - OVER_100: recorded stakes into the entity add up to more than 100 percent.
 * - BANDED_SHARE: a stake into the entity is only known as a band (percentMin..percentMax).
 * - UNKNOWN_SHARE: a stake into the entity has no share at all (counted as 0..100).
 * - CLOSED_CYCLE: the entity sits in an ownership cycle that nobody outside the cycle holds.
 * - NOT_CONVERGED: the cross-holding series did not converge (stakes above 100 percent inside a cycle);
 *   effective figures involving it are capped at 100.
 * - BAND_UNDECIDED: a flag is not set on the lower ends of the bands but would be on the upper ends.
 * - MULTIPLE_OPERATORS: a facility with no recorded owner has several operators (they share the implied 100 percent).
 */
export const DATA_WARNING_CODES = [
  'OVER_100',
  'BANDED_SHARE',
  'UNKNOWN_SHARE',
  'CLOSED_CYCLE',
  'NOT_CONVERGED',
  'BAND_UNDECIDED',
  'MULTIPLE_OPERATORS',
] as const;
export type DataWarningCode = (typeof DATA_WARNING_CODES)[number];

/** Options of analyzeGraph and explainEntity. Dates are ISO YYYY-MM-DD; the engine never reads the clock. */
export interface AnalysisOptions {
  rule: SanctionsRegime;
  /** The date at which listings and stakes are evaluated. */
  asOf: string;
  /** Effective state ownership (percent) at or above which STATE_OWNERSHIP is set. Default 25. */
  stateThreshold?: number;
  /** Radius (km) within which a facility is NEAR_SENSITIVE_SITE. Default 1.609344 (1 mile, 31 CFR 802.203). */
  radiusKm?: number;
  /** How many nearest sites to report per facility. Default 3. */
  nearestCount?: number;
  /** How far (km) to look for nearest sites. Default max(radiusKm, 160.9344) (100 miles, 31 CFR 802.217). */
  searchKm?: number;
  /**
   * Effective shares (percent) below this are left out of analyzeGraph's `effectiveOwners` and of `statePercent`
   * (never below the state threshold). Default 1. They are computed all the same and flags do not depend on it;
   * explainEntity's `effectiveOwners` list every upstream holder. Set 0 to report everything (on a million
   * entities that can be tens of millions of figures).
   */
  minShare?: number;
  /** At most this many paths per explanation (the figure always counts all of them). Default 20. */
  maxPaths?: number;
  /**
   * analyzeGraph only: report 'all' entities (default), or only 'notable' ones: those with a flag, a controller,
   * an effective owner of interest, a state share, a sanctioned holder or nearby sites. Entities left out have
   * nothing to report.
   */
  entities?: 'all' | 'notable';
}

/** One edge on an explanation path: its key, ends, shares and where the fact comes from. */
export interface ExplanationEdge {
  key: string;
  /** Holder (node key). */
  source: string;
  /** Held entity (node key). */
  target: string;
  kind: StakeKind;
  percent?: number;
  percentMin?: number;
  percentMax?: number;
  votingPercent?: number;
  jointArrangement?: string;
  basis?: string;
  from?: string;
  to?: string;
  /** The edge's provenance (the `source` attribute of the edge: dataset, record id, date). */
  provenance?: Provenance;
  /** Set when the share is implied by a rule rather than recorded: an operator of an unowned facility = 100. */
  implied?: 'operator';
}

/**
 * A path behind a figure, from a holder down to the entity. `share` is what the path contributes to the figure
 * (percent): for effective ownership the product of the shares along it, for the sanctions and control rules
 * the stake of its last edge (those rules add stakes, they do not multiply them; the earlier edges show why the
 * holder of the last edge counts).
 */
export interface ExplanationPath {
  edges: ExplanationEdge[];
  share: number;
  /** Upper end when shares on the path are banded. */
  shareMax?: number;
}

/** Why a flag is set (or a warning raised): rule, threshold, the figure reached and the paths producing it. */
export interface Explanation {
  flag: Flag;
  /** Short name of the rule applied, e.g. "OFAC 50 Percent Rule". */
  rule: string;
  /** Legal or methodological source of the rule. */
  citation: string;
  /** Threshold in percent (km for NEAR_SENSITIVE_SITE); null when the rule has none (a listing). */
  threshold: number | null;
  /** How the figure is compared with the threshold. */
  comparison?: '>=' | '>' | '<=';
  /** The figure reached (percent; km for NEAR_SENSITIVE_SITE); null when not numeric. Decided on band minimums. */
  figure: number | null;
  /** The figure on the upper ends of banded shares, when it differs. */
  figureMax?: number;
  /** One sentence a person can read. */
  summary: string;
  /** The parties the figure is about (listed persons, controlling government, ...), node keys. */
  holders?: string[];
  paths: ExplanationPath[];
  /** More paths exist than are listed. */
  pathsTruncated?: boolean;
  /** For SANCTIONED: the listings that count at the date. */
  listings?: SanctionListing[];
  /** For DATA_WARNING: what the warning is about. */
  warning?: DataWarningCode;
}

/** A sensitive site near a facility, by great-circle (haversine) distance. */
export interface NearestSite {
  key: string;
  name: string;
  category?: SiteCategory;
  distanceKm: number;
  distanceMiles: number;
}

/**
 * Everything the engine says about one entity. Percentages are 0..100. A read-only value: empty arrays and
 * records may be shared, frozen instances (a million-entity analysis would otherwise keep millions of them), and
 * the records keyed by node key have no prototype (use `key in record`, Object.keys/entries, not hasOwnProperty).
 */
export interface EntityAnalysis {
  key: string;
  kind: EntityKind;
  name: string;
  flags: Flag[];
  /**
   * The figure of the regime's ownership rule: OFAC/EU: aggregate stake held by blocked parties (listed, or owned
   * under the rule); UK: the largest stake held by one designated person (directly and through entities it owns)
   * or by one joint arrangement. Computed on band minimums.
   */
  sanctionedPercent: number;
  /** Same on band maximums, when it differs. */
  sanctionedPercentMax?: number;
  /**
   * Effective (look-through) ownership, holder key -> percent (sum over paths of the product of shares), each
   * holder on its own. analyzeGraph: parties listed under the regime, at or above `minShare` (governments are in
   * statePercent); explainEntity: every upstream holder.
   */
  effectiveOwners: Record<string, number>;
  /** Same on band maximums, for holders where it differs. */
  effectiveOwnersMax?: Record<string, number>;
  /** explainEntity only: upstream holders that no one is recorded to own (people, states, unowned companies). */
  ultimateOwners?: string[];
  /** Every party that controls the entity (majority-control fixpoint or explicit CONTROLS / OPERATES). */
  controlledBy: string[];
  /** Governments (each state with its controlled state bodies counted as one) that control the entity. */
  stateControlledBy: string[];
  /** Effective ownership by each government (key of the state), percent, when above zero. */
  statePercent: Record<string, number>;
  /** Same on band maximums, for governments where it differs. */
  statePercentMax?: Record<string, number>;
  /** Facilities with coordinates: the nearest sensitive sites within the search range. */
  nearestSites?: NearestSite[];
  explanation: Explanation[];
}

/** The result of analyzeGraph. */
export interface AnalysisResult {
  rule: SanctionsRegime;
  asOf: string;
  stateThreshold: number;
  radiusKm: number;
  /** Node key -> analysis, for every node of the graph. */
  entities: Record<string, EntityAnalysis>;
  /** Counts per flag. */
  flagCounts: Record<Flag, number>;
}

/** What analyzeGraphEach returns once every analysis has been handed over: the options used and the counts. */
export interface AnalysisSummary extends Omit<AnalysisResult, 'entities'> {
  /** How many entities were handed to the visitor. */
  reported: number;
}

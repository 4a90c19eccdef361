/**
 * The look-through engine's public API. Import from here: `import { analyzeGraph } from '../domain/analysis/index.ts'`.
 */
export {
  analyzeGraph,
  analyzeGraphEach,
  analyzeSnapshot,
  analyzeSnapshotEach,
  analyzeSnapshotKeepingSteps,
  analyzeSnapshotSteps,
  explainEntity,
  resolveAnalysisOptions,
  REVIEW_THRESHOLD,
} from './analyze.ts';
export type { ExplainOptions, ResolvedOptions } from './analyze.ts';
export { controlRelations, CONTROL_THRESHOLD } from './control.ts';
export { activeOn, isIsoDate, listingActive } from './dates.ts';
export { effectiveOwnersOf, effectiveOwnershipBy } from './effective-ownership.ts';
export type { EffectiveOwners } from './effective-ownership.ts';
export {
  CLOSE_PROXIMITY_KM,
  EARTH_RADIUS_KM,
  EXTENDED_RANGE_KM,
  KM_PER_MILE,
  SiteIndex,
  facilityProximity,
  haversineKm,
  kmToMiles,
  siteIndexFromGraph,
} from './proximity.ts';
export type { FacilityProximity, SiteHit, SitePoint } from './proximity.ts';
export { EU_AGGREGATION_DATE, sanctionsOwnership, sanctionsRuleSpec } from './sanctions-rule.ts';
export type { SanctionsRuleSpec, SanctionsStatus } from './sanctions-rule.ts';
export { DEFAULT_STATE_THRESHOLD, stateOwnership } from './state-ownership.ts';
export { runSteps, STEP_ITEMS } from './steps.ts';
export type { Steps } from './steps.ts';
export type { StateShare } from './state-ownership.ts';
export * from './types.ts';

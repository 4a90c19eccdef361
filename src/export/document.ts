/**
 * What every export holds: the subgraph (a snapshot), what it is (query or facility, parameters, as-of date, time
 * of export) and, when the engine ran, its analysis of every node (flags, figures, explanations).
 */
import type { AnalysisResult, EntityAnalysis } from '../domain/analysis/types.ts';
import type { OwnershipSnapshot, SnapshotMeta } from '../domain/snapshot.ts';

export const EXPORT_FORMATS = ['gexf', 'graphml', 'json', 'csv', 'ftm', 'bods'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportMeta extends SnapshotMeta {
  /** `facility` or the saved query's name. */
  query: string;
  params: Record<string, unknown>;
  asOf: string;
  exportedAt: string;
  /** Sanctions regime of the analysis, when it ran. */
  rule?: string;
  generator: string;
}

export interface ExportDocument {
  meta: ExportMeta;
  snapshot: OwnershipSnapshot;
  /** Node key -> the engine's analysis, when available. */
  analysis?: AnalysisResult;
}

/** A file a writer produces: `suffix` is appended to the output path (empty for the main file). */
export interface ExportFile {
  suffix: string;
  content: string;
}

export type Scalar = string | number | boolean;

/** The analysis of a node reduced to scalars, for formats with flat attributes (GEXF, GraphML, CSV). */
export function analysisColumns(a: EntityAnalysis | undefined): Record<string, Scalar> {
  if (!a) return {};
  const out: Record<string, Scalar> = {
    flags: a.flags.join('|'),
    sanctionedPercent: a.sanctionedPercent,
  };
  if (a.sanctionedPercentMax !== undefined) out.sanctionedPercentMax = a.sanctionedPercentMax;
  const state = Object.values(a.statePercent);
  if (state.length) out.statePercent = Math.max(...state);
  if (a.controlledBy.length) out.controlledBy = a.controlledBy.join('|');
  if (a.stateControlledBy.length) out.stateControlledBy = a.stateControlledBy.join('|');
  if (a.nearestSites?.length) {
    const n = a.nearestSites[0]!;
    out.nearestSite = n.key;
    out.nearestSiteKm = n.distanceKm;
    out.nearestSiteMiles = n.distanceMiles;
  }
  if (a.explanation.length) {
    out.explanation = a.explanation
      .map((e) => `${e.flag}: ${e.summary} [${e.rule}; threshold ${e.threshold ?? '-'}; figure ${e.figure ?? '-'}]`)
      .join('\n');
    out.explanationJson = JSON.stringify(a.explanation);
  }
  return out;
}

/** Columns written for analysis figures (CSV) and ignored by the CSV importer. */
export const ANALYSIS_COLUMNS = [
  'flags',
  'sanctionedPercent',
  'sanctionedPercentMax',
  'statePercent',
  'controlledBy',
  'stateControlledBy',
  'nearestSite',
  'nearestSiteKm',
  'nearestSiteMiles',
  'explanation',
  'explanationJson',
] as const;

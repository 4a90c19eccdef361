/**
 * Runs the look-through engine for the server. The whole-graph analysis is cached per set of options and
 * recomputed when the data fingerprint (import counter and counts) changes; one facility's explanation is
 * computed from its upstream subgraph, which holds everything the rules look at.
 */
import type { Database } from '../db/database.ts';
import { analysisSnapshot, dataVersion, type DataVersion } from '../db/explore-repository.ts';
import { upstreamSubgraph } from '../db/graph-repository.ts';
import { analyzeGraph, analyzeSnapshot, explainEntity } from '../domain/analysis/analyze.ts';
import type { AnalysisOptions, AnalysisResult, EntityAnalysis } from '../domain/analysis/types.ts';
import { fromSnapshot } from '../domain/snapshot.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';

interface CachedAnalysis {
  fingerprint: string;
  /** Facilities and flagged entities only (what the ranking needs). */
  result: AnalysisResult;
  /** Node key -> country, for filtering (the engine's results do not repeat entity attributes). */
  countries: Record<string, string>;
  computedAt: string;
  durationMs: number;
}

export interface WholeGraphAnalysis extends CachedAnalysis {
  cached: boolean;
}

const fingerprintOf = (v: DataVersion) => `${v.version}:${v.entities}:${v.relationships}`;
const optionsKey = (o: AnalysisOptions) => JSON.stringify([o.rule, o.asOf, o.stateThreshold, o.radiusKm]);

export class AnalysisService {
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly inFlight = new Map<string, Promise<CachedAnalysis>>();

  constructor(
    private readonly db: Database,
    private readonly maxCached = 8,
  ) {}

  /** The engine over the whole database, recomputed only when the data changed since the cached run. */
  async wholeGraph(options: AnalysisOptions): Promise<WholeGraphAnalysis> {
    const key = optionsKey(options);
    const fingerprint = fingerprintOf(await dataVersion(this.db));
    const cached = this.cache.get(key);
    if (cached && cached.fingerprint === fingerprint) return { ...cached, cached: true };
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.compute(options, fingerprint).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    const fresh = await running;
    this.cache.delete(key);
    this.cache.set(key, fresh);
    while (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    return { ...fresh, cached: false };
  }

  private async compute(options: AnalysisOptions, fingerprint: string): Promise<CachedAnalysis> {
    const started = performance.now();
    const snapshot = await analysisSnapshot(this.db);
    // The ranking needs facilities and flagged entities only: the rest of a large graph's analysis is dropped as
    // it is produced rather than cached.
    const result = analyzeSnapshot(snapshot, options, (e) => e.kind === 'Facility' || e.flags.length > 0);
    const countries: Record<string, string> = {};
    for (const node of snapshot.nodes) if (node.attributes.country) countries[node.key] = node.attributes.country;
    return {
      fingerprint,
      result,
      countries,
      computedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
    };
  }

  /**
   * One entity's full analysis (every upstream holder's effective share, the paths behind each flag) with the
   * subgraph it was computed on, so the app can draw the paths. Null when the entity is unknown.
   */
  async explain(
    key: string,
    options: AnalysisOptions,
  ): Promise<{
    analysis: EntityAnalysis;
    entities: Record<string, EntityAnalysis>;
    snapshot: OwnershipSnapshot;
  } | null> {
    const snapshot = await upstreamSubgraph(this.db, key, { siteRadiusKm: Math.max(options.radiusKm ?? 0, 160.9344) });
    if (!snapshot) return null;
    const graph = fromSnapshot(snapshot);
    const analysis = explainEntity(graph, key, options);
    // Every entity of the subgraph gets its flags too, so the canvas can ring each flagged node.
    const entities = analyzeGraph(graph, options).entities;
    entities[key] = analysis;
    return { analysis, entities, snapshot };
  }
}

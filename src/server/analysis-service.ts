/**
 * Runs the look-through engine for the server. The whole-graph analysis is cached per set of options and
 * recomputed when the data fingerprint (import counter and counts) changes; one facility's explanation is
 * computed from its upstream subgraph, which holds everything the rules look at.
 *
 * Traces come from an in-memory projection of the whole graph while it matches the fingerprint, else from Neo4j
 * (one query). The projection is built in the background after start-up and after a data change, never while a
 * request waits, and not at all past `maxProjectionRelationships` (env LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS,
 * default 3,000,000; 0 turns it off). Both paths give the same snapshot.
 */
import type { Database } from '../db/database.ts';
import { analysisSnapshot, dataVersion, type DataVersion } from '../db/explore-repository.ts';
import { upstreamSubgraph, type UpstreamOptions } from '../db/graph-repository.ts';
import { analyzeGraph, explainEntity } from '../domain/analysis/analyze.ts';
import type { AnalysisOptions, AnalysisResult, EntityAnalysis } from '../domain/analysis/types.ts';
import type { OwnershipGraph } from '../domain/model.ts';
import { fromSnapshot } from '../domain/snapshot.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import {
  graphFromSnapshot,
  traceProjection,
  upstreamFromProjection,
  type TraceProjection,
} from './trace-projection.ts';

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

export const DEFAULT_PROJECTION_MAX_RELATIONSHIPS = 3_000_000;

/** LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS, or the default; a clear error for anything but a whole number. */
export function projectionCapFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS;
  if (text === undefined || text.trim() === '') return DEFAULT_PROJECTION_MAX_RELATIONSHIPS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(
      `LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS must be a whole number (0 turns it off), not "${text}"`,
    );
  return value;
}

export interface AnalysisServiceOptions {
  /** Cached whole-graph analyses (one per set of options); default 8. */
  maxCached?: number;
  /** No projection of a database with more relationships than this (0: never); default from the environment. */
  maxProjectionRelationships?: number;
}

export class AnalysisService {
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly inFlight = new Map<string, Promise<CachedAnalysis>>();
  private readonly maxCached: number;
  private readonly maxProjectionRelationships: number;
  private projection: TraceProjection | undefined;
  private projecting: Promise<void> | undefined;
  private loading: { fingerprint: string; graph: Promise<OwnershipGraph> } | undefined;
  private closed = false;

  constructor(
    private readonly db: Database,
    options: AnalysisServiceOptions = {},
  ) {
    this.maxCached = options.maxCached ?? 8;
    this.maxProjectionRelationships = options.maxProjectionRelationships ?? projectionCapFromEnv();
  }

  /** Starts building the projection in the background (after start-up); resolves when that build ends. */
  warmUp(): Promise<void> {
    if (this.maxProjectionRelationships === 0) return Promise.resolve();
    return dataVersion(this.db).then(
      (version) => this.refreshProjection(version),
      () => undefined,
    );
  }

  /** Stops starting new builds (the server is closing). */
  close(): void {
    this.closed = true;
  }

  /** The fingerprint of the data the in-memory projection holds, if there is one (for tests). */
  projectionFingerprint(): string | undefined {
    return this.projection?.fingerprint;
  }

  /**
   * Rebuilds the projection when it does not match `version` and none is being built; never throws (a failed
   * build leaves traces on Neo4j and is tried again at the next data change or request).
   */
  private refreshProjection(version: DataVersion): Promise<void> {
    const fingerprint = fingerprintOf(version);
    if (this.closed || this.projection?.fingerprint === fingerprint) return Promise.resolve();
    if (version.relationships > this.maxProjectionRelationships) {
      this.projection = undefined;
      return Promise.resolve();
    }
    this.projecting ??= this.loadGraph(fingerprint)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        this.projecting = undefined;
      });
    return this.projecting;
  }

  /**
   * The upstream subgraph of an entity (see `upstreamSubgraph`): from the projection when it matches the data,
   * else from Neo4j, starting a rebuild of a stale projection in the background.
   */
  async upstream(key: string, options: UpstreamOptions = {}): Promise<OwnershipSnapshot | null> {
    if (this.maxProjectionRelationships === 0) return upstreamSubgraph(this.db, key, options);
    const version = await dataVersion(this.db);
    const projection = this.projection;
    if (projection && projection.fingerprint === fingerprintOf(version))
      return upstreamFromProjection(projection, key, options);
    void this.refreshProjection(version);
    return upstreamSubgraph(this.db, key, options);
  }

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

  /**
   * The whole graph at `fingerprint`, loaded once however many callers (a whole-graph analysis, a projection
   * build) ask while it loads; kept as the projection unless the database is past the cap. The engine does not
   * change its input, so the same graph serves traces until the data changes.
   */
  private loadGraph(fingerprint: string): Promise<OwnershipGraph> {
    if (this.loading?.fingerprint === fingerprint) return this.loading.graph;
    const graph = analysisSnapshot(this.db).then(async (snapshot) => {
      const loaded = await graphFromSnapshot(snapshot);
      if (!this.closed && snapshot.edges.length <= this.maxProjectionRelationships)
        this.projection = traceProjection(fingerprint, loaded);
      return loaded;
    });
    const loading = { fingerprint, graph };
    this.loading = loading;
    const done = () => {
      if (this.loading === loading) this.loading = undefined;
    };
    graph.then(done, done);
    return graph;
  }

  private async compute(options: AnalysisOptions, fingerprint: string): Promise<CachedAnalysis> {
    const started = performance.now();
    const graph = await this.loadGraph(fingerprint);
    // The ranking needs facilities and flagged entities only: the rest of a large graph's analysis is dropped as
    // it is produced rather than cached.
    const result = analyzeGraph(graph, options, (e) => e.kind === 'Facility' || e.flags.length > 0);
    const countries: Record<string, string> = {};
    graph.forEachNode((key, attributes) => {
      if (attributes.country) countries[key] = attributes.country;
    });
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
    const snapshot = await this.upstream(key, { siteRadiusKm: Math.max(options.radiusKm ?? 0, 160.9344) });
    if (!snapshot) return null;
    const graph = fromSnapshot(snapshot);
    const analysis = explainEntity(graph, key, options);
    // Every entity of the subgraph gets its flags too, so the canvas can ring each flagged node.
    const entities = analyzeGraph(graph, options).entities;
    entities[key] = analysis;
    return { analysis, entities, snapshot };
  }
}

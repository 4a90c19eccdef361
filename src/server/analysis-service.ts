/**
 * Runs the look-through engine for the server. The whole-graph analysis is cached per set of options and
 * recomputed when the data fingerprint (import counter and counts) changes; one facility's explanation is
 * computed from its upstream subgraph, which holds everything the rules look at.
 *
 * Traces come from an in-memory projection of the whole graph while it matches the fingerprint, else from Neo4j
 * (one query). A trace trusts a fingerprint read less than `traceFreshnessMs` ago (default 1 s) rather than reading
 * it again, so a write by another client shows in traces within that time; this server's own imports at once. The
 * projection is built in the background after start-up and after a data change, never while a request waits, and
 * not at all past `maxProjectionRelationships` (env LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS, default 3,000,000; 0
 * turns it off). Both paths give the same snapshot.
 *
 * After a ranking, the explanations of its facilities are prepared in the background from the projection and kept
 * for those options and that data (prepared-explanations.ts): opening one of them is then a lookup.
 */
import type { Database } from '../db/database.ts';
import { analysisSnapshot, dataVersion, type DataVersion } from '../db/explore-repository.ts';
import { upstreamSubgraph, type UpstreamOptions } from '../db/graph-repository.ts';
import { analyzeGraph, analyzeSnapshotKeepingSteps, explainEntity } from '../domain/analysis/analyze.ts';
import { siteIndexFromNodes } from '../domain/analysis/proximity.ts';
import type { AnalysisOptions, AnalysisResult, EntityAnalysis, Flag } from '../domain/analysis/types.ts';
import type { OwnershipGraph } from '../domain/model.ts';
import { fromSnapshot } from '../domain/snapshot.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import {
  PreparedExplanations,
  preparedBudgetFromEnv,
  type DeflatedText,
  type PreparedState,
} from './prepared-explanations.ts';
import { STEP_ITEMS, type Steps } from '../domain/analysis/steps.ts';
import { SLICE_MS, runInSlices, type SliceStats } from './slices.ts';
import { wholeNumberFromEnv } from './env-number.ts';
import { SnapshotJson } from './snapshot-json.ts';
import { TraceProjection } from './trace-projection.ts';

interface CachedAnalysis {
  fingerprint: string;
  /** Facilities and flagged entities only (what the ranking needs). */
  result: AnalysisResult;
  /** Node key -> country, for filtering (the engine's results do not repeat entity attributes). */
  countries: Record<string, string>;
  computedAt: string;
  durationMs: number;
  /** The engine's run in slices (slices.ts): how many, and the longest (ms). */
  engine: { slices: number; longestSliceMs: number };
}

export interface WholeGraphAnalysis extends CachedAnalysis {
  cached: boolean;
}

const fingerprintOf = (v: DataVersion) => `${v.version}:${v.entities}:${v.relationships}`;
const optionsKey = (o: AnalysisOptions) => JSON.stringify([o.rule, o.asOf, o.stateThreshold, o.radiusKm]);

export const DEFAULT_PROJECTION_MAX_RELATIONSHIPS = 3_000_000;

/** What the cached whole-graph analysis keeps for the ranking: facilities and flagged entities. */
export const keepForRanking = (e: EntityAnalysis): boolean => e.kind === 'Facility' || e.flags.length > 0;

/** LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS, or the default; a clear error for anything but a whole number. */
export function projectionCapFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv(env, 'LOOKTHROUGH_PROJECTION_MAX_RELATIONSHIPS', DEFAULT_PROJECTION_MAX_RELATIONSHIPS, {
    min: 0,
    expected: 'a whole number (0 turns it off)',
  });
}

/** LOOKTHROUGH_TRACE_FRESHNESS_MS, or the default; a clear error for anything but a whole number. */
export function traceFreshnessFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv(env, 'LOOKTHROUGH_TRACE_FRESHNESS_MS', DEFAULT_TRACE_FRESHNESS_MS, {
    min: 0,
    expected: 'a whole number of milliseconds',
  });
}

export const DEFAULT_TRACE_FRESHNESS_MS = 1000;

/**
 * The time limit of the whole-graph read (ms), apart from the per-query one (`--query-timeout`, 30 s by default),
 * which is meant for investigators' queries: the read took 30-36 s at 1,000,000 entities on a two-core machine, and
 * a server whose read hit the per-query limit could never rank.
 */
export const DEFAULT_WHOLE_GRAPH_TIMEOUT_MS = 600_000;

/** LOOKTHROUGH_WHOLE_GRAPH_TIMEOUT_MS, or the default; a clear error for anything but a positive whole number. */
export function wholeGraphTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumberFromEnv(env, 'LOOKTHROUGH_WHOLE_GRAPH_TIMEOUT_MS', DEFAULT_WHOLE_GRAPH_TIMEOUT_MS, {
    min: 1,
    expected: 'a positive whole number of milliseconds',
  });
}

/**
 * The service's settings from the environment, each checked (a RangeError names the variable): `serve` reads them
 * before it starts anything, so a bad value stops it with that message rather than after Neo4j has started.
 */
export function analysisSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AnalysisServiceOptions {
  return {
    maxProjectionRelationships: projectionCapFromEnv(env),
    traceFreshnessMs: traceFreshnessFromEnv(env),
    preparedBudgetBytes: preparedBudgetFromEnv(env),
    wholeGraphTimeoutMs: wholeGraphTimeoutFromEnv(env),
  };
}

export interface AnalysisServiceOptions {
  /** Cached whole-graph analyses (one per set of options); default 8. */
  maxCached?: number;
  /**
   * How old (ms) a read of the data fingerprint may be for a trace to trust it instead of reading it again; default
   * from the environment (LOOKTHROUGH_TRACE_FRESHNESS_MS, 1,000). 0 reads it for every trace.
   */
  traceFreshnessMs?: number;
  /** No projection of a database with more relationships than this (0: never); default from the environment. */
  maxProjectionRelationships?: number;
  /**
   * Bytes of facility explanations prepared after a flag ranking (prepared-explanations.ts; 0: none); default from
   * the environment (LOOKTHROUGH_PREPARED_EXPLANATIONS_MB, 128 MiB).
   */
  preparedBudgetBytes?: number;
  /**
   * The time limit of each whole-graph query (ms), instead of the database's per-query default; default from the
   * environment (LOOKTHROUGH_WHOLE_GRAPH_TIMEOUT_MS, 10 minutes).
   */
  wholeGraphTimeoutMs?: number;
}

export class AnalysisService {
  private readonly cache = new Map<string, CachedAnalysis>();
  private readonly inFlight = new Map<string, Promise<CachedAnalysis>>();
  private readonly maxCached: number;
  private readonly maxProjectionRelationships: number;
  private projection: TraceProjection | undefined;
  /** The projection being built, of the data at `fingerprint`; `done` when the build ends. */
  private projecting: { fingerprint: string; done: Promise<void> } | undefined;
  /**
   * The whole-graph read of `fingerprint`, shared by whole-graph analyses and a projection build; kept once read
   * while a projection of it is being built (a ranking under other options meanwhile finds it instead of reading
   * the graph again), and dropped then.
   */
  private loading: { fingerprint: string; snapshot: Promise<OwnershipSnapshot>; read: boolean } | undefined;
  /** The end of the last whole-graph engine run asked for: runs go one at a time (see `compute`). */
  private engineTurn: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Aborted when the server closes: the engine and a projection's layout stop at their next slice. */
  private readonly closing = new AbortController();
  private readonly traceFreshnessMs: number;
  private readonly wholeGraphTimeoutMs: number;
  private readonly json = new SnapshotJson();
  private readonly prepared: PreparedExplanations;
  /** The newest read of the data fingerprint, and when (performance.now()) that read started. */
  private lastRead: { version: DataVersion; startedAt: number } | undefined;
  /** Reads that started before this (performance.now()) may predate a load of this server's: not kept. */
  private readsValidFrom = 0;

  constructor(
    private readonly db: Database,
    options: AnalysisServiceOptions = {},
  ) {
    this.maxCached = options.maxCached ?? 8;
    this.maxProjectionRelationships = options.maxProjectionRelationships ?? projectionCapFromEnv();
    this.traceFreshnessMs = options.traceFreshnessMs ?? traceFreshnessFromEnv();
    this.wholeGraphTimeoutMs = options.wholeGraphTimeoutMs ?? wholeGraphTimeoutFromEnv();
    this.prepared = new PreparedExplanations(options.preparedBudgetBytes ?? preparedBudgetFromEnv());
  }

  /**
   * Starts building the projection in the background (after start-up, or after this server loaded data: no trace
   * then trusts a fingerprint read before the load); resolves when that build ends.
   */
  warmUp(): Promise<void> {
    this.lastRead = undefined;
    this.prepared.clear();
    this.readsValidFrom = performance.now();
    if (this.maxProjectionRelationships === 0) return Promise.resolve();
    return this.readVersion().then(
      (version) => this.refreshProjection(version),
      () => undefined,
    );
  }

  /** Stops starting new builds (the server is closing). */
  close(): void {
    this.closed = true;
    this.closing.abort(new Error('the server is closing'));
    this.prepared.clear();
  }

  /** What /api/health reports of the facility explanations prepared after a ranking. */
  preparedState(): PreparedState {
    return this.prepared.state();
  }

  /** The fingerprint of the data the in-memory projection holds, if there is one (for tests). */
  projectionFingerprint(): string | undefined {
    return this.projection?.fingerprint;
  }

  /**
   * What /api/health reports of the projection: `off` (turned off), `building` (a whole-graph read is running),
   * `ready` (held, with the data fingerprint it was read at; traces use it while the data still matches), or
   * `none` (not built: the database is past the cap, or no build has succeeded yet).
   */
  projectionState(): { state: 'off' | 'building' | 'ready' | 'none'; fingerprint?: string } {
    if (this.maxProjectionRelationships === 0) return { state: 'off' };
    if (this.projecting) return { state: 'building' };
    return this.projection ? { state: 'ready', fingerprint: this.projection.fingerprint } : { state: 'none' };
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
    if (this.projecting) return this.projecting.done;
    const done = this.loadSnapshot(fingerprint)
      .then(async (snapshot) => {
        // A whole-graph analysis waiting for the same read goes first (the app's first page waits for its ranking):
        // both run in slices, and taking turns would delay the ranking by the projection's build. The projection
        // is then laid out in slices.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await Promise.allSettled(this.inFlight.values());
        const projection = await TraceProjection.build(fingerprint, snapshot, SLICE_MS, this.closing.signal);
        if (!this.closed) this.projection = projection;
      })
      .catch(() => undefined)
      .finally(() => {
        this.projecting = undefined;
        this.forgetRead();
      });
    this.projecting = { fingerprint, done };
    return done;
  }

  /**
   * The upstream subgraph of an entity (see `upstreamSubgraph`): from the projection when it matches the data,
   * else from Neo4j, starting a rebuild of a stale projection in the background. Without a fingerprint read in the
   * last `traceFreshnessMs`, the subgraph is cut from the projection while the fingerprint is read, and used only if
   * the fingerprint matches, so a trace costs one short round trip, not a round trip plus the cut.
   */
  async upstream(key: string, options: UpstreamOptions = {}): Promise<OwnershipSnapshot | null> {
    return (await this.upstreamAt(key, options)).snapshot;
  }

  private async upstreamAt(
    key: string,
    options: UpstreamOptions,
    order: 'key' | 'none' = 'key',
    /** Cut from this projection, with its fingerprint, without reading the data's (preparation: see below). */
    pinned?: TraceProjection,
  ): Promise<{
    snapshot: OwnershipSnapshot | null;
    fingerprint: string | undefined;
    /** The projection the subgraph was cut from, if it was. */
    projection?: TraceProjection;
  }> {
    if (pinned)
      return { snapshot: pinned.upstream(key, options, order), fingerprint: pinned.fingerprint, projection: pinned };
    if (this.maxProjectionRelationships === 0)
      return { snapshot: await upstreamSubgraph(this.db, key, options), fingerprint: undefined };
    const projection = this.projection;
    // A fingerprint read moments ago stands for the data: no round trip while traces follow each other.
    const recent = this.lastRead;
    if (projection && recent && performance.now() - recent.startedAt < this.traceFreshnessMs) {
      const fingerprint = fingerprintOf(recent.version);
      if (projection.fingerprint === fingerprint)
        return { snapshot: projection.upstream(key, options, order), fingerprint, projection };
    }
    const reading = this.readVersion();
    const cut = projection?.upstream(key, options, order);
    const version = await reading;
    const fingerprint = fingerprintOf(version);
    if (projection && cut !== undefined && projection.fingerprint === fingerprint)
      return { snapshot: cut, fingerprint, projection };
    void this.refreshProjection(version);
    return { snapshot: await upstreamSubgraph(this.db, key, options), fingerprint };
  }

  /**
   * JSON.stringify of a subgraph this service gave out; the text of nodes and edges of the in-memory projection is
   * kept between responses (snapshot-json.ts).
   */
  snapshotJson(snapshot: OwnershipSnapshot): string {
    return this.json.stringify(snapshot);
  }

  /** The engine over the whole database, recomputed only when the data changed since the cached run. */
  async wholeGraph(options: AnalysisOptions): Promise<WholeGraphAnalysis> {
    const key = optionsKey(options);
    const version = await this.readVersion();
    const fingerprint = fingerprintOf(version);
    const cached = this.cache.get(key);
    if (cached && cached.fingerprint === fingerprint) {
      this.prepareFacilities(options, cached);
      return { ...cached, cached: true };
    }
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.compute(options, version).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    const fresh = await running;
    this.cache.delete(key);
    this.cache.set(key, fresh);
    while (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    this.prepareFacilities(options, fresh);
    return { ...fresh, cached: false };
  }

  /**
   * Starts preparing the explanations of the facilities of a ranking just computed (flagged ones first), in the
   * background, from the projection: without one (turned off, past its cap) there is nothing cheap to prepare from.
   */
  private prepareFacilities(options: AnalysisOptions, run: CachedAnalysis): void {
    const preparedFor = optionsKey(options);
    const fingerprint = run.fingerprint;
    // A cached ranking asked again, or preparation off: nothing to list (the ranking may hold 80,000 facilities).
    if (this.closed || this.maxProjectionRelationships === 0 || !this.prepared.wants(preparedFor, fingerprint)) return;
    const facilities = Object.values(run.result.entities).filter((e) => e.kind === 'Facility');
    facilities.sort((a, b) => Number(b.flags.length > 0) - Number(a.flags.length > 0) || (a.key < b.key ? -1 : 1));
    void this.prepared.prepare(
      preparedFor,
      fingerprint,
      facilities.map((e) => e.key),
      async (key) => {
        // The projection of this data (it is built after the ranking's read) is what makes an answer cheap. Answers
        // are cut from it without reading the data's fingerprint each time: they are kept under the projection's
        // fingerprint, and given only while the data still has it. Without it (the data changed since, the build
        // failed, the server is closing) the run ends as failed, and is not started again for this data.
        await this.projecting?.done;
        const projection = this.projection;
        if (this.closed || projection?.fingerprint !== fingerprint)
          throw new Error(`no projection of the data ${fingerprint} to prepare from`);
        const { result } = await this.explainAt(key, options, false, projection);
        return result && explanationText(options, result);
      },
    );
  }

  /** Reads the data fingerprint, and keeps it for traces that follow (see `traceFreshnessMs`). */
  private async readVersion(): Promise<DataVersion> {
    const startedAt = performance.now();
    const version = await dataVersion(this.db);
    if (startedAt >= this.readsValidFrom && !(this.lastRead && this.lastRead.startedAt > startedAt))
      this.lastRead = { version, startedAt };
    return version;
  }

  /**
   * The whole graph at `fingerprint` as `analysisSnapshot` reads it, read once however many callers (whole-graph
   * analyses, a projection build) ask while it is read.
   */
  private loadSnapshot(fingerprint: string): Promise<OwnershipSnapshot> {
    if (this.loading?.fingerprint === fingerprint) return this.loading.snapshot;
    const loading = {
      fingerprint,
      snapshot: analysisSnapshot(this.db, { timeoutMs: this.wholeGraphTimeoutMs }),
      read: false,
    };
    this.loading = loading;
    loading.snapshot.then(
      () => {
        loading.read = true;
        this.forgetRead();
      },
      () => {
        if (this.loading === loading) this.loading = undefined;
      },
    );
    return loading.snapshot;
  }

  /** Drops a finished read unless a projection of it is being built (see `loading`). */
  private forgetRead(): void {
    const loading = this.loading;
    if (loading?.read && this.projecting?.fingerprint !== loading.fingerprint) this.loading = undefined;
  }

  /**
   * The engine over the projection when it holds this data (another rule or date: no read at all), else over the
   * snapshot just read, straight from its lists (no graph built first; the projection is built from the same read
   * afterwards, in the background). The ranking needs facilities and flagged entities only: the rest of a large
   * graph's analysis is dropped as it is produced rather than cached.
   */
  private async compute(options: AnalysisOptions, version: DataVersion): Promise<CachedAnalysis> {
    const started = performance.now();
    const fingerprint = fingerprintOf(version);
    const projection = this.projection;
    let snapshot: OwnershipSnapshot;
    if (projection?.fingerprint === fingerprint) snapshot = projection.snapshot;
    else {
      void this.refreshProjection(version);
      snapshot = await this.loadSnapshot(fingerprint);
    }
    // In slices: the engine takes about a second of the thread at 100,000 entities and fifteen at 1,000,000, and
    // requests are answered between slices meanwhile. One run at a time: runs side by side would each hold an arena
    // of their own (half a gigabyte at 1,000,000) and add up their slices in every turn of the event loop.
    const slices: SliceStats = { slices: 0, longestMs: 0 };
    const run = this.engineTurn.then(() =>
      runInSlices(rankingSteps(snapshot, options), SLICE_MS, slices, this.closing.signal),
    );
    this.engineTurn = run.catch(() => undefined);
    const { result, countries } = await run;
    return {
      fingerprint,
      result,
      countries,
      computedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
      engine: { slices: slices.slices, longestSliceMs: Math.round(slices.longestMs) },
    };
  }

  /**
   * One entity's full analysis (every upstream holder's effective share, the paths behind each flag) and the flags
   * of the entities of the subgraph it was computed on that have any, so the app can ring them (their own
   * explanations are a request each), in key order: an entity of the subgraph that is not listed has no flag (most
   * have none, and listing them all was a third of the answer). With `subgraph: true`, that subgraph too (as
   * `upstream` gives it). Null when the entity is unknown.
   *
   * The flags come from the cached whole-graph analysis with the same options when it matches the data (the
   * subgraph holds each of its entities' own upstream, so the engine would find the same), else from the engine
   * over the subgraph.
   */
  async explain(
    key: string,
    options: AnalysisOptions,
    { subgraph = false }: { subgraph?: boolean } = {},
  ): Promise<Explanation | null> {
    return (await this.explainAt(key, options, subgraph)).result;
  }

  /**
   * The text of GET /api/entities/:id/analysis (`explanationText`; with `subgraph: true`, the subgraph added as
   * `snapshot`): the prepared bytes when it was prepared (same options, same data), else computed. With `deflated`
   * (the client accepts HTTP's deflate coding), a prepared answer comes as kept, deflated. Null when the entity is
   * unknown.
   */
  async explainText(
    key: string,
    options: AnalysisOptions,
    { subgraph = false, deflated = false }: { subgraph?: boolean; deflated?: boolean } = {},
  ): Promise<string | Buffer | DeflatedText | null> {
    const preparedFor = optionsKey(options);
    if (!subgraph && this.prepared.covers(preparedFor)) {
      const prepared = this.prepared.get(preparedFor, await this.currentFingerprint(), key, deflated);
      if (prepared !== undefined) return prepared;
    }
    const { result } = await this.explainAt(key, options, subgraph);
    if (!result) return null;
    const head = explanationText(options, result);
    return result.snapshot ? `${head.slice(0, -1)},"snapshot":${this.snapshotJson(result.snapshot)}}` : head;
  }

  /** The data fingerprint: the one read moments ago (see `traceFreshnessMs`), else read now. */
  private async currentFingerprint(): Promise<string> {
    const recent = this.lastRead;
    if (recent && performance.now() - recent.startedAt < this.traceFreshnessMs) return fingerprintOf(recent.version);
    return fingerprintOf(await this.readVersion());
  }

  private async explainAt(
    key: string,
    options: AnalysisOptions,
    subgraph: boolean,
    pinned?: TraceProjection,
  ): Promise<{ result: Explanation | null; fingerprint: string | undefined }> {
    const { snapshot, fingerprint, projection } = await this.upstreamAt(
      key,
      { siteRadiusKm: Math.max(options.radiusKm ?? 0, 160.9344) },
      subgraph ? 'key' : 'none',
      pinned,
    );
    if (!snapshot) return { result: null, fingerprint };
    let graph: OwnershipGraph | undefined;
    const asGraph = () => (graph ??= fromSnapshot(snapshot));
    // explainEntity indexes the entity's upstream itself: on the projection it finds what the whole subgraph holds
    // (unless the cut was capped), without building that subgraph as a graph first. The sites are the subgraph's,
    // as on the other path.
    const analysis =
      projection && !snapshot.attributes?.truncated
        ? explainEntity(projection, key, { ...options, sites: siteIndexFromNodes(snapshot.nodes) })
        : explainEntity(asGraph(), key, options);
    const flags = new Map<string, Flag[]>();
    const cached = this.cache.get(optionsKey(options));
    if (cached && fingerprint !== undefined && cached.fingerprint === fingerprint && !snapshot.attributes?.truncated) {
      // The ranking keeps facilities and flagged entities: an entity it does not hold has no flag.
      for (const node of snapshot.nodes) {
        const found = cached.result.entities[node.key]?.flags;
        if (found?.length) flags.set(node.key, found);
      }
    } else {
      for (const [k, e] of Object.entries(analyzeGraph(asGraph(), options).entities))
        if (e.flags.length) flags.set(k, e.flags);
    }
    if (analysis.flags.length) flags.set(key, analysis.flags);
    else flags.delete(key);
    const flagged: Record<string, Flag[]> = {};
    // Sorted by code unit, as the subgraph's nodes are (the default sort compares strings so).
    for (const k of [...flags.keys()].sort()) flagged[k] = flags.get(k)!;
    return { result: subgraph ? { analysis, flagged, snapshot } : { analysis, flagged }, fingerprint };
  }
}

/**
 * A ranking's analysis in steps (see analyzeSnapshotSteps): facilities and flagged entities, and their countries
 * (looked up afterwards, a step per STEP_ITEMS nodes).
 */
function* rankingSteps(
  snapshot: OwnershipSnapshot,
  options: AnalysisOptions,
): Steps<{ result: AnalysisResult; countries: Record<string, string> }> {
  const result = yield* analyzeSnapshotKeepingSteps(snapshot, options, keepForRanking);
  const countries: Record<string, string> = {};
  const { nodes } = snapshot;
  for (let v = 0; v < nodes.length; v++) {
    if (v % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const { key, attributes } = nodes[v]!;
    if (attributes.country && result.entities[key] !== undefined) countries[key] = attributes.country;
  }
  return { result, countries };
}

/** One entity's explanation as `AnalysisService.explain` gives it. */
export interface Explanation {
  analysis: EntityAnalysis;
  /** The entities of the subgraph that have flags, in key order, with their flags. */
  flagged: Record<string, Flag[]>;
  /** The subgraph, when asked for. */
  snapshot?: OwnershipSnapshot;
}

/** The JSON of GET /api/entities/:id/analysis without the subgraph: {rule, asOf, analysis, flagged}. */
export function explanationText(options: AnalysisOptions, result: Explanation): string {
  return JSON.stringify({ rule: options.rule, asOf: options.asOf, analysis: result.analysis, flagged: result.flagged });
}

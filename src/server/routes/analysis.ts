import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  FLAGS,
  SANCTIONS_REGIMES,
  type AnalysisOptions,
  type AnalysisResult,
  type EntityAnalysis,
  type Flag,
} from '../../domain/analysis/types.ts';
import type { AnalysisService, WholeGraphAnalysis } from '../analysis-service.ts';
import { DeflatedText } from '../prepared-explanations.ts';
import { HttpError } from '../errors.ts';
import { entityIdParams, parseOrThrow } from '../validate.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a real calendar date');

export const analysisQuery = z.object({
  rule: z.enum(SANCTIONS_REGIMES).default('ofac'),
  asOf: isoDate.optional(),
  stateThreshold: z.coerce.number().min(0).max(100).default(25),
  radiusKm: z.coerce.number().gt(0).max(20_000).default(1.609344),
});

const explainQuery = analysisQuery.extend({
  include: z.enum(['subgraph']).optional(),
});

const flagsQuery = analysisQuery.extend({
  flag: z.enum(FLAGS).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected a two-letter country code')
    .optional(),
  kind: z.enum(['Facility', 'all']).default('Facility'),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Whether an Accept-Encoding header prefers `deflate` to no coding (RFC 9110, 12.5.3): its weight is deflate's own
 * when named, else that of `*` (any coding not named); `identity` (no coding) named with a greater weight wins.
 * (@fastify/accept-negotiator was tried: it compares codings case-sensitively and lets `*` override `deflate;q=0`.)
 */
export function acceptsDeflate(header: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!coding) continue;
    const q = params.find((p) => p.startsWith('q='));
    weights.set(coding, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const deflate = weights.get('deflate') ?? weights.get('*') ?? 0;
  return deflate > 0 && deflate >= (weights.get('identity') ?? 0);
}

/** What the app asks for first: the ranking under the default regime, threshold and radius, at today's date. */
export function defaultAnalysisOptions(): AnalysisOptions {
  return { ...analysisQuery.parse({}), asOf: today() };
}

/** Severity order for ranking: sanctions first, then state control, proximity, data problems. */
const SEVERITY: Record<Flag, number> = {
  SANCTIONED: 100,
  SANCTIONED_OWNERSHIP: 90,
  STATE_CONTROL: 60,
  SANCTIONED_CONTROL_REVIEW: 50,
  NEAR_SENSITIVE_SITE: 40,
  STATE_OWNERSHIP: 30,
  DATA_WARNING: 5,
};

export function severity(flags: readonly Flag[]): number {
  return flags.reduce((sum, flag) => sum + SEVERITY[flag], 0);
}

/** One entry of GET /api/flags. */
interface RankedEntry {
  key: string;
  name: string;
  kind: EntityAnalysis['kind'];
  country: string | undefined;
  flags: Flag[];
  severity: number;
  sanctionedPercent: EntityAnalysis['sanctionedPercent'];
  statePercent: EntityAnalysis['statePercent'];
  stateControlledBy: EntityAnalysis['stateControlledBy'];
  nearestSite: NonNullable<EntityAnalysis['nearestSites']>[number] | undefined;
}

/**
 * The facilities (kind `Facility`) or every flagged entity (`all`) of a whole-graph analysis, most severe first and
 * then by name: sorted once per analysis and kind, and kept as long as the analysis is (the service caches a few).
 * Building and sorting the list took 46-80 ms of the server's thread for 8,041 facilities, and the app asks for one
 * ranking and a filtered list for each ring flag; a filter keeps the order. The entries kept are small records
 * (one per entity listed) that point into the analysis's own values.
 */
const rankings = new WeakMap<AnalysisResult, Map<string, RankedEntry[]>>();
function rankedEntries(run: WholeGraphAnalysis, kind: 'Facility' | 'all'): RankedEntry[] {
  let byKind = rankings.get(run.result);
  if (!byKind) rankings.set(run.result, (byKind = new Map<string, RankedEntry[]>()));
  const known = byKind.get(kind);
  if (known) return known;
  const ranked = Object.values(run.result.entities)
    .filter((e) => (kind === 'all' ? e.flags.length > 0 : e.kind === 'Facility'))
    .map((e) => ({
      key: e.key,
      name: e.name,
      kind: e.kind,
      country: run.countries[e.key],
      flags: e.flags,
      severity: severity(e.flags),
      sanctionedPercent: e.sanctionedPercent,
      statePercent: e.statePercent,
      stateControlledBy: e.stateControlledBy,
      nearestSite: e.nearestSites?.[0],
    }))
    .sort((a, b) => b.severity - a.severity || a.name.localeCompare(b.name));
  byKind.set(kind, ranked);
  return ranked;
}

export function registerAnalysisRoutes(app: FastifyInstance, service: AnalysisService): Promise<void> {
  // One entity's flags and full explanation, and the flags of the entities of the subgraph it was computed on that
  // have any (an entity of the subgraph not listed has none): {rule, asOf, analysis, flagged}. The explanation's
  // paths carry each edge's share and provenance, so the app draws the subgraph from GET /api/facilities/:id/graph
  // and does not need it twice; `?include=subgraph` adds it as `snapshot` (written from the kept element texts), for
  // a client that has no other copy. A facility of the latest ranking is answered from its prepared text when it is
  // ready (prepared-explanations.ts).
  app.get('/api/entities/:id/analysis', async (request, reply) => {
    const { id } = parseOrThrow(entityIdParams, request.params, 'path');
    const { include, ...query } = parseOrThrow(explainQuery, request.query, 'query');
    const options = { ...query, asOf: query.asOf ?? today() };
    const deflated = acceptsDeflate(request.headers['accept-encoding']);
    const text = await service.explainText(id, options, { subgraph: include === 'subgraph', deflated });
    if (text === null) throw new HttpError(404, 'NOT_FOUND', `No entity with id "${id}"`);
    // Added to what is there (CORS, when on, varies by Origin).
    const vary = reply.getHeader('vary');
    reply
      .type('application/json; charset=utf-8')
      .header('vary', vary === undefined ? 'accept-encoding' : `${String(vary)}, accept-encoding`);
    // A prepared answer is kept deflated: a client that accepts that coding (every browser) gets the kept bytes.
    if (text instanceof DeflatedText) return reply.header('content-encoding', 'deflate').send(text.bytes);
    return reply.send(text);
  });

  // Facilities (or all entities) ranked by the severity of their flags, from the cached whole-graph analysis.
  app.get('/api/flags', async (request) => {
    const query = parseOrThrow(flagsQuery, request.query, 'query');
    const options = {
      rule: query.rule,
      asOf: query.asOf ?? today(),
      stateThreshold: query.stateThreshold,
      radiusKm: query.radiusKm,
    };
    const run = await service.wholeGraph(options);
    const country = query.country?.toUpperCase();
    const ranked = rankedEntries(run, query.kind).filter(
      (e) => (!query.flag || e.flags.includes(query.flag)) && (!country || e.country === country),
    );
    return {
      ...options,
      computedAt: run.computedAt,
      durationMs: run.durationMs,
      engine: run.engine,
      cached: run.cached,
      flagCounts: run.result.flagCounts,
      total: ranked.length,
      truncated: ranked.length > query.limit,
      items: ranked.slice(0, query.limit),
    };
  });
  return Promise.resolve();
}

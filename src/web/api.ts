/** The web app's only way to the data: the server's JSON API. */
import type { EntityAnalysis, Flag, NearestSite, SanctionsRegime } from '../domain/analysis/types.ts';
import type { EntityKind, SiteCategory } from '../domain/model.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import { authHeaders } from './auth.ts';

export interface FacilitySummary {
  key: string;
  name: string;
  country?: string;
  lat?: number;
  lon?: number;
  powerMw?: number;
  hashratePhs?: number;
  operators: string[];
}

export interface SearchResult {
  key: string;
  name: string;
  kind: EntityKind;
  country?: string;
  aliases?: string[];
  score: number;
}

export interface SiteSummary {
  key: string;
  name: string;
  category?: SiteCategory;
  lat: number;
  lon: number;
  country?: string;
}

export interface AnalysisResponse {
  rule: SanctionsRegime;
  asOf: string;
  analysis: EntityAnalysis;
  entities: Record<string, EntityAnalysis>;
  snapshot: OwnershipSnapshot;
}

export interface FlagItem {
  key: string;
  name: string;
  kind: EntityKind;
  country?: string;
  flags: Flag[];
  severity: number;
  sanctionedPercent: number;
  statePercent: Record<string, number>;
  stateControlledBy: string[];
  nearestSite?: NearestSite;
}

export interface FlagsResponse {
  rule: SanctionsRegime;
  asOf: string;
  computedAt: string;
  cached: boolean;
  flagCounts: Record<Flag, number>;
  total: number;
  truncated: boolean;
  items: FlagItem[];
}

export interface FlagsQuery {
  rule: SanctionsRegime;
  asOf: string;
  flag?: Flag | '';
  country?: string;
  /** 'all': every flagged entity (for rings), not only facilities. */
  kind?: 'Facility' | 'all';
  limit?: number;
}

export type SavedParamType = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'list<string>';
export type SavedParamValue = string | number | boolean | string[];

export interface SavedQueryParam {
  name: string;
  type: SavedParamType;
  default?: SavedParamValue;
  description?: string;
}

export interface SavedQuerySummary {
  name: string;
  title?: string;
  description: string;
  params: SavedQueryParam[];
  cypher?: string;
}

export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
  graph: OwnershipSnapshot;
  truncated: boolean;
}

export interface HealthResponse {
  status: 'ok' | 'unavailable';
  neo4j: { connected: boolean; version?: string; reason?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True when the error means the server or its database cannot be reached (not a bad request). */
export function isOutage(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503);
}

async function request<T>(path: string, init: RequestInit & { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...authHeaders(),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'SERVER_UNREACHABLE', 'The Lookthrough server does not answer. Is it running?');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `HTTP ${response.status}`);
  }
  return body as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
const id = encodeURIComponent;

export async function fetchFacilities(signal?: AbortSignal): Promise<FacilitySummary[]> {
  return (await request<{ facilities: FacilitySummary[] }>('/api/facilities', { signal })).facilities;
}

export function fetchFacilityGraph(key: string, signal?: AbortSignal): Promise<OwnershipSnapshot> {
  return request<OwnershipSnapshot>(`/api/facilities/${id(key)}/graph`, { signal });
}

export async function searchEntities(text: string, limit = 8, signal?: AbortSignal): Promise<SearchResult[]> {
  return (await request<{ results: SearchResult[] }>(`/api/search${q({ q: text, limit })}`, { signal })).results;
}

export function fetchNeighbours(key: string, offset: number, limit: number, signal?: AbortSignal) {
  return request<OwnershipSnapshot>(`/api/entities/${id(key)}/neighbours${q({ offset, limit })}`, { signal });
}

export function fetchAnalysis(key: string, rule: SanctionsRegime, asOf: string, signal?: AbortSignal) {
  return request<AnalysisResponse>(`/api/entities/${id(key)}/analysis${q({ rule, asOf })}`, { signal });
}

export function fetchFlags(query: FlagsQuery, signal?: AbortSignal): Promise<FlagsResponse> {
  return request<FlagsResponse>(
    `/api/flags${q({ rule: query.rule, asOf: query.asOf, flag: query.flag, country: query.country, kind: query.kind, limit: query.limit })}`,
    { signal },
  );
}

export async function fetchSites(signal?: AbortSignal): Promise<SiteSummary[]> {
  return (await request<{ sites: SiteSummary[] }>('/api/sites', { signal })).sites;
}

export async function fetchSavedQueries(signal?: AbortSignal): Promise<SavedQuerySummary[]> {
  return (await request<{ queries: SavedQuerySummary[] }>('/api/queries', { signal })).queries;
}

export function runSavedQuery(name: string, params: Record<string, SavedParamValue>, signal?: AbortSignal) {
  return request<QueryResult>(`/api/queries/${id(name)}/run`, {
    method: 'POST',
    body: JSON.stringify({ params }),
    signal,
  });
}

export function runCypher(query: string, params: Record<string, unknown> = {}, signal?: AbortSignal) {
  return request<QueryResult>('/api/cypher', { method: 'POST', body: JSON.stringify({ query, params }), signal });
}

export function saveQuery(body: {
  name: string;
  description: string;
  query: string;
  params: SavedQueryParam[];
}): Promise<unknown> {
  return request<unknown>('/api/queries', { method: 'POST', body: JSON.stringify(body) });
}

export function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  return request<HealthResponse>('/api/health', { signal });
}

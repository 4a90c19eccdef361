/** The web app's only way to the data: the server's JSON API. */
import type { EntityAnalysis, Flag, NearestSite, SanctionsRegime } from '../domain/analysis/types.ts';
import type { EntityKind, SiteCategory } from '../domain/model.ts';
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import type { ImportFormat, ImportIssue } from '../import/types.ts';
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
  /**
   * The flags of the entities of the subgraph that have any (each one's explanation is its own request); an entity of
   * the subgraph that is not listed has none.
   */
  flagged: Record<string, Flag[]>;
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
  let body: unknown = null;
  try {
    body = await response.json();
  } catch (error) {
    // Aborted while the answer was read (the view moved on): the caller ignores that, as an abort before it.
    if (init.signal?.aborted) throw init.signal.reason ?? error;
    // An error status may come without a JSON body (a proxy's page); a success must have one.
    if (response.ok) throw new ApiError(response.status, 'BAD_RESPONSE', `The answer to ${path} is not JSON`);
  }
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

/** The report of `POST /api/import`: the same JSON as `lookthrough import` prints. */
export interface ImportReport {
  nodes: number;
  relationships: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  dryRun?: boolean;
  loaded?: boolean;
  matchedExisting?: number;
  unchanged?: number;
}

export interface ImportOptions {
  format: ImportFormat;
  source?: string;
  category?: SiteCategory;
  dryRun: boolean;
}

/**
 * Uploads files to `POST /api/import` (multipart) and answers its report, also when the files have errors (422).
 * XMLHttpRequest rather than fetch: only it reports upload progress (`onProgress(sent, total)` in bytes).
 */
export function uploadImport(
  files: readonly File[],
  options: ImportOptions,
  onProgress: (sent: number, total: number) => void,
): Promise<ImportReport> {
  const form = new FormData();
  form.append('format', options.format);
  if (options.source) form.append('source', options.source);
  if (options.category) form.append('category', options.category);
  if (options.dryRun) form.append('dryRun', 'true');
  for (const file of files) form.append('files', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onerror = () =>
      reject(new ApiError(0, 'SERVER_UNREACHABLE', 'The Lookthrough server does not answer. Is it running?'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status === 200 || (xhr.status === 422 && typeof body === 'object' && body !== null && 'errors' in body)) {
        resolve(body as ImportReport);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? 'HTTP_ERROR', error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.send(form);
  });
}

/** The web app's only way to the data: the server's JSON API. */
import type { OwnershipSnapshot } from '../domain/snapshot.ts';

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

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json' } });
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

export async function fetchFacilities(signal?: AbortSignal): Promise<FacilitySummary[]> {
  const body = await getJson<{ facilities: FacilitySummary[] }>('/api/facilities', signal);
  return body.facilities;
}

export function fetchFacilityGraph(key: string, signal?: AbortSignal): Promise<OwnershipSnapshot> {
  return getJson<OwnershipSnapshot>(`/api/facilities/${encodeURIComponent(key)}/graph`, signal);
}

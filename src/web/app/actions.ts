/**
 * What the investigator's gestures do: fetch over the API, then apply the pure producers of the store.
 * Failures that mean an outage are reported to the status slice and retried when the server is back.
 */
import {
  ApiError,
  fetchFacilityGraph,
  fetchNeighbours,
  isOutage,
  runCypher,
  runSavedQuery,
  type QueryResult,
  type SavedParamValue,
} from '../api.ts';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import * as explore from '../state/explore.ts';
import { endTask, startTask } from '../state/status.ts';
import { update, useStore } from '../state/store.ts';
import * as view from '../state/view.ts';

/** Neighbours loaded per double-click or "show more". */
export const NEIGHBOUR_PAGE = 50;
/** Page size when loading all neighbours of a hub. */
const BULK_PAGE = 5000;

let taskCounter = 0;

const afterFrames = (count: number): Promise<void> =>
  new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
const pendingRetries = new Map<string, () => Promise<void>>();

export function retryPending(): void {
  const retries = [...pendingRetries.values()];
  pendingRetries.clear();
  for (const retry of retries) void retry();
}

export function reportError(error: unknown, retryId?: string, retry?: () => Promise<void>): void {
  if (error instanceof DOMException && error.name === 'AbortError') return;
  const message = error instanceof Error ? error.message : String(error);
  if (isOutage(error)) {
    update('status', (s) => ({ ...s, outage: message }));
    if (retryId && retry) pendingRetries.set(retryId, retry);
  } else update('status', (s) => ({ ...s, error: message }));
}

async function withTask<T>(label: string, work: (progress: (done: number, total: number) => void) => Promise<T>) {
  const id = `task${++taskCounter}`;
  update('status', (s) => startTask({ ...s, error: null }, id, { label }));
  try {
    return await work((done, total) => update('status', (s) => startTask(s, id, { label, done, total })));
  } finally {
    update('status', (s) => endTask(s, id));
  }
}

/** Opens a facility's (or any entity's) upstream ownership graph on the canvas. */
export async function openTrace(key: string, options: { keepSelection?: boolean } = {}): Promise<void> {
  try {
    const snapshot = await withTask(`Loading the ownership of ${key}…`, () => fetchFacilityGraph(key));
    update('explore', (state) => explore.openGraph(state, { type: 'trace', root: key }, snapshot));
    update('view', (v) => ({
      ...view.select(v, options.keepSelection ? v.selected : key),
      layout: v.layout === 'map' ? 'tree' : v.layout,
    }));
  } catch (error) {
    reportError(error, `trace:${key}`, () => openTrace(key, options));
  }
}

/** Expands a node's neighbours: the first page, or the next one ("show more"). */
export async function expand(key: string, limit = NEIGHBOUR_PAGE): Promise<void> {
  const state = useStore.getState().explore;
  const existing = state.expansions.find((e) => e.key === key);
  if (existing && existing.loaded >= existing.total) return;
  const offset = existing?.loaded ?? 0;
  try {
    const page = await withTask(`Loading neighbours of ${key}…`, () => fetchNeighbours(key, offset, limit));
    update('explore', (s) => explore.addNeighbourPage(s, key, page));
  } catch (error) {
    reportError(error, `expand:${key}`, () => expand(key, limit));
  }
}

/**
 * Loads every remaining neighbour of a hub, page after page, with progress; the canvas changes once, when all
 * are in (drawing and laying out thousands of nodes again after every page would cost more than the fetching).
 */
export async function expandAll(key: string): Promise<void> {
  try {
    await withTask(`Loading all neighbours of ${key}…`, async (progress) => {
      const existing = useStore.getState().explore.expansions.find((e) => e.key === key);
      let offset = existing?.loaded ?? 0;
      let total = existing?.total ?? Infinity;
      const pages: OwnershipSnapshot[] = [];
      while (offset < total) {
        if (Number.isFinite(total)) progress(offset, total);
        const page = await fetchNeighbours(key, offset, BULK_PAGE);
        if (page.edges.length === 0) break;
        pages.push(page);
        offset += page.edges.length;
        total = Number(page.attributes?.total ?? offset);
      }
      if (Number.isFinite(total)) progress(offset, total);
      update('explore', (s) => explore.addNeighbourPages(s, key, pages));
      // The progress stays on screen while the canvas lays out and draws them (after React's commit).
      await afterFrames(2);
    });
  } catch (error) {
    reportError(error, `expand-all:${key}`, () => expandAll(key));
  }
}

export function collapse(key: string): void {
  update('explore', (s) => explore.collapse(s, key));
}

export function hide(key: string): void {
  update('explore', (s) => explore.hide(s, key));
  update('view', (v) => (v.selected === key ? view.select(v, null) : v));
}

export function togglePin(key: string): void {
  update('explore', (s) => explore.togglePin(s, key));
}

export function undo(): void {
  update('explore', explore.undo);
}

function showQueryResult(title: string, result: QueryResult): void {
  useStore.setState({
    results: { title, columns: result.columns, rows: result.rows, truncated: result.truncated },
  });
  if (result.graph.nodes.length > 0) {
    update('explore', (s) => explore.openGraph(s, { type: 'query', title }, result.graph));
    update('view', (v) => ({ ...view.select(v, null), layout: v.layout === 'map' ? 'force' : v.layout }));
  }
}

export async function runQuery(name: string, title: string, params: Record<string, SavedParamValue>): Promise<void> {
  try {
    const result = await withTask(`Running ${title}…`, () => runSavedQuery(name, params));
    showQueryResult(title, result);
  } catch (error) {
    reportError(error);
  }
}

export async function runAdHoc(query: string): Promise<void> {
  try {
    const result = await withTask('Running Cypher…', () => runCypher(query));
    showQueryResult('Cypher query', result);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND')
      reportError(new Error('This server has no Cypher endpoint (POST /api/cypher).'));
    else reportError(error);
  }
}

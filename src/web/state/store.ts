/**
 * The one store of the web app (zustand), made of small slices whose changes are pure producers
 * (explore.ts, view.ts, status.ts) tested in Node. Plain data only: never a graphology instance.
 */
import { create } from 'zustand';
import type { Flag } from '../../domain/analysis/types.ts';
import type { AnalysisResponse, FacilitySummary, FlagsResponse, SiteSummary } from '../api.ts';
import { emptyExplore, type ExploreState } from './explore.ts';
import { emptyStatus, type StatusState } from './status.ts';
import { emptyView, type ViewState } from './view.ts';

export interface FlagsFilterState {
  flag: Flag | '';
  country: string;
}

export interface ResultsState {
  title: string;
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

/** An analysis answer with the request it answers (entity, regime, date), so stale answers are recognised. */
export interface AnalysisEntry {
  requestKey: string;
  data: AnalysisResponse;
}

export interface AppState {
  explore: ExploreState;
  view: ViewState;
  status: StatusState;
  flagsFilter: FlagsFilterState;
  flags: FlagsResponse | null;
  /** Flags of every flagged entity in the database (regime and date of the view), for rings on any node. */
  ringFlags: { requestKey: string; flags: Record<string, Flag[]> } | null;
  /** The analysis of the traced entity's subgraph: flags of every node (rings), the root's explanation. */
  analysis: AnalysisEntry | null;
  /** The analysis of the selected node (explain panel). */
  selectedAnalysis: AnalysisEntry | null;
  facilities: FacilitySummary[];
  sites: SiteSummary[];
  results: ResultsState | null;
  /** Bumped when the server comes back after an outage, so that loaders retry. */
  reconnects: number;
  /** Bumped when an import wrote data, so that loaders fetch the facilities, sites, flags and analyses again. */
  dataRevision: number;
}

export const today = () => new Date().toISOString().slice(0, 10);

export const analysisKey = (key: string, rule: string, asOf: string) => `${key}|${rule}|${asOf}`;

export function initialState(): AppState {
  return {
    explore: emptyExplore(),
    view: emptyView(today()),
    status: emptyStatus(),
    flagsFilter: { flag: '', country: '' },
    flags: null,
    ringFlags: null,
    analysis: null,
    selectedAnalysis: null,
    facilities: [],
    sites: [],
    results: null,
    reconnects: 0,
    dataRevision: 0,
  };
}

export const useStore = create<AppState>()(() => initialState());

/** Applies a pure producer to one slice. */
export function update<K extends keyof AppState>(key: K, producer: (slice: AppState[K]) => AppState[K]): void {
  useStore.setState((state) => {
    const next = producer(state[key]);
    return next === state[key] ? state : { [key]: next };
  });
}

/** After an import wrote data: analyses on screen are stale; loaders fetch again. */
export function dataChanged(): void {
  useStore.setState((s) => ({ dataRevision: s.dataRevision + 1, analysis: null, selectedAnalysis: null }));
}

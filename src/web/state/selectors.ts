/** Derived reads of the store, shared by components and controllers. */
import type { EntityAnalysis, ExplanationPath } from '../../domain/analysis/types.ts';
import { analysisKey, type AppState } from './store.ts';

/** The analysis of the selected node under the current regime and date, when loaded. */
export function selectedEntityAnalysis(state: AppState): EntityAnalysis | null {
  const { selected, rule, asOf } = state.view;
  if (!selected) return null;
  const key = analysisKey(selected, rule, asOf);
  if (state.selectedAnalysis?.requestKey === key) return state.selectedAnalysis.data.analysis;
  if (state.analysis?.requestKey === key) return state.analysis.data.analysis;
  return null;
}

/** The explanation path the investigator chose, if any. */
export function selectedPath(state: AppState): ExplanationPath | null {
  const choice = state.view.path;
  if (!choice) return null;
  return selectedEntityAnalysis(state)?.explanation[choice.explanation]?.paths[choice.path] ?? null;
}

import { useEffect } from 'react';
import { FLAGS, type Flag } from '../../domain/analysis/types.ts';
import { fetchAnalysis, fetchFacilities, fetchFlags, fetchSites } from '../api.ts';
import { analysisKey, useStore } from '../state/store.ts';
import { reportError } from './actions.ts';

/**
 * Renders nothing: loads what the screen needs from the API when its inputs change (and again after an outage or
 * an import): facilities and sites, the ranked flags, the traced entity's analysis (rings) and the selected node's.
 */
export function DataController() {
  const reconnects = useStore((s) => s.reconnects);
  const revision = useStore((s) => s.dataRevision);
  const rule = useStore((s) => s.view.rule);
  const asOf = useStore((s) => s.view.asOf);
  const filter = useStore((s) => s.flagsFilter);
  const source = useStore((s) => s.explore.source);
  const selected = useStore((s) => s.view.selected);
  const root = source?.type === 'trace' ? source.root : null;

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchFacilities(controller.signal), fetchSites(controller.signal)])
      .then(([facilities, sites]) => useStore.setState({ facilities, sites }))
      .catch((error: unknown) => reportError(error));
    return () => controller.abort();
  }, [reconnects, revision]);

  useEffect(() => {
    const controller = new AbortController();
    fetchFlags({ rule, asOf, flag: filter.flag, country: filter.country }, controller.signal)
      .then((flags) => useStore.setState({ flags }))
      .catch((error: unknown) => reportError(error));
    return () => controller.abort();
  }, [rule, asOf, filter, reconnects, revision]);

  useEffect(() => {
    const controller = new AbortController();
    const requestKey = `${rule}|${asOf}`;
    // One request per flag: thousands of listed persons would otherwise crowd the other flags out of one page. One
    // after another: they all wait for the same ranking, and eight at once would hold all six connections a browser
    // opens to the server (HTTP/1.1) until it is ready, so that every other request (the trace being opened, a search,
    // an expansion) queued behind them: seconds on a freshly started server, most of a minute at a million entities.
    (async () => {
      const flags: Record<string, Flag[]> = {};
      for (const flag of FLAGS) {
        const answer = await fetchFlags({ rule, asOf, flag, kind: 'all', limit: 10_000 }, controller.signal);
        for (const item of answer.items) flags[item.key] = item.flags;
      }
      useStore.setState({ ringFlags: { requestKey, flags } });
    })().catch((error: unknown) => reportError(error));
    return () => controller.abort();
  }, [rule, asOf, reconnects, revision]);

  useEffect(() => {
    if (!root) return;
    const requestKey = analysisKey(root, rule, asOf);
    if (useStore.getState().analysis?.requestKey === requestKey) return;
    const controller = new AbortController();
    fetchAnalysis(root, rule, asOf, controller.signal)
      .then((data) => useStore.setState({ analysis: { requestKey, data } }))
      .catch((error: unknown) => reportError(error));
    return () => controller.abort();
  }, [root, rule, asOf, reconnects, revision]);

  useEffect(() => {
    if (!selected) return;
    const requestKey = analysisKey(selected, rule, asOf);
    const state = useStore.getState();
    if (state.selectedAnalysis?.requestKey === requestKey || state.analysis?.requestKey === requestKey) return;
    const controller = new AbortController();
    // The root's analysis is loading anyway; a second request for it would only duplicate the work.
    const timer = window.setTimeout(
      () => {
        if (useStore.getState().analysis?.requestKey === requestKey) return;
        fetchAnalysis(selected, rule, asOf, controller.signal)
          .then((data) => useStore.setState({ selectedAnalysis: { requestKey, data } }))
          .catch((error: unknown) => reportError(error));
      },
      selected === root ? 400 : 0,
    );
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [selected, root, rule, asOf, reconnects, revision]);
  return null;
}

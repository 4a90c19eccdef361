import { useEffect, useRef } from 'react';
import { fetchNeighbours } from '../api.ts';
import * as explore from '../state/explore.ts';
import { update, useStore } from '../state/store.ts';
import { formatUrl, parseUrl, type UrlView } from '../state/view.ts';
import { NEIGHBOUR_PAGE, openTrace, reportError } from './actions.ts';

function currentUrlView(): UrlView {
  const { explore: e, view } = useStore.getState();
  return {
    facility: e.source?.type === 'trace' ? e.source.root : undefined,
    expand: e.expansions.map((x) => x.key),
    hide: e.hidden,
    pin: e.pinned,
    layout: view.layout,
    rule: view.rule,
    asOf: view.asOf,
    selected: view.selected ?? undefined,
  };
}

/**
 * Renders nothing: restores the view from the URL once (facility, expansions, hidden, pins, layout, regime, date,
 * selection), then keeps the URL in step with the view, so a link in a report opens the same picture.
 */
export function UrlController() {
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const url = parseUrl(location.search);
    update('view', (v) => ({
      ...v,
      layout: url.layout ?? v.layout,
      rule: url.rule ?? v.rule,
      asOf: url.asOf ?? v.asOf,
    }));
    const restore = async () => {
      if (url.facility) {
        await openTrace(url.facility, { keepSelection: true });
        // Expansions load in parallel and land as one change, so Ctrl+Z steps back from the restored view as a whole.
        const pages = await Promise.all(
          url.expand.map((key) => fetchNeighbours(key, 0, NEIGHBOUR_PAGE).then((page) => ({ key, page }))),
        );
        update('explore', (state) => {
          let next = state;
          for (const { key, page } of pages) next = explore.addNeighbourPage(next, key, page);
          return { ...next, hidden: url.hide, pinned: url.pin, past: state.past };
        });
      }
      update('view', (v) => ({ ...v, selected: url.selected ?? (url.facility ? v.selected : null) }));
    };
    restore()
      .catch((error: unknown) => reportError(error))
      .finally(() => {
        const write = () => {
          const next = formatUrl(currentUrlView());
          if (next !== location.search) history.replaceState(null, '', `${location.pathname}${next}`);
        };
        write();
        useStore.subscribe((state, previous) => {
          if (state.explore !== previous.explore || state.view !== previous.view) write();
        });
      });
  }, []);
  return null;
}

import { useRegisterEvents } from '@react-sigma/core';
import { useEffect } from 'react';
import { expand, openTrace } from '../../app/actions.ts';
import { update, useStore } from '../../state/store.ts';
import { select } from '../../state/view.ts';

/** Renders nothing: click selects, double-click expands neighbours (on the map: opens the facility's trace). */
export function EventsController() {
  const registerEvents = useRegisterEvents();
  useEffect(() => {
    registerEvents({
      clickNode: ({ node }) => update('view', (v) => select(v, node)),
      doubleClickNode: (event) => {
        event.preventSigmaDefault();
        const { layout } = useStore.getState().view;
        if (layout === 'map') {
          void openTrace(event.node);
          return;
        }
        void expand(event.node);
      },
      clickStage: () => update('view', (v) => select(v, null)),
    });
  }, [registerEvents]);
  return null;
}

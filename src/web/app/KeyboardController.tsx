import { useEffect } from 'react';
import { update } from '../state/store.ts';
import { select } from '../state/view.ts';
import { undo } from './actions.ts';

/** Renders nothing: Esc clears the selection, Ctrl+Z undoes the last exploration step (outside text fields). */
export function KeyboardController() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (typing) return;
      if (event.key === 'Escape') update('view', (v) => select(v, null));
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return null;
}

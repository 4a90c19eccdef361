import { useEffect } from 'react';
import { ApiError, fetchHealth } from '../api.ts';
import { useStore } from '../state/store.ts';
import { retryPending } from './actions.ts';

const POLL_OK_MS = 5_000;
const POLL_DOWN_MS = 2_000;

/**
 * Renders nothing: polls /api/health. While the server or Neo4j is down the outage banner says which; when both
 * answer again the banner goes, loaders retry (reconnects) and interrupted actions run again.
 */
export function HealthController() {
  const outage = useStore((s) => s.status.outage);
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const check = async () => {
      let message: string | null = null;
      try {
        await fetchHealth();
      } catch (error) {
        message =
          error instanceof ApiError && error.code === 'NEO4J_UNAVAILABLE'
            ? `The database (Neo4j) is not available: ${error.message}`
            : error instanceof Error
              ? error.message
              : String(error);
      }
      if (stopped) return;
      const current = useStore.getState().status.outage;
      if (message && message !== current) useStore.setState((s) => ({ status: { ...s.status, outage: message } }));
      if (!message && current) {
        useStore.setState((s) => ({
          status: { ...s.status, outage: null, error: null },
          reconnects: s.reconnects + 1,
        }));
        retryPending();
      }
      timer = window.setTimeout(() => void check(), message || current ? POLL_DOWN_MS : POLL_OK_MS);
    };
    timer = window.setTimeout(() => void check(), outage ? POLL_DOWN_MS : POLL_OK_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [outage]);
  return null;
}

import { useSigma } from '@react-sigma/core';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { useEffect } from 'react';
import { endTask, startTask } from '../../state/status.ts';
import { update, useStore } from '../../state/store.ts';

/** How long ForceAtlas2 runs after the graph changes; then it stops, so nothing moves without reason. */
const RUN_MS = (order: number) => Math.min(6000, 1500 + order * 2);

/**
 * Renders nothing: in the force layout, runs ForceAtlas2 in its web worker for a few seconds whenever the graph
 * on screen changes (pinned nodes stay: FA2 honours the `fixed` attribute), and kills the worker on unmount.
 */
export function ForceLayoutController() {
  const sigma = useSigma();
  const layout = useStore((s) => s.view.layout);
  const base = useStore((s) => s.explore.base);
  const expansions = useStore((s) => s.explore.expansions);
  const hidden = useStore((s) => s.explore.hidden);

  useEffect(() => {
    if (layout !== 'force') return;
    const graph = sigma.getGraph();
    if (graph.order < 2) return;
    const supervisor = new FA2LayoutSupervisor(graph, {
      settings: { ...forceAtlas2.inferSettings(graph), adjustSizes: true, barnesHutOptimize: graph.order > 300 },
    });
    const taskId = 'force-layout';
    update('status', (s) => startTask(s, taskId, { label: 'Force layout running…' }));
    supervisor.start();
    const timer = window.setTimeout(() => {
      supervisor.stop();
      update('status', (s) => endTask(s, taskId));
    }, RUN_MS(graph.order));
    return () => {
      window.clearTimeout(timer);
      supervisor.kill();
      update('status', (s) => endTask(s, taskId));
    };
  }, [sigma, layout, base, expansions, hidden]);
  return null;
}

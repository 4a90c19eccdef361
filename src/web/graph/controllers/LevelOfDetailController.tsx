import { useSigma } from '@react-sigma/core';
import { useEffect } from 'react';
import { showEdgeLabels } from '../level-of-detail.ts';
import type { AppSigma } from '../sigma-ref.ts';

/**
 * Renders nothing: in a large picture, turns edge labels on when the investigator zooms in far enough that few
 * edges are in view, and off again when zooming out (GraphDataController sets the rest of the level of detail
 * with the graph). Only a crossing of the threshold changes the setting: each change re-indexes the graph.
 */
export function LevelOfDetailController() {
  const sigma = useSigma() as unknown as AppSigma;

  useEffect(() => {
    const camera = sigma.getCamera();
    const onCamera = () => {
      const graph = sigma.getGraph();
      const wanted = showEdgeLabels(graph.order, graph.size, camera.getState().ratio);
      if (wanted !== sigma.getSetting('renderEdgeLabels')) sigma.setSetting('renderEdgeLabels', wanted);
    };
    camera.on('updated', onCamera);
    return () => {
      camera.off('updated', onCamera);
    };
  }, [sigma]);
  return null;
}

import { useSigma } from '@react-sigma/core';
import { useEffect } from 'react';
import { detailSettings } from '../level-of-detail.ts';
import type { AppSigma } from '../sigma-ref.ts';

/** After the camera's last move, how long until the frame with edges and labels is drawn (sigma zooms in 250 ms). */
const SETTLE_MS = 350;

/**
 * Renders nothing: in a large picture, turns edge labels on (and node labels from small label-grid cells) when
 * the investigator zooms in far enough that few edges are in view, and off again when zooming out (GraphDataController sets the rest of the level of detail
 * with the graph). Only a crossing of the threshold changes the setting: each change re-indexes the graph.
 * When edges and labels hide while moving, it also draws one more frame once the camera has settled: sigma's
 * last frame of a wheel zoom still counts as moving, and would otherwise leave them hidden.
 */
export function LevelOfDetailController() {
  const sigma = useSigma() as unknown as AppSigma;

  useEffect(() => {
    const camera = sigma.getCamera();
    let settle: number | undefined;
    const onCamera = () => {
      const graph = sigma.getGraph();
      const { renderEdgeLabels, labelGridCellSize } = detailSettings(graph.order, graph.size, camera.getState().ratio);
      if (
        renderEdgeLabels !== sigma.getSetting('renderEdgeLabels') ||
        labelGridCellSize !== sigma.getSetting('labelGridCellSize')
      )
        sigma.setSettings({ renderEdgeLabels, labelGridCellSize });
      if (sigma.getSetting('hideLabelsOnMove') || sigma.getSetting('hideEdgesOnMove')) {
        window.clearTimeout(settle);
        settle = window.setTimeout(() => sigma.scheduleRender(), SETTLE_MS);
      }
    };
    camera.on('updated', onCamera);
    return () => {
      window.clearTimeout(settle);
      camera.off('updated', onCamera);
    };
  }, [sigma]);
  return null;
}

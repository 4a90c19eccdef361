import { useSigma } from '@react-sigma/core';
import { useEffect } from 'react';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import { selectedPath } from '../../state/selectors.ts';
import { useStore } from '../../state/store.ts';
import { isLargeGraph } from '../level-of-detail.ts';
import type { AppSigma } from '../sigma-ref.ts';

const DIM_NODE = '#e4e7eb';
const DIM_EDGE = '#eef0f2';
const PATH_EDGE = '#1f2933';

/**
 * Renders nothing: selection and the chosen explanation path, as sigma reducers (the data never changes for
 * display). A chosen path is drawn dark with its labels; everything else is dimmed.
 */
export function AppearanceController() {
  const sigma = useSigma() as unknown as AppSigma;
  const selected = useStore((s) => s.view.selected);
  const path = useStore(selectedPath);

  useEffect(() => {
    const graph = sigma.getGraph();
    const pathEdges = new Set<string>();
    const pathNodes = new Set<string>();
    if (path) {
      for (const edge of path.edges) {
        let key: string | undefined = graph.hasEdge(edge.key) ? edge.key : undefined;
        if (!key && graph.hasNode(edge.source) && graph.hasNode(edge.target))
          key = graph.edges(edge.source, edge.target).find((e) => graph.getEdgeAttribute(e, 'kind') === edge.kind);
        if (key) pathEdges.add(key);
        pathNodes.add(edge.source);
        pathNodes.add(edge.target);
      }
    }
    const highlighting = pathNodes.size > 0;
    const selectedEdges = new Set<string>(selected && graph.hasNode(selected) ? graph.edges(selected) : []);

    sigma.setSetting('nodeReducer', (node, data) => {
      const out: Partial<NodeDisplayData> & Record<string, unknown> = { ...data };
      if (highlighting && !pathNodes.has(node)) {
        out.color = DIM_NODE;
        out.label = '';
        out.ring1Size = 0;
        out.ring2Size = 0;
        out.ring3Size = 0;
        out.zIndex = 0;
      } else if (highlighting) {
        out.forceLabel = true;
        out.zIndex = 2;
      }
      if (node === selected) {
        out.highlighted = true;
        out.forceLabel = true;
        out.zIndex = 3;
      }
      return out;
    });
    sigma.setSetting('edgeReducer', (edge, data) => {
      const out: Partial<EdgeDisplayData> & Record<string, unknown> = { ...data };
      if (highlighting) {
        if (pathEdges.has(edge)) {
          out.color = PATH_EDGE;
          out.size = (data.size ?? 1) + 1.5;
          out.forceLabel = true;
          out.zIndex = 2;
        } else {
          out.color = DIM_EDGE;
          out.label = '';
          out.zIndex = 0;
        }
      } else if (selectedEdges.has(edge) && !isLargeGraph(graph.order, graph.size)) {
        // In a large picture (a hub's thousands of edges) the labels follow the level of detail instead.
        out.forceLabel = true;
        out.zIndex = 1;
      }
      return out;
    });
    sigma.refresh({ skipIndexation: true });
  }, [sigma, selected, path]);
  return null;
}

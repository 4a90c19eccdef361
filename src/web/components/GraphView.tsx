import { ControlsContainer, FullScreenControl, SigmaContainer, ZoomControl } from '@react-sigma/core';
import { MultiDirectedGraph } from 'graphology';
import { useMemo } from 'react';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { GraphDataController } from '../graph/controllers/GraphDataController.tsx';
import type { RenderEdgeAttributes, RenderNodeAttributes } from '../graph/to-sigma-graph.ts';

export function GraphView({ snapshot }: { snapshot: OwnershipSnapshot | null }) {
  // One graph for sigma's whole life; GraphDataController refreshes it with clear() + import().
  const graph = useMemo(() => new MultiDirectedGraph<RenderNodeAttributes, RenderEdgeAttributes>(), []);
  const settings = useMemo(
    () => ({
      renderEdgeLabels: true,
      defaultEdgeType: 'arrow',
      labelDensity: 1,
      labelGridCellSize: 60,
      labelRenderedSizeThreshold: 4,
      labelFont: 'Inter, system-ui, sans-serif',
      edgeLabelFont: 'Inter, system-ui, sans-serif',
      edgeLabelSize: 11,
      edgeLabelColor: { color: '#4a5560' },
      zIndex: true,
    }),
    [],
  );
  return (
    <SigmaContainer graph={graph} settings={settings} className="graph-canvas" data-testid="graph-canvas">
      <GraphDataController snapshot={snapshot} />
      <ControlsContainer position="bottom-right">
        <ZoomControl />
        <FullScreenControl />
      </ControlsContainer>
    </SigmaContainer>
  );
}

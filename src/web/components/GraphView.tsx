import { ControlsContainer, FullScreenControl, SigmaContainer, ZoomControl } from '@react-sigma/core';
import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import { createNodeBorderProgram } from '@sigma/node-border';
import { MultiDirectedGraph } from 'graphology';
import { useMemo } from 'react';
import { EdgeArrowProgram, NodeCircleProgram } from 'sigma/rendering';
import type { Settings } from 'sigma/settings';
import { AppearanceController } from '../graph/controllers/AppearanceController.tsx';
import { EventsController } from '../graph/controllers/EventsController.tsx';
import { ForceLayoutController } from '../graph/controllers/ForceLayoutController.tsx';
import { GraphDataController } from '../graph/controllers/GraphDataController.tsx';
import { LevelOfDetailController } from '../graph/controllers/LevelOfDetailController.tsx';
import { LABEL_GRID_CELL } from '../graph/level-of-detail.ts';
import { OverlayController } from '../graph/controllers/OverlayController.tsx';
import { drawEdgeLabel, drawNodeHover, drawNodeLabel, LABEL_FONT } from '../graph/draw.ts';
import type { RenderEdgeAttributes, RenderNodeAttributes } from '../graph/to-sigma-graph.ts';

/** Nodes: the kind's muted fill inside up to three flag rings (outer = most severe), separated by a thin white line. */
const RingedNodeProgram = createNodeBorderProgram({
  borders: [
    { size: { attribute: 'ring1Size', defaultValue: 0 }, color: { attribute: 'ring1' } },
    { size: { attribute: 'ring2Size', defaultValue: 0 }, color: { attribute: 'ring2' } },
    { size: { attribute: 'ring3Size', defaultValue: 0 }, color: { attribute: 'ring3' } },
    { size: { value: 0.1 }, color: { value: '#ffffff' } },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
  drawLabel: drawNodeLabel,
  drawHover: drawNodeHover,
});

export function GraphView() {
  // One graph for sigma's whole life; GraphDataController refreshes it with clear() + import().
  const graph = useMemo(() => new MultiDirectedGraph<RenderNodeAttributes, RenderEdgeAttributes>(), []);
  const settings = useMemo(
    (): Partial<Settings> => ({
      allowInvalidContainer: true,
      renderEdgeLabels: true,
      defaultNodeType: 'ringed',
      defaultEdgeType: 'arrow',
      // 'plain': unflagged nodes of a large picture (level of detail), one disc instead of five.
      nodeProgramClasses: { ringed: RingedNodeProgram, plain: NodeCircleProgram },
      edgeProgramClasses: { arrow: EdgeArrowProgram, curved: EdgeCurvedArrowProgram },
      defaultDrawNodeLabel: drawNodeLabel,
      defaultDrawNodeHover: drawNodeHover,
      defaultDrawEdgeLabel: drawEdgeLabel,
      labelDensity: 0.6,
      labelGridCellSize: LABEL_GRID_CELL,
      labelRenderedSizeThreshold: 6,
      labelFont: LABEL_FONT,
      labelSize: 12,
      labelWeight: '500',
      edgeLabelFont: LABEL_FONT,
      edgeLabelSize: 11,
      edgeLabelWeight: '500',
      stagePadding: 70,
      zIndex: true,
      minCameraRatio: 0.0005,
      maxCameraRatio: 20,
    }),
    [],
  );
  return (
    <SigmaContainer graph={graph} settings={settings} className="graph-canvas" data-testid="graph-canvas">
      <GraphDataController />
      <LevelOfDetailController />
      <ForceLayoutController />
      <AppearanceController />
      <EventsController />
      <OverlayController />
      <ControlsContainer position="bottom-right">
        <ZoomControl />
        <FullScreenControl />
      </ControlsContainer>
    </SigmaContainer>
  );
}

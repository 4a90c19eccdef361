/**
 * Canvas drawing for sigma: node labels centred under their node on a halo (legible over edges), edge labels
 * on a small pill, and the hover card. Kind icons and map circles are drawn by OverlayController.
 */
import type { Settings } from 'sigma/settings';
import type { EdgeDisplayData, NodeDisplayData, PartialButFor } from 'sigma/types';
import { labelLines } from './appearance.ts';

export const LABEL_FONT = 'system-ui, "DejaVu Sans", "Segoe UI", sans-serif';
export const LABEL_COLOR = '#1f2933';
const HALO = 'rgba(246, 247, 249, 0.92)';

type NodeData = PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'>;

interface Box {
  key?: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Boxes of the node labels drawn in the current frame. Sigma's label grid assumes labels to the right of their
 * node; ours are centred under it, so a label that would overlap one already drawn is skipped instead.
 */
let drawn: Box[] = [];

/** Keys of the nodes whose label the last frame drew (read by the inspection hook). */
export function drawnLabelKeys(): string[] {
  return drawn.flatMap((b) => (b.key ? [b.key] : []));
}

/** Called before each render (sigma's `beforeRender` event). */
export function resetLabelBoxes(): void {
  drawn = [];
}

export function drawNodeLabel(context: CanvasRenderingContext2D, data: NodeData, settings: Settings): void {
  drawLabelAt(context, data, settings, false);
}

function drawLabelAt(context: CanvasRenderingContext2D, data: NodeData, settings: Settings, always: boolean): void {
  if (!data.label) return;
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const lines = labelLines(data.label);
  const width = Math.max(...lines.map((line) => context.measureText(line).width));
  const box: Box = {
    key: (data as { key?: string }).key,
    x0: data.x - width / 2 - 2,
    x1: data.x + width / 2 + 2,
    y0: data.y + data.size + 2,
    y1: data.y + data.size + 6 + lines.length * (size + 2),
  };
  if (!always) {
    if (drawn.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) return;
    drawn.push(box);
  }
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';
  context.lineJoin = 'round';
  let y = data.y + data.size + size + 3;
  for (const line of lines) {
    context.strokeStyle = HALO;
    context.lineWidth = 4;
    context.strokeText(line, data.x, y);
    context.fillStyle = LABEL_COLOR;
    context.fillText(line, data.x, y);
    y += size + 2;
  }
  context.textAlign = 'left';
}

export function drawNodeHover(context: CanvasRenderingContext2D, data: NodeData, settings: Settings): void {
  context.beginPath();
  context.arc(data.x, data.y, data.size + 4, 0, Math.PI * 2);
  context.fillStyle = 'rgba(255,255,255,0.95)';
  context.shadowColor = 'rgba(0,0,0,0.25)';
  context.shadowBlur = 8;
  context.fill();
  context.shadowBlur = 0;
  drawLabelAt(context, data, settings, true);
}

export function drawEdgeLabel(
  context: CanvasRenderingContext2D,
  edgeData: PartialButFor<EdgeDisplayData, 'label' | 'color' | 'size'>,
  sourceData: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size'>,
  targetData: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size'>,
  settings: Settings,
): void {
  const label = edgeData.label;
  if (!label) return;
  const size = settings.edgeLabelSize;
  const dx = targetData.x - sourceData.x;
  const dy = targetData.y - sourceData.y;
  const length = Math.sqrt(dx * dx + dy * dy);
  if (length < sourceData.size + targetData.size + 20) return;
  const cx = sourceData.x + dx / 2;
  const cy = sourceData.y + dy / 2;
  // Off screen (the canvas is at least as large as the view in CSS pixels): nothing to measure or draw.
  const margin = 60;
  if (cx < -margin || cy < -margin || cx > context.canvas.width + margin || cy > context.canvas.height + margin) return;
  context.font = `${settings.edgeLabelWeight} ${size}px ${settings.edgeLabelFont}`;
  const width = context.measureText(label).width;
  if (width + 8 > length - sourceData.size - targetData.size) return;
  let angle = Math.atan2(dy, dx);
  if (angle > Math.PI / 2 || angle < -Math.PI / 2) angle += Math.PI;
  context.save();
  context.translate(cx, cy);
  context.rotate(angle);
  context.fillStyle = 'rgba(255,255,255,0.92)';
  context.beginPath();
  context.roundRect(-width / 2 - 4, -size / 2 - 3, width + 8, size + 6, 4);
  context.fill();
  context.fillStyle = edgeData.color === '#c5cbd2' ? '#7a838c' : '#3e4a56';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(label, 0, 0.5);
  context.restore();
}

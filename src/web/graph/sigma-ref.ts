/**
 * The one sigma instance, for code outside the SigmaContainer (export). A module variable, not React state:
 * the render graph and sigma are never put in the store.
 *
 * Also exposes a read-only inspection hook, `window.__lookthrough`, that end-to-end tests (and curious
 * investigators in the devtools console) use to read what the canvas shows: nodes and edges with their displayed
 * position (viewport pixels), label, colour and rings after the reducers. It cannot change anything.
 */
import type Sigma from 'sigma';
import { drawnLabelKeys } from './draw.ts';
import type { RenderEdgeAttributes, RenderNodeAttributes } from './to-sigma-graph.ts';

export type AppSigma = Sigma<RenderNodeAttributes, RenderEdgeAttributes>;

export interface InspectedNode {
  key: string;
  kind: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  ring1: string;
  ring1Size: number;
  flags: string[];
  fixed: boolean;
  more?: number;
}

export interface InspectedEdge {
  key: string;
  source: string;
  target: string;
  kind: string;
  label: string;
  color: string;
  type: string;
}

let current: AppSigma | null = null;

export function setSigma(sigma: AppSigma | null): void {
  current = sigma;
}

export function getSigma(): AppSigma | null {
  return current;
}

function inspectNodes(): InspectedNode[] {
  const sigma = current;
  if (!sigma) return [];
  const graph = sigma.getGraph();
  return graph.mapNodes((key, a) => {
    const data = sigma.getNodeDisplayData(key);
    const p = data ? sigma.framedGraphToViewport(data) : { x: NaN, y: NaN };
    const shown = data as unknown as { ring1Size?: number } | undefined;
    return {
      key,
      kind: a.kind,
      label: a.label,
      x: p.x,
      y: p.y,
      size: data ? sigma.scaleSize(data.size) : 0,
      color: data?.color ?? a.color,
      ring1: a.ring1,
      ring1Size: shown?.ring1Size ?? a.ring1Size,
      flags: a.flags,
      fixed: !!a.fixed,
      ...(a.more ? { more: a.more } : {}),
    };
  });
}

function inspectEdges(): InspectedEdge[] {
  const sigma = current;
  if (!sigma) return [];
  return sigma.getGraph().mapEdges((key, a, source, target) => {
    const data = sigma.getEdgeDisplayData(key);
    return { key, source, target, kind: a.kind, label: a.label, color: data?.color ?? a.color, type: a.type };
  });
}

declare global {
  interface Window {
    __lookthrough?: {
      nodes: () => InspectedNode[];
      edges: () => InspectedEdge[];
      order: () => number;
      labels: () => string[];
    };
  }
}

if (typeof window !== 'undefined') {
  window.__lookthrough = {
    nodes: inspectNodes,
    edges: inspectEdges,
    order: () => current?.getGraph().order ?? 0,
    labels: drawnLabelKeys,
  };
}

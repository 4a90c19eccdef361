import { useSigma } from '@react-sigma/core';
import { useEffect } from 'react';
import type { EntityKind } from '../../../domain/model.ts';
import { useStore } from '../../state/store.ts';
import type { AppSigma } from '../sigma-ref.ts';
import { resetLabelBoxes } from '../draw.ts';
import { ICON_BUDGET, inView } from '../level-of-detail.ts';
import { MAP_SCALE, type RenderNodeAttributes } from '../to-sigma-graph.ts';
import { MAP_RADIUS_KM } from './GraphDataController.tsx';

/** The 100-mile "extended range" of 31 CFR 802.217, drawn around military installations on the map. */
const EXTENDED_RANGE_KM = 160.9344;
const KM_PER_DEGREE = 111.32;

/** A white glyph inside the node telling its kind (shape/icon by kind); `r` is the node radius in pixels. */
export function drawKindIcon(ctx: CanvasRenderingContext2D, kind: EntityKind, x: number, y: number, r: number): void {
  const s = r * 0.55;
  ctx.save();
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#ffffff';
  ctx.lineWidth = Math.max(1, r / 7);
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  switch (kind) {
    case 'Person':
      ctx.arc(x, y - s * 0.35, s * 0.38, 0, Math.PI * 2);
      ctx.fill();
      ctx.beginPath();
      ctx.arc(x, y + s * 0.95, s * 0.8, Math.PI * 1.15, Math.PI * 1.85);
      ctx.stroke();
      break;
    case 'Company':
      ctx.rect(x - s * 0.6, y - s * 0.75, s * 1.2, s * 1.5);
      ctx.stroke();
      for (const dx of [-0.25, 0.25])
        for (const dy of [-0.35, 0.1]) ctx.fillRect(x + dx * s - s * 0.1, y + dy * s, s * 0.2, s * 0.2);
      break;
    case 'Government':
      ctx.moveTo(x - s * 0.85, y - s * 0.35);
      ctx.lineTo(x, y - s * 0.9);
      ctx.lineTo(x + s * 0.85, y - s * 0.35);
      ctx.closePath();
      ctx.fill();
      for (const dx of [-0.55, 0, 0.55]) ctx.fillRect(x + dx * s - s * 0.1, y - s * 0.25, s * 0.2, s * 0.85);
      ctx.fillRect(x - s * 0.85, y + s * 0.65, s * 1.7, s * 0.2);
      break;
    case 'Facility':
      ctx.moveTo(x + s * 0.15, y - s * 0.95);
      ctx.lineTo(x - s * 0.5, y + s * 0.1);
      ctx.lineTo(x - s * 0.02, y + s * 0.1);
      ctx.lineTo(x - s * 0.15, y + s * 0.95);
      ctx.lineTo(x + s * 0.5, y - s * 0.15);
      ctx.lineTo(x + s * 0.02, y - s * 0.15);
      ctx.closePath();
      ctx.fill();
      break;
    case 'SensitiveSite':
      ctx.moveTo(x, y - s * 0.9);
      ctx.lineTo(x + s * 0.85, y + s * 0.65);
      ctx.lineTo(x - s * 0.85, y + s * 0.65);
      ctx.closePath();
      ctx.stroke();
      ctx.fillRect(x - s * 0.07, y - s * 0.3, s * 0.14, s * 0.5);
      ctx.fillRect(x - s * 0.07, y + s * 0.32, s * 0.14, s * 0.14);
      break;
  }
  ctx.restore();
}

/**
 * Renders nothing in React: a 2D canvas layer above sigma's nodes with kind icons, "+N more" badges on nodes
 * whose neighbours are only partly loaded, and on the map a graticule and proximity circles around sites.
 */
export function OverlayController() {
  const sigma = useSigma() as unknown as AppSigma;
  const layout = useStore((s) => s.view.layout);

  useEffect(() => {
    const id = 'lookthrough-overlay';
    sigma.createCanvasContext(id, { afterLayer: 'nodes', style: { pointerEvents: 'none' } } as Parameters<
      AppSigma['createCanvasContext']
    >[1]);
    // Sized by sigma from now on (resize handles every registered context).
    sigma.resize(true);
    const ctx = sigma.getCanvases()[id]?.getContext('2d');
    if (!ctx) return;
    const graph = sigma.getGraph();

    const draw = () => {
      const { width, height } = sigma.getDimensions();
      ctx.clearRect(0, 0, width, height);
      if (layout === 'map') drawMap();
      // Icons and badges only where they can be seen: not for thousands of overlapping nodes. When more than
      // that many can be in view, only the few nodes with a badge are placed (not every node, every frame).
      const visible: { attributes: RenderNodeAttributes; x: number; y: number; r: number; dim: boolean }[] = [];
      const iconsPossible = inView(graph.order, sigma.getCamera().getState().ratio) <= ICON_BUDGET;
      graph.forEachNode((node, attributes) => {
        if (!iconsPossible && !attributes.more) return;
        const data = sigma.getNodeDisplayData(node);
        if (!data || data.hidden) return;
        const p = sigma.framedGraphToViewport(data);
        const r = sigma.scaleSize(data.size);
        if (p.x < -r || p.y < -r || p.x > width + r || p.y > height + r) return;
        visible.push({ attributes, x: p.x, y: p.y, r, dim: data.color === '#e4e7eb' });
      });
      const icons = visible.length <= ICON_BUDGET;
      for (const { attributes, x, y, r, dim } of visible) {
        if (icons && r >= 6 && !dim) drawKindIcon(ctx, attributes.kind, x, y, r * 0.62);
        if (attributes.more) {
          const text = `+${attributes.more}`;
          ctx.font = '600 10px system-ui, "DejaVu Sans", sans-serif';
          const w = ctx.measureText(text).width + 8;
          const bx = x + r * 0.7;
          const by = y - r * 0.7 - 14;
          ctx.fillStyle = '#2f6f9f';
          ctx.beginPath();
          ctx.roundRect(bx, by, w, 14, 7);
          ctx.fill();
          ctx.fillStyle = '#fff';
          ctx.textBaseline = 'middle';
          ctx.fillText(text, bx + 4, by + 7.5);
        }
      }
    };

    const toViewport = (x: number, y: number) => sigma.graphToViewport({ x, y });
    const drawMap = () => {
      const { width, height } = sigma.getDimensions();
      ctx.save();
      ctx.strokeStyle = '#e3e7ec';
      ctx.lineWidth = 1;
      ctx.fillStyle = '#9aa5b1';
      ctx.font = '10px system-ui, "DejaVu Sans", sans-serif';
      for (let lon = -180; lon <= 180; lon += 15) {
        const a = toViewport(lon * MAP_SCALE, -80 * MAP_SCALE);
        const b = toViewport(lon * MAP_SCALE, 80 * MAP_SCALE);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
        if (a.x > 0 && a.x < width)
          ctx.fillText(`${Math.abs(lon)}°${lon < 0 ? 'W' : lon > 0 ? 'E' : ''}`, a.x + 3, height - 6);
      }
      for (let lat = -75; lat <= 75; lat += 15) {
        const a = toViewport(-180 * MAP_SCALE, lat * MAP_SCALE);
        const b = toViewport(180 * MAP_SCALE, lat * MAP_SCALE);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(b.x, b.y);
        ctx.stroke();
        if (a.y > 0 && a.y < height) ctx.fillText(`${Math.abs(lat)}°${lat < 0 ? 'S' : lat > 0 ? 'N' : ''}`, 6, a.y - 3);
      }
      graph.forEachNode((_node, attributes) => {
        if (attributes.kind !== 'SensitiveSite' || attributes.lat === undefined || attributes.lon === undefined) return;
        const rings: [number, string, number[]][] = [[MAP_RADIUS_KM, 'rgba(214, 40, 57, 0.14)', []]];
        if (attributes.radiusKm !== undefined) rings[0]![0] = attributes.radiusKm;
        rings.push([EXTENDED_RANGE_KM, 'rgba(0, 119, 182, 0.05)', [5, 4]]);
        for (const [km, fill, dash] of rings) {
          const ry = (km / KM_PER_DEGREE) * MAP_SCALE;
          const rx = ry / Math.max(0.1, Math.cos((attributes.lat * Math.PI) / 180));
          const c = toViewport(attributes.x, attributes.y);
          const px = toViewport(attributes.x + rx, attributes.y);
          const py = toViewport(attributes.x, attributes.y + ry);
          const radiusX = Math.abs(px.x - c.x);
          const radiusY = Math.abs(py.y - c.y);
          if (radiusX < 1.5) continue;
          ctx.beginPath();
          ctx.ellipse(c.x, c.y, radiusX, radiusY, 0, 0, Math.PI * 2);
          ctx.fillStyle = fill;
          ctx.fill();
          ctx.setLineDash(dash);
          ctx.strokeStyle = dash.length ? 'rgba(0, 119, 182, 0.45)' : 'rgba(214, 40, 57, 0.7)';
          ctx.lineWidth = 1.2;
          ctx.stroke();
          ctx.setLineDash([]);
        }
      });
      ctx.restore();
    };

    sigma.on('beforeRender', resetLabelBoxes);
    sigma.on('afterRender', draw);
    sigma.refresh({ skipIndexation: true });
    return () => {
      sigma.off('beforeRender', resetLabelBoxes);
      sigma.off('afterRender', draw);
      sigma.killLayer(id);
    };
  }, [sigma, layout]);
  return null;
}

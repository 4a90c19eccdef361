/**
 * Pictures of what is on screen. PNG: sigma's canvases (WebGL edges and nodes, 2D labels and overlay) composited
 * in layer order right after a synchronous render, while the WebGL buffers still hold the frame. SVG: the render
 * graph as displayed (reducers applied), written as vector elements at the same viewport positions.
 */
import { labelLines } from '../graph/appearance.ts';
import type { AppSigma } from '../graph/sigma-ref.ts';

const BACKGROUND = '#f6f7f9';

export function toPngBlob(sigma: AppSigma): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(width * ratio);
  out.height = Math.round(height * ratio);
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('No 2D canvas available'));
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, out.width, out.height);
  sigma.refresh();
  const container = sigma.getContainer();
  for (const canvas of container.querySelectorAll('canvas')) {
    if (canvas.width === 0 || canvas.height === 0) continue;
    ctx.drawImage(canvas, 0, 0, out.width, out.height);
  }
  return new Promise((resolve, reject) =>
    out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r2 = (n: number) => Math.round(n * 100) / 100;

export function toSvg(sigma: AppSigma): string {
  const graph = sigma.getGraph();
  const { width, height } = sigma.getDimensions();
  const font = 'system-ui, DejaVu Sans, sans-serif';
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${font}">`,
    `<rect width="100%" height="100%" fill="${BACKGROUND}"/>`,
  ];
  const position = (node: string) => {
    const data = sigma.getNodeDisplayData(node);
    if (!data) return null;
    const p = sigma.framedGraphToViewport(data);
    return { x: p.x, y: p.y, r: sigma.scaleSize(data.size), data };
  };
  const edgeLayer: string[] = [];
  const labelLayer: string[] = [];
  graph.forEachEdge((edge, attributes, source, target) => {
    const data = sigma.getEdgeDisplayData(edge);
    const s = position(source);
    const t = position(target);
    if (!data || data.hidden || !s || !t) return;
    const color = data.color || attributes.color;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length = Math.hypot(dx, dy) || 1;
    const ux = dx / length;
    const uy = dy / length;
    const endX = t.x - ux * (t.r + 2);
    const endY = t.y - uy * (t.r + 2);
    const widthPx = Math.max(1, sigma.scaleSize(data.size));
    const dash =
      attributes.kind === 'CONTROLS'
        ? ' stroke-dasharray="6 4"'
        : attributes.kind === 'OPERATES'
          ? ' stroke-dasharray="2 3"'
          : '';
    const curvature = attributes.type === 'curved' ? attributes.curvature : 0;
    const mx = (s.x + endX) / 2 - uy * curvature * length;
    const my = (s.y + endY) / 2 + ux * curvature * length;
    edgeLayer.push(
      curvature
        ? `<path d="M${r2(s.x)},${r2(s.y)} Q${r2(mx)},${r2(my)} ${r2(endX)},${r2(endY)}" fill="none" stroke="${color}" stroke-width="${r2(widthPx)}"${dash} marker-end="url(#arrow)"/>`
        : `<line x1="${r2(s.x)}" y1="${r2(s.y)}" x2="${r2(endX)}" y2="${r2(endY)}" stroke="${color}" stroke-width="${r2(widthPx)}"${dash} marker-end="url(#arrow)"/>`,
    );
    if (data.label && length > s.r + t.r + 30) {
      const lx = curvature ? (s.x + 2 * mx + endX) / 4 : (s.x + t.x) / 2;
      const ly = curvature ? (s.y + 2 * my + endY) / 4 : (s.y + t.y) / 2;
      labelLayer.push(
        `<text x="${r2(lx)}" y="${r2(ly)}" font-size="11" text-anchor="middle" dominant-baseline="middle" fill="#3e4a56" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(data.label)}</text>`,
      );
    }
  });
  parts.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a96a3"/></marker></defs>',
    `<g class="edges">${edgeLayer.join('')}</g>`,
  );
  const nodeLayer: string[] = [];
  graph.forEachNode((node, attributes) => {
    const p = position(node);
    if (!p || p.data.hidden) return;
    const d = p.data as typeof p.data & { ring1Size?: number; ring2Size?: number; ring3Size?: number };
    const rings: [number, string][] = [
      [d.ring1Size ?? attributes.ring1Size, attributes.ring1],
      [d.ring2Size ?? attributes.ring2Size, attributes.ring2],
      [d.ring3Size ?? attributes.ring3Size, attributes.ring3],
    ];
    let used = 0;
    for (const [size, color] of rings) {
      if (size <= 0) continue;
      nodeLayer.push(`<circle cx="${r2(p.x)}" cy="${r2(p.y)}" r="${r2(p.r * (1 - used))}" fill="${color}"/>`);
      used += size;
    }
    const inner = p.r * (1 - used);
    nodeLayer.push(
      `<circle cx="${r2(p.x)}" cy="${r2(p.y)}" r="${r2(inner)}" fill="${p.data.color}" stroke="#ffffff" stroke-width="${r2(p.r * 0.1)}" data-key="${esc(node)}"/>`,
    );
    if (p.data.label) {
      labelLines(p.data.label).forEach((line, i) => {
        nodeLayer.push(
          `<text x="${r2(p.x)}" y="${r2(p.y + p.r + 15 + i * 14)}" font-size="12" font-weight="500" text-anchor="middle" fill="#1f2933" stroke="#f6f7f9" stroke-width="4" paint-order="stroke">${esc(line)}</text>`,
        );
      });
    }
  });
  parts.push(
    `<g class="nodes">${nodeLayer.join('')}</g>`,
    `<g class="edge-labels">${labelLayer.join('')}</g>`,
    '</svg>',
  );
  return parts.join('\n');
}

export function download(name: string, content: Blob | string, type: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import { useState } from 'react';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { reportError } from '../app/actions.ts';
import { download, toPngBlob, toSvg } from '../export/picture.ts';
import { toCsv, toGexf, toGraphml, toJson } from '../export/writers.ts';
import { getSigma } from '../graph/sigma-ref.ts';
import { visibleSnapshot } from '../state/explore.ts';
import { useStore } from '../state/store.ts';

/** The data on screen: the explored graph, or on the map the facilities and sites placed there. */
function screenSnapshot(): OwnershipSnapshot {
  const state = useStore.getState();
  const meta = {
    title: 'Lookthrough export',
    asOf: state.view.asOf,
    rule: state.view.rule,
    exportedAt: new Date().toISOString(),
  };
  if (state.view.layout === 'map') {
    const graph = getSigma()?.getGraph();
    return {
      attributes: meta,
      options: { type: 'directed', multi: true, allowSelfLoops: false },
      nodes:
        graph?.mapNodes((key, a) => ({ key, attributes: { kind: a.kind, name: a.label, lat: a.lat, lon: a.lon } })) ??
        [],
      edges: [],
    };
  }
  return { ...visibleSnapshot(state.explore), attributes: meta };
}

function baseName(): string {
  const { explore, view } = useStore.getState();
  const what = explore.source?.type === 'trace' ? explore.source.root : explore.source ? 'query' : 'lookthrough';
  return `${what}-${view.rule}-${view.asOf}`;
}

export function ExportMenu() {
  const [copied, setCopied] = useState(false);
  const exporters: [string, () => Promise<void> | void][] = [
    [
      'PNG',
      async () => {
        const sigma = getSigma();
        if (sigma) download(`${baseName()}.png`, await toPngBlob(sigma), 'image/png');
      },
    ],
    [
      'SVG',
      () => {
        const sigma = getSigma();
        if (sigma) download(`${baseName()}.svg`, toSvg(sigma), 'image/svg+xml');
      },
    ],
    [
      'GEXF',
      () => {
        const graph = getSigma()?.getGraph();
        const positions = new Map<string, { x: number; y: number; color: string; size: number }>();
        graph?.forEachNode((key, a) => positions.set(key, { x: a.x, y: a.y, color: a.color, size: a.size }));
        download(`${baseName()}.gexf`, toGexf(screenSnapshot(), positions), 'application/xml');
      },
    ],
    ['GraphML', () => download(`${baseName()}.graphml`, toGraphml(screenSnapshot()), 'application/xml')],
    ['JSON', () => download(`${baseName()}.json`, toJson(screenSnapshot()), 'application/json')],
    [
      'CSV',
      () => {
        const { nodes, edges } = toCsv(screenSnapshot());
        download(`${baseName()}-nodes.csv`, nodes, 'text/csv');
        download(`${baseName()}-edges.csv`, edges, 'text/csv');
      },
    ],
  ];
  return (
    <div className="export" role="group" aria-label="Export">
      <span className="field-label">Export</span>
      {exporters.map(([label, run]) => (
        <button
          key={label}
          type="button"
          data-export={label}
          onClick={() => {
            Promise.resolve(run()).catch((error: unknown) => reportError(error));
          }}
        >
          {label}
        </button>
      ))}
      <button
        type="button"
        data-export="link"
        title="Copy a link that opens this view"
        onClick={() => {
          void navigator.clipboard
            ?.writeText(location.href)
            .then(() => {
              setCopied(true);
              window.setTimeout(() => setCopied(false), 1500);
            })
            .catch(() => undefined);
        }}
      >
        {copied ? 'Copied' : 'Link'}
      </button>
    </div>
  );
}

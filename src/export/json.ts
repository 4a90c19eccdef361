/**
 * Snapshot JSON: graphology's serialized graph, which `lookthrough analyze` and `lookthrough import --format json`
 * read back. The export's metadata is the graph's `attributes`; each node's analysis (flags, figures,
 * explanations with their paths) is under the node attribute `analysis` (ignored when imported: the engine
 * recomputes it).
 */
import type { OwnershipSnapshot } from '../domain/snapshot.ts';
import type { ExportDocument, ExportFile } from './document.ts';

export function toExportSnapshot(doc: ExportDocument): OwnershipSnapshot {
  return {
    attributes: { ...doc.snapshot.attributes, ...doc.meta },
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes: doc.snapshot.nodes.map((n) => {
      const analysis = doc.analysis?.entities[n.key];
      return { key: n.key, attributes: analysis ? { ...n.attributes, analysis } : { ...n.attributes } };
    }),
    edges: doc.snapshot.edges.map((e, i) => ({
      key: e.key ?? `e${i}`,
      source: e.source,
      target: e.target,
      attributes: { ...e.attributes },
    })),
  };
}

export function writeJson(doc: ExportDocument): ExportFile[] {
  return [{ suffix: '', content: `${JSON.stringify(toExportSnapshot(doc), null, 2)}\n` }];
}

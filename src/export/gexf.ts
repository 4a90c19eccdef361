/**
 * GEXF 1.3 (https://gexf.net/) for Gephi, written with graphology-gexf. Node and edge attributes are flattened
 * (flatten.ts) plus the analysis columns; the export's metadata (query, parameters, as-of date, time of export)
 * is the JSON in <meta><description>, since GEXF 1.3 allows only creator, description and keywords there.
 */
import { MultiDirectedGraph } from 'graphology';
import { write } from 'graphology-gexf';
import type { ExportDocument, ExportFile, Scalar } from './document.ts';
import { analysisColumns } from './document.ts';
import { flattenEntity, flattenStake } from './flatten.ts';

export function writeGexf(doc: ExportDocument): ExportFile[] {
  const graph = new MultiDirectedGraph<Record<string, Scalar>, Record<string, Scalar>>();
  graph.replaceAttributes({
    creator: doc.meta.generator,
    description: JSON.stringify(doc.meta),
    keywords: ['lookthrough', doc.meta.query].join(', '),
    lastModifiedDate: doc.meta.exportedAt.slice(0, 10),
  });
  for (const node of doc.snapshot.nodes) {
    graph.addNode(node.key, {
      ...flattenEntity(node.attributes),
      ...analysisColumns(doc.analysis?.entities[node.key]),
    });
  }
  doc.snapshot.edges.forEach((edge, i) => {
    graph.addEdgeWithKey(edge.key ?? `e${i}`, edge.source, edge.target, flattenStake(edge.attributes));
  });
  const xml = write(graph, {
    version: '1.3',
    pedantic: true,
    formatNode: (_key, attributes) => {
      const { name, ...rest } = attributes;
      return { label: String(name ?? _key), attributes: { name: name ?? _key, ...rest } };
    },
    formatEdge: (_key, attributes) => {
      const weight = typeof attributes.percent === 'number' ? attributes.percent : undefined;
      return {
        label: String(attributes.kind),
        kind: String(attributes.kind),
        attributes,
        ...(weight !== undefined && weight > 0 ? { weight } : {}),
      };
    },
  });
  return [{ suffix: '', content: xml }];
}

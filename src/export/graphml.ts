/**
 * GraphML (http://graphml.graphdrawing.org/) that networkx (`nx.read_graphml`), yEd and Cytoscape read. Written
 * here: graphology-graphml only parses. Every attribute gets a <key> with its type (string, double, boolean);
 * node and edge attributes are flattened (flatten.ts) plus the analysis columns; the export's metadata is on the
 * graph as `meta.*` data. Edges keep their ids; parallel edges are allowed (networkx reads a MultiDiGraph).
 */
import type { ExportDocument, ExportFile, Scalar } from './document.ts';
import { analysisColumns } from './document.ts';
import { flattenEntity, flattenStake } from './flatten.ts';

export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Control characters (other than tab, newline, carriage return) are not allowed in XML 1.0.
      .split('')
      .filter((c) => c.charCodeAt(0) >= 32 || c === '\t' || c === '\n' || c === '\r')
      .join('')
  );
}

type Domain = 'graph' | 'node' | 'edge';

export function writeGraphml(doc: ExportDocument): ExportFile[] {
  const nodes = doc.snapshot.nodes.map((n) => ({
    id: n.key,
    data: { ...flattenEntity(n.attributes), ...analysisColumns(doc.analysis?.entities[n.key]) },
  }));
  const edges = doc.snapshot.edges.map((e, i) => ({
    id: e.key ?? `e${i}`,
    source: e.source,
    target: e.target,
    data: flattenStake(e.attributes),
  }));
  const graphData: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(doc.meta)) {
    if (v === undefined) continue;
    graphData[`meta.${k}`] = typeof v === 'object' ? JSON.stringify(v) : (v as Scalar);
  }
  // One key per (domain, attribute); a number column with any non-number becomes a string column.
  const keys = new Map<string, { id: string; domain: Domain; name: string; type: 'string' | 'double' | 'boolean' }>();
  const declare = (domain: Domain, data: Record<string, Scalar>): void => {
    for (const [name, value] of Object.entries(data)) {
      const type = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string';
      const k = `${domain}|${name}`;
      const known = keys.get(k);
      if (!known) keys.set(k, { id: `${domain[0]}_${name.replace(/[^A-Za-z0-9_.-]/g, '_')}`, domain, name, type });
      else if (known.type !== type) known.type = 'string';
    }
  };
  declare('graph', graphData);
  for (const n of nodes) declare('node', n.data);
  for (const e of edges) declare('edge', e.data);
  const data = (domain: Domain, values: Record<string, Scalar>, indent: string): string =>
    Object.entries(values)
      .map(
        ([name, value]) =>
          `${indent}<data key="${keys.get(`${domain}|${name}`)!.id}">${escapeXml(String(value))}</data>\n`,
      )
      .join('');
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out +=
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const k of keys.values()) {
    out += `  <key id="${k.id}" for="${k.domain}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>\n`;
  }
  out += '  <graph id="G" edgedefault="directed">\n';
  out += data('graph', graphData, '    ');
  for (const n of nodes) out += `    <node id="${escapeXml(n.id)}">\n${data('node', n.data, '      ')}    </node>\n`;
  for (const e of edges) {
    out += `    <edge id="${escapeXml(e.id)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}">\n${data('edge', e.data, '      ')}    </edge>\n`;
  }
  out += '  </graph>\n</graphml>\n';
  return [{ suffix: '', content: out }];
}

/**
 * Client-side writers of what is on screen: graphology JSON (the snapshot), GEXF (Gephi), GraphML (yEd,
 * Cytoscape, networkx) and CSV (nodes and edges). Attributes are flattened to scalars; lists and objects become
 * JSON text so nothing is lost.
 */
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';

type Flat = Record<string, string | number | boolean>;

export function flatten(attributes: object, prefix = ''): Flat {
  const out: Flat = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value;
    else if (Array.isArray(value)) out[name] = JSON.stringify(value);
    else Object.assign(out, flatten(value as object, name));
  }
  return out;
}

const xml = (value: string | number | boolean) =>
  String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 forbids.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function columns(rows: Flat[]): Map<string, 'string' | 'double' | 'boolean'> {
  const types = new Map<string, 'string' | 'double' | 'boolean'>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      const type = typeof value === 'number' ? 'double' : typeof value === 'boolean' ? 'boolean' : 'string';
      const seen = types.get(key);
      types.set(key, seen && seen !== type ? 'string' : type);
    }
  }
  return types;
}

export function toJson(snapshot: OwnershipSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

export function toGexf(
  snapshot: OwnershipSnapshot,
  positions?: Map<string, { x: number; y: number; color?: string; size?: number }>,
): string {
  const nodeRows = snapshot.nodes.map((n) => flatten(n.attributes));
  const edgeRows = snapshot.edges.map((e) => flatten(e.attributes));
  const nodeCols = [...columns(nodeRows)];
  const edgeCols = [...columns(edgeRows)];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta><creator>Lookthrough</creator><description>${xml(String(snapshot.attributes?.title ?? 'Ownership graph'))}</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...nodeCols.map(([name, type], i) => `      <attribute id="n${i}" title="${xml(name)}" type="${type}"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    ...edgeCols.map(([name, type], i) => `      <attribute id="e${i}" title="${xml(name)}" type="${type}"/>`),
    '    </attributes>',
    '    <nodes>',
  ];
  snapshot.nodes.forEach((node, index) => {
    const row = nodeRows[index]!;
    lines.push(`      <node id="${xml(node.key)}" label="${xml(node.attributes.name)}">`);
    lines.push('        <attvalues>');
    nodeCols.forEach(([name], i) => {
      if (row[name] !== undefined) lines.push(`          <attvalue for="n${i}" value="${xml(row[name])}"/>`);
    });
    lines.push('        </attvalues>');
    const p = positions?.get(node.key);
    if (p) {
      lines.push(`        <viz:position x="${p.x}" y="${p.y}" z="0"/>`);
      if (p.size !== undefined) lines.push(`        <viz:size value="${p.size}"/>`);
      const rgb = p.color && /^#[0-9a-f]{6}$/i.test(p.color) ? p.color : null;
      if (rgb)
        lines.push(
          `        <viz:color r="${parseInt(rgb.slice(1, 3), 16)}" g="${parseInt(rgb.slice(3, 5), 16)}" b="${parseInt(rgb.slice(5, 7), 16)}"/>`,
        );
    }
    lines.push('      </node>');
  });
  lines.push('    </nodes>', '    <edges>');
  snapshot.edges.forEach((edge, index) => {
    const row = edgeRows[index]!;
    const weight = edge.attributes.percent ?? edge.attributes.percentMin;
    lines.push(
      `      <edge id="${xml(edge.key ?? `e${index}`)}" source="${xml(edge.source)}" target="${xml(edge.target)}" label="${xml(edge.attributes.kind)}"${weight !== undefined ? ` weight="${weight}"` : ''}>`,
    );
    lines.push('        <attvalues>');
    edgeCols.forEach(([name], i) => {
      if (row[name] !== undefined) lines.push(`          <attvalue for="e${i}" value="${xml(row[name])}"/>`);
    });
    lines.push('        </attvalues>', '      </edge>');
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

export function toGraphml(snapshot: OwnershipSnapshot): string {
  const nodeRows = snapshot.nodes.map((n) => flatten(n.attributes));
  const edgeRows = snapshot.edges.map((e) => flatten(e.attributes));
  const nodeCols = [...columns(nodeRows)];
  const edgeCols = [...columns(edgeRows)];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeCols.map(([name, type], i) => `  <key id="n${i}" for="node" attr.name="${xml(name)}" attr.type="${type}"/>`),
    ...edgeCols.map(([name, type], i) => `  <key id="e${i}" for="edge" attr.name="${xml(name)}" attr.type="${type}"/>`),
    '  <graph id="G" edgedefault="directed">',
  ];
  snapshot.nodes.forEach((node, index) => {
    const row = nodeRows[index]!;
    lines.push(`    <node id="${xml(node.key)}">`);
    nodeCols.forEach(([name], i) => {
      if (row[name] !== undefined) lines.push(`      <data key="n${i}">${xml(row[name])}</data>`);
    });
    lines.push('    </node>');
  });
  snapshot.edges.forEach((edge, index) => {
    const row = edgeRows[index]!;
    lines.push(
      `    <edge id="${xml(edge.key ?? `e${index}`)}" source="${xml(edge.source)}" target="${xml(edge.target)}">`,
    );
    edgeCols.forEach(([name], i) => {
      if (row[name] !== undefined) lines.push(`      <data key="e${i}">${xml(row[name])}</data>`);
    });
    lines.push('    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

const csvCell = (value: unknown) => {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? `${value}`
        : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsvTable(header: string[], rows: Record<string, unknown>[]): string {
  return (
    [header.map(csvCell).join(','), ...rows.map((row) => header.map((h) => csvCell(row[h])).join(','))].join('\r\n') +
    '\r\n'
  );
}

/** Two tables: nodes (key + attributes) and edges (key, source, target + attributes). */
export function toCsv(snapshot: OwnershipSnapshot): { nodes: string; edges: string } {
  const nodeRows = snapshot.nodes.map((n) => ({ key: n.key, ...flatten(n.attributes) }));
  const edgeRows = snapshot.edges.map((e, i) => ({
    key: e.key ?? `e${i}`,
    source: e.source,
    target: e.target,
    ...flatten(e.attributes),
  }));
  const header = (rows: Flat[], first: string[]) => [
    ...first,
    ...[...columns(rows).keys()].filter((k) => !first.includes(k)),
  ];
  return {
    nodes: toCsvTable(header(nodeRows, ['key', 'kind', 'name']), nodeRows),
    edges: toCsvTable(header(edgeRows, ['key', 'source', 'target', 'kind']), edgeRows),
  };
}

import { MultiDirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { flatten, toCsv, toGexf, toGraphml, toJson } from './writers.ts';

const snapshot: OwnershipSnapshot = {
  attributes: { title: 'Trace <A & B>' },
  nodes: [
    {
      key: 'a',
      attributes: { kind: 'Company', name: 'A & "Sons", Ltd', identifiers: [{ scheme: 'lei', value: 'X' }] },
    },
    { key: 'b', attributes: { kind: 'Facility', name: 'B', lat: 1.5, lon: 2 } },
  ],
  edges: [
    {
      key: 'own:a->b',
      source: 'a',
      target: 'b',
      attributes: { kind: 'OWNS', percent: 60, source: { dataset: 'd', recordId: 'r' } },
    },
  ],
};

describe('export writers', () => {
  it('flattens nested provenance and keeps lists as JSON', () => {
    expect(flatten({ kind: 'OWNS', source: { dataset: 'd' }, topics: ['x'] })).toEqual({
      kind: 'OWNS',
      'source.dataset': 'd',
      topics: '["x"]',
    });
  });

  it('writes JSON that reads back as the same snapshot', () => {
    expect(JSON.parse(toJson(snapshot))).toEqual(snapshot);
  });

  it('writes GEXF and GraphML with escaped text, one element per node and edge', () => {
    const gexf = toGexf(snapshot, new Map([['a', { x: 1, y: 2, color: '#7b8ea6', size: 10 }]]));
    expect(gexf).toContain('label="A &amp; &quot;Sons&quot;, Ltd"');
    expect(gexf).toContain('<viz:position x="1" y="2" z="0"/>');
    expect(gexf.match(/<node /g)).toHaveLength(2);
    expect(gexf).toContain('weight="60"');
    const graphml = toGraphml(snapshot);
    expect(graphml.match(/<edge /g)).toHaveLength(1);
    expect(graphml).toContain('attr.name="source.dataset"');
    expect(graphml).toContain('attr.type="double"');
  });

  it('writes CSV tables with quoting', () => {
    const { nodes, edges } = toCsv(snapshot);
    expect(nodes.split('\r\n')[0]).toBe('key,kind,name,identifiers,lat,lon');
    expect(nodes).toContain('"A & ""Sons"", Ltd"');
    expect(edges.split('\r\n')[1]).toBe('own:a->b,a,b,OWNS,60,d,r');
  });

  it('writes GEXF that graphology-gexf can read back', async () => {
    // The Node build of graphology-gexf (with its own XML parser): this test runs in Node.
    const { parse } = await import('graphology-gexf');
    const graph = parse(MultiDirectedGraph, toGexf(snapshot));
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(1);
  });
});

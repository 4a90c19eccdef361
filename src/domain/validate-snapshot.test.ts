import { describe, expect, it } from 'vitest';
import { validateSnapshot } from './validate-snapshot.ts';

const node = (key: string, attributes: Record<string, unknown>) => ({ key, attributes: { name: key, ...attributes } });
const edge = (key: string | undefined, source: string, target: string, attributes: Record<string, unknown>) =>
  key === undefined ? { source, target, attributes } : { key, source, target, attributes };

describe('validateSnapshot', () => {
  it('accepts a valid snapshot and normalises source, country and keys', () => {
    const result = validateSnapshot({
      attributes: { title: 't' },
      nodes: [
        node('X', {
          kind: 'Person',
          country: 'ru',
          source: 'opensanctions',
          sanctions: [{ authority: 'ofac', program: 'RUSSIA-EO14024', listed: '2022-04-20' }],
        }),
        {
          key: 7,
          attributes: {
            kind: 'Company',
            name: 'Seven',
            source: { dataset: 'registry', recordId: 42, date: '2024-01-01' },
            extra: 'kept',
            note: null,
          },
        },
        node('F', { kind: 'Facility', lat: 45.1, lon: -122.5, powerMw: 20 }),
      ],
      edges: [
        edge('e1', 'X', '7', { kind: 'OWNS', percent: 50, source: 'registry', from: '2020-01-01', to: '2030-01-01' }),
        edge(undefined, '7', 'F', { kind: 'OPERATES' }),
        edge('e3', 'X', 'F', { kind: 'OWNS', percentMin: 25, percentMax: 50 }),
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [x, seven] = result.snapshot.nodes;
    expect(x!.attributes.country).toBe('RU');
    expect(x!.attributes.source).toEqual({ dataset: 'opensanctions' });
    expect(x!.attributes.sanctions![0]!.authority).toBe('OFAC');
    expect(seven!.key).toBe('7');
    expect(seven!.attributes.source).toEqual({ dataset: 'registry', recordId: '42', date: '2024-01-01' });
    expect(seven!.attributes).toMatchObject({ extra: 'kept' });
    expect('note' in seven!.attributes).toBe(false);
    expect(result.snapshot.edges[0]!.attributes.source).toEqual({ dataset: 'registry' });
    expect(result.snapshot.edges[1]!.key).toBeUndefined();
    expect(result.snapshot.attributes).toEqual({ title: 't' });
  });

  const invalid: { name: string; input: unknown; errors: (string | RegExp)[] }[] = [
    {
      name: 'percent outside 0..100',
      input: {
        nodes: [node('A', { kind: 'Company' }), node('B', { kind: 'Company' })],
        edges: [edge('e1', 'A', 'B', { kind: 'OWNS', percent: 140 })],
      },
      errors: ['edges[0] (key "e1"): attributes.percent: expected a number from 0 to 100, got 140'],
    },
    {
      name: 'the error names the edge index',
      input: {
        nodes: [node('A', { kind: 'Company' }), node('B', { kind: 'Company' })],
        edges: [
          edge('a', 'A', 'B', { kind: 'OWNS', percent: 1 }),
          edge('b', 'A', 'B', { kind: 'OWNS', percent: 1 }),
          edge('c', 'A', 'B', { kind: 'OWNS', percent: 1 }),
          edge('e1', 'A', 'B', { kind: 'OWNS', percent: 140 }),
        ],
      },
      errors: ['edges[3] (key "e1"): attributes.percent: expected a number from 0 to 100, got 140'],
    },
    {
      name: 'unknown node kind',
      input: { nodes: [node('A', { kind: 'Firm' })], edges: [] },
      errors: [
        'nodes[0] (key "A"): attributes.kind: expected one of Person, Company, Government, Facility, SensitiveSite, got "Firm"',
      ],
    },
    {
      name: 'unknown edge kind',
      input: {
        nodes: [node('A', { kind: 'Company' }), node('B', { kind: 'Company' })],
        edges: [edge('e', 'A', 'B', { kind: 'HOLDS' })],
      },
      errors: [
        /edges\[0\] \(key "e"\): attributes.kind: expected one of OWNS, CONTROLS, OPERATES, LINKED_TO, got "HOLDS"/,
      ],
    },
    {
      name: 'edge to a missing node, self-loop',
      input: {
        nodes: [node('A', { kind: 'Company' })],
        edges: [
          edge('e1', 'A', 'Z', { kind: 'OWNS', percent: 10 }),
          edge('e2', 'A', 'A', { kind: 'OWNS', percent: 10 }),
        ],
      },
      errors: [
        'edges[0] (key "e1"): target: no node with key "Z"',
        /edges\[1\] \(key "e2"\): target: an edge cannot point from a node to itself/,
      ],
    },
    {
      name: 'duplicate keys',
      input: {
        nodes: [node('A', { kind: 'Company' }), node('A', { kind: 'Person' }), node('B', { kind: 'Company' })],
        edges: [edge('e', 'A', 'B', { kind: 'CONTROLS' }), edge('e', 'A', 'B', { kind: 'CONTROLS' })],
      },
      errors: ['nodes[1] (key "A"): key: duplicate node key "A"', 'edges[1] (key "e"): key: duplicate edge key "e"'],
    },
    {
      name: 'percentMin above percentMax, to before from, bad dates',
      input: {
        nodes: [
          node('A', { kind: 'Company', sanctions: [{ authority: 'OFAC', program: 'P', listed: '2024-02-30' }] }),
          node('B', { kind: 'Company' }),
        ],
        edges: [
          edge('e1', 'A', 'B', { kind: 'OWNS', percentMin: 60, percentMax: 40 }),
          edge('e2', 'A', 'B', { kind: 'OWNS', percent: 5, from: '2024-01-01', to: '2023-01-01' }),
          edge('e3', 'A', 'B', { kind: 'OWNS', percent: 5, from: '1/2/2024' }),
        ],
      },
      errors: [
        'nodes[0] (key "A"): attributes.sanctions[0].listed: expected a date written YYYY-MM-DD, got "2024-02-30"',
        'edges[0] (key "e1"): attributes.percentMin: expected at most percentMax (40), got 60',
        'edges[1] (key "e2"): attributes.to: expected a date after from (2024-01-01), got "2023-01-01"',
        'edges[2] (key "e3"): attributes.from: expected a date written YYYY-MM-DD, got "1/2/2024"',
      ],
    },
    {
      name: 'bad coordinates, country, source, missing name',
      input: {
        nodes: [{ key: 'F', attributes: { kind: 'Facility', lat: 95, lon: 10, country: 'USA', source: 5 } }],
        edges: [],
      },
      errors: [
        'nodes[0] (key "F"): attributes.name: expected a string, got nothing',
        'nodes[0] (key "F"): attributes.country: expected a two-letter country code, got "USA"',
        'nodes[0] (key "F"): attributes.lat: expected a number from -90 to 90, got 95',
        'nodes[0] (key "F"): attributes.source: expected a dataset name or an object {dataset, recordId?, date?}, got 5',
      ],
    },
    {
      name: 'not a snapshot at all',
      input: [1, 2],
      errors: ['snapshot: expected an object with "nodes" and "edges", got [1,2]'],
    },
    {
      name: 'nodes missing',
      input: { edges: [] },
      errors: ['snapshot: nodes: expected an array of nodes, got nothing'],
    },
  ];
  for (const c of invalid) {
    it(`rejects: ${c.name}`, () => {
      const result = validateSnapshot(c.input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      for (const expected of c.errors) {
        if (typeof expected === 'string') expect(result.errors).toContain(expected);
        else
          expect(
            result.errors.some((e) => expected.test(e)),
            `${result.errors.join('\n')}`,
          ).toBe(true);
      }
    });
  }

  it('stops listing errors after 100', () => {
    const result = validateSnapshot({
      nodes: Array.from({ length: 150 }, (_, i) => node(`n${i}`, { kind: 'Firm' })),
      edges: [],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(101);
    expect(result.errors[100]).toBe('... and 50 more error(s)');
  });
});

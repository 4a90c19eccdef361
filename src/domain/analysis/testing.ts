/**
 * Compact graph tables for tests and examples: `{nodes, edges}` where a node is its kind (or its attributes) and an
 * edge is [holder, held, percent] or [holder, held, attributes]. Edge keys are `e0`, `e1`, ... by position in the
 * table, so that permuting the insertion order keeps the keys.
 */
import fc from 'fast-check';
import { MultiDirectedGraph } from 'graphology';
import type {
  EntityAttributes,
  EntityKind,
  OwnershipGraph,
  SanctionAuthority,
  SanctionListing,
  StakeAttributes,
} from '../model.ts';

export type TableNode = EntityKind | (Partial<EntityAttributes> & { kind?: EntityKind });
export type TableEdge = [string, string, number | Partial<StakeAttributes>];

export interface GraphTable {
  nodes: Record<string, TableNode>;
  edges: TableEdge[];
}

/** A listing by `authority` (program "TEST"), optionally from `listed` until `delisted`. */
export function listing(authority: SanctionAuthority, listed?: string, delisted?: string): SanctionListing[] {
  const l: SanctionListing = { authority, program: 'TEST' };
  if (listed !== undefined) l.listed = listed;
  if (delisted !== undefined) l.delisted = delisted;
  return [l];
}

/**
 * Builds an ownership graph from a table. Nodes default to kind Company and name = key; a number edge is an OWNS
 * stake with that percent. `order` permutes the insertion order of nodes and edges (indices into the table).
 */
export function tableGraph(
  table: GraphTable,
  order?: { nodes?: readonly number[]; edges?: readonly number[] },
): OwnershipGraph {
  const graph: OwnershipGraph = new MultiDirectedGraph<EntityAttributes, StakeAttributes>({ allowSelfLoops: false });
  const nodeEntries = Object.entries(table.nodes);
  const nodeOrder = order?.nodes ?? nodeEntries.map((_, i) => i);
  for (const i of nodeOrder) {
    const [key, spec] = nodeEntries[i]!;
    const attributes: EntityAttributes =
      typeof spec === 'string' ? { kind: spec, name: key } : { name: key, ...spec, kind: spec.kind ?? 'Company' };
    graph.addNode(key, attributes);
  }
  const edgeOrder = order?.edges ?? table.edges.map((_, i) => i);
  for (const i of edgeOrder) {
    const [source, target, spec] = table.edges[i]!;
    const attributes: StakeAttributes =
      typeof spec === 'number' ? { kind: 'OWNS', percent: spec } : { kind: 'OWNS', ...spec };
    graph.addEdgeWithKey(`e${i}`, source, target, attributes);
  }
  return graph;
}

/** Random graphs with every kind of node and edge; OWNS stakes into each entity add up to at most 100. */
export const arbitraryGraph: fc.Arbitrary<GraphTable> = fc.integer({ min: 2, max: 9 }).chain((n) =>
  fc
    .tuple(
      fc.array(
        fc.record({
          kind: fc.constantFrom('Person', 'Company', 'Company', 'Government', 'Facility'),
          body: fc.boolean(),
          authority: fc.constantFrom(undefined, undefined, 'OFAC', 'EU', 'UK', 'UN'),
          lat: fc.double({ min: 40, max: 40.05, noNaN: true }),
        }),
        { minLength: n, maxLength: n },
      ),
      fc.array(
        fc.record({
          s: fc.integer({ min: 0, max: n - 1 }),
          t: fc.integer({ min: 0, max: n - 1 }),
          kind: fc.constantFrom<'OWNS' | 'CONTROLS' | 'OPERATES'>(
            'OWNS',
            'OWNS',
            'OWNS',
            'OWNS',
            'CONTROLS',
            'OPERATES',
          ),
          weight: fc.double({ min: 0.05, max: 1, noNaN: true }),
          band: fc.boolean(),
          vote: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 5 }),
          joint: fc.option(fc.constantFrom('J', 'K'), { freq: 4 }),
        }),
        { maxLength: n * 3 },
      ),
      fc.double({ min: 0.3, max: 1, noNaN: true }),
    )
    .map(([specs, raw, total]) => {
      const nodes: Record<string, TableNode> = {};
      specs.forEach((spec, i) => {
        const node: TableNode = { kind: spec.kind };
        if (spec.kind === 'Government') node.governmentType = spec.body ? 'stateBody' : 'state';
        if (spec.authority !== undefined && spec.kind !== 'Facility')
          node.sanctions = listing(spec.authority, '2020-01-01');
        if (spec.kind === 'Facility') {
          node.lat = spec.lat;
          node.lon = -100;
        }
        nodes[`n${i}`] = node;
      });
      nodes.site = { kind: 'SensitiveSite', lat: 40.02, lon: -100, category: 'military' };
      const stakes = raw.filter((r) => r.s !== r.t);
      const sums = new Array<number>(n).fill(0);
      for (const r of stakes) if (r.kind === 'OWNS') sums[r.t]! += r.weight;
      const edges: TableEdge[] = stakes.map((r) => {
        if (r.kind !== 'OWNS') return [`n${r.s}`, `n${r.t}`, { kind: r.kind }];
        const percent = Math.floor((r.weight / sums[r.t]!) * total * 100 * 1000) / 1000;
        const attrs: Record<string, unknown> = r.band ? { percentMin: percent / 2, percentMax: percent } : { percent };
        if (r.vote !== null) attrs.votingPercent = r.vote;
        if (r.joint !== null) attrs.jointArrangement = r.joint;
        return [`n${r.s}`, `n${r.t}`, attrs];
      });
      return { nodes, edges };
    }),
);

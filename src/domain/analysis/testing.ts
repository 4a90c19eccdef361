/**
 * Compact graph tables for tests and examples: `{nodes, edges}` where a node is its kind (or its attributes) and an
 * edge is [holder, held, percent] or [holder, held, attributes]. Edge keys are `e0`, `e1`, ... by position in the
 * table, so that permuting the insertion order keeps the keys.
 */
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

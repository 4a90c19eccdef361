/**
 * partitionByComponent: splits a snapshot into its weakly connected components over the relationships the engine
 * follows (OWNS, CONTROLS, OPERATES), so that the whole-graph analysis can run one component at a time, on several
 * processes or machines: no ownership path, control chain or state group crosses a component boundary. Sensitive
 * sites (places, not parties) go with every component that has a facility, so proximity is judged as before.
 *
 * Union-find with path halving over typed arrays: O(n + m α(n)).
 */
import type { OwnershipSnapshot } from '../../src/domain/snapshot.ts';

export function partitionByComponent(snapshot: OwnershipSnapshot): OwnershipSnapshot[] {
  const index = new Map<string, number>();
  snapshot.nodes.forEach((node, i) => index.set(node.key, i));
  const parent = Int32Array.from({ length: snapshot.nodes.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const edge of snapshot.edges) {
    if (edge.attributes.kind === 'LINKED_TO') continue;
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    if (a === undefined || b === undefined) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  }
  const sites = snapshot.nodes.filter((n) => n.attributes.kind === 'SensitiveSite');
  const groups = new Map<number, OwnershipSnapshot>();
  snapshot.nodes.forEach((node, i) => {
    if (node.attributes.kind === 'SensitiveSite') return;
    const root = find(i);
    let part = groups.get(root);
    if (!part) groups.set(root, (part = { options: snapshot.options ?? {}, nodes: [], edges: [] }));
    part.nodes.push(node);
  });
  for (const edge of snapshot.edges) {
    const a = index.get(edge.source);
    const b = index.get(edge.target);
    // A LINKED_TO between components is left out: the engine never counts it.
    if (a === undefined || b === undefined || find(a) !== find(b)) continue;
    groups.get(find(a))?.edges.push(edge);
  }
  const parts = [...groups.values()];
  for (const part of parts) if (part.nodes.some((n) => n.attributes.kind === 'Facility')) part.nodes.push(...sites);
  return parts.sort((x, y) => y.nodes.length - x.nodes.length);
}

/**
 * A layered top-down layout for ownership: owners above what they own. Each node's layer is its distance in
 * holding steps above the lowest things in the picture (what nothing below it holds), found by a longest-path
 * pass over an acyclic version of the graph (cycles broken by dropping back edges of a DFS), so a holder always
 * sits above every entity it holds unless a cross-holding makes that impossible. Within a layer, nodes are
 * ordered by the barycentre of their neighbours over a few down and up sweeps to reduce crossings.
 */

export interface LayoutEdge {
  source: string;
  target: string;
}

export interface LayeredLayoutOptions {
  /** Horizontal distance between neighbours in a layer. */
  xGap?: number;
  /** Vertical distance between layers. */
  yGap?: number;
  sweeps?: number;
}

export interface Position {
  x: number;
  y: number;
  layer: number;
}

/** Returns the edges that form a DAG (back edges of a depth-first search removed), deterministic in input order. */
function acyclicEdges(nodes: string[], edges: LayoutEdge[]): LayoutEdge[] {
  const out = new Map<string, LayoutEdge[]>();
  for (const node of nodes) out.set(node, []);
  for (const edge of edges) out.get(edge.source)?.push(edge);
  const state = new Map<string, 1 | 2>(); // 1 on stack, 2 done
  const kept: LayoutEdge[] = [];
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: { node: string; next: number }[] = [{ node: start, next: 0 }];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const outgoing = out.get(top.node) ?? [];
      if (top.next >= outgoing.length) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      const edge = outgoing[top.next++]!;
      const seen = state.get(edge.target);
      if (seen === 1) continue; // back edge: would close a cycle
      kept.push(edge);
      if (seen === undefined) {
        state.set(edge.target, 1);
        stack.push({ node: edge.target, next: 0 });
      }
    }
  }
  return kept;
}

export function layeredLayout(
  nodes: string[],
  edges: LayoutEdge[],
  options: LayeredLayoutOptions = {},
): Map<string, Position> {
  const xGap = options.xGap ?? 1;
  const yGap = options.yGap ?? 1;
  const sweeps = options.sweeps ?? 4;
  const nodeSet = new Set(nodes);
  const valid = edges.filter((e) => nodeSet.has(e.source) && nodeSet.has(e.target) && e.source !== e.target);
  const dag = acyclicEdges(nodes, valid);

  // Layer = longest path down to a sink (held-by-nobody-below): holders sit above what they hold.
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  for (const node of nodes) {
    children.set(node, []);
    parents.set(node, []);
  }
  for (const edge of dag) {
    children.get(edge.source)!.push(edge.target);
    parents.get(edge.target)!.push(edge.source);
  }
  const layer = new Map<string, number>();
  const pending = new Map<string, number>();
  const queue: string[] = [];
  for (const node of nodes) {
    pending.set(node, children.get(node)!.length);
    if (children.get(node)!.length === 0) {
      layer.set(node, 0);
      queue.push(node);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const parent of parents.get(node)!) {
      layer.set(parent, Math.max(layer.get(parent) ?? 0, layer.get(node)! + 1));
      const left = pending.get(parent)! - 1;
      pending.set(parent, left);
      if (left === 0) queue.push(parent);
    }
  }

  const layers: string[][] = [];
  for (const node of nodes) {
    const l = layer.get(node) ?? 0;
    (layers[l] ??= []).push(node);
  }

  // Neighbours across all edges (not only DAG ones) guide the ordering.
  const neighbours = new Map<string, string[]>();
  for (const node of nodes) neighbours.set(node, []);
  for (const edge of valid) {
    neighbours.get(edge.source)!.push(edge.target);
    neighbours.get(edge.target)!.push(edge.source);
  }
  const order = new Map<string, number>();
  const assignOrder = () => {
    for (const row of layers) row?.forEach((node, index) => order.set(node, index - (row.length - 1) / 2));
  };
  assignOrder();
  const reorder = (row: string[] | undefined, towards: (l: number) => boolean) => {
    if (!row) return;
    const score = new Map<string, number>();
    for (const node of row) {
      const ns = neighbours.get(node)!.filter((n) => towards(layer.get(n) ?? 0));
      score.set(node, ns.length ? ns.reduce((sum, n) => sum + order.get(n)!, 0) / ns.length : order.get(node)!);
    }
    row.sort((a, b) => score.get(a)! - score.get(b)! || a.localeCompare(b));
    row.forEach((node, index) => order.set(node, index - (row.length - 1) / 2));
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < layers.length; l++) reorder(layers[l], (other) => other === l - 1);
    for (let l = layers.length - 2; l >= 0; l--) reorder(layers[l], (other) => other === l + 1);
  }

  const positions = new Map<string, Position>();
  layers.forEach((row, l) => {
    row?.forEach((node) => positions.set(node, { x: order.get(node)! * xGap, y: l * yGap, layer: l }));
  });
  return positions;
}

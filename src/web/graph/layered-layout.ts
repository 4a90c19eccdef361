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
  /** Horizontal gap between the edges of neighbours' boxes in a layer. */
  xGap?: number;
  /** Vertical distance between layers (and between the wrapped rows of one wide layer). */
  yGap?: number;
  sweeps?: number;
  /** Width of a node's box (its label), in layout units; neighbours never overlap. Default 1. */
  width?: (node: string) => number;
  /**
   * A layer with more nodes than this wraps onto several rows. Default: adaptive, so that a layer of n nodes
   * (more than 12) forms a block about as wide as it is tall on screen (rows of about sqrt(0.6 n) nodes), rather
   * than one endless line that the fit-to-screen zoom would flatten.
   */
  wrap?: number;
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
  // Ties are broken by the keys in locale order; ranked once, since comparing strings in every sort of a layer of
  // thousands (a hub's subsidiaries, all with the same score) over every sweep took seconds.
  const collator = new Intl.Collator();
  const rank = new Map([...nodes].sort(collator.compare).map((node, index) => [node, index]));
  const reorder = (row: string[] | undefined, towards: (l: number) => boolean) => {
    if (!row) return;
    const scored = row.map((node) => {
      let sum = 0;
      let count = 0;
      for (const n of neighbours.get(node)!) {
        if (!towards(layer.get(n) ?? 0)) continue;
        sum += order.get(n)!;
        count++;
      }
      return { node, score: count ? sum / count : order.get(node)!, rank: rank.get(node)! };
    });
    scored.sort((a, b) => a.score - b.score || a.rank - b.rank);
    scored.forEach(({ node }, index) => {
      row[index] = node;
      order.set(node, index - (row.length - 1) / 2);
    });
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < layers.length; l++) reorder(layers[l], (other) => other === l - 1);
    for (let l = layers.length - 2; l >= 0; l--) reorder(layers[l], (other) => other === l + 1);
  }

  const widths = new Map(nodes.map((node) => [node, options.width?.(node) ?? 1]));
  const width = (node: string) => widths.get(node) ?? 1;
  const sep = (a: string, b: string) => (width(a) + width(b)) / 2 + xGap;
  const wrapOf = (size: number) =>
    options.wrap !== undefined
      ? Math.max(1, options.wrap)
      : size > 12
        ? Math.max(8, Math.ceil(Math.sqrt(0.6 * size)))
        : size;

  // Rows: a wide layer (hundreds of neighbours of one node) wraps onto several rows instead of one endless line.
  const rows: { layer: number; nodes: string[] }[] = [];
  const wrapped = new Set<number>();
  layers.forEach((row, l) => {
    if (!row) return;
    const wrap = wrapOf(row.length);
    if (row.length > wrap) wrapped.add(l);
    for (let i = 0; i < row.length; i += wrap) rows.push({ layer: l, nodes: row.slice(i, i + wrap) });
  });

  // Pack each row at its minimum separations, centred; then pull nodes towards the mean x of their neighbours in
  // adjacent layers while keeping order and separations, a few times down and up.
  const x = new Map<string, number>();
  const pack = (row: string[], desired: (node: string) => number) => {
    const placed: number[] = [];
    row.forEach((node, i) => {
      const want = desired(node);
      placed.push(i === 0 ? want : Math.max(want, placed[i - 1]! + sep(row[i - 1]!, node)));
    });
    // Shift back so the row sits on average where it wants to be, then push right again where needed.
    const shift = row.reduce((sum, node, i) => sum + (desired(node) - placed[i]!), 0) / Math.max(1, row.length);
    row.forEach((node, i) => {
      const value = placed[i]! + shift;
      x.set(node, i === 0 ? value : Math.max(value, x.get(row[i - 1]!)! + sep(row[i - 1]!, node)));
    });
  };
  for (const row of rows) {
    let cursor = 0;
    const start = new Map<string, number>();
    row.nodes.forEach((node, i) => {
      if (i > 0) cursor += sep(row.nodes[i - 1]!, node);
      start.set(node, cursor);
    });
    pack(row.nodes, (node) => start.get(node)! - cursor / 2);
  }
  const adjacentMean = (node: string, towards: (l: number) => boolean) => {
    const ns = neighbours.get(node)!.filter((n) => towards(layer.get(n) ?? 0) && x.has(n));
    return ns.length ? ns.reduce((sum, n) => sum + x.get(n)!, 0) / ns.length : x.get(node)!;
  };
  for (let s = 0; s < 3; s++) {
    for (const row of rows) {
      if (wrapped.has(row.layer)) continue;
      pack(row.nodes, (node) => adjacentMean(node, (other) => other === row.layer - 1));
    }
    for (const row of [...rows].reverse()) {
      if (wrapped.has(row.layer)) continue;
      pack(row.nodes, (node) => adjacentMean(node, (other) => other === row.layer + 1));
    }
  }

  const positions = new Map<string, Position>();
  let y = 0;
  let previousLayer = -1;
  for (const row of rows) {
    if (previousLayer !== -1) y += row.layer === previousLayer ? yGap * 0.6 : yGap;
    previousLayer = row.layer;
    for (const node of row.nodes) positions.set(node, { x: x.get(node)!, y, layer: row.layer });
  }
  return positions;
}

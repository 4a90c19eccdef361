import { useSigma } from '@react-sigma/core';
import { useEffect } from 'react';
import type { OwnershipSnapshot } from '../../../domain/snapshot.ts';
import { toSigmaGraph } from '../to-sigma-graph.ts';

/** Renders nothing: puts the snapshot's render graph into sigma's one graph and frames it. */
export function GraphDataController({ snapshot }: { snapshot: OwnershipSnapshot | null }) {
  const sigma = useSigma();
  useEffect(() => {
    const graph = sigma.getGraph();
    graph.clear();
    if (snapshot) graph.import(toSigmaGraph(snapshot).export());
    sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1.1, angle: 0 });
    sigma.refresh();
  }, [sigma, snapshot]);
  return null;
}

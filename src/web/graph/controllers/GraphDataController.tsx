import { useSigma } from '@react-sigma/core';
import { useEffect, useMemo, useRef } from 'react';
import type { Flag } from '../../../domain/analysis/types.ts';
import { visibleSnapshot } from '../../state/explore.ts';
import { analysisKey, useStore } from '../../state/store.ts';
import { setSigma, type AppSigma } from '../sigma-ref.ts';
import { toMapGraph, toSigmaGraph } from '../to-sigma-graph.ts';
import { detailSettings, isLargeGraph, LARGE_PICTURE_NOTE } from '../level-of-detail.ts';

/**
 * On the map, nodes keep their size on screen however far one zooms in (sigma divides sizes by this), so that at the
 * scale of the proximity circles (a mile) a facility and the site beside it stay two distinct, clickable discs.
 */
const MAP_ZOOM_TO_SIZE = () => 1;

/** Close proximity (31 CFR 802): the radius drawn around sensitive sites on the map. */
export const MAP_RADIUS_KM = 1.609344;

/**
 * Renders nothing: puts the render graph of what is on screen into sigma's one graph (clear() + import()) and
 * frames it when the set of nodes changes. Flags only restyle (rings), they never move anything.
 */
export function GraphDataController() {
  const sigma = useSigma() as unknown as AppSigma;
  const base = useStore((s) => s.explore.base);
  const expansions = useStore((s) => s.explore.expansions);
  const hidden = useStore((s) => s.explore.hidden);
  const pinned = useStore((s) => s.explore.pinned);
  const source = useStore((s) => s.explore.source);
  const layout = useStore((s) => s.view.layout);
  const rule = useStore((s) => s.view.rule);
  const asOf = useStore((s) => s.view.asOf);
  const analysis = useStore((s) => s.analysis);
  const facilities = useStore((s) => s.facilities);
  const sites = useStore((s) => s.sites);
  const flagsList = useStore((s) => s.flags);
  const setSummary = (summary: string) => useStore.setState((s) => ({ status: { ...s.status, summary } }));

  useEffect(() => {
    setSigma(sigma);
    return () => setSigma(null);
  }, [sigma]);

  const snapshot = useMemo(() => visibleSnapshot({ base, expansions, hidden }), [base, expansions, hidden]);
  const ringFlags = useStore((s) => s.ringFlags);
  const flags = useMemo(() => {
    const out: Record<string, Flag[]> = {};
    if (ringFlags && ringFlags.requestKey === `${rule}|${asOf}`) Object.assign(out, ringFlags.flags);
    const root = source?.type === 'trace' ? source.root : null;
    if (analysis && root && analysis.requestKey === analysisKey(root, rule, asOf)) {
      // The explanation lists the trace's flagged entities: the others have none now, whatever the rings said.
      for (const node of base?.nodes ?? []) out[node.key] = analysis.data.flagged[node.key] ?? [];
      Object.assign(out, analysis.data.flagged);
    }
    return out;
  }, [analysis, source, rule, asOf, ringFlags, base]);
  const mapFlags = useMemo(() => {
    const out: Record<string, Flag[]> = {};
    if (ringFlags && ringFlags.requestKey === `${rule}|${asOf}`) Object.assign(out, ringFlags.flags);
    for (const item of flagsList?.items ?? []) out[item.key] = item.flags;
    return out;
  }, [flagsList, ringFlags, rule, asOf]);
  const more = useMemo(() => {
    const out: Record<string, number> = {};
    for (const e of expansions) if (e.total > e.loaded) out[e.key] = e.total - e.loaded;
    return out;
  }, [expansions]);

  const lastFrame = useRef('');
  useEffect(() => {
    const graph = sigma.getGraph();
    const keep = new Map<string, { x: number; y: number }>();
    if (layout === 'force') {
      // Force layout: nodes already placed keep their place; new ones start from the tree layout.
      graph.forEachNode((key, attributes) => keep.set(key, { x: attributes.x, y: attributes.y }));
    }
    const render =
      layout === 'map'
        ? toMapGraph(facilities, sites, mapFlags, MAP_RADIUS_KM)
        : toSigmaGraph(snapshot, { flags, pinned, more, keep: layout === 'force' ? keep : undefined });
    const frameKey = `${layout}|${render.nodes().join(',')}`;
    const framing = frameKey !== lastFrame.current;
    lastFrame.current = frameKey;
    // On the map nodes keep their screen size when zooming (a town zoomed in stays readable); elsewhere they
    // shrink with the zoom-out as sigma does by default, so a hub with thousands of neighbours stays a pattern.
    // Settings change only when they differ: each change makes sigma re-index the whole graph.
    const ratio = framing ? 1 : sigma.getCamera().getState().ratio;
    const wanted = {
      zoomToSizeRatioFunction: layout === 'map' ? MAP_ZOOM_TO_SIZE : Math.sqrt,
      ...detailSettings(render.order, render.size, ratio),
    };
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(([key, value]) => sigma.getSetting(key as keyof typeof wanted) !== value),
    );
    // Before the new graph comes in: the re-index that a settings change makes is then over the old picture.
    if (Object.keys(changed).length > 0) sigma.setSettings(changed);
    graph.clear();
    graph.import(render.export());
    if (framing) sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    sigma.refresh();
    if (layout === 'map') setSummary(`${render.order} facilities and sensitive sites placed by their coordinates`);
    else if (snapshot.nodes.length === 0) setSummary('');
    else
      setSummary(
        `${snapshot.nodes.length} entities, ${snapshot.edges.length} relationships${base?.attributes?.truncated ? ' (truncated by the server)' : ''}${isLargeGraph(render.order, render.size) ? ` · ${LARGE_PICTURE_NOTE}` : ''}`,
      );
  }, [sigma, snapshot, layout, flags, pinned, more, facilities, sites, mapFlags, base]);
  return null;
}

import { useEffect, useState } from 'react';
import type { OwnershipSnapshot } from '../../domain/snapshot.ts';
import { fetchFacilities, fetchFacilityGraph, type FacilitySummary } from '../api.ts';
import { FacilityList } from '../components/FacilityList.tsx';
import { GraphView } from '../components/GraphView.tsx';
import { Legend } from '../components/Legend.tsx';

export function App() {
  const [facilities, setFacilities] = useState<FacilitySummary[]>([]);
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(location.search).get('facility'));
  const [snapshot, setSnapshot] = useState<OwnershipSnapshot | null>(null);
  const [status, setStatus] = useState<string>('Loading facilities…');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchFacilities(controller.signal)
      .then((list) => {
        setFacilities(list);
        setStatus(`${list.length} facilities`);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (!selected) return;
    const controller = new AbortController();
    const url = new URL(location.href);
    url.searchParams.set('facility', selected);
    history.replaceState(null, '', url);
    fetchFacilityGraph(selected, controller.signal)
      .then((graph) => {
        setSnapshot(graph);
        setError(null);
        setStatus(
          `${graph.nodes.length} entities, ${graph.edges.length} relationships${graph.attributes?.truncated ? ' (truncated)' : ''}`,
        );
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [selected]);

  const select = (key: string) => {
    setSelected(key);
    setStatus('Loading ownership graph…');
  };
  const current = facilities.find((f) => f.key === selected);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Lookthrough</h1>
        <span className="subtitle">
          {current ? `Ownership of ${current.name}` : 'Choose a facility to trace its owners'}
        </span>
      </header>
      <aside className="sidebar">
        <h2>Facilities</h2>
        <FacilityList facilities={facilities} selected={selected} onSelect={select} />
      </aside>
      <main className="canvas-area">
        <GraphView snapshot={snapshot} />
        <Legend />
        <div className="status" role="status">
          {error ? <span className="error">{error}</span> : status}
        </div>
      </main>
    </div>
  );
}

import { ExplainPanel } from '../components/ExplainPanel.tsx';
import { FlagsPanel } from '../components/FlagsPanel.tsx';
import { GraphView } from '../components/GraphView.tsx';
import { Legend } from '../components/Legend.tsx';
import { QueriesPanel } from '../components/QueriesPanel.tsx';
import { ResultsTable } from '../components/ResultsTable.tsx';
import { StatusBar } from '../components/StatusBar.tsx';
import { TopBar } from '../components/TopBar.tsx';
import { useStore } from '../state/store.ts';
import { DataController } from './DataController.tsx';
import { HealthController } from './HealthController.tsx';
import { KeyboardController } from './KeyboardController.tsx';
import { UrlController } from './UrlController.tsx';

/** The screen of ../shared/ui.md: top bar, flags and queries on the left, canvas, explain panel, results. */
export function App() {
  const title = useStore((s) =>
    s.explore.source?.type === 'query'
      ? `Query: ${s.explore.source.title}`
      : s.explore.source?.type === 'trace'
        ? `Ownership of ${s.explore.base?.nodes.find((n) => n.key === (s.explore.source as { root: string }).root)?.attributes.name ?? s.explore.source.root}`
        : '',
  );
  return (
    <div className="app">
      <DataController />
      <HealthController />
      <UrlController />
      <KeyboardController />
      <TopBar />
      <aside className="sidebar">
        <FlagsPanel />
        <QueriesPanel />
      </aside>
      <main className="canvas-area">
        {title && <div className="canvas-title">{title}</div>}
        <GraphView />
        <Legend />
        <StatusBar />
      </main>
      <ExplainPanel />
      <ResultsTable />
    </div>
  );
}

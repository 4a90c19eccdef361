import { useState } from 'react';
import { SANCTIONS_REGIMES, type SanctionsRegime } from '../../domain/analysis/types.ts';
import { update, useStore } from '../state/store.ts';
import { LAYOUTS, type LayoutMode } from '../state/view.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { SearchBox } from './SearchBox.tsx';

const LAYOUT_LABELS: Record<LayoutMode, string> = { tree: 'Ownership tree', force: 'Force', map: 'Map' };

export function TopBar() {
  const rule = useStore((s) => s.view.rule);
  const asOf = useStore((s) => s.view.asOf);
  const layout = useStore((s) => s.view.layout);
  const [importing, setImporting] = useState(false);
  return (
    <header className="topbar">
      <h1>Lookthrough</h1>
      <SearchBox />
      <label className="field">
        Regime
        <select
          aria-label="Regime"
          value={rule}
          onChange={(event) =>
            update('view', (v) => ({ ...v, rule: event.target.value as SanctionsRegime, path: null }))
          }
        >
          {SANCTIONS_REGIMES.map((r) => (
            <option key={r} value={r}>
              {r.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        As of
        <input
          type="date"
          aria-label="As of"
          value={asOf}
          onChange={(event) => {
            const value = event.target.value;
            if (/^\d{4}-\d{2}-\d{2}$/.test(value)) update('view', (v) => ({ ...v, asOf: value, path: null }));
          }}
        />
      </label>
      <div className="segmented" role="group" aria-label="Layout">
        {LAYOUTS.map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={layout === mode}
            data-layout={mode}
            onClick={() => update('view', (v) => ({ ...v, layout: mode }))}
          >
            {LAYOUT_LABELS[mode]}
          </button>
        ))}
      </div>
      <ExportMenu />
      <button
        type="button"
        data-action="open-import"
        title="Import files into the database"
        onClick={() => setImporting(true)}
      >
        Import…
      </button>
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </header>
  );
}

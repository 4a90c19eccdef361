import { FLAGS, type Flag } from '../../domain/analysis/types.ts';
import { openTrace } from '../app/actions.ts';
import { FLAG_COLORS, FLAG_LABELS, fmtPercent } from '../graph/appearance.ts';
import { useStore } from '../state/store.ts';

/** Facilities ranked by the severity of their flags, filterable by flag and country (regime and date: top bar). */
export function FlagsPanel() {
  const flags = useStore((s) => s.flags);
  const filter = useStore((s) => s.flagsFilter);
  const facilities = useStore((s) => s.facilities);
  const source = useStore((s) => s.explore.source);
  const rule = useStore((s) => s.view.rule);
  const asOf = useStore((s) => s.view.asOf);
  const countries = [...new Set(facilities.map((f) => f.country).filter((c): c is string => !!c))].sort();
  const setFilter = (patch: Partial<typeof filter>) => useStore.setState({ flagsFilter: { ...filter, ...patch } });
  const root = source?.type === 'trace' ? source.root : null;
  return (
    <section className="panel flags-panel" aria-label="Flags">
      <h2>
        Flags{' '}
        <span className="muted">
          ranked · {rule.toUpperCase()} · {asOf}
        </span>
      </h2>
      <div className="filters">
        <select
          aria-label="Flag filter"
          value={filter.flag}
          onChange={(e) => setFilter({ flag: e.target.value as Flag | '' })}
        >
          <option value="">All facilities</option>
          {FLAGS.map((flag) => (
            <option key={flag} value={flag}>
              {FLAG_LABELS[flag]}
              {flags?.flagCounts[flag] !== undefined ? ` (${flags.flagCounts[flag]})` : ''}
            </option>
          ))}
        </select>
        <select
          aria-label="Country filter"
          value={filter.country}
          onChange={(e) => setFilter({ country: e.target.value })}
        >
          <option value="">All countries</option>
          {countries.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <ol className="flag-list">
        {flags?.items.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              data-key={item.key}
              className={item.key === root ? 'selected' : undefined}
              onClick={() => void openTrace(item.key)}
            >
              <span className="name">{item.name}</span>
              <span className="meta">
                {item.country ?? '—'}
                {item.sanctionedPercent > 0 ? ` · sanctioned ${fmtPercent(item.sanctionedPercent)}` : ''}
                {Object.values(item.statePercent).length
                  ? ` · state ${fmtPercent(Math.max(...Object.values(item.statePercent)))}`
                  : ''}
                {item.nearestSite
                  ? ` · ${item.nearestSite.distanceKm.toFixed(1)} km from ${item.nearestSite.name}`
                  : ''}
              </span>
              <span className="badges">
                {item.flags.map((flag) => (
                  <span
                    key={flag}
                    className="badge"
                    style={{ borderColor: FLAG_COLORS[flag], color: FLAG_COLORS[flag] }}
                  >
                    {FLAG_LABELS[flag]}
                  </span>
                ))}
                {item.flags.length === 0 && <span className="muted">no flag</span>}
              </span>
            </button>
          </li>
        ))}
        {flags && flags.items.length === 0 && <li className="muted empty">No facility matches these filters.</li>}
        {!flags && <li className="muted empty">Loading…</li>}
      </ol>
      {flags?.truncated && (
        <p className="muted">
          Showing the first {flags.items.length} of {flags.total}.
        </p>
      )}
    </section>
  );
}

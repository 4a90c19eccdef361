import { useMemo } from 'react';
import type { Explanation, ExplanationEdge } from '../../domain/analysis/types.ts';
import type { Provenance } from '../../domain/model.ts';
import type { SnapshotEdge } from '../../domain/snapshot.ts';
import { collapse, expand, expandAll, hide, NEIGHBOUR_PAGE, openTrace, togglePin } from '../app/actions.ts';
import { FLAG_COLORS, FLAG_LABELS, fmtPercent, KIND_COLORS, KIND_LABELS, stakeLabel } from '../graph/appearance.ts';
import { figureArithmetic, pathArithmetic } from '../state/arithmetic.ts';
import { visibleSnapshot } from '../state/explore.ts';
import { selectedEntityAnalysis } from '../state/selectors.ts';
import { update, useStore } from '../state/store.ts';
import { choosePath, select } from '../state/view.ts';

/** A hub can have thousands of relationships on screen; the panel lists the first ones. */
const PROVENANCE_LIMIT = 100;

function provenanceText(p: Provenance | undefined): string {
  if (!p) return 'no source recorded';
  return [p.dataset, p.recordId ? `record ${p.recordId}` : null, p.date].filter(Boolean).join(' · ');
}

function ExplanationBlock({
  explanation,
  index,
  names,
}: {
  explanation: Explanation;
  index: number;
  names: Map<string, string>;
}) {
  const chosen = useStore((s) => s.view.path);
  const name = (key: string) => names.get(key) ?? key;
  const arithmetic = figureArithmetic(explanation);
  const edgeText = (e: ExplanationEdge) =>
    `${name(e.source)} → ${name(e.target)}: ${stakeLabel({ kind: e.kind, percent: e.percent, percentMin: e.percentMin, percentMax: e.percentMax, votingPercent: e.votingPercent, basis: e.basis })}${e.implied ? ' (implied: operator)' : ''}`;
  return (
    <li className="explanation" style={{ borderLeftColor: FLAG_COLORS[explanation.flag] }} data-flag={explanation.flag}>
      <div className="flag-name" style={{ color: FLAG_COLORS[explanation.flag] }}>
        {FLAG_LABELS[explanation.flag]}
        {explanation.warning ? ` · ${explanation.warning}` : ''}
      </div>
      <p className="summary">{explanation.summary}</p>
      <dl className="rule">
        <dt>Rule</dt>
        <dd>{explanation.rule}</dd>
        <dt>Source</dt>
        <dd>{explanation.citation}</dd>
        {explanation.threshold !== null && (
          <>
            <dt>Threshold</dt>
            <dd>
              {{ '>=': '≥', '>': '>', '<=': '≤' }[explanation.comparison ?? '>=']}{' '}
              {explanation.flag === 'NEAR_SENSITIVE_SITE'
                ? `${Number(explanation.threshold.toFixed(3))} km`
                : fmtPercent(explanation.threshold)}
            </dd>
          </>
        )}
        {arithmetic && (
          <>
            <dt>Figure</dt>
            <dd className="arithmetic" data-testid="figure-arithmetic">
              {arithmetic}
            </dd>
          </>
        )}
      </dl>
      {explanation.listings && explanation.listings.length > 0 && (
        <ul className="listings">
          {explanation.listings.map((l, i) => (
            <li key={i}>
              {l.authority} {l.program}
              {l.listed ? ` since ${l.listed}` : ''}
              {l.delisted ? `, delisted ${l.delisted}` : ''}
            </li>
          ))}
        </ul>
      )}
      {explanation.paths.length > 0 && (
        <ol className="paths">
          {explanation.paths.map((path, p) => {
            const active = chosen?.explanation === index && chosen.path === p;
            return (
              <li key={p}>
                <button
                  type="button"
                  className={active ? 'path active' : 'path'}
                  aria-pressed={active}
                  data-path={`${index}:${p}`}
                  onClick={() => update('view', (v) => choosePath(v, { explanation: index, path: p }))}
                >
                  <span className="path-head">
                    Path {p + 1}: <strong>{pathArithmetic(path)}</strong>
                  </span>
                  <span className="path-chain">
                    {path.edges
                      .map((e) => name(e.source))
                      .concat(name(path.edges.at(-1)?.target ?? ''))
                      .join(' → ')}
                  </span>
                </button>
                {active && (
                  <ul className="path-edges">
                    {path.edges.map((e) => (
                      <li key={e.key}>
                        <span>{edgeText(e)}</span>
                        <span className="muted provenance">{provenanceText(e.provenance)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
          {explanation.pathsTruncated && <li className="muted">More paths exist than are listed.</li>}
        </ol>
      )}
    </li>
  );
}

export function ExplainPanel() {
  const selected = useStore((s) => s.view.selected);
  const explore = useStore((s) => s.explore);
  const facilities = useStore((s) => s.facilities);
  const sites = useStore((s) => s.sites);
  const analysis = useStore(selectedEntityAnalysis);
  const loading = useStore((s) => selectedEntityAnalysis(s) === null && s.view.selected !== null);
  const snapshot = useMemo(() => visibleSnapshot(explore), [explore]);
  const node = snapshot.nodes.find((n) => n.key === selected);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const n of snapshot.nodes) map.set(n.key, n.attributes.name);
    for (const f of facilities) if (!map.has(f.key)) map.set(f.key, f.name);
    for (const s of sites) if (!map.has(s.key)) map.set(s.key, s.name);
    return map;
  }, [snapshot, facilities, sites]);
  if (!selected) {
    return (
      <aside className="explain empty" aria-label="Explain">
        <p className="muted">Select a node to see its attributes, listings, flags and why they are set.</p>
        <p className="muted small">
          Double-click a node to expand its neighbours. Keys: / search · Esc clear · Ctrl+Z undo.
        </p>
      </aside>
    );
  }
  const attributes = node?.attributes;
  const kind = attributes?.kind ?? analysis?.kind;
  const edges: SnapshotEdge[] = snapshot.edges.filter((e) => e.source === selected || e.target === selected);
  const expansion = explore.expansions.find((e) => e.key === selected);
  const remaining = expansion ? expansion.total - expansion.loaded : 0;
  const pinned = explore.pinned.includes(selected);
  return (
    <aside className="explain" aria-label="Explain">
      <header>
        <span className="swatch big" style={{ background: kind ? KIND_COLORS[kind] : '#ccc' }} />
        <div>
          <h2 data-testid="explain-title">{attributes?.name ?? analysis?.name ?? names.get(selected) ?? selected}</h2>
          <div className="muted">
            {kind ? KIND_LABELS[kind] : ''}
            {attributes?.country ? ` · ${attributes.country}` : ''} · <code>{selected}</code>
          </div>
        </div>
        <button
          type="button"
          className="close"
          aria-label="Close"
          onClick={() => update('view', (v) => select(v, null))}
        >
          ×
        </button>
      </header>
      <div className="actions" role="group" aria-label="Explore">
        <button type="button" onClick={() => void expand(selected)} disabled={!!expansion && remaining === 0}>
          {expansion
            ? remaining > 0
              ? `Show ${Math.min(NEIGHBOUR_PAGE, remaining)} more`
              : 'All neighbours shown'
            : 'Expand'}
        </button>
        {remaining > NEIGHBOUR_PAGE && (
          <button type="button" onClick={() => void expandAll(selected)}>
            Show all {expansion!.total}
          </button>
        )}
        {expansion && (
          <button type="button" onClick={() => collapse(selected)}>
            Collapse
          </button>
        )}
        <button type="button" onClick={() => hide(selected)}>
          Hide
        </button>
        <button type="button" aria-pressed={pinned} onClick={() => togglePin(selected)}>
          {pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" onClick={() => void openTrace(selected)}>
          Trace owners
        </button>
      </div>
      {expansion && (
        <p className="muted small" data-testid="expansion-count">
          {expansion.loaded} of {expansion.total} neighbours loaded
        </p>
      )}
      <section>
        <h3>Attributes</h3>
        <dl className="attributes">
          {attributes?.aliases?.length ? (
            <>
              <dt>Aliases</dt>
              <dd>{attributes.aliases.join(', ')}</dd>
            </>
          ) : null}
          {attributes?.identifiers?.map((id) => (
            <span key={`${id.scheme}:${id.value}`} className="pair">
              <dt>{id.scheme}</dt>
              <dd>{id.value}</dd>
            </span>
          ))}
          {attributes?.address && (
            <>
              <dt>Address</dt>
              <dd>{attributes.address}</dd>
            </>
          )}
          {attributes?.topics?.length ? (
            <>
              <dt>Topics</dt>
              <dd>{attributes.topics.join(', ')}</dd>
            </>
          ) : null}
          {attributes?.lat !== undefined && attributes.lon !== undefined && (
            <>
              <dt>Location</dt>
              <dd>
                {attributes.lat.toFixed(4)}, {attributes.lon.toFixed(4)}
              </dd>
            </>
          )}
          {attributes?.powerMw !== undefined && (
            <>
              <dt>Power</dt>
              <dd>{attributes.powerMw} MW</dd>
            </>
          )}
          <dt>Source</dt>
          <dd>{provenanceText(attributes?.source)}</dd>
        </dl>
        {attributes?.illustrative && <p className="muted small">Fictional record of the illustrative dataset.</p>}
      </section>
      <section>
        <h3>Listings</h3>
        {attributes?.sanctions?.length ? (
          <ul className="listings">
            {attributes.sanctions.map((l, i) => (
              <li key={i}>
                <strong>{l.authority}</strong> {l.program}
                {l.listed ? ` · listed ${l.listed}` : ''}
                {l.delisted ? ` · delisted ${l.delisted}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No sanctions listing recorded.</p>
        )}
      </section>
      <section>
        <h3>Flags</h3>
        {loading && <p className="muted small">Analysing…</p>}
        {analysis && analysis.flags.length === 0 && (
          <p className="muted small">No flag under this regime at this date.</p>
        )}
        {analysis && (
          <ul className="explanations">
            {analysis.explanation.map((e, i) => (
              <ExplanationBlock key={i} explanation={e} index={i} names={names} />
            ))}
          </ul>
        )}
        {analysis?.nearestSites?.length ? (
          <ul className="sites">
            {analysis.nearestSites.map((s) => (
              <li key={s.key}>
                {s.name} ({s.category}): {s.distanceKm.toFixed(2)} km / {s.distanceMiles.toFixed(2)} mi
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section>
        <h3>Relationships and their sources</h3>
        <ul className="provenance-list">
          {edges.slice(0, PROVENANCE_LIMIT).map((e) => (
            <li key={e.key}>
              <span>
                {e.source === selected ? '→' : '←'} {names.get(e.source === selected ? e.target : e.source)}:{' '}
                <strong>
                  {e.attributes.kind === 'OWNS' ? `owns ${stakeLabel(e.attributes)}` : stakeLabel(e.attributes)}
                </strong>
                {e.attributes.from || e.attributes.to
                  ? ` (${e.attributes.from ?? '…'} to ${e.attributes.to ?? '…'})`
                  : ''}
              </span>
              <span className="muted provenance">{provenanceText(e.attributes.source)}</span>
            </li>
          ))}
          {edges.length === 0 && <li className="muted small">None on screen.</li>}
          {edges.length > PROVENANCE_LIMIT && (
            <li className="muted small">and {edges.length - PROVENANCE_LIMIT} more on screen (export them as CSV)</li>
          )}
        </ul>
      </section>
    </aside>
  );
}

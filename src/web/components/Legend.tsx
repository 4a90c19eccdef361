import type { EntityKind } from '../../domain/model.ts';
import { KIND_COLORS } from '../graph/to-sigma-graph.ts';

const LABELS: Record<EntityKind, string> = {
  Company: 'Company',
  Person: 'Person',
  Government: 'Government / state body',
  Facility: 'Facility',
  SensitiveSite: 'Sensitive site',
};

export function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      {(Object.keys(LABELS) as EntityKind[]).map((kind) => (
        <span key={kind} className="legend-item">
          <span className="swatch" style={{ background: KIND_COLORS[kind] }} />
          {LABELS[kind]}
        </span>
      ))}
    </div>
  );
}

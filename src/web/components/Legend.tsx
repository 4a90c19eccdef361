import { ENTITY_KINDS, type StakeKind } from '../../domain/model.ts';
import { EDGE_COLORS, EDGE_LABELS, FLAG_GROUPS, KIND_COLORS, KIND_LABELS } from '../graph/appearance.ts';
import { drawKindIcon } from '../graph/controllers/OverlayController.tsx';

function KindSwatch({ kind }: { kind: (typeof ENTITY_KINDS)[number] }) {
  return (
    <canvas
      className="kind-swatch"
      width={36}
      height={36}
      ref={(canvas) => {
        const ctx = canvas?.getContext('2d');
        if (!ctx) return;
        ctx.clearRect(0, 0, 36, 36);
        ctx.beginPath();
        ctx.arc(18, 18, 16, 0, Math.PI * 2);
        ctx.fillStyle = KIND_COLORS[kind];
        ctx.fill();
        drawKindIcon(ctx, kind, 18, 18, 16 * 0.62 * 1.6);
      }}
    />
  );
}

const EDGE_KINDS: StakeKind[] = ['OWNS', 'CONTROLS', 'OPERATES', 'LINKED_TO'];

export function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      <div className="legend-row">
        {ENTITY_KINDS.map((kind) => (
          <span key={kind} className="legend-item">
            <KindSwatch kind={kind} />
            {KIND_LABELS[kind]}
          </span>
        ))}
      </div>
      <div className="legend-row">
        {FLAG_GROUPS.map((group) => (
          <span key={group.id} className="legend-item" data-flag-group={group.id}>
            <span className="ring" style={{ borderColor: group.color }} />
            {group.label}
          </span>
        ))}
      </div>
      <div className="legend-row">
        {EDGE_KINDS.map((kind) => (
          <span key={kind} className="legend-item">
            <span className="edge-swatch" style={{ background: EDGE_COLORS[kind] }} />
            {EDGE_LABELS[kind]}
          </span>
        ))}
      </div>
    </div>
  );
}

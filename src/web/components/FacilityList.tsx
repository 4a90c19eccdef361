import type { FacilitySummary } from '../api.ts';

interface Props {
  facilities: FacilitySummary[];
  selected: string | null;
  onSelect: (key: string) => void;
}

export function FacilityList({ facilities, selected, onSelect }: Props) {
  return (
    <ul className="facility-list" aria-label="Facilities">
      {facilities.map((facility) => (
        <li key={facility.key}>
          <button
            type="button"
            className={facility.key === selected ? 'selected' : undefined}
            onClick={() => onSelect(facility.key)}
            data-key={facility.key}
          >
            <span className="name">{facility.name}</span>
            <span className="meta">
              {[facility.country, facility.powerMw !== undefined ? `${facility.powerMw} MW` : null]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

import type { ViewFilter } from '../routing/report-view';
import { dimensionLabel, valueLabel } from './dimension-labels';

interface FilterBarProps {
  filters: ViewFilter[];
  onChange: (filters: ViewFilter[]) => void;
}

/** The filters every card of the page follows, each with a button that removes it. */
export function FilterBar({ filters, onChange }: FilterBarProps) {
  if (filters.length === 0) return null;
  return (
    <ul className="filter-bar" aria-label="Filters">
      {filters.map((filter, index) => {
        const text = `${dimensionLabel(filter.dimension)} is ${valueLabel(filter.dimension, filter.value)}`;
        return (
          <li key={`${filter.dimension}:${filter.value}`} className="filter-chip">
            {text}
            <button
              type="button"
              className="link-button"
              aria-label={`Remove filter ${text}`}
              onClick={() => onChange(filters.filter((_, other) => other !== index))}
            >
              ×
            </button>
          </li>
        );
      })}
      <li>
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear all
        </button>
      </li>
    </ul>
  );
}

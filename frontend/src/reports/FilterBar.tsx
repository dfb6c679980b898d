import { actionName } from '../actions/actions-data';
import { useActionNameQuery } from '../actions/useActionsQuery';
import type { ViewFilter } from '../routing/report-view';
import { dimensionLabel, valueLabel } from './dimension-labels';
import type { ReportRequest } from './report-request';

interface FilterBarProps {
  filters: ViewFilter[];
  /** The page's request: where an action's name is looked up (its site and range). */
  request: ReportRequest;
  onChange: (filters: ViewFilter[]) => void;
}

/** The filters every card of the page follows, each with a button that removes it. */
export function FilterBar({ filters, request, onChange }: FilterBarProps) {
  if (filters.length === 0) return null;
  return (
    <ul className="filter-bar" aria-label="Filters">
      {filters.map((filter, index) => {
        const key = `${filter.dimension}:${filter.value}`;
        const remove = () => onChange(filters.filter((_, other) => other !== index));
        // An action filters by its element's fingerprint, a hash nobody reads: the chip says its name.
        return filter.dimension === 'element' ? (
          <ActionFilterChip key={key} fingerprint={filter.value} request={request} onRemove={remove} />
        ) : (
          <FilterChip
            key={key}
            dimension={filter.dimension}
            value={valueLabel(filter.dimension, filter.value)}
            onRemove={remove}
          />
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

interface FilterChipProps {
  dimension: string;
  /** The value as people read it. */
  value: string;
  onRemove: () => void;
}

function FilterChip({ dimension, value, onRemove }: FilterChipProps) {
  const text = `${dimensionLabel(dimension)} is ${value}`;
  return (
    <li className="filter-chip">
      {text}
      <button type="button" className="link-button" aria-label={`Remove filter ${text}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

interface ActionFilterChipProps {
  fingerprint: string;
  request: ReportRequest;
  onRemove: () => void;
}

function ActionFilterChip({ fingerprint, request, onRemove }: ActionFilterChipProps) {
  const row = useActionNameQuery(request, fingerprint);
  return (
    <FilterChip dimension="element" value={actionName(row.data?.rows, fingerprint)} onRemove={onRemove} />
  );
}

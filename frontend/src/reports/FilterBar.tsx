import { actionName } from '../actions/actions-data';
import { useActionNameQuery } from '../actions/useActionsQuery';
import { ConditionChip } from './ConditionChip';
import { conditionLabel, writeCondition, type Condition } from './conditions';
import type { ReportRequest } from './report-request';
import { activeSegment } from '../segments/segments-data';
import { useSegmentsQuery } from '../segments/useSegmentsQuery';
import { useOnceIdle } from '../shared/useOnceIdle';

interface FilterBarProps {
  filters: Condition[];
  /** The page's request: where an action's name is looked up (its site and range). */
  request: ReportRequest;
  onChange: (filters: Condition[]) => void;
}

/** The filters every card of the page follows, each with a button that removes it. */
export function FilterBar({ filters, request, onChange }: FilterBarProps) {
  if (filters.length === 0) return null;
  return (
    <ul className="condition-list filter-bar" aria-label="Filters">
      <ActiveSegment siteId={request.siteId} filters={filters} />
      {filters.map((filter, index) => {
        const remove = () => onChange(filters.filter((_, other) => other !== index));
        // An action filters by its element's fingerprint, a hash nobody reads: the chip says its name.
        return filter.dimension === 'element' ? (
          <ActionFilterChip
            key={writeCondition(filter)}
            filter={filter}
            request={request}
            onRemove={remove}
          />
        ) : (
          <ConditionChip
            key={writeCondition(filter)}
            text={conditionLabel(filter)}
            noun="filter"
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

interface ActionFilterChipProps {
  filter: Condition;
  request: ReportRequest;
  onRemove: () => void;
}

function ActionFilterChip({ filter, request, onRemove }: ActionFilterChipProps) {
  const row = useActionNameQuery(request, filter.value);
  const text = conditionLabel({ ...filter, value: actionName(row.data?.rows, filter.value) });
  return <ConditionChip text={text} noun="filter" onRemove={onRemove} />;
}

/**
 * The segment the filters are, named first: asked once the page's numbers are in (useOnceIdle), then from the
 * cache, which Add filter's segments share.
 */
function ActiveSegment({ siteId, filters }: { siteId: number; filters: Condition[] }) {
  const segments = useSegmentsQuery(siteId, useOnceIdle()).data;
  const active = segments && activeSegment(segments, filters);
  return active ? <li className="filter-segment">Segment: {active.name}</li> : null;
}

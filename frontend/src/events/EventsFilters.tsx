import { ConditionForm } from '../reports/ConditionForm';
import { ConditionList } from '../reports/ConditionList';
import { withCondition, writeCondition, type Condition } from '../reports/conditions';
import type { ReportRequest } from '../reports/report-request';
import { EVENT_DIMENSIONS } from './events-data';

interface EventsFiltersProps {
  conditions: Condition[];
  bots: boolean;
  /** The page's request: where values are suggested from. */
  request: ReportRequest;
  /** The conditions (as the URL writes them) and whether bots are included. */
  onChange: (where: string[], bots: boolean) => void;
}

/** The explorer's own conditions: any event dimension with the operators it takes, and whether to include bots. */
export function EventsFilters({ conditions, bots, request, onChange }: EventsFiltersProps) {
  const change = (next: Condition[]) => onChange(next.map(writeCondition), bots);
  return (
    <section className="card events-filters" aria-labelledby="events-filters-heading">
      <h2 id="events-filters-heading">Find events</h2>
      <ConditionForm
        label="New condition"
        dimensions={EVENT_DIMENSIONS}
        suggestFrom={request}
        addLabel="Add condition"
        onAdd={(condition) => change(withCondition(conditions, condition))}
      />
      <label className="events-bots">
        <input
          type="checkbox"
          checked={bots}
          onChange={(event) => onChange(conditions.map(writeCondition), event.target.checked)}
        />
        Include bots
      </label>
      <ConditionList conditions={conditions} label="Conditions" noun="condition" onChange={change} />
    </section>
  );
}

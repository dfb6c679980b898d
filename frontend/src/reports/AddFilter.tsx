import { useRef, useState } from 'react';
import { SegmentMenu } from '../segments/SegmentMenu';
import { ConditionForm } from './ConditionForm';
import { TYPED_DIMENSIONS, withCondition, type Condition } from './conditions';
import type { ReportRequest } from './report-request';

interface AddFilterProps {
  /** The page's request: its filters, and where values are suggested from. */
  request: ReportRequest;
  onChange: (filters: Condition[]) => void;
}

/**
 * Beside the period: a filter on any dimension with any operator it takes ("Page contains /blog"), for what
 * no breakdown row offers, and the site's segments (SegmentMenu). It closes once a filter is added or a segment
 * applied, which the filter bar then shows.
 */
export function AddFilter({ request, onChange }: AddFilterProps) {
  const [open, setOpen] = useState(false);
  const summary = useRef<HTMLElement>(null);
  return (
    <details className="add-filter" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary ref={summary}>Add filter</summary>
      {open && (
        <SegmentMenu
          siteId={request.siteId}
          filters={request.filters}
          onApply={(filters) => {
            onChange(filters);
            setOpen(false);
            summary.current?.focus();
          }}
        />
      )}
      {open && (
        <ConditionForm
          label="New filter"
          dimensions={TYPED_DIMENSIONS}
          suggestFrom={request}
          addLabel="Apply filter"
          onAdd={(condition) => {
            onChange(withCondition(request.filters, condition));
            setOpen(false);
            // The form's button goes with the form: the keyboard stays where the filter was added from.
            summary.current?.focus();
          }}
        />
      )}
    </details>
  );
}

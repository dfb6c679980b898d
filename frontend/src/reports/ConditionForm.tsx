import { useId, useState, type KeyboardEvent } from 'react';
import { useBreakdownQuery } from '../overview/useBreakdownQuery';
import { OPERATOR_LABELS, operatorsOf, type Condition, type Operator } from './conditions';
import { dimensionLabel, valueLabel, type Dimension } from './dimension-labels';
import type { ReportRequest } from './report-request';

interface ConditionFormProps {
  /** The group's name for assistive technology: "New filter", "New condition". */
  label: string;
  dimensions: readonly Dimension[];
  /** Where values are suggested from: the dimension's top values under this request. */
  suggestFrom?: ReportRequest;
  addLabel: string;
  onAdd: (condition: Condition) => void;
}

/**
 * A dimension, one of the operators it takes, and a value, added as one condition. A group rather than a
 * form, so it can sit inside another form (an alert rule's): Enter in the value adds, as a form would.
 */
export function ConditionForm({ label, dimensions, suggestFrom, addLabel, onAdd }: ConditionFormProps) {
  const [dimension, setDimension] = useState<Dimension>(dimensions[0]);
  const [operator, setOperator] = useState<Operator>('is');
  const [value, setValue] = useState('');
  const listId = useId();
  const operators = operatorsOf(dimension);
  const add = () => {
    if (!value.trim()) return;
    onAdd({ dimension, operator, value: value.trim() });
    setValue('');
  };
  const addOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  const chooseDimension = (next: Dimension) => {
    setDimension(next);
    // A country compared by substring means nothing: the operator falls back to `is` where it can't be kept.
    if (!operatorsOf(next).includes(operator)) setOperator('is');
  };
  return (
    <div className="condition-form" role="group" aria-label={label}>
      <label className="field">
        Field
        <select value={dimension} onChange={(event) => chooseDimension(event.target.value as Dimension)}>
          {dimensions.map((candidate) => (
            <option key={candidate} value={candidate}>
              {dimensionLabel(candidate)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Match
        <select value={operator} onChange={(event) => setOperator(event.target.value as Operator)}>
          {operators.map((candidate) => (
            <option key={candidate} value={candidate}>
              {OPERATOR_LABELS[candidate]}
            </option>
          ))}
        </select>
      </label>
      <label className="field condition-value">
        Value
        <input
          value={value}
          list={suggestFrom && listId}
          placeholder={operator === 'matches' ? '/blog/**' : ''}
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={addOnEnter}
        />
      </label>
      {/* Keyed by the field: a new field's suggestions start empty, not with the last field's kept while loading. */}
      {suggestFrom && (
        <ValueSuggestions key={dimension} id={listId} request={suggestFrom} dimension={dimension} />
      )}
      <button type="button" onClick={add} disabled={!value.trim()}>
        {addLabel}
      </button>
    </div>
  );
}

/** The dimension's most frequent values under the request, offered as the value is typed. */
function ValueSuggestions({
  id,
  request,
  dimension,
}: {
  id: string;
  request: ReportRequest;
  dimension: Dimension;
}) {
  const top = useBreakdownQuery({ ...request, comparison: undefined, dimension, limit: 50 });
  return (
    <datalist id={id}>
      {(top.data?.rows ?? [])
        .filter((row) => row.value)
        .map((row) => (
          <option key={row.value} value={row.value}>
            {valueLabel(dimension, row.value)}
          </option>
        ))}
    </datalist>
  );
}

import { useState, type FormEvent } from 'react';
import { dimensionLabel } from '../reports/dimension-labels';
import {
  conditionLabel,
  EVENT_DIMENSIONS,
  OPERATOR_LABELS,
  OPERATORS,
  writeCondition,
  type Condition,
  type Operator,
} from './events-data';

interface EventsFiltersProps {
  conditions: Condition[];
  bots: boolean;
  /** The conditions (as the URL writes them) and whether bots are included. */
  onChange: (where: string[], bots: boolean) => void;
}

/** The explorer's own conditions: any event dimension with any operator, and whether to include bots. */
export function EventsFilters({ conditions, bots, onChange }: EventsFiltersProps) {
  const [dimension, setDimension] = useState<string>('event_name');
  const [operator, setOperator] = useState<Operator>('is');
  const [value, setValue] = useState('');
  const where = conditions.map(writeCondition);
  const add = (event: FormEvent) => {
    event.preventDefault();
    onChange([...where, writeCondition({ dimension, operator, value: value.trim() })], bots);
    setValue('');
  };
  return (
    <section className="card events-filters" aria-labelledby="events-filters-heading">
      <h2 id="events-filters-heading">Find events</h2>
      <form className="events-condition" onSubmit={add}>
        <label className="field">
          Field
          <select value={dimension} onChange={(event) => setDimension(event.target.value)}>
            {EVENT_DIMENSIONS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {dimensionLabel(candidate)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Condition
          <select value={operator} onChange={(event) => setOperator(event.target.value as Operator)}>
            {OPERATORS.map((candidate) => (
              <option key={candidate} value={candidate}>
                {OPERATOR_LABELS[candidate]}
              </option>
            ))}
          </select>
        </label>
        <label className="field events-value">
          Value
          <input
            value={value}
            placeholder={operator === 'matches' ? '/blog/**' : 'signup'}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <button type="submit">Add condition</button>
      </form>
      <label className="events-bots">
        <input type="checkbox" checked={bots} onChange={(event) => onChange(where, event.target.checked)} />
        Include bots
      </label>
      {conditions.length > 0 && (
        <ul className="filter-bar" aria-label="Conditions">
          {conditions.map((condition, index) => (
            <li key={where[index]} className="filter-chip">
              {conditionLabel(condition)}
              <button
                type="button"
                className="link-button"
                aria-label={`Remove condition ${conditionLabel(condition)}`}
                onClick={() =>
                  onChange(
                    where.filter((_, other) => other !== index),
                    bots,
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

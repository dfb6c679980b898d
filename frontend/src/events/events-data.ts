import { DIMENSION_LABELS, dimensionLabel, type Dimension } from '../reports/dimension-labels.js';
import { filterConditions } from '../reports/report-request.js';
import type { ViewFilter } from '../routing/report-view.js';
import type { Schemas } from '../api/schemas.js';
import { formatDateTime } from '../shared/format.js';

/**
 * The events explorer's own conditions, kept in the URL as `where=<dimension>:<operator>:<value>` (repeated)
 * beside the filter bar's, and what a stored event shows: pure, unit-tested.
 */
export const OPERATORS = ['is', 'is_not', 'contains', 'does_not_contain', 'matches'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  is: 'is',
  is_not: 'is not',
  contains: 'contains',
  does_not_contain: 'does not contain',
  matches: 'matches pattern',
};

/** One condition of the API's filter list. */
export interface Condition {
  dimension: string;
  operator: string;
  value: string;
}

/** The dimensions one event has: all but the entry and exit pages, which describe a visit (the API refuses them). */
export const EVENT_DIMENSIONS = (Object.keys(DIMENSION_LABELS) as Dimension[]).filter(
  (dimension) => dimension !== 'entry_page' && dimension !== 'exit_page',
);

/** `event_name:is:signup` → the condition; the value may hold colons. Anything malformed is left out. */
export function parseConditions(values: string[]): Condition[] {
  return values.flatMap((text) => {
    const [dimension, operator] = text.split(':', 2);
    const known =
      (EVENT_DIMENSIONS as string[]).includes(dimension) &&
      (OPERATORS as readonly string[]).includes(operator);
    return known ? [{ dimension, operator, value: text.slice(dimension.length + operator.length + 2) }] : [];
  });
}

export const writeCondition = ({ dimension, operator, value }: Condition) =>
  `${dimension}:${operator}:${value}`;

/** "Event is signup", "Page matches pattern /blog/**". */
export const conditionLabel = ({ dimension, operator, value }: Condition) =>
  `${dimensionLabel(dimension)} ${OPERATOR_LABELS[operator as Operator] ?? operator} ${value || '(empty)'}`;

/** Every condition the events must meet: the filter bar's, then the explorer's. */
export const explorerConditions = (filters: ViewFilter[], own: Condition[]): Condition[] => [
  ...filterConditions(filters),
  ...own,
];

/**
 * An event's time (stored in UTC, `YYYY-MM-DD HH:MM:SS`) in the site's zone, as the browser's locale writes a
 * date and time to the second.
 */
export function eventTime(ts: string, timeZone: string, locale?: string): string {
  return formatDateTime(new Date(`${ts.replace(' ', 'T')}Z`), locale, timeZone);
}

/** A field of an event and its value as text. */
export interface EventField {
  name: string;
  value: string;
}

/**
 * The fields an event carries, in the contract's order: those holding more than their type's default
 * (`''`, `0`, `[]`), as the edge writes them. Custom properties are listed apart (`eventProperties`).
 */
export function eventFields(event: Schemas['EventDto']): EventField[] {
  return Object.entries(event).flatMap(([name, value]) => {
    if (name === 'props_keys' || name === 'props_values') return [];
    if (value === '' || value === 0 || value === null || (Array.isArray(value) && value.length === 0))
      return [];
    return [{ name, value: Array.isArray(value) ? value.join(', ') : String(value) }];
  });
}

/** The event's custom properties, name and value, as sent. */
export const eventProperties = (event: Schemas['EventDto']): EventField[] =>
  event.props_keys.map((name, index) => ({ name, value: event.props_values[index] ?? '' }));

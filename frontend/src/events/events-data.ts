import { parseCondition, TYPED_DIMENSIONS, type Condition } from '../reports/conditions.js';
import type { Dimension } from '../reports/dimension-labels.js';
import type { Schemas } from '../api/schemas.js';
import { formatDateTime } from '../shared/format.js';

/**
 * The events explorer's own conditions, kept in the URL as `where=` (repeated, written as the filter bar
 * writes its filters) beside the filter bar's, and what a stored event shows: pure, unit-tested.
 */

/**
 * The dimensions one event has, its name first (what the explorer is most often searched by): all a form
 * offers but the entry and exit pages, which describe a visit (the API refuses them).
 */
export const EVENT_DIMENSIONS: Dimension[] = [
  'event_name',
  ...TYPED_DIMENSIONS.filter(
    (dimension) => dimension !== 'event_name' && dimension !== 'entry_page' && dimension !== 'exit_page',
  ),
];

/** The explorer's conditions in the URL; anything malformed, or on a visit's dimension, is left out. */
export const parseConditions = (values: string[]): Condition[] =>
  values
    .flatMap(parseCondition)
    .filter(({ dimension }) => (EVENT_DIMENSIONS as string[]).includes(dimension));

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

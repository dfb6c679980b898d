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

/** Whose events the explorer shows, by the URL's `session=`, `visitor=` or `user=`: one visit's, visitor's or user's. */
export interface EventsOf {
  kind: 'session' | 'visitor' | 'user';
  value: string;
}

const EVENTS_OF_KINDS = ['session', 'visitor', 'user'] as const;

/** The event field each kind is read from. */
const EVENTS_OF_FIELDS = { session: 'session_id', visitor: 'visitor_id', user: 'user_id' } as const;

/** Whose events the URL asks for: the first of `session`, `visitor`, `user` it holds, if any. */
export function parseEventsOf(search: URLSearchParams): EventsOf | undefined {
  const kind = EVENTS_OF_KINDS.find((candidate) => search.get(candidate));
  return kind && { kind, value: search.get(kind) ?? '' };
}

/** The URL's options that show `of`'s events (undefined: every event), the other kinds cleared. */
export const eventsOfOptions = (of: EventsOf | undefined) =>
  Object.fromEntries(EVENTS_OF_KINDS.map((kind) => [kind, kind === of?.kind ? of.value : undefined]));

/** The visit, visitor and signed-in user an event belongs to, each where it carries one: where it links to. */
export const eventOwners = (event: Schemas['EventDto']): EventsOf[] =>
  EVENTS_OF_KINDS.flatMap((kind) => {
    const value = event[EVENTS_OF_FIELDS[kind]];
    return value ? [{ kind, value }] : [];
  });

/** What a link to `of`'s events says, and what the list says it shows. */
export const EVENTS_OF_WORDS: Record<EventsOf['kind'], { link: string; shown: string }> = {
  session: { link: 'This visit’s events', shown: 'One visit’s events' },
  visitor: { link: 'This visitor’s events', shown: 'One visitor’s events' },
  user: { link: 'This user’s events', shown: 'One signed-in user’s events, on every device' },
};

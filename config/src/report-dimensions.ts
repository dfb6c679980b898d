import type { EventRowField } from './event-contract';

/**
 * What reports may break down and filter by: each dimension names the event contract field it reads
 * (`field` is typed by the contract, so a dimension the contract lacks does not compile) and its
 * filter operators. The backend's query model builds every column, rollup state and WHERE fragment
 * from this list; `pipeline/migrations` hold a rollup column for every `visit` dimension (tested).
 *
 * - `visit`: an attribute of the visit, taken from its first event (its first pageview for the entry
 *   page, its last for the exit page). The per-visit rollup `sessions_daily` holds each of them, so
 *   reports on them need no raw events.
 * - `event`: differs from event to event within a visit (the page, the event's name): reports on it read
 *   raw events.
 */
export type DimensionLevel = 'visit' | 'event';

export const FILTER_OPERATORS = [
  'is',
  'is_not',
  'contains',
  'does_not_contain',
  'matches',
  'one_of',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface DimensionSpec {
  readonly field: EventRowField;
  readonly level: DimensionLevel;
  /** Derived from the field rather than its first value: the visit's first or last pageview's. */
  readonly derived?: 'first_pageview' | 'last_pageview';
  /**
   * Only these events carry the dimension (an outbound link is a `$outbound` event's): a breakdown by it
   * counts only them, and a condition on it holds only for them.
   */
  readonly events?: readonly string[];
  /**
   * One value per custom property of the event (`props_keys` / `props_values`): its key or its value, the
   * pair kept together, so a condition on the key and a breakdown by the value read the same property.
   * An event without properties has none; a condition holds for an event when one of its properties meets it.
   */
  readonly property?: 'key' | 'value';
  readonly operators: readonly FilterOperator[];
  readonly description: string;
}

/** Text dimensions take every operator; `matches` takes a wildcard pattern (`*` within a segment, `**` across). */
const TEXT: readonly FilterOperator[] = FILTER_OPERATORS;
/** Short codes compared whole: a substring or a pattern means nothing there. */
const CODE: readonly FilterOperator[] = ['is', 'is_not', 'one_of'];

export const REPORT_DIMENSIONS = {
  page: { field: 'pathname', level: 'event', operators: TEXT, description: 'The page path of each event.' },
  hostname: {
    field: 'hostname',
    level: 'event',
    operators: TEXT,
    description: 'The host of each event’s page.',
  },
  event_name: {
    field: 'name',
    level: 'event',
    operators: TEXT,
    description: "The event's name: pageview or a custom event.",
  },
  entry_page: {
    field: 'pathname',
    level: 'visit',
    derived: 'first_pageview',
    operators: TEXT,
    description: 'The path of the visit’s first pageview.',
  },
  exit_page: {
    field: 'pathname',
    level: 'visit',
    derived: 'last_pageview',
    operators: TEXT,
    description: 'The path of the visit’s last pageview.',
  },
  referrer: { field: 'referrer', level: 'visit', operators: TEXT, description: 'The visit’s referrer URL.' },
  referrer_source: {
    field: 'referrer_source',
    level: 'visit',
    operators: TEXT,
    description: 'Where the visit came from (Google, a host); empty for direct visits.',
  },
  channel: {
    field: 'channel',
    level: 'visit',
    operators: CODE,
    description:
      'The channel the visit came through: search, social, email, paid, video, ai, referral or direct (empty for visits stored before contract v8).',
  },
  utm_source: {
    field: 'utm_source',
    level: 'visit',
    operators: TEXT,
    description: 'utm_source of the landing page.',
  },
  utm_medium: {
    field: 'utm_medium',
    level: 'visit',
    operators: TEXT,
    description: 'utm_medium of the landing page.',
  },
  utm_campaign: {
    field: 'utm_campaign',
    level: 'visit',
    operators: TEXT,
    description: 'utm_campaign of the landing page.',
  },
  utm_term: {
    field: 'utm_term',
    level: 'visit',
    operators: TEXT,
    description: 'utm_term of the landing page.',
  },
  utm_content: {
    field: 'utm_content',
    level: 'visit',
    operators: TEXT,
    description: 'utm_content of the landing page.',
  },
  country: { field: 'country', level: 'visit', operators: CODE, description: 'ISO 3166-1 alpha-2 country.' },
  region: { field: 'region', level: 'visit', operators: TEXT, description: 'Region (state, province).' },
  city: { field: 'city', level: 'visit', operators: TEXT, description: 'City.' },
  browser: { field: 'browser', level: 'visit', operators: TEXT, description: 'Browser.' },
  browser_version: {
    field: 'browser_version',
    level: 'visit',
    operators: TEXT,
    description: 'The browser’s major version.',
  },
  os: { field: 'os', level: 'visit', operators: TEXT, description: 'Operating system.' },
  device: { field: 'device', level: 'visit', operators: CODE, description: 'desktop, mobile or tablet.' },
  language: {
    field: 'language',
    level: 'visit',
    operators: TEXT,
    description: 'The visitor’s preferred language from Accept-Language (`de`, `pt-br`); empty when unknown.',
  },
  prop_key: {
    field: 'props_keys',
    level: 'event',
    property: 'key',
    operators: TEXT,
    description: 'The name of each custom property of an event (one row per property).',
  },
  prop_value: {
    field: 'props_values',
    level: 'event',
    property: 'value',
    operators: TEXT,
    description:
      'The value of each custom property of an event; filter by prop_key to read one property’s values.',
  },
  outbound_link: {
    field: 'el_href',
    level: 'event',
    events: ['$outbound'],
    operators: TEXT,
    description: 'The target URL of a click on a link to another host ($outbound events).',
  },
  download: {
    field: 'el_href',
    level: 'event',
    events: ['$download'],
    operators: TEXT,
    description: 'The URL of a clicked link to a file ($download events).',
  },
  element: {
    field: 'el_fingerprint',
    level: 'event',
    events: ['$autocapture'],
    operators: CODE,
    description:
      'An autocaptured element, by its fingerprint ($autocapture events); a breakdown names each (autocapture_names, or its tag, text, id or selector).',
  },
} as const satisfies Record<string, DimensionSpec>;

export type DimensionName = keyof typeof REPORT_DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(REPORT_DIMENSIONS) as DimensionName[];

/** The visit dimensions, each a column of the per-visit rollup. */
export const VISIT_DIMENSIONS = DIMENSION_NAMES.filter((name) => REPORT_DIMENSIONS[name].level === 'visit');

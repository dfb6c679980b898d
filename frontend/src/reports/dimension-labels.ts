import type { Schemas } from '../api/schemas.js';

/** What a report may break down and filter by (config/src/report-dimensions.ts, through the API's description). */
export type Dimension = Schemas['BreakdownReportDto']['dimension'];

/** A dimension's name for people, as a filter chip says it ("Country is DE"). */
export const DIMENSION_LABELS: Record<Dimension, string> = {
  page: 'Page',
  hostname: 'Hostname',
  event_name: 'Event',
  entry_page: 'Entry page',
  exit_page: 'Exit page',
  referrer: 'Referrer',
  referrer_source: 'Source',
  channel: 'Channel',
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  utm_term: 'UTM term',
  utm_content: 'UTM content',
  country: 'Country',
  region: 'Region',
  city: 'City',
  browser: 'Browser',
  browser_version: 'Browser version',
  os: 'Operating system',
  device: 'Device',
  language: 'Language',
  prop_key: 'Property',
  prop_value: 'Property value',
  outbound_link: 'Outbound link',
  download: 'Download',
  element: 'Action',
};

export const dimensionLabel = (dimension: string) => DIMENSION_LABELS[dimension as Dimension] ?? dimension;

/** The channels the edge classifies visits into (config/src/channels.ts), as people name them. */
const CHANNEL_LABELS: Record<string, string> = {
  search: 'Search',
  social: 'Social',
  email: 'Email',
  paid: 'Paid',
  video: 'Video',
  ai: 'AI assistants',
  referral: 'Referral',
  direct: 'Direct',
};

/** The events the tracker sends on its own (tracker/src), as people name them; a site's own keep their names. */
const EVENT_LABELS: Record<string, string> = {
  pageview: 'Pageview',
  $engagement: 'Engagement (time and scroll)',
  $autocapture: 'Autocaptured click',
  $outbound: 'Outbound link click',
  $download: 'File download',
  $form_submit: 'Form submission',
  $error: 'JavaScript error',
  $flag: 'Feature flag read',
};

/** A label of the record's own: a value named "constructor" is no key of it. */
const ownLabel = (labels: Record<string, string>, value: string) =>
  Object.hasOwn(labels, value) ? labels[value] : undefined;

const displayNames = new Map<string, Intl.DisplayNames>();

/** The name the locale gives a code ("DE" → "Germany", "pt-BR" → "Brazilian Portuguese"); none for a code it doesn't know. */
function codeName(type: 'region' | 'language', code: string, locale: string | undefined): string | undefined {
  const key = `${type} ${locale ?? ''}`;
  try {
    const names = displayNames.get(key) ?? new Intl.DisplayNames(locale, { type, fallback: 'none' });
    displayNames.set(key, names);
    return names.of(code);
  } catch {
    // Safe to swallow: a value that is no code (the edge stores what it was sent) is shown as it is.
    return undefined;
  }
}

/** A value's name where it is a code: a channel, a built-in event, a country or a language; a device capitalized. */
function codedValue(dimension: string, value: string, locale: string | undefined): string | undefined {
  switch (dimension) {
    case 'channel':
      return ownLabel(CHANNEL_LABELS, value);
    case 'event_name':
      return ownLabel(EVENT_LABELS, value);
    case 'country':
      return codeName('region', value, locale);
    case 'language':
      return codeName('language', value, locale);
    case 'device':
      return value.charAt(0).toUpperCase() + value.slice(1);
    default:
      return undefined;
  }
}

/**
 * What the panel shows for a value: a code by its name in the reader's locale ("Germany", "German"), and
 * for an empty value that the events had none. A visit without a referrer came directly (typed,
 * bookmarked, or the referrer was withheld), so its source reads "Direct / none"; a visit stored before the
 * edge classified channels has no channel.
 */
export const valueLabel = (dimension: string, value: string, locale?: string) =>
  (value && codedValue(dimension, value, locale)) ||
  value ||
  (dimension === 'referrer_source' || dimension === 'referrer' ? 'Direct / none' : '(not set)');

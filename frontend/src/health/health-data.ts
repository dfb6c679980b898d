import type { IngestHealth } from './api.js';
import { formatCount, formatNumber } from '../shared/format.js';

/**
 * The ingest health as the page shows it: the edge's codes in words, counts and sizes formatted. Pure,
 * unit-tested.
 */
export const REASON_LABELS: Record<string, string> = {
  missing_name: 'Invalid: no event name',
  missing_url: 'Invalid: no page URL',
  bad_url: 'Invalid: page URL unreadable',
  bad_id: 'Invalid: malformed event id',
  not_an_object: 'Invalid: not an event',
  origin_not_allowed: 'Origin not allowed',
  signature_missing: 'Signed batch: no signature',
  signature_invalid: 'Signed batch: wrong signature',
  timestamp_invalid: 'Signed batch: bad timestamp',
  timestamp_stale: 'Signed batch: stale timestamp',
  no_events: 'Batch without events',
  too_many_events: 'Batch of too many events',
  rate_limited: 'Rate-limited',
  unknown_site: 'Unknown site key',
  bad_json: 'Unreadable body',
  too_many_values: 'Body of too many values',
  body_too_large: 'Body too large',
  length_required: 'Body without a length',
  method_not_allowed: 'Method not allowed',
  disk_budget: 'Disk budget reached (pipeline behind)',
  origin_missing: 'No Origin or Referer (the site allows only some origins)',
  blocked_address: 'From an address the site blocks',
  blocked_country: 'From a country the site blocks',
  blocked_page: 'On a page the site blocks',
};

/** Why the edge took events for a bot's (edge/lua/sluice/bots.lua and claims.lua name them). */
export const BOT_KIND_LABELS: Record<string, string> = {
  crawler: 'Listed crawlers and monitors',
  automation: 'Automated browsers',
  library: 'HTTP libraries and scripts',
  no_user_agent: 'No user agent',
  impossible_headers: 'Headers no browser sends',
  foreign_hostname: "Pages on another site's host",
  too_many_visitors: 'Too many visitor ids from one address',
};

export const reasonLabel = (reason: string) => REASON_LABELS[reason] ?? reason;

export interface HealthLine {
  label: string;
  value: string;
}

/** This site's events: accepted, refused and from bots, in totals. */
export function siteTotals(health: IngestHealth, locale?: string): HealthLine[] {
  if (!health.site) return [];
  const { accepted, refused, bots } = health.site;
  const refusedEvents = refused.reduce((sum, line) => sum + line.count, 0);
  const botEvents = bots.reduce((sum, line) => sum + line.events, 0);
  return [
    { label: 'Accepted', value: formatCount(accepted, locale) },
    { label: 'Refused', value: formatCount(refusedEvents, locale) },
    { label: 'From bots', value: formatCount(botEvents, locale) },
  ];
}

/**
 * Events the edge took for a visitor's and the pipeline has still to store: accepted counts the bots' events a
 * site flags too, which reports leave out. Only meaningful while nothing of the site is stored yet.
 */
export const visitorEventsAccepted = (health: IngestHealth): number =>
  (health.site?.accepted ?? 0) -
  (health.site?.bots ?? [])
    .filter(({ action }) => action === 'flagged')
    .reduce((sum, { events }) => sum + events, 0);

/** Bots by kind, and what the site's policy did with them. */
export const botLines = (health: IngestHealth, locale?: string): HealthLine[] =>
  (health.site?.bots ?? []).map(({ kind, action, events }) => ({
    label: `${BOT_KIND_LABELS[kind] ?? kind} (${action === 'dropped' ? 'dropped' : 'kept, flagged'})`,
    value: formatCount(events, locale),
  }));

/** Refusals by reason, counts formatted. */
export const reasonLines = (reasons: { reason: string; count: number }[], locale?: string): HealthLine[] =>
  reasons.map(({ reason, count }) => ({
    label: reasonLabel(reason),
    value: formatCount(count, locale),
  }));

/** Bytes as people read them: 0 B, 512 B, 1.5 kB, 64 MB, 10 GB (powers of 1,000, as disks are sold). */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1, locale)} ${units[unit]}`;
}

/** The node's figures: the events folder and the shipper's lag, dead letters and refusals. */
export function nodeLines(health: IngestHealth, locale?: string): HealthLine[] {
  return [
    ...(health.node
      ? [
          {
            label: 'Backlog on disk',
            value: `${formatBytes(health.node.backlogBytes, locale)} of ${formatBytes(health.node.budgetBytes, locale)}`,
          },
          {
            label: 'Beacons refused for disk',
            value: health.node.refusing ? 'Yes: the pipeline is behind' : 'No',
          },
        ]
      : []),
    ...(health.pipeline
      ? [
          { label: 'Pipeline lag', value: `${formatNumber(health.pipeline.lagSeconds, 1, locale)} s` },
          { label: 'Not yet in ClickHouse', value: formatBytes(health.pipeline.lagBytes, locale) },
          { label: 'Dead letters', value: formatCount(health.pipeline.deadLetters, locale) },
          { label: 'Rows ClickHouse refused', value: formatCount(health.pipeline.rowsRefused, locale) },
          { label: 'Failed inserts (retried)', value: formatCount(health.pipeline.insertFailures, locale) },
        ]
      : []),
  ];
}

/** Why a source's figures are missing, in words; undefined when it answered. */
export function sourceNotice(source: 'edge' | 'shipper', state: IngestHealth['edge']): string | undefined {
  const what = source === 'edge' ? "The edge's counters" : "The shipper's figures";
  switch (state) {
    case 'ok':
      return undefined;
    case 'not_configured':
      return source === 'edge'
        ? `${what} are not configured: set SLUICE_EDGE_METRICS_URL for the backend.`
        : `${what} are not available: the pipeline is Vector, or SLUICE_SHIPPER_METRICS_URL is not set (see Vector's own metrics).`;
    case 'unreachable':
      return `${what} could not be read: check that it is running, then read again.`;
  }
}

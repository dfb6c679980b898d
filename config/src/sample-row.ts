import { randomUUID } from 'node:crypto';
import type { EventRow } from './event-contract';

/**
 * A conforming row for tests: a pageview of site 1 with a fresh event id and empty optional
 * fields, changed by `overrides`. One factory, so a contract change updates every test's rows.
 */
export function sampleEventRow(overrides: Partial<EventRow> = {}): EventRow {
  return {
    event_id: randomUUID(),
    site_id: 1,
    ts: new Date().toISOString().slice(0, 19).replace('T', ' '),
    name: 'pageview',
    hostname: 'shop.test',
    pathname: '/',
    referrer: '',
    referrer_source: '',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    utm_term: '',
    utm_content: '',
    browser: '',
    browser_version: '',
    os: '',
    device: '',
    is_bot: 0,
    country: '',
    region: '',
    city: '',
    visitor_id: 'a'.repeat(32),
    session_id: 's1',
    user_id: '',
    props_keys: [],
    props_values: [],
    ...overrides,
  };
}
